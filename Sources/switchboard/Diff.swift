import ArgumentParser
import DecisionTable

extension Switchboard {
    /// `switchboard diff`: what an edit changes in the decisions.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions of a rules file by what they decide.",
            discussion: """
                Reports, table by table, the regions of the input space where the decided outputs
                differ, with the old and new outputs and the deciding rules, and the tables,
                inputs and outputs added or removed. Reordered rules, renamed ids and new
                descriptions that change no outcome report nothing.

                Exit codes: 0 the versions decide alike; 1 they differ (or a file is invalid);
                64 bad usage.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case human, json
        }

        @Option(help: "Output format: human or json.")
        var format: Format = .human

        @Argument(help: ArgumentHelp("The old rules file.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The new rules file.", valueName: "new"))
        var new: String

        func run() throws {
            let before = try RulesOption.load(old)
            let after = try RulesOption.load(new)
            let diff = SemanticDiff.diff(old: before, new: after)
            var output = StandardOutput()
            switch format {
            case .json: output.write(diff.json.rendered + "\n")
            case .human: output.write(diff.isEmpty ? "no change in what the rules decide\n" : diff.text)
            }
            output.flush()
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}
