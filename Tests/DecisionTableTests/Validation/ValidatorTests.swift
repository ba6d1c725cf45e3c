import DecisionTable
import DecisionTableReports
import JSONLines
import _DecisionTableTestSupport
import Testing

/// Each finding on a small table, with the message, the rules and the cells or witness
/// written out by hand: the wording people read, which enumeration cannot check.
@Suite struct ValidatorTests {
    /// The findings of one code, in report order.
    static func findings(_ yaml: String, code: String) -> [Finding] {
        Validator.validate(yaml: yaml, file: "rules.yaml").findings.filter { $0.diagnostic.code == code }
    }

    /// One table over `kind` (three values) and `matches` (0 and up), with the given head and rules.
    static func contact(
        _ head: String = "", output: String = "{ name: action, values: [assign, skip] }",
        rules: String
    ) -> String {
        """
        tables:
          - name: contact
        \(head.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            inputs:
              - { name: kind, values: [call, message, email] }
              - { name: matches, type: integer, min: 0 }
            outputs:
              - \(output)
            rules:
        \(rules.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        """
    }

    // MARK: Gaps

    @Test("A gap names the uncovered values in as few rows as the space allows")
    func gapRows() throws {
        let gaps = Self.findings(
            Self.contact(
                rules: """
                    - { id: one-call, when: { kind: call, matches: 1 }, then: { action: assign } }
                    - { id: many, when: { matches: ">= 2" }, then: { action: skip } }
                    """), code: "gap")
        // The larger row first.
        #expect(
            gaps.map(\.diagnostic.message) == [
                "table 'contact' decides nothing when kind is message or email, matches is 0..1",
                "table 'contact' decides nothing when kind is call, matches is 0",
            ])
        #expect(gaps.map { $0.cells!.map(\.values.cellSyntax) } == [["[message, email]", "0..1"], ["call", "0"]])
        #expect(gaps[0].share! == 2 * gaps[1].share! * 2)
        #expect(gaps.allSatisfy { $0.diagnostic.severity == .error && $0.table == "contact" && $0.rules.isEmpty })
    }

    @Test("A gap under an unbounded integer says where the uncovered numbers stop")
    func gapOpenRange() throws {
        let gaps = Self.findings(
            Self.contact(
                rules: """
                    - { id: few, when: { matches: "<= 3" }, then: { action: assign } }
                    - { id: calls, when: { kind: call }, then: { action: skip } }
                    """), code: "gap")
        #expect(
            gaps.map(\.diagnostic.message) == [
                "table 'contact' decides nothing when kind is message or email, matches is >= 4"
            ])
        let matches = try #require(gaps.first?.cells?.last?.values)
        #expect(matches.cellSyntax == ">= 4")
        #expect(matches.json == .object([("ranges", .array([.array([.integer(4), .null])]))]))
    }

    @Test(
        "Gaps are warnings where the table allows them or its defaults answer",
        arguments: [
            ("gaps: allowed", "{ name: action, values: [assign, skip] }", " (gaps are allowed in this table)"),
            ("hit: first", "{ name: action, values: [assign, skip], default: skip }", " (the outputs' defaults apply)"),
        ])
    func gapWarnings(head: String, output: String, suffix: String) throws {
        let gaps = Self.findings(
            Self.contact(
                head, output: output,
                rules: """
                    - { id: some, when: { matches: ">= 1" }, then: { action: assign } }
                    """), code: "gap")
        #expect(gaps.map(\.diagnostic.message) == ["table 'contact' decides nothing when kind is any, matches is 0" + suffix])
        #expect(gaps.map(\.diagnostic.severity) == [.warning])
    }

    // MARK: Overlaps, duplicates, subsumption

    static let overlapping = """
        - { id: heavy, when: { matches: ">= 5" }, then: { action: skip } }
        - { id: calls, when: { kind: [call, message], matches: "3..9" }, then: { action: assign } }
        - { id: emails, when: { kind: email, matches: "< 5" }, then: { action: assign } }
        """

    @Test("Under unique, an overlap names both rules and the smallest input they share")
    func overlapUnique() throws {
        let overlaps = Self.findings(Self.contact(rules: Self.overlapping), code: "overlap")
        #expect(
            overlaps.map(\.diagnostic.message) == [
                "rules 'heavy' and 'calls' of unique table 'contact' both match when kind is call, matches is 5"
            ])
        let overlap = try #require(overlaps.first)
        #expect(overlap.rules == ["heavy", "calls"])
        #expect(
            overlap.witness == [
                NamedValue(name: "kind", value: .string("call")),
                NamedValue(name: "matches", value: .integer(5)),
            ])
        #expect(overlap.diagnostic.severity == .error)
        #expect(overlap.diagnostic.notes.map(\.message) == ["rule 'heavy' is here"])
    }

    @Test("A rule that overlaps rules sharing no input leads one group: the hub and each rule it overlaps")
    func overlapHub() throws {
        let yaml = Self.contact(
            rules: """
                - { id: few, when: { matches: "0..2" }, then: { action: assign } }
                - { id: some, when: { matches: "3..5" }, then: { action: assign } }
                - { id: many, when: { matches: ">= 6" }, then: { action: skip } }
                - { id: calls, when: { kind: call }, then: { action: skip } }
                """)
        let overlaps = Self.findings(yaml, code: "overlap")
        #expect(
            overlaps.map(\.diagnostic.message) == [
                "rule 'calls' of unique table 'contact' overlaps rules 'few', 'some' and 'many'; "
                    + "'calls' and 'few' both match when kind is call, matches is 0"
            ])
        let overlap = try #require(overlaps.first)
        #expect(overlap.rules == ["calls", "few", "some", "many"])
        #expect(overlap.hub == "calls")
        #expect(overlap.diagnostic.location.line == 13)
        #expect(overlap.diagnostic.notes.map(\.message) == ["rule 'few' is here", "rule 'some' is here", "rule 'many' is here"])
        let json = overlap.json(file: "rules.yaml").rendered
        #expect(json.contains(#""hub": "calls""#), "\(json)")
    }

    @Test("Under any, only overlaps whose outputs differ are errors")
    func overlapAny() throws {
        let yaml = Self.contact(
            "hit: any",
            rules: Self.overlapping + """

                - { id: late-emails, when: { kind: email, matches: ">= 3" }, then: { action: skip } }
                """)
        #expect(
            Self.findings(yaml, code: "overlap").map(\.diagnostic.message) == [
                "rules 'heavy' and 'calls' of table 'contact' both match when kind is call, matches is 5, with different outputs",
                "rules 'emails' and 'late-emails' of table 'contact' both match when kind is email, matches is 3, with different outputs",
            ])
    }

    @Test("A rule with an earlier rule's conditions is a duplicate, however the cells are written")
    func duplicate() throws {
        let yaml = Self.contact(
            "hit: first",
            rules: """
                - { id: calls, when: { kind: call, matches: "1..3" }, then: { action: assign } }
                - { id: again, when: { kind: { not: [message, email] }, matches: [1, 2, 3] }, then: { action: skip } }
                - { id: rest, then: { action: skip } }
                """)
        let duplicates = Self.findings(yaml, code: "duplicate")
        #expect(
            duplicates.map(\.diagnostic.message) == [
                "rule 'again' has the same conditions as rule 'calls' but different outputs"
            ])
        #expect(duplicates.first?.rules == ["calls", "again"])
        // The copy can never win either, but one finding says so.
        #expect(Self.findings(yaml, code: "shadowed").isEmpty)
    }

    @Test("Under any, a rule inside another with the same outputs is subsumed, not an overlap")
    func subsumed() throws {
        // `then: {}` takes the default, which `wide` writes out: the outputs agree.
        let yaml = Self.contact(
            "hit: any", output: "{ name: action, values: [assign, skip], default: assign }",
            rules: """
                - { id: wide, when: { matches: ">= 1" }, then: { action: assign } }
                - { id: narrow, when: { kind: call, matches: 2 }, then: {} }
                """)
        let subsumed = Self.findings(yaml, code: "subsumed")
        #expect(
            subsumed.map(\.diagnostic.message) == [
                "rule 'narrow' is subsumed by rule 'wide': every input it matches, 'wide' matches with the same outputs"
            ])
        #expect(subsumed.first?.rules == ["narrow", "wide"])
        #expect(subsumed.first?.diagnostic.severity == .warning)
        #expect(Self.findings(yaml, code: "overlap").isEmpty)
    }

    // MARK: Shadowed rules

    @Test(
        "A rule that can never win names the rules that together take its inputs",
        arguments: [
            ("first", "earlier"),
            ("priority", "higher-priority"),
        ])
    func shadowed(hit: String, which: String) throws {
        let findings = Self.findings(
            Self.contact(
                "hit: \(hit)",
                rules: """
                    - { id: calls, when: { kind: call }, then: { action: assign } }
                    - { id: few, when: { kind: [message, email], matches: "<= 4" }, then: { action: assign } }
                    - { id: unused, when: { kind: [call, message], matches: "2..3" }, then: { action: skip } }
                    - { id: rest, then: { action: skip } }
                    """), code: "shadowed")
        #expect(
            findings.map(\.diagnostic.message) == [
                "rule 'unused' can never win: \(which) rules 'calls' and 'few' match every input it matches"
            ])
        #expect(findings.first?.rules == ["unused"])
        #expect(findings.first?.coveredBy == ["calls", "few"])
        #expect(findings.first?.diagnostic.notes.map(\.message) == ["rule 'calls' is here", "rule 'few' is here"])
    }

    @Test("Rules that one earlier rule holds whole are one finding, named by that rule")
    func shadowedGroup() throws {
        let findings = Self.findings(
            Self.contact(
                "hit: first",
                rules: """
                    - { id: small, when: { matches: "<= 4" }, then: { action: assign } }
                    - { id: one, when: { kind: call, matches: 1 }, then: { action: skip } }
                    - { id: two, when: { kind: message, matches: 2 }, then: { action: skip } }
                    - { id: rest, then: { action: skip } }
                    """), code: "shadowed")
        #expect(
            findings.map(\.diagnostic.message) == [
                "rules 'one' and 'two' can never win: earlier rule 'small' matches every input they match"
            ])
        #expect(findings.first?.rules == ["one", "two"])
        #expect(findings.first?.coveredBy == ["small"])
    }

    @Test("Under priority, a later rule outranks earlier ones by its outputs, even its own copy")
    func shadowedByPriority() throws {
        let yaml = Self.contact(
            "hit: priority",
            rules: """
                - { id: any-call, when: { kind: call }, then: { action: skip } }
                - { id: called-once, when: { kind: call, matches: 1 }, then: { action: assign } }
                - { id: any-call-assign, when: { kind: call }, then: { action: assign } }
                - { id: rest, when: { kind: [message, email] }, then: { action: skip } }
                """)
        // The copy wins where the original never does: both findings stand.
        #expect(
            Self.findings(yaml, code: "duplicate").map(\.diagnostic.message) == [
                "rule 'any-call-assign' has the same conditions as rule 'any-call' but different outputs"
            ])
        #expect(
            Self.findings(yaml, code: "shadowed").map(\.diagnostic.message) == [
                "rule 'any-call' can never win: higher-priority rule 'any-call-assign' matches every input it matches"
            ])
    }

    // MARK: Unused values

    @Test("A value only wildcards reach, and an input no rule tests, are unused")
    func unusedValues() throws {
        let findings = Self.findings(
            """
            tables:
              - name: kinds
                hit: first
                inputs:
                  - { name: kind, values: [call, message, email] }
                  - { name: urgent, type: boolean }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: calls, when: { kind: call }, then: { label: call } }
                  - { id: not-messages, when: { kind: { not: message } }, then: { label: other } }
                  - { id: rest, when: { urgent: "-" }, then: { label: other } }
            """, code: "unused-value")
        // `{not: message}` matches call and email but not message, which only `rest` reaches.
        #expect(
            findings.map(\.diagnostic.message) == [
                "value 'message' of input 'kind' is named by no rule of table 'kinds'; only wildcards reach it",
                "input 'urgent' is tested by no rule of table 'kinds'",
            ])
        #expect(findings.allSatisfy { $0.diagnostic.severity == .warning })
    }

    // MARK: Chained tables

    static let chained = """
        tables:
          - name: route
            inputs:
              - { name: kind, values: [call, message, email] }
            outputs:
              - { name: channel, values: [phone, chat, mail] }
            rules:
              - { id: calls, when: { kind: call }, then: { channel: phone } }
              - { id: others, when: { kind: [message, email] }, then: { channel: chat } }
          - name: handle
            gaps: allowed
            inputs:
              - { name: channel }
            outputs:
              - { name: team, values: [voice, post] }
            rules:
              - { id: by-phone, when: { channel: phone }, then: { team: voice } }
              - { id: by-mail, when: { channel: mail }, then: { team: post } }
        """

    @Test("A chained value the producer emits but no reader accepts, and one it never emits")
    func chainValues() throws {
        #expect(
            Self.findings(Self.chained, code: "chain-unreceived").map(\.diagnostic.message) == [
                "table 'route' can produce channel = chat, but no rule of table 'handle' accepts it"
            ])
        let unproduced = Self.findings(Self.chained, code: "chain-unproduced")
        #expect(
            unproduced.map(\.diagnostic.message) == [
                "rule 'by-mail' of table 'handle' tests channel = mail, which table 'route' never produces"
            ])
        #expect(unproduced.first?.rules == ["by-mail"])
        // The reader's gap is only the value it can receive: mail never arrives.
        #expect(
            Self.findings(Self.chained, code: "gap").map(\.diagnostic.message) == [
                "table 'handle' decides nothing when channel is chat (gaps are allowed in this table)"
            ])
        // A rule that tests only what never arrives is not also unused or shadowed.
        #expect(Self.findings(Self.chained, code: "unused-value").isEmpty)
    }

    @Test(
        "A reader of a table that can emit nothing has nothing to decide",
        arguments: [
            ("type: integer", "\"<= 2\""),
            ("values: [low, high]", "low"),
        ])
    func chainFromAnEmptyTable(level: String, cell: String) throws {
        let yaml = """
            tables:
              - name: route
                inputs:
                  - { name: kind, values: [call, message] }
                outputs:
                  - { name: level, \(level) }
                rules: []
              - name: handle
                inputs:
                  - { name: level }
                outputs:
                  - { name: team, values: [voice, post] }
                rules:
                  - { id: low, when: { level: \(cell) }, then: { team: voice } }
            """
        let report = Validator.validate(yaml: yaml, file: "rules.yaml")
        #expect(
            report.findings.filter { $0.diagnostic.code == "gap" }.map(\.diagnostic.message) == [
                "table 'route' decides nothing when kind is any"
            ])
    }

    // MARK: Scale

    @Test("A table of 2,000 rules over 12 inputs validates")
    func largeTable() throws {
        let yaml = BenchmarkTables.generatedTableYAML(ruleCount: 2_000)
        let report = Validator.validate(yaml: yaml, file: "generated.yaml")
        let codes = Set(report.findings.map(\.diagnostic.code))
        #expect(codes.isSubset(of: ["shadowed", "duplicate", "unused-value"]), "\(codes)")
        // The catch-all closes every gap.
        #expect(!codes.contains("gap"))
    }
}
