import DecisionTable
import Diagnostics
import Testing
import YAMLLoading

/// Rules are read from the parser's flat records when written the usual way, and as nodes
/// otherwise (a problem to report, `{not: X}`). Either way a user sees the same: each cell's
/// text, values and place, each output's value and where it comes from, and every problem at
/// its line and column.
@Suite struct RuleRecordTests {
    private let header = """
        tables:
          - name: t
            hit: first
            inputs:
              - { name: e, values: [p, q, café] }
              - { name: b, type: boolean }
              - { name: n, type: integer, min: 0, max: 9 }
            outputs:
              - { name: out, values: [a, b] }
              - { name: size, type: integer, default: 1 }
              - { name: ok, type: boolean, default: false }
              - { name: rate, type: number, default: 0.5 }
              - { name: note, type: string, default: none }
            rules:

        """

    private struct Place: Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        init(_ line: Int, _ column: Int) {
            self.line = line
            self.column = column
        }
        init(_ location: Diagnostics.SourceLocation) { self.init(location.line, location.column) }
        var description: String { "\(line):\(column)" }
    }

    /// The rules of a test, written at the left margin, indented under the header's `rules:`.
    private func indented(_ rules: String) -> String {
        rules.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
            .joined(separator: "\n")
    }

    /// Where `needle` starts on the line of `text` that holds `marker` (the first such line).
    private func place(of needle: String, onLineWith marker: String, in text: String) throws -> Place {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains(marker) })
        let start = try #require(lines[line].range(of: needle))
        return Place(line + 1, lines[line].unicodeScalars.distance(from: lines[line].startIndex, to: start.lowerBound) + 1)
    }

    @Test func everyCellFormKeepsItsTextValuesAndPlace() throws {
        let yaml =
            header
            + indented(
                """
                  - { id: r1, description: first, when: { e: "q", b: true, n: 3 }, then: { out: a, size: 7, ok: true, rate: 2.25, note: "x y" } }
                  - { id: r2, when: { e: [q, p, q], n: ["< 2", "4..5", ">= 8"], b: " - " }, then: { out: b } }
                  - id: r3
                    when:
                      e: [p]
                      n: "== 6"
                    then:
                      out: a
                      note: 'quoted'
                  - { id: r4, when: ~, then: { out: b } }

                """)
        let rules = try #require(try DecisionTables(yaml: yaml, file: "r.yaml").tables.first).rules
        #expect(rules.map(\.id) == ["r1", "r2", "r3", "r4"])
        #expect(rules.map(\.description) == ["first", nil, nil, nil])

        // One value per cell, every output written.
        let r1 = "id: r1"
        #expect(rules[0].conditions.map(\.text) == ["q", "true", "3"])
        #expect(rules[0].conditions.map(\.values) == [[1], [1], nil])
        #expect(rules[0].conditions.map(\.mentioned) == [[1], [1], []])
        #expect(rules[0].conditions[2].intervals?.ranges == [3...3])
        #expect(
            rules[0].conditions.map { Place($0.location) } == [
                try place(of: "\"q\"", onLineWith: r1, in: yaml), try place(of: "true", onLineWith: r1, in: yaml),
                try place(of: "3 }", onLineWith: r1, in: yaml),
            ])
        #expect(
            rules[0].values == [
                .string("a"), .integer(7), .boolean(true), .number(try #require(DecimalNumber(exactly: "2.25"))),
                .string("x y"),
            ])
        #expect(
            rules[0].outputLocations.map { Place($0) } == [
                try place(of: "a, size", onLineWith: r1, in: yaml), try place(of: "7,", onLineWith: r1, in: yaml),
                try place(of: "true, rate", onLineWith: r1, in: yaml), try place(of: "2.25", onLineWith: r1, in: yaml),
                try place(of: "\"x y\"", onLineWith: r1, in: yaml),
            ])

        // Lists sorted and each value once, their text as written; a quoted dash matches anything.
        let r2 = "id: r2"
        #expect(rules[1].conditions.map(\.text) == ["[q, p, q]", "-", "[< 2, 4..5, >= 8]"])
        #expect(rules[1].conditions[0].values == [0, 1])
        #expect(rules[1].conditions[0].mentioned == [0, 1])
        #expect(rules[1].conditions[1].isWildcard)
        #expect(rules[1].conditions[2].intervals?.ranges == [0...1, 4...5, 8...9])
        #expect(
            rules[1].conditions.map { Place($0.location) } == [
                try place(of: "[q, p, q]", onLineWith: r2, in: yaml), try place(of: "\" - \"", onLineWith: r2, in: yaml),
                try place(of: "[\"< 2\"", onLineWith: r2, in: yaml),
            ])
        // An output left out takes its default, from the place of the `then` mapping.
        #expect(rules[1].outputs == [.string("b"), nil, nil, nil, nil])
        let then = try place(of: "{ out: b }", onLineWith: r2, in: yaml)
        #expect(rules[1].outputLocations.map { Place($0) } == [Place(then.line, then.column + 7)] + Array(repeating: then, count: 4))

        // Block style.
        #expect(rules[2].conditions.map(\.text) == ["[p]", "-", "== 6"])
        #expect(rules[2].conditions[0].values == [0])
        #expect(rules[2].conditions[2].intervals?.ranges == [6...6])
        #expect(rules[2].values[4] == .string("quoted"))
        #expect(Place(rules[2].outputLocations[4]) == (try place(of: "'quoted'", onLineWith: "note: 'quoted'", in: yaml)))
        // `when: ~` is no cells.
        #expect(rules[3].conditions.allSatisfy { $0.isWildcard })
    }

    @Test func wildcardsAndDefaultsTakeThePlaceTheyComeFrom() throws {
        let yaml =
            header
            + indented(
                """
                  - { id: r1, when: { e: -, b: ~, n: }, then: { out: a } }
                  - { id: r2, then: { out: b } }

                """)
        let rules = try #require(try DecisionTables(yaml: yaml, file: "r.yaml").tables.first).rules
        // `-`, `~` and an empty value match anything, at their own place.
        #expect(rules[0].conditions.allSatisfy { $0.isWildcard })
        #expect(
            rules[0].conditions.map { Place($0.location) } == [
                try place(of: "-,", onLineWith: "id: r1", in: yaml), try place(of: "~", onLineWith: "id: r1", in: yaml),
                try place(of: "}, then", onLineWith: "id: r1", in: yaml),
            ])
        // Omitted cells are at the rule's place.
        let rule = try place(of: "{ id: r2", onLineWith: "id: r2", in: yaml)
        #expect(rules[1].conditions.map { Place($0.location) } == Array(repeating: rule, count: 3))
    }

    @Test func aValueSpeltWithOtherBytesForTheSameStringIsTheSameValue() throws {
        // `café` declared with one character for é, written with `e` and a combining accent:
        // Swift strings are equal, and were before rules were read from records.
        let yaml = header + "      - { id: r1, when: { e: \"cafe\u{301}\" }, then: { out: a } }\n"
        let rules = try #require(try DecisionTables(yaml: yaml).tables.first).rules
        #expect(rules[0].conditions[0].values == [2])
        #expect(rules[0].conditions[0].text == "cafe\u{301}")
    }

    @Test func aListWrittenAgainKeepsItsOwnTextAndPlace() throws {
        // Lists already read are kept by the values they name, in the order written: the same
        // values in another order, or spelt with other bytes, keep the text as written.
        let yaml =
            header
            + indented(
                """
                  - { id: r1, when: { e: [q, p], b: [true] }, then: { out: a } }
                  - { id: r2, when: { e: [p, q], b: [true] }, then: { out: a } }
                  - { id: r3, when: { e: [q, p], b: [false, true] }, then: { out: a } }
                  - { id: r4, when: { e: [p, "cafe\u{301}"] }, then: { out: a } }
                  - { id: r5, when: { e: [p, café] }, then: { out: a } }
                  - { id: r6, when: { e: [p, "cafe\u{301}"] }, then: { out: a } }

                """)
        let rules = try #require(try DecisionTables(yaml: yaml, file: "r.yaml").tables.first).rules
        #expect(
            rules.map { Array($0.conditions[0].text.utf8) }
                == [
                    "[q, p]", "[p, q]", "[q, p]", "[p, cafe\u{301}]", "[p, caf\u{E9}]", "[p, cafe\u{301}]",
                ].map { Array($0.utf8) })
        #expect(rules.map(\.conditions[0].values) == [[0, 1], [0, 1], [0, 1], [0, 2], [0, 2], [0, 2]])
        #expect(rules.map(\.conditions[0].mentioned) == [[0, 1], [0, 1], [0, 1], [0, 2], [0, 2], [0, 2]])
        #expect(rules.prefix(3).map(\.conditions[1].text) == ["[true]", "[true]", "[false, true]"])
        #expect(rules.prefix(3).map(\.conditions[1].values) == [[1], [1], [0, 1]])
        #expect(
            try rules.map { Place($0.conditions[0].location) }
                == (1...6).map { id in
                    try place(of: "[", onLineWith: "id: r\(id),", in: yaml)
                })
    }

    @Test func problemsAmongManyValidRulesAreReportedAtTheirCells() throws {
        var rules = (0..<300).map { "      - { id: r\($0), when: { e: p, n: \"\($0 % 10)\" }, then: { out: a } }" }
        rules[10] = "      - { id: r10, when: { e: x }, then: { out: a } }"
        rules[150] = "      - { id: r150, when: { n: \"3..12\" }, then: { out: c } }"
        rules[200] = "      - { id: r7, when: { e: q }, then: { out: b } }"
        rules[299] = "      - { id: r299, when: { b: \"true\" }, then: { out: a, size: many } }"
        let yaml = header + rules.joined(separator: "\n") + "\n"
        let error = try #require(throws: DiagnosticsError.self) { try DecisionTables(yaml: yaml, file: "r.yaml") }
        #expect(
            error.diagnostics.map { "\(Place($0.location)) \($0.code)" } == [
                "\(try place(of: "x }", onLineWith: "id: r10,", in: yaml)) unknown-value",
                "\(try place(of: "\"3..12\"", onLineWith: "id: r150,", in: yaml)) out-of-range",
                "\(try place(of: "c }", onLineWith: "id: r150,", in: yaml)) unknown-value",
                "\(try place(of: "{ id: r7", onLineWith: "{ e: q }", in: yaml)) duplicate-rule-id",
                // A quoted "true" is a string, not a boolean.
                "\(try place(of: "\"true\"", onLineWith: "{ b: ", in: yaml)) type-mismatch",
                "\(try place(of: "many", onLineWith: "many", in: yaml)) type-mismatch",
            ])
        let duplicate = try #require(error.diagnostics.first { $0.code == "duplicate-rule-id" })
        #expect(duplicate.notes.map { Place($0.location) } == [try place(of: "{ id: r7,", onLineWith: "id: r7,", in: yaml)])
        #expect(try place(of: "x }", onLineWith: "id: r10,", in: yaml).line == 25)
    }

    @Test func theDocumentsRecordsAndNodesAgree() throws {
        let yaml = "a: [1, 'two', ~]\nb: { c: null, d: '' }\nlong: [x, y]\n"
        let document = try YAMLParser.document(Array(yaml.utf8), file: "d.yaml")
        let tree = try YAMLParser.parse(Array(yaml.utf8), file: "d.yaml")
        #expect(document.node(at: document.root) == tree)

        let a = try #require(document.value(in: document.root, forKey: "a"))
        #expect(document.kind(a) == .sequence)
        #expect(document.childCount(a) == 3)
        #expect(document.location(a) == Diagnostics.SourceLocation(file: "d.yaml", line: 1, column: 4))
        let items = [a + 1, document.next(after: a + 1), document.next(after: document.next(after: a + 1))]
        #expect(items.map { document.text($0) } == ["1", "two", "~"])
        #expect(items.map { document.isQuoted($0) } == [false, true, false])
        #expect(items.map { document.isNull($0) } == [false, false, true])
        let b = try #require(document.value(in: document.root, forKey: "b"))
        let c = try #require(document.value(in: b, forKey: "c"))
        let d = try #require(document.value(in: b, forKey: "d"))
        #expect(document.isNull(c))
        #expect(!document.isNull(d))  // quoted: a string
        #expect(document.value(in: a, forKey: "c") == nil)  // not a mapping
        #expect(document.value(in: document.root, forKey: "lon") == nil)

        // A list left out is an empty list at its own place; the rest of the tree is whole.
        let long = try #require(document.value(in: document.root, forKey: "long"))
        let shallow = document.node(at: document.root, leavingOutItemsOf: [long])
        guard case .mapping(let pairs) = shallow.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map(\.key) == ["a", "b", "long"])
        #expect(pairs[2].value == YAMLNode(.sequence([]), at: Diagnostics.SourceLocation(file: "d.yaml", line: 3, column: 7)))
        guard case .mapping(let whole) = tree.content else { return }
        #expect(Array(pairs.prefix(2)) == Array(whole.prefix(2)))
    }
}
