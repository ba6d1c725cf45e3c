/// Prints diagnostics the way compilers do:
///
/// ```
/// rules/x.yaml:12:24: error: 'mesage' is not a value of 'kind'; did you mean 'message'?
///          when: { kind: mesage }
///                        ^
/// ```
public struct DiagnosticsFormatter: Sendable {
    /// Whether to colour severities with ANSI escapes (only on a terminal, never with NO_COLOR).
    public var colors: Bool

    /// Creates a formatter.
    public init(colors: Bool = false) {
        self.colors = colors
    }

    /// Renders diagnostics with a source excerpt and a caret under the column.
    /// - Parameters:
    ///   - diagnostics: What to print.
    ///   - sources: File text by path, for the excerpts; files not in it print no excerpt.
    /// - Returns: The text, ending in a newline when not empty.
    public func format(_ diagnostics: [Diagnostic], sources: [String: String]) -> String {
        var lines = SourceLines(sources)
        var out = ""
        for diagnostic in diagnostics {
            out += header(diagnostic.location, diagnostic.severity, diagnostic.message)
            out += lines.excerpt(at: diagnostic.location)
            for note in diagnostic.notes {
                out += header(note.location, .note, note.message)
                out += lines.excerpt(at: note.location)
            }
        }
        return out
    }

    private func header(_ location: SourceLocation, _ severity: Severity, _ message: String) -> String {
        let label = severity.rawValue + ":"
        guard colors else { return "\(location): \(label) \(message)\n" }
        let color =
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;35m"
            case .note: "\u{1B}[1;36m"
            }
        return "\u{1B}[1m\(location):\u{1B}[0m \(color)\(label)\u{1B}[0m \u{1B}[1m\(message)\u{1B}[0m\n"
    }
}

/// Source text split into lines once per file, for excerpts.
private struct SourceLines {
    /// The widest excerpt, in characters: a generated file can hold megabytes on one line.
    package static let widest = 160

    package let sources: [String: String]
    package var cache: [String: [Substring.UnicodeScalarView]] = [:]

    package init(_ sources: [String: String]) { self.sources = sources }

    package mutating func excerpt(at location: SourceLocation) -> String {
        guard let text = sources[location.file] else { return "" }
        let lines =
            cache[location.file]
            ?? {
                // Columns do not count a byte-order mark (the loader skips it), so neither do carets.
                var body = text.unicodeScalars[...]
                if body.first == "\u{FEFF}" { body = body.dropFirst() }
                // Split scalars, not Characters: "\r\n" is one Character, never equal to "\n".
                let split = body.split(separator: "\n", omittingEmptySubsequences: false)
                cache[location.file] = split
                return split
            }()
        guard location.line >= 1, location.line <= lines.count else { return "" }
        var line = lines[location.line - 1]
        if line.last == "\r" { line = line.dropLast() }
        var column = max(0, location.column - 1)
        var lead = ""
        var trail = ""
        if Substring(line).utf8.count > Self.widest {
            // Only a window around the column, marked with "..." where the line goes on.
            let offset = max(0, column - Self.widest / 2)
            let start = line.index(line.startIndex, offsetBy: offset, limitedBy: line.endIndex) ?? line.endIndex
            let end = line.index(start, offsetBy: Self.widest, limitedBy: line.endIndex) ?? line.endIndex
            if start > line.startIndex { lead = "..." }
            if end < line.endIndex { trail = "..." }
            line = line[start..<end]
            column -= offset
        }
        // Tabs keep their width in the caret line so the caret stays under the column.
        let padding =
            String(repeating: " ", count: lead.count)
            + String(line.prefix(column).map { $0 == "\t" ? "\t" : " " })
        return "\(lead)\(Substring(line))\(trail)\n\(padding)^\n"
    }
}
