import ArgumentParser
import DecisionTable
import DecisionTableDMN
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
                ('-' reads standard input): one object per line (JSON Lines), objects that span \
                lines, or a JSON array of objects, one record per item, read an item at a time; \
                blank lines are not records, and a byte-order mark at the start is skipped. Each \
                record gives exactly one output line: \
                {"outputs": {...}, "rules": {"<table>": ["<winning rule id>"]}} or \
                {"file": ..., "line": N, "column": N, "error": "..."} ("item": N before the \
                error for an item of an array), a syntax error at its own line and column \
                ('<stdin>' names standard input). After a syntax error, reading \
                resumes at the next line that starts with '{' or '['; a record never closed \
                ends where such a line begins, one error at the end of its text. The batch goes \
                on after a \
                bad record, and after an input that cannot be read ({"file": ..., "error": \
                "cannot read ..."}, with the reason on standard error too).

                With a DMN model (a .dmn file), facts are keyed by the input data names and each \
                record gives one object of decision names to results, as DMN shapes them: a \
                value, an object for several outputs, a list for COLLECT, RULE ORDER and OUTPUT \
                ORDER, an aggregated number, or null where no rule matched. Why a decision is \
                null (a fact that does not fit, a hit policy broken) goes to standard error as \
                'FILE:LINE: message'.

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

        @Argument(help: ArgumentHelp("JSON Lines files or JSON arrays of facts; '-' reads standard input.", valueName: "input"))
        var inputs: [String] = []

        func validate() throws {
            if facts == nil, inputs.isEmpty {
                throw ValidationError("give facts with --facts '{...}' or input files ('-' for standard input)")
            }
            if facts != nil, !inputs.isEmpty {
                throw ValidationError("give either --facts or input files, not both")
            }
            if explain, isDMN {
                throw ValidationError("--explain reads rules files in YAML; a DMN model's results carry no explanation")
            }
        }

        /// Whether the rules are a DMN model, evaluated the DMN way.
        private var isDMN: Bool { rules.rules.map(RulesFile.isDMN) ?? false }

        func run() throws {
            let colors = color.colors(on: STDERR_FILENO)
            let evaluateOne: (Input, inout Output) throws(IOFailure) -> Bool
            // Plain lines are read and written byte to byte; every other record, every record
            // explained and every DMN record takes the general path, which writes the same bytes.
            var plainLines: JSONFactsEvaluator? = nil
            if isDMN, let path = rules.rules {
                let runtime: DMNRuntime
                do { runtime = try DMNRuntime(RulesFile.dmn(path)) } catch {
                    DiagnosticsPrinter.print(error, colors: colors)
                    throw ExitCode(1)
                }
                evaluateOne = { input, output throws(IOFailure) in try Self.evaluate(input, with: runtime, into: &output) }
            } else {
                if let path = rules.rules { HeapReservation.reserve(forRulesFile: path) }
                let tables = try rules.load(colors: colors)
                if !explain { plainLines = JSONFactsEvaluator(tables) }
                evaluateOne = { input, output throws(IOFailure) in try evaluate(input, with: tables, into: &output) }
            }
            defer { ProcessLifetime.keepUntilExit((evaluateOne, plainLines)) }
            var output = Output.standardOutput()
            var failed = false
            if let facts {
                failed = try !evaluateOne(.single(facts), &output)
            } else {
                try InputRecords.forEach(in: inputs) { record in
                    if let plainLines, case .line(let bytes) = record.content,
                        try output.append({ plainLines.appendResult(ofPlainLine: bytes, into: &$0) })
                    {
                        return
                    }
                    failed = try !evaluateOne(.batch(record), &output) || failed
                } unreadable: { failure in
                    failed = true
                    // Said where the records are, in order, and on standard error for people.
                    let record = JSONValue.object([
                        ("file", .string(failure.diagnostic.location.file)),
                        ("error", .string(failure.description)),
                    ])
                    try output.write(explain ? "error: \(failure)\n" : record.rendered + "\n")
                    try output.flush()
                    DiagnosticsPrinter.print(failure, colors: colors)
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

        /// Evaluates one input on a DMN model and writes its decisions (null where none was
        /// reached); why a decision is null goes to standard error. Returns whether every
        /// decision was reached without an error.
        private static func evaluate(
            _ input: Input, with runtime: DMNRuntime,
            into output: inout Output
        ) throws(IOFailure) -> Bool {
            let json: JSONValue
            do {
                switch input {
                case .single(let text):
                    do { json = try JSONParser.parse(text) } catch { throw InputError("invalid JSON at \(error)") }
                case .batch(let record):
                    json = try record.json()
                }
            } catch {
                let message = "\(error)"
                switch input {
                case .single: try output.write(JSONValue.object([("error", .string(message))]).rendered + "\n")
                case .batch(let record): try output.write(record.errorRecord(message, at: (error as? InputError)?.position).rendered + "\n")
                }
                return false
            }
            let result = runtime.evaluate(json)
            try output.write(result.decisions.rendered + "\n")
            let label =
                switch input {
                case .single: "--facts"
                case .batch(let record): record.label
                }
            for error in result.errors { StandardStreams.report("\(label): \(error)\n") }
            return result.errors.isEmpty
        }

        /// Evaluates one input and writes one record; returns whether it succeeded.
        private func evaluate(
            _ input: Input, with tables: DecisionTables,
            into output: inout Output
        ) throws(IOFailure) -> Bool {
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
                    if explain {
                        try output.write("error: \(message)\n")
                    } else {
                        try output.write(JSONValue.object([("error", .string(message))]).rendered + "\n")
                    }
                case .batch(let record):
                    if explain {
                        let place = problem.map { "\(record.file):\($0)" } ?? record.label
                        try output.write("\(place):\nerror: \(message)\n")
                    } else {
                        try output.write(record.errorRecord(message, at: problem).rendered + "\n")
                    }
                }
                return false
            }
        }
    }
}
