import ArgumentParser
import DecisionTable
import Foundation
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
                {"line": N, "error": "..."}; the batch goes on after a bad line, and after an
                input that cannot be read ({"file": ..., "error": "cannot read ..."}, with the
                reason on standard error too).

                Exit codes: 0 every input evaluated; 1 an input failed or could not be read, or
                the rules are invalid; 64 bad usage.
                """
        )

        @OptionGroup var rules: RulesOption

        @OptionGroup var color: ColorOption

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
            let tables = try rules.load(colors: color.colors(on: STDERR_FILENO))
            var output = Output.standardOutput()
            var failed = false
            if let facts {
                failed = try !evaluate(facts, with: tables, record: .single, into: &output)
            } else {
                try InputLines.forEach(in: inputs) { line in
                    failed = try !evaluate(line.text, with: tables, record: .batch(line), into: &output) || failed
                } unreadable: { failure in
                    failed = true
                    // Said where the records are, in order, and on standard error for people.
                    let record = JSONValue.object([("file", .string(failure.diagnostic.location.file)),
                                                   ("error", .string(failure.description))])
                    try output.write(explain ? "error: \(failure)\n" : record.rendered + "\n")
                    try output.flush()
                    DiagnosticsPrinter.print(failure, colors: color.colors(on: STDERR_FILENO))
                }
            }
            try output.flush()
            if failed { throw ExitCode(1) }
        }

        private enum Record {
            case single
            case batch(InputLine)
        }

        /// Evaluates one JSON text and writes one record; returns whether it succeeded.
        private func evaluate(_ text: String, with tables: DecisionTables, record: Record,
                              into output: inout Output) throws(IOFailure) -> Bool {
            do {
                let json: JSONValue
                do { json = try JSONParser.parse(text) } catch {
                    throw InputError("invalid JSON at \(error)")
                }
                let facts = try tables.facts(fromJSON: json)
                if explain {
                    let explanation = try tables.explain(facts)
                    if case .batch(let line) = record { try output.write("\(line.label):\n") }
                    try output.write(explanation.text)
                    return explanation.error == nil
                }
                try output.write(try tables.evaluate(facts).json.rendered + "\n")
                return true
            } catch let failure as IOFailure {
                throw failure
            } catch {
                let message = "\(error)"
                switch record {
                case .single:
                    if explain { try output.write("error: \(message)\n") } else {
                        try output.write(JSONValue.object([("error", .string(message))]).rendered + "\n")
                    }
                case .batch(let line):
                    if explain { try output.write("\(line.label):\nerror: \(message)\n") } else {
                        try output.write(line.errorRecord(message).rendered + "\n")
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
