import DecisionTable
import Diagnostics

/// YAML written inline in a test, with the diagnostics it must produce marked where they
/// point, as the engine's fixtures do: a comment line whose `^` sits under the expected
/// column of the nearest line above that is not a caret line, followed by the code
/// (`note CODE` for a note of a `CODE` error) and optionally a quoted text the message must
/// contain. Where a caret cannot point (column 1), a comment `# expect: CODE at LINE:COL`
/// says the same with numbers.
///
/// ```yaml
/// contacts:
///   - { id: c-1, nmae: Ada }
/// #              ^ unknown-key "did you mean 'name'?"
/// ```
struct MarkedYAML: CustomStringConvertible {
    /// A code at a place.
    struct Mark: Hashable, Comparable, CustomStringConvertible {
        var code: String
        var line: Int
        var column: Int

        var description: String { "\(code) at \(line):\(column)" }

        static func < (lhs: Mark, rhs: Mark) -> Bool {
            (lhs.line, lhs.column, lhs.code) < (rhs.line, rhs.column, rhs.code)
        }
    }

    /// The YAML, markers included (they are comments).
    let text: String
    /// Expected errors, sorted.
    private(set) var errors: [Mark] = []
    /// Expected notes, each under an error with the mark's code, sorted.
    private(set) var notes: [Mark] = []
    /// Text each marked error's message must contain.
    private(set) var excerpts: [Mark: String] = [:]

    init(_ text: String) {
        self.text = text
        var target = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            let comment = line.drop { $0 == " " }
            if comment.hasPrefix("#"), comment.dropFirst().drop(while: { $0 == " " }).hasPrefix("^"),
                let caret = scalars.firstIndex(of: "^")
            {
                let rest = String(String.UnicodeScalarView(scalars[(caret + 1)...])).drop { $0 == " " }
                add(rest, line: target, column: caret + 1)
                continue
            }
            target = index + 1
            if comment.hasPrefix("# expect:") {
                // "# expect: CODE at LINE:COL ["text"]"
                let words = comment.dropFirst("# expect:".count).split(separator: " ", maxSplits: 3)
                let place = words[2].split(separator: ":").map { Int($0)! }
                add(words[0] + (words.count > 3 ? " " + words[3] : ""), line: place[0], column: place[1])
            }
        }
        errors.sort()
        notes.sort()
    }

    /// `[note] CODE ["text"]` at a place.
    private mutating func add(_ expectation: Substring, line: Int, column: Int) {
        var rest = expectation
        let isNote = rest.hasPrefix("note ")
        if isNote { rest = rest.dropFirst("note ".count) }
        let code = rest.prefix { $0 != " " }
        let mark = Mark(code: String(code), line: line, column: column)
        if isNote {
            notes.append(mark)
            return
        }
        errors.append(mark)
        let quoted = rest.dropFirst(code.count).drop { $0 == " " }
        if quoted.count >= 2, quoted.first == "\"", quoted.last == "\"" {
            excerpts[mark] = String(quoted.dropFirst().dropLast())
        }
    }

    /// The first line, to name the case in test output.
    var description: String { String(text.prefix { $0 != "\n" }) }

    /// The marks of what loading reported: each error, and each error's notes.
    static func marks(of diagnostics: [Diagnostic]) -> (errors: [Mark], notes: [Mark]) {
        let errors = diagnostics.map { Mark(code: $0.code, line: $0.location.line, column: $0.location.column) }
        let notes = diagnostics.flatMap { diagnostic in
            diagnostic.notes.map { Mark(code: diagnostic.code, line: $0.location.line, column: $0.location.column) }
        }
        return (errors.sorted(), notes.sorted())
    }
}
