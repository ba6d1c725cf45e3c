import ArgumentParser
import DecisionTable
import JSONLines

extension Switchboard {
    /// `switchboard evaluate`: run the tables of a rules file on facts.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a rules file on facts, one JSON result per input.",
            discussion: """
                Facts are one JSON object, given with --facts, or one object per line in the input
                files ('-' reads standard input). Each input line gives exactly one output line:
                {"outputs": {...}, "rules": {"<table>": ["<winning rule id>"]}} or
                {"line": N, "error": "..."}; the batch goes on after a bad line.

                Exit codes: 0 every input evaluated; 1 an input failed or the rules are invalid;
                64 bad usage.
                """
        )

        @OptionGroup var rules: RulesOption

        @Option(name: .long, help: ArgumentHelp("One JSON object of facts.", valueName: "json"))
        var facts: String?

        @Flag(help: "Explain, for people, which rule won in each table and why the nearest others did not.")
        var explain = false

        @Argument(help: ArgumentHelp("JSON Lines files of facts; '-' reads standard input.", valueName: "input"))
        var inputs: [String] = []

        func validate() throws {
            if facts == nil, inputs.isEmpty {
                throw ValidationError("give facts with --facts '{...}' or input files ('-' for standard input)")
            }
            if facts != nil, !inputs.isEmpty {
                throw ValidationError("give either --facts or input files, not both")
            }
        }

        func run() throws {
            let tables = try rules.load()
            var output = StandardOutput()
            var failed = false
            if let facts {
                failed = !evaluate(facts, with: tables, record: .single, into: &output)
            } else {
                try InputLines.forEach(in: inputs) { line in
                    failed = !evaluate(line.text, with: tables, record: .batch(line), into: &output) || failed
                }
            }
            output.flush()
            if failed { throw ExitCode(1) }
        }

        private enum Record {
            case single
            case batch(InputLine)
        }

        /// Evaluates one JSON text and writes one record; returns whether it succeeded.
        private func evaluate(_ text: String, with tables: DecisionTables, record: Record, into output: inout StandardOutput) -> Bool {
            do {
                let json: JSONValue
                do { json = try JSONParser.parse(text) } catch {
                    throw InputError("invalid JSON at \(error)")
                }
                let facts = try tables.facts(fromJSON: json)
                if explain {
                    let explanation = try tables.explain(facts)
                    if case .batch(let line) = record { output.write("\(line.label):\n") }
                    output.write(explanation.text)
                    return explanation.error == nil
                }
                output.write(try tables.evaluate(facts).json.rendered + "\n")
                return true
            } catch {
                let message = "\(error)"
                switch record {
                case .single:
                    if explain { output.write("error: \(message)\n") } else {
                        output.write(JSONValue.object([("error", .string(message))]).rendered + "\n")
                    }
                case .batch(let line):
                    if explain { output.write("\(line.label):\nerror: \(message)\n") } else {
                        output.write(line.errorRecord(message).rendered + "\n")
                    }
                }
                return false
            }
        }
    }
}

/// A problem with one input line that is not an evaluation error.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
