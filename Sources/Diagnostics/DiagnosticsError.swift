/// The error thrown when a rules file cannot be loaded: every diagnostic found, errors first
/// in source order, and the sources they point into so they can be printed with excerpts.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics, in source order.
    public var diagnostics: [Diagnostic]
    /// The text of each file the diagnostics point into, by path.
    public var sources: [String: String]

    /// Creates the error from collected diagnostics.
    public init(_ diagnostics: [Diagnostic], sources: [String: String] = [:]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
        self.sources = sources
    }

    /// The diagnostics, one per line, without excerpts.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
