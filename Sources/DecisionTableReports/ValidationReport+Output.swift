import DecisionTable
import Diagnostics
import JSONLines

extension ValidationReport {
    /// The most findings of one kind the text prints, unless asked for all: a screenful.
    public static let screenful = 20

    /// Compiler-style text: each finding with `[code]`, its source line and a caret.
    ///
    /// When some kind has more than a ``screenful`` of findings, a summary leads (the count
    /// of each kind, the largest gaps by their share of the input space) and each kind prints
    /// its first ``screenful`` (gaps largest first) and how many more there are, unless `all`.
    public func text(colors: Bool = false, all: Bool = false) -> String {
        let counts = Dictionary(grouping: findings, by: \.diagnostic.code).mapValues(\.count)
        let truncated = !all && counts.values.contains { $0 > Self.screenful }
        var printed: [String: Int] = [:]
        var shown: [Finding] = []
        for finding in findings {
            let code = finding.diagnostic.code
            printed[code, default: 0] += 1
            if !truncated || printed[code]! <= Self.screenful || code == "incomplete" { shown.append(finding) }
        }
        let diagnostics = shown.map { finding in
            var diagnostic = finding.diagnostic
            diagnostic.message = "[\(diagnostic.code)] \(diagnostic.message)"
            return diagnostic
        }
        var text = truncated ? summary(counts) : ""
        text += DiagnosticsFormatter(colors: colors).format(diagnostics, sources: [file: source])
        if truncated {
            for (code, count) in counts.sorted(by: { $0.key < $1.key }) where count > Self.screenful && code != "incomplete" {
                text += "... and \(count - Self.screenful) more [\(code)] findings (--all prints them; --format json has them all)\n"
            }
        }
        return text
    }

    /// Counts by kind and the largest gaps, for a report too long to read whole.
    private func summary(_ counts: [String: Int]) -> String {
        var text = "\(file): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        let gaps = findings.filter { $0.diagnostic.code == "gap" && $0.share != nil }
        let total = gaps.reduce(0.0) { $0 + ($1.share ?? 0) }
        if !gaps.isEmpty {
            text += "  gaps cover \(Finding.percent(total)) of the input space; the largest:\n"
            for gap in gaps.sorted(by: { ($0.share ?? 0) > ($1.share ?? 0) }).prefix(3) {
                text += "    \(Finding.percent(gap.share ?? 0)): \(Self.phrase(gapRow: gap.cells))\n"
            }
        }
        return text
    }

    /// A gap row in a few words: its constrained inputs, `everything` when it has none, and
    /// what the gaps past those listed are when it is no row (they have no cells).
    static func phrase(gapRow cells: [InputCells]?) -> String {
        guard let cells else { return "in boxes not listed (more than a report keeps)" }
        let when = cells.filter { $0.values != .any }.map { "\($0.input) is \($0.values.phrase)" }
        return when.isEmpty ? "everything" : when.joined(separator: ", ")
    }

    /// `N errors, M warnings in FILE` (or `FILE: no problems found`).
    public var summaryLine: String {
        if findings.isEmpty { return "\(file): no problems found" }
        return "\(file): \(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning"))"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension Finding {
    /// `{"file", "line", "column", "severity", "code", "table", "message", "rules", "cells"?,
    /// "witness"?, "hub"?, "share"?, "covered_by"?}`.
    public func json(file: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("file", .string(diagnostic.location.file)),
            ("line", .integer(diagnostic.location.line)),
            ("column", .integer(diagnostic.location.column)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code)),
            ("table", table.map(JSONValue.string) ?? .null),
            ("message", .string(diagnostic.message)),
            ("rules", .array(rules.map(JSONValue.string))),
        ]
        if let cells { pairs.append(("cells", .object(cells.map { ($0.input, $0.values.json) }))) }
        if let witness { pairs.append(("witness", .object(witness.map { ($0.name, JSONValue($0.value)) }))) }
        if let hub { pairs.append(("hub", .string(hub))) }
        if let share { pairs.append(("share", .number(share))) }
        if let coveredBy { pairs.append(("covered_by", .array(coveredBy.map(JSONValue.string)))) }
        if !diagnostic.notes.isEmpty {
            pairs.append(
                (
                    "notes",
                    .array(
                        diagnostic.notes.map { note in
                            .object([
                                ("line", .integer(note.location.line)), ("column", .integer(note.location.column)),
                                ("message", .string(note.message)),
                            ])
                        })
                ))
        }
        return .object(pairs)
    }
}

extension CellValues {
    /// `"-"`, `{"in": [...]}` or `{"ranges": [[lo, hi], ...]}` with null for unbounded.
    public var json: JSONValue {
        switch self {
        case .any: .string("-")
        case .values(let values): .object([("in", .array(values.map(JSONValue.init)))])
        case .ranges(let ranges):
            .object([
                (
                    "ranges",
                    .array(
                        ranges.map { range in
                            .array([range.lower.map(JSONValue.integer) ?? .null, range.upper.map(JSONValue.integer) ?? .null])
                        })
                )
            ])
        case .numbers(let intervals): .object([("numbers", .array(intervals.map { .string($0.description) }))])
        case .otherThan(let strings): .object([("not-in", .array(strings.map(JSONValue.string)))])
        }
    }
}
