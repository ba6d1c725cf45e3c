/// Collects diagnostics while a file is decoded, so that one run reports every problem.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    /// The position in the file's `tables` list of the table being decoded, if any.
    var currentTable: Int?
    /// The tables (by position) that have errors; the validator skips only those.
    private(set) var failedTables: Set<Int> = []
    /// Whether an error outside any table (the file's shape) stops every table.
    private(set) var fileFailed = false

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, notes: notes))
        if let currentTable { failedTables.insert(currentTable) } else { fileFailed = true }
    }

    func warning(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.warning, code: code, message, at: location, notes: notes))
    }
}
