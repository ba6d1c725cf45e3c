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
                One row per rule in file order, conditions and results in plain words, with the \
                rule's id and description. Exit codes: 0 rendered; 1 invalid rules; 64 bad usage.
                """
        )

        @OptionGroup var rules: RulesOption

        @Argument(help: ArgumentHelp("The rules file, as a shorter spelling of --rules.", valueName: "rules"))
        var file: String?

        @OptionGroup var format: FormatOption<Document>

        @OptionGroup var color: ColorOption

        func validate() throws {
            if file != nil, rules.rules != nil {
                throw ValidationError("give the rules file once: as an argument or with --rules")
            }
        }

        func run() throws {
            let chosen = RulesOption(rules: file ?? rules.rules)
            let tables = try chosen.load(colors: color.colors(on: STDERR_FILENO))
            var output = Output.standardOutput()
            switch format.format {
            case .html:
                let title = chosen.rules.map { URL(filePath: $0).lastPathComponent } ?? "interaction-logging.yaml"
                try output.write(TableDocumentation.html(tables.tables, title: title, header: tables.header))
            default: try output.write(TableDocumentation.markdown(tables.tables))
            }
            try output.flush()
        }
    }
}
