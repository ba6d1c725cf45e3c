import DecisionTable
import Testing
import Diagnostics

/// The compiler-style text people read: `FILE:LINE:COL: error: message`, the source line, a
/// caret under the column, and each note the same way.
@Suite struct DiagnosticsFormatterTests {
    /// Loads rules that must fail and formats what the loader reported.
    private func formatted(_ yaml: String, colors: Bool = false) throws -> String {
        let error = try #require(throws: DiagnosticsError.self) {
            try DecisionTables(yaml: yaml, file: "rules.yaml")
        }
        return DiagnosticsFormatter(colors: colors).format(error.diagnostics, sources: error.sources)
    }

    @Test func printsTheSourceLineAndACaretUnderTheColumn() throws {
        let yaml = """
            tables:
              - name: contact
                inputs:
                  - name: kind
                    values: [call, message]
                outputs:
                  - name: status
                    values: [logged, unassigned]
                rules:
                  - id: messages
                    when: { kind: mesage }
                    then: { status: logged }

            """
        #expect(
            try formatted(yaml) == """
                rules.yaml:11:23: error: 'mesage' is not a value of 'kind' (one of call, message); did you mean 'message'?
                        when: { kind: mesage }
                                      ^

                """)
    }

    @Test func printsNotesAfterTheirError() throws {
        let yaml = """
            tables:
              - name: contact
                hit: first
                hit: unique

            """
        #expect(
            try formatted(yaml) == """
                rules.yaml:4:5: error: duplicate key 'hit'
                    hit: unique
                    ^
                rules.yaml:3:5: note: 'hit' is first defined here
                    hit: first
                    ^

                """)
    }

    @Test func printsEveryDiagnosticInSourceOrder() throws {
        let yaml = """
            tables:
              - name: Contact
                hti: first

            """
        let text = try formatted(yaml)
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("rules.yaml:") }
        #expect(headers.count == 5, "\(text)")
        #expect(headers.first?.hasPrefix("rules.yaml:2:5: error: a table needs a 'inputs' key") == true, "\(text)")
        #expect(headers.contains { $0.hasPrefix("rules.yaml:2:11: error: 'Contact' is not a valid name") }, "\(text)")
        #expect(
            headers.contains { $0.hasPrefix("rules.yaml:3:5: error: unknown key 'hti' in a table; did you mean 'hit'?") },
            "\(text)")
    }

    @Test func keepsTabsSoTheCaretStaysUnderTheColumn() {
        let diagnostic = Diagnostic(
            .error, code: .yamlSyntax, "here", at: SourceLocation(file: "t.yaml", line: 2, column: 4))
        let text = DiagnosticsFormatter().format([diagnostic], sources: ["t.yaml": "first\n\tab: c\n"])
        #expect(text == "t.yaml:2:4: error: here\n\tab: c\n\t  ^\n")
    }

    /// Columns do not count a byte-order mark, which editors do not show either.
    @Test func skipsAByteOrderMark() throws {
        let text = try formatted("\u{FEFF}- name: contact\n")
        #expect(
            text == """
                rules.yaml:1:1: error: expected the rules file as a mapping of keys, found a list
                - name: contact
                ^

                """)
    }

    /// Windows line endings: lines still split, and no carriage return is printed.
    @Test func splitsCarriageReturnLineFeedLines() throws {
        let text = try formatted("tables:\r\n  - name: Contact\r\n")
        #expect(
            text.contains(
                """
                rules.yaml:2:11: error: 'Contact' is not a valid name: use lower-case letters, digits, '_' and '-'
                  - name: Contact
                          ^

                """), "\(text)")
        #expect(!text.contains("\r"))
    }

    /// One line of megabytes prints as a window of it around the column.
    @Test func cutsLongLinesAroundTheColumn() {
        let line = String(repeating: "a", count: 1_000) + "X" + String(repeating: "b", count: 1_000)
        let diagnostic = Diagnostic(
            .error, code: .yamlSyntax, "here", at: SourceLocation(file: "t.yaml", line: 1, column: 1_001))
        let text = DiagnosticsFormatter().format([diagnostic], sources: ["t.yaml": line])
        let excerpt = String(repeating: "a", count: 80) + "X" + String(repeating: "b", count: 79)
        #expect(text == "t.yaml:1:1001: error: here\n...\(excerpt)...\n" + String(repeating: " ", count: 83) + "^\n")
    }

    @Test func printsNoExcerptWithoutTheSource() {
        let diagnostic = Diagnostic(
            .error, code: .unreadable, "cannot read the file", at: SourceLocation(file: "gone.yaml", line: 1, column: 1),
            notes: [Note("see also", at: SourceLocation(file: "other.yaml", line: 3, column: 2))])
        let text = DiagnosticsFormatter().format([diagnostic], sources: [:])
        #expect(text == "gone.yaml:1:1: error: cannot read the file\nother.yaml:3:2: note: see also\n")
    }

    /// A syntax error at the end of the file points at the empty last line; libyaml's context
    /// becomes a note where it points elsewhere, and part of the message where it does not.
    @Test func printsASyntaxErrorAtTheEndOfTheFile() throws {
        #expect(
            try formatted("tables: {a: 1\n") == """
                rules.yaml:2:1: error: YAML syntax: did not find expected ',' or '}'

                ^
                rules.yaml:1:9: note: while parsing a flow mapping
                tables: {a: 1
                        ^

                """)
        #expect(
            try formatted("tables: [\n") == """
                rules.yaml:2:1: error: YAML syntax: did not find expected node content while parsing a flow node

                ^

                """)
    }

    @Test func coloursOnlyWhenAsked() throws {
        let yaml = "tables: []\n"
        let plain = try formatted(yaml)
        let coloured = try formatted(yaml, colors: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(coloured.contains("tables: []\n        ^\n"))
    }
}
