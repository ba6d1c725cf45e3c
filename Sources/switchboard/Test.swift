import ArgumentParser
import DecisionTable
import Foundation
import InteractionLogging
import Diagnostics
import JSONLines

extension Switchboard {
    /// `switchboard test`: run scenario files and report which rules no scenario reaches.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenario files: facts or Aircall events with the outputs or routes they must give.",
            discussion: """
                A scenario file names its rules (default: the built-in rules) and lists \
                scenarios: `facts:` with the outputs to `expect:`, or an Aircall `event:` \
                (inline, or a JSON file) routed against a `directory:`, with the route \
                fields to expect (status, contact, projects, team_member, actions, button). \
                With no FILES, every *.scenarios.yaml under rules/ and Examples/ runs.

                Prints one line per scenario; a failure shows each expected and actual value \
                and the rule that decided it, with its file and line. Then every rule that \
                no scenario reached: FILE:LINE: warning: rule 'x' is not exercised by any \
                scenario.

                --rules FILE tests another version of the rules (an edited copy) instead of the \
                file's `rules:`; --directory FILE replaces the file's top-level `directory:` (a \
                scenario's own `directory:` stays); --log-on-all-projects on|off sets the \
                company setting of every directory event scenarios route against (a \
                scenario's own `company:` still applies).

                Exit codes: 0 every scenario passed; 1 a scenario failed, a scenario file is \
                invalid, or (with --require-coverage) a rule is not exercised; 64 bad usage.
                """
        )

        @OptionGroup var format: FormatOption<HumanOrJSON>

        @OptionGroup var color: ColorOption

        @Option(help: ArgumentHelp("Test this rules file instead of the one each scenario file names.", valueName: "file"))
        var rules: String?

        @Option(help: ArgumentHelp("Route event scenarios against this Spark directory instead of the scenario file's.", valueName: "file"))
        var directory: String?

        @OptionGroup var company: CompanySettingOption

        @Flag(help: "Fail when a rule is not exercised by any scenario.")
        var requireCoverage = false

        @Argument(
            help: ArgumentHelp(
                "Scenario files (default: every *.scenarios.yaml under rules/ and Examples/).",
                valueName: "file"))
        var files: [String] = []

        /// Every `*.scenarios.yaml` under `rules/` and `Examples/` of the current folder, sorted.
        static func discover() -> [String] {
            ["rules", "Examples"].flatMap { folder -> [String] in
                guard let names = FileManager.default.enumerator(atPath: folder) else { return [] }
                return names.compactMap { name in
                    guard let name = name as? String, name.hasSuffix(".scenarios.yaml") else { return nil }
                    return "\(folder)/\(name)"
                }
            }.sorted()
        }

        func run() throws {
            let paths = files.isEmpty ? Self.discover() : files
            if paths.isEmpty {
                throw ValidationError("no scenario files: give FILES, or add *.scenarios.yaml files under rules/ or Examples/")
            }
            let colors = color.colors(on: STDERR_FILENO)
            let overrides = ScenarioFile.Overrides(
                rules: try rules.map { try RulesOption.load($0, colors: colors) },
                directory: try directory.map { try RoutingOptions.loadDirectory($0, strict: false, colors: colors) },
                logOnAllProjects: company.flag)
            var report = TestReport()
            for path in paths {
                do {
                    let file = try ScenarioFile(contentsOf: URL(filePath: path), overrides: overrides, loadRules: RulesFile.decisionTables)
                    if !file.warnings.isEmpty {
                        // A directory's left-out phone field, for instance: shown, not fatal.
                        DiagnosticsPrinter.print(
                            DiagnosticsError(file.warnings, sources: file.warningSources),
                            colors: color.colors(on: STDERR_FILENO))
                    }
                    let results = file.run()
                    report.results.append((file, results))
                    report.coverage.add(results, of: file)
                } catch {
                    report.invalid.append(error)
                    DiagnosticsPrinter.print(error, colors: color.colors(on: STDERR_FILENO))
                }
            }
            var output = Output.standardOutput()
            switch format.format {
            case .json: try output.write(report.json.rendered + "\n")
            default: try output.write(report.text)
            }
            try output.flush()
            if report.failed > 0 || !report.invalid.isEmpty || (requireCoverage && !report.coverage.unexercised.isEmpty) {
                throw ExitCode(1)
            }
        }
    }
}

/// The results of `switchboard test`, for people or as JSON.
struct TestReport {
    var results: [(file: ScenarioFile, results: [ScenarioResult])] = []
    var coverage = RuleCoverage()
    /// The scenario files that could not be loaded.
    var invalid: [DiagnosticsError] = []

    var scenarioCount: Int { results.reduce(0) { $0 + $1.results.count } }
    var failed: Int { results.reduce(0) { $0 + $1.results.filter { !$0.passed }.count } }

