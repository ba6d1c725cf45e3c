import ArgumentParser
import DecisionTable
import DecisionTableReports
import Foundation
import JSONLines

extension Switchboard {
    /// `switchboard evaluate`: run the tables of a rules file on facts.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a rules file on facts, one JSON result per input.",
            discussion: """
                Facts are one JSON object, given with --facts, or the records of the input files \
                ('-' reads standard input): one object per line (JSON Lines), or objects that \
                span lines; blank lines are not records, and a byte-order mark at the start is \
                skipped. Each record gives exactly one output line: \
                {"outputs": {...}, "rules": {"<table>": ["<winning rule id>"]}} or \
                {"file": ..., "line": N, "column": N, "error": "..."}, a syntax error at its own \
                line and column ('<stdin>' names standard input). After a syntax error, reading \
                resumes at the next line that starts with '{' or '['. The batch goes on after a \
                bad record, and after an input that cannot be read ({"file": ..., "error": \
                "cannot read ..."}, with the reason on standard error too).

                Exit codes: 0 every input evaluated; 1 an input failed or could not be read, or \
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
                failed = try !evaluate(.single(facts), with: tables, into: &output)
            } else {
                // Plain lines are read and written byte to byte; every other record, and every
                // record explained, takes the general path, which writes the same bytes.
                let plainLines = explain ? nil : JSONFactsEvaluator(tables)
                try InputRecords.forEach(in: inputs) { record in
                    if let plainLines, case .line(let bytes) = record.content,
                       try output.append({ plainLines.appendResult(ofPlainLine: bytes, into: &$0) }) {
                        return
                    }
                    failed = try !evaluate(.batch(record), with: tables, into: &output) || failed
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

        private enum Input {
            /// The text of --facts.
            case single(String)
            case batch(InputRecord)
        }

        /// Evaluates one input and writes one record; returns whether it succeeded.
        private func evaluate(_ input: Input, with tables: DecisionTables,
                              into output: inout Output) throws(IOFailure) -> Bool {
            do {
                let json: JSONValue
                switch input {
                case .single(let text):
                    do { json = try JSONParser.parse(text) } catch { throw InputError("invalid JSON at \(error)") }
                case .batch(let record):
                    json = try record.json()
                }
                let facts = try tables.facts(fromJSON: json)
                if explain {
                    let explanation = try tables.explain(facts)
                    if case .batch(let record) = input { try output.write("\(record.label):\n") }
                    try output.write(explanation.text)
                    return explanation.error == nil
                }
                try output.write(try tables.evaluate(facts).json.rendered + "\n")
                return true
            } catch let failure as IOFailure {
                throw failure
            } catch {
                let message = "\(error)"
                let problem = (error as? InputError)?.position
                switch input {
                case .single:
                    if explain { try output.write("error: \(message)\n") } else {
                        try output.write(JSONValue.object([("error", .string(message))]).rendered + "\n")
                    }
                case .batch(let record):
                    if explain {
                        try output.write("\(record.file):\(problem ?? record.position):\nerror: \(message)\n")
                    } else {
                        try output.write(record.errorRecord(message, at: problem).rendered + "\n")
                    }
                }
                return false
            }
        }
    }
}
