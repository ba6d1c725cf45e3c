/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A finding about a source file, as data: a stable code, a severity, a message, a position,
/// and notes that point at related places.
///
/// Diagnostics are collected, not thrown: loading a file reports every problem it finds.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The stable, kebab-case id of the diagnostic's ``DiagnosticCode`` (`duplicate-key`),
    /// which tests and tools match on.
    public private(set) var code: String
    /// Whether this stops the file from loading.
    public var severity: Severity
    /// One sentence for a person: what is wrong and what was expected.
    public var message: String
    /// Where it is.
    public var location: SourceLocation
    /// Related places, such as the first occurrence of a duplicated key.
    public var notes: [Note]

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: How serious it is here (usually `code.severity`).
    ///   - code: Its entry in the catalog, ``DiagnosticCode``.
    ///   - message: What is wrong and what was expected.
    ///   - location: Where it is.
    ///   - notes: Related places.
    public init(
        _ severity: Severity, code: DiagnosticCode, _ message: String,
        at location: SourceLocation, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code.id
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `FILE:LINE:COL: severity: message [code]` without the source excerpt.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(code)]"
    }
}

/// A secondary message attached to a ``Diagnostic``.
public struct Note: Hashable, Sendable {
    /// What the related place is.
    public var message: String
    /// Where it is.
    public var location: SourceLocation

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