    /// `PASS FILE:LINE name` per scenario, the details of each failure, the rules no scenario
    /// reached, and a summary line.
    var text: String {
        var out = ""
        for (file, results) in results {
            for result in results {
                out += "\(result.passed ? "PASS" : "FAIL") \(file.path):\(result.scenario.location.line) \(result.scenario.name)\n"
                if !result.passed { out += Self.details(result) }
            }
        }
        let unexercised = coverage.unexercised
        if !unexercised.isEmpty {
            out += "\n"
            for rule in unexercised {
                out += "\(rule.location.file):\(rule.location.line): warning: rule '\(rule.id)' is not exercised by any scenario\n"
            }
        }
        let count = scenarioCount
        out += "\n\(count) scenario\(count == 1 ? "" : "s"): \(count - failed) passed, \(failed) failed"
        if !invalid.isEmpty { out += "; \(invalid.count) scenario file\(invalid.count == 1 ? "" : "s") invalid" }
        out += "; \(coverage.exercisedCount) of \(coverage.ruleCount) rules exercised\n"
        return out
    }

    /// The expected and actual values side by side, each with the rule that decided it.
    private static func details(_ result: ScenarioResult) -> String {
        var rows = [["field", "expected", "actual", "decided by"]]
        for mismatch in result.mismatches {
            let rules = mismatch.decidedBy.map { "\($0.location.file):\($0.location.line): \($0.table)/\($0.id)" }
            rows.append([
                mismatch.field, mismatch.expected.rendered, mismatch.actual.rendered,
                rules.isEmpty ? "-" : rules.joined(separator: ", "),
            ])
        }
        var out = ""
        if rows.count > 1 {
            let widths = (0..<3).map { column in rows.map { $0[column].count }.max()! }
            for row in rows {
                var line = "    "
                for column in 0..<3 { line += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2) }
                out += line + row[3] + "\n"
            }
        }
        if let error = result.error { out += "    error: \(error)\n" }
        if let reason = result.reason, !result.mismatches.isEmpty { out += "    reason: \(reason)\n" }
        if !result.mismatches.isEmpty {
            for refusal in result.refusals { out += "    refused: \(refusal)\n" }
        }
        return out
    }

    var json: JSONValue {
        let scenarios: [JSONValue] = results.flatMap { file, results in
            results.map { result in
                var pairs: [(String, JSONValue)] = [
                    ("file", .string(file.path)),
                    ("line", .integer(result.scenario.location.line)),
                    ("name", .string(result.scenario.name)),
                    ("passed", .bool(result.passed)),
                    (
                        "failures",
                        .array(
                            result.mismatches.map { mismatch in
                                .object([
                                    ("field", .string(mismatch.field)),
                                    ("expected", mismatch.expected),
                                    ("actual", mismatch.actual),
                                    ("line", .integer(mismatch.location.line)),
                                    ("rules", .array(mismatch.decidedBy.map(Self.ruleJSON))),
                                ])
                            })
                    ),
                ]
                pairs.append(("error", result.error.map(JSONValue.string) ?? .null))
                pairs.append(("rules", .object(result.rules.map { ($0.table, .array($0.rules.map(JSONValue.string))) })))
                return .object(pairs)
            }
        }
        let tables: [JSONValue] = coverage.tables.map { table in
            .object([
                ("file", .string(table.file)),
                ("table", .string(table.name)),
                ("rules", .integer(table.rules.count)),
                ("exercised", .integer(table.rules.count - table.unexercised.count)),
                ("unexercised", .array(table.unexercised.map(Self.ruleJSON))),
            ])
        }
        let diagnostics: [JSONValue] = (results.flatMap(\.file.warnings) + invalid.flatMap(\.diagnostics)).map { diagnostic in
            .object([
                ("file", .string(diagnostic.location.file)),
                ("line", .integer(diagnostic.location.line)),
                ("column", .integer(diagnostic.location.column)),
                ("severity", .string(diagnostic.severity.rawValue)),
                ("code", .string(diagnostic.code)),
                ("message", .string(diagnostic.message)),
            ])
        }
        return .object([
            ("scenarios", .array(scenarios)),
            ("coverage", .array(tables)),
            ("diagnostics", .array(diagnostics)),
            (
                "summary",
                .object([
                    ("scenarios", .integer(scenarioCount)),
                    ("passed", .integer(scenarioCount - failed)),
                    ("failed", .integer(failed)),
                    ("invalid_files", .integer(invalid.count)),
                    ("rules", .integer(coverage.ruleCount)),
                    ("exercised", .integer(coverage.exercisedCount)),
                ])
            ),
        ])
    }

    private static func ruleJSON(_ rule: TableRule) -> JSONValue {
        .object([
            ("table", .string(rule.table)), ("rule", .string(rule.id)),
            ("file", .string(rule.location.file)), ("line", .integer(rule.location.line)),
        ])
    }
}
