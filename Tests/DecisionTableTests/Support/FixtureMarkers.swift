/// The diagnostics a fixture file expects, read from marker comments inside the file, so that
/// a fixture and its expectations are edited together and no test holds line numbers.
///
/// A caret line is a YAML comment whose `^` sits under the expected column of the line above;
/// the text after the last caret names the code:
///
/// ```yaml
///         when: { kind: mesage }
/// #                     ^ unknown-value "did you mean 'message'?"
/// ```
///
/// - Several carets on one line expect the same code at each column.
/// - Caret lines may be stacked: each marks the nearest line above that is not a caret line.
/// - `note CODE` expects a note of a `CODE` error at that place, rather than an error.
/// - A quoted text (`"…"`, with `\"` and `\\` escapes) must appear in the message.
///
/// Where a caret cannot point (column 1, the end of the file, a file that must not gain
/// lines), a header comment says the same with numbers: `# expect: CODE at LINE:COL "text"`.
/// Lines and columns are 1-based; columns count Unicode scalars, as ``SourceLocation`` does.
/// Lines end at `\n`, with or without `\r` before it.
struct FixtureMarkers {
    /// One expectation.
    struct Marker: Hashable, CustomStringConvertible {
        var code: String
        var line: Int
        var column: Int
        /// Text the message must contain.
        var excerpt: String?
        /// Where the marker itself is written, for failure messages.
        var markerLine: Int

        /// The part the loader's output is compared on.
        var position: Position { Position(code: code, line: line, column: column) }

        var description: String {
            "\(position)" + (excerpt.map { " containing \"\($0)\"" } ?? "") + " (marker on line \(markerLine))"
        }
    }

    /// A code at a place: what a marker and a diagnostic are compared on.
    struct Position: Hashable, Comparable, CustomStringConvertible {
        var code: String
        var line: Int
        var column: Int

        var description: String { "\(code) at \(line):\(column)" }

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.line, lhs.column, lhs.code) < (rhs.line, rhs.column, rhs.code)
        }
    }

    /// A marker the reader cannot understand: the fixture is wrong, not the loader.
    struct SyntaxError: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "marker on line \(line): \(reason)" }
    }

    /// Expected errors.
    var errors: [Marker] = []
    /// Expected notes, each on an error with the marker's code.
    var notes: [Marker] = []

    /// Reads the markers of a fixture's text.
    /// - Parameter text: The fixture; invalid UTF-8 may have been replaced, markers are ASCII.
    /// - Throws: ``SyntaxError`` for a marker that names no code or has a malformed position.
    init(parsing text: String) throws {
        // Scalars, not Characters: "\r\n" is one Character, and CRLF fixtures count lines too.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Array(line.last == "\r" ? line.dropLast() : line)
        }
        var target: Int?
        for (index, scalars) in lines.enumerated() {
            let number = index + 1
            if let caretColumns = Self.caretColumns(scalars) {
                guard let target else {
                    throw SyntaxError(line: number, reason: "a caret line needs a line above it")
                }
                let (code, isNote, excerpt) = try Self.expectation(
                    String(String.UnicodeScalarView(scalars[(caretColumns.last! + 1)...])), line: number)
                for column in caretColumns {
                    let marker = Marker(
                        code: code, line: target, column: column + 1, excerpt: excerpt,
                        markerLine: number)
                    if isNote { notes.append(marker) } else { errors.append(marker) }
                }
                continue
            }
            target = number
            if let header = try Self.header(String(String.UnicodeScalarView(scalars)), line: number) {
                if header.isNote { notes.append(header.marker) } else { errors.append(header.marker) }
            }
        }
    }

    /// The 0-based indices of the carets when the line is a caret line (`#`, blanks, `^`…).
    private static func caretColumns(_ scalars: [Unicode.Scalar]) -> [Int]? {
        var i = 0
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        guard i < scalars.count, scalars[i] == "#" else { return nil }
        i += 1
        while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        guard i < scalars.count, scalars[i] == "^" else { return nil }
        var carets: [Int] = []
        while i < scalars.count, scalars[i] == " " || scalars[i] == "^" {
            if scalars[i] == "^" { carets.append(i) }
            i += 1
        }
        return carets
    }

    /// `# expect: [note] CODE at LINE:COL ["text"]`, or nil for any other line.
    private static func header(_ line: String, line number: Int) throws -> (marker: Marker, isNote: Bool)? {
        guard line.hasPrefix("#") else { return nil }
        let body = line.dropFirst().drop { $0 == " " }
        guard body.hasPrefix("expect:") else { return nil }
        let rest = body.dropFirst("expect:".count)
        guard let at = rest.firstRange(of: " at ") else {
            throw SyntaxError(line: number, reason: "expected 'CODE at LINE:COL'")
        }
        let (code, isNote, _) = try expectation(String(rest[..<at.lowerBound]), line: number)
        let place = rest[at.upperBound...].drop { $0 == " " }
        let numbers = place.prefix { !$0.isWhitespace }
        let parts = numbers.split(separator: ":")
        guard parts.count == 2, let row = Int(parts[0]), let column = Int(parts[1]) else {
            throw SyntaxError(line: number, reason: "expected LINE:COL, found '\(numbers)'")
        }
        let excerpt = try quoted(place.dropFirst(numbers.count).drop { $0 == " " }, line: number)
        return (Marker(code: code, line: row, column: column, excerpt: excerpt, markerLine: number), isNote)
    }

    /// `[note] CODE ["text"]`.
    private static func expectation(_ text: String, line: Int) throws -> (code: String, isNote: Bool, excerpt: String?) {
        var rest = Substring(text).drop { $0 == " " }
        var isNote = false
        if rest.hasPrefix("note ") {
            isNote = true
            rest = rest.dropFirst("note ".count).drop { $0 == " " }
        }
        let code = rest.prefix { !$0.isWhitespace }
        guard !code.isEmpty, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw SyntaxError(line: line, reason: "expected a diagnostic code, found '\(code)'")
        }
        let excerpt = try quoted(rest.dropFirst(code.count).drop { $0 == " " }, line: line)
        return (String(code), isNote, excerpt)
    }

    /// Nothing, or a double-quoted text with `\"` and `\\` escapes.
    private static func quoted(_ text: Substring, line: Int) throws -> String? {
        guard !text.isEmpty else { return nil }
        guard text.first == "\"", text.count >= 2, text.last == "\"" else {
            throw SyntaxError(line: line, reason: "expected a quoted message excerpt, found '\(text)'")
        }
        var excerpt = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                excerpt.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                excerpt.append(character)
            }
        }
        return excerpt
    }
}
