import DecisionTable
import Diagnostics
import JSONLines

extension ValidationReport {
    /// Compiler-style text: each finding with `[code]`, its source line and a caret, then a
    /// summary line.
    public func text(colors: Bool = false) -> String {
        let diagnostics = findings.map { finding in
            var diagnostic = finding.diagnostic
            diagnostic.message = "[\(diagnostic.code)] \(diagnostic.message)"
            return diagnostic
        }
        return DiagnosticsFormatter(colors: colors).format(diagnostics, sources: [file: source])
    }

    /// `N errors, M warnings in FILE` (or `FILE: no problems found`).
    public var summaryLine: String {
        if findings.isEmpty { return "\(file): no problems found" }
        return "\(file): \(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning"))"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The findings as JSON objects.
    public var jsonDiagnostics: [JSONValue] { findings.map { $0.json(file: file) } }
}

extension Finding {
    /// `{"file", "line", "column", "severity", "code", "table", "message", "rules", "cells"?, "witness"?}`.
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
        if !diagnostic.notes.isEmpty {
            pairs.append(("notes", .array(diagnostic.notes.map { note in
                .object([("line", .integer(note.location.line)), ("column", .integer(note.location.column)),
                         ("message", .string(note.message))])
            })))
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
            .object([("ranges", .array(ranges.map { range in
                .array([range.lower.map(JSONValue.integer) ?? .null, range.upper.map(JSONValue.integer) ?? .null])
            }))])
        }
    }
}
