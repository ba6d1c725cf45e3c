/// Collects diagnostics while a file is decoded, so that one run reports every problem.
package final class DiagnosticSink {
    /// Everything reported, in the order it was reported.
    package private(set) var diagnostics: [Diagnostic] = []
    /// The position in the file's `tables` list of the table being decoded, if any.
    package var currentTable: Int?
    /// The tables (by position) that have errors; the validator skips only those.
    package private(set) var failedTables: Set<Int> = []
    /// Whether an error outside any table (the file's shape) stops every table.
    package private(set) var fileFailed = false

    /// Creates an empty sink.
    package init() {}

    /// Whether anything reported is an error.
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reports an error.
    package func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, notes: notes))
        if let currentTable { failedTables.insert(currentTable) } else { fileFailed = true }
    }

    /// Reports a warning.
    package func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.warning, code: code, message, at: location, notes: notes))
    }
}
