import ArgumentParser
import DecisionTable
import Foundation
import DecisionTableReports
import InteractionLogging

extension Switchboard {
    /// `switchboard table`: the rules as a help-center table.
    struct Table: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a rules file's tables for people, as Markdown or a standalone HTML page.",
            discussion: """
                One row per rule in file order, conditions and results in plain words, with the
                rule's id and description. Exit codes: 0 rendered; 1 invalid rules; 64 bad usage.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, html
        }

        @Option(help: "markdown or html.")
        var format: Format = .markdown

        @Argument(help: ArgumentHelp("The rules file.", valueName: "rules"))
        var rules: String

        func run() throws {
            let tables = try RulesOption.load(rules)
            var output = StandardOutput()
            switch format {
            case .markdown: output.write(TableDocumentation.markdown(tables.tables))
            case .html: output.write(TableDocumentation.html(tables.tables, title: URL(filePath: rules).lastPathComponent, header: tables.header))
            }
            output.flush()
        }
    }
}
