/// Collects diagnostics while a file is decoded, so that one run reports every problem.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func error(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, notes: notes))
    }

    func warning(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.warning, code: code, message, at: location, notes: notes))
    }
}
