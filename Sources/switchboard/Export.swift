import ArgumentParser
import DecisionTable
import DecisionTableDMN
import DecisionTableReports
import Diagnostics
import Foundation

extension Switchboard {
    /// `switchboard export`: the rules in another format.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a rules file as a DMN 1.3 model, for visual modelers such as Camunda Modeler.",
            discussion: """
                Each table becomes a decision with its decision table, each fact an input data, \
                each chained table an information requirement, with diagram shapes for every \
                element. Reading the model back gives the same tables: \
                'switchboard diff RULES.yaml exported.dmn' reports no change.

                Exit codes: 0 written; 1 invalid rules or an unwritable output; 64 bad usage.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case dmn
        }

        @Option(help: "Output format: dmn.")
        var format: Format = .dmn

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Argument(help: ArgumentHelp("The rules file (YAML, or a DMN model ending in .dmn).", valueName: "rules"))
        var rules: String

        @OptionGroup var color: ColorOption

        func run() throws {
            let tables: [TableDefinition]
            do { tables = try RulesFile.tables(rules) } catch {
                DiagnosticsPrinter.print(error, colors: color.colors(on: STDERR_FILENO))
                throw ExitCode(1)
            }
            let name = URL(filePath: rules).deletingPathExtension().lastPathComponent
            let xml = DMNWriter.xml(tables, name: name)
            if let output {
                // Written beside the target and renamed, so a failed export leaves no half model.
                let file = try ReplacementFile(path: output)
                try file.write(bytes: Array(xml.utf8))
                try file.commit()
            } else {
                var standardOutput = Output.standardOutput()
                try standardOutput.write(xml)
                try standardOutput.flush()
            }
        }
    }
}
