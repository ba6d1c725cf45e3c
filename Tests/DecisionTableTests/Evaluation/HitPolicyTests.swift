import DecisionTable
import Testing

/// Each hit policy on a small table, with the results written out by hand.
@Suite struct HitPolicyTests {
    /// Two carriers by weight and speed; `heavy` and `fast` overlap for express parcels of 5 to 9.
    static func shipping(hit: String?) -> String {
        """
        tables:
          - name: shipping
            \(hit.map { "hit: \($0)" } ?? "description: No 'hit', so unique.")
            inputs:
              - name: weight
                type: integer
                min: 0
              - name: express
                type: boolean
            outputs:
              - name: carrier
                values: [post, courier]
              - name: fee
                type: integer
            rules:
              - id: light
                when: { weight: "< 5", express: false }
                then: { carrier: post, fee: 5 }
              - id: heavy
                when: { weight: ">= 5" }
                then: { carrier: courier, fee: 20 }
              - id: fast
                when: { weight: "0..9", express: true }
                then: { carrier: courier, fee: 15 }
        """
    }

    static func facts(weight: Int, express: Bool) -> [String: Value] {
        ["weight": .integer(weight), "express": .boolean(express)]
    }

    @Test(
        "unique: the one matching rule decides",
        arguments: [
            (3, false, "light", "post", 5),
            (3, true, "fast", "courier", 15),
            (12, true, "heavy", "courier", 20),
        ])
    func uniqueSingleMatch(weight: Int, express: Bool, rule: String, carrier: String, fee: Int) throws {
        let tables = try DecisionTables(yaml: Self.shipping(hit: "unique"))
        let result = try tables.evaluate(Self.facts(weight: weight, express: express))
        #expect(result.tables.map(\.winners) == [[rule]])
        #expect(result["carrier"] == .single(.string(carrier)))
        #expect(result["fee"] == .single(.integer(fee)))
    }

    @Test("unique: several matches are an error naming the rules")
    func uniqueMultipleMatches() throws {
        let tables = try DecisionTables(yaml: Self.shipping(hit: "unique"))
        let error = #expect(throws: EvaluationError.multipleMatches(table: "shipping", rules: ["heavy", "fast"])) {
            try tables.evaluate(Self.facts(weight: 7, express: true))
        }
        #expect(error?.description == "table 'shipping' is unique but rules 'heavy', 'fast' all match")
    }

    @Test("A missing 'hit' means unique")
    func uniqueIsTheDefault() throws {
        let tables = try DecisionTables(yaml: Self.shipping(hit: nil))
        #expect(tables.tables[0].hitPolicy == .unique)
        #expect(throws: EvaluationError.multipleMatches(table: "shipping", rules: ["heavy", "fast"])) {
            try tables.evaluate(Self.facts(weight: 7, express: true))
        }
    }

    @Test("first: the first match in file order wins; every match is still recorded")
    func firstInFileOrder() throws {
        let tables = try DecisionTables(yaml: Self.shipping(hit: "first"))
        let result = try tables.evaluate(Self.facts(weight: 7, express: true))
        #expect(result.tables[0].matched == ["heavy", "fast"])
        #expect(result.tables[0].winners == ["heavy"])
        #expect(result["fee"] == .single(.integer(20)))
    }

    /// Grades where art below 40 has no rule and no default.
    static let grades = """
        tables:
          - name: grades
            hit: first
            inputs:
              - name: score
                type: integer
                min: 0
                max: 100
              - name: subject
                values: [maths, art]
            outputs:
              - name: grade
                values: [pass, fail]
            rules:
              - id: maths-pass
                when: { subject: maths, score: ">= 50" }
                then: { grade: pass }
              - id: art-pass
                when: { subject: art, score: ">= 40" }
                then: { grade: pass }
              - id: maths-fail
                when: { subject: maths }
                then: { grade: fail }
        """

    @Test("No match and no defaults is an error naming the table and its facts")
    func noMatchWithoutDefaults() throws {
        let tables = try DecisionTables(yaml: Self.grades)
        let error = #expect(
            throws: EvaluationError.noMatch(
                table: "grades",
                facts: [
                    NamedValue(name: "score", value: .integer(10)), NamedValue(name: "subject", value: .string("art")),
                ])
        ) {
            try tables.evaluate(["score": .integer(10), "subject": .string("art")])
        }
        #expect(
            error?.description
                == "no rule of table 'grades' matches score = 10, subject = art and its outputs have no default")
    }

    /// Alerts whose `level` values are declared most urgent first; the rules are not in that order.
    static let alert = """
        tables:
          - name: alert
            hit: priority
            inputs:
              - name: temperature
                type: integer
              - name: smoke
                type: boolean
            outputs:
              - name: level
                values: [critical, warning, info]
              - name: note
                type: string
            rules:
              - id: warm
                when: { temperature: ">= 30" }
                then: { level: info, note: warm }
              - id: hot
                when: { temperature: ">= 50" }
                then: { level: warning, note: hot }
              - id: smoke
                when: { smoke: true }
                then: { level: critical, note: "smoke, call the fire brigade" }
              - id: very-hot
                when: { temperature: ">= 45" }
                then: { level: warning, note: very hot }
        """

    @Test(
        "priority: the declared order of 'values' decides, then file order",
        arguments: [
            (35, false, "warm", "info", "warm"),
            // hot and very-hot tie on 'warning' and beat warm's 'info': hot comes first in the file.
            (60, false, "hot", "warning", "hot"),
            // critical is declared first, so smoke wins although it is written after warm and hot.
            (60, true, "smoke", "critical", "smoke, call the fire brigade"),
        ])
    func priorityByDeclaredValues(temperature: Int, smoke: Bool, rule: String, level: String, note: String) throws {
        let tables = try DecisionTables(yaml: Self.alert)
        let result = try tables.evaluate(["temperature": .integer(temperature), "smoke": .boolean(smoke)])
        #expect(result.tables[0].winners == [rule])
        #expect(result["level"] == .single(.string(level)))
        #expect(result["note"] == .single(.string(note)))
    }

    /// Discounts where members and seniors agree on 10 %, and children get 50 %.
    static let discount = """
        tables:
          - name: discount
            hit: any
            inputs:
              - name: member
                type: boolean
              - name: age
                type: integer
                min: 0
            outputs:
              - name: percent
                type: integer
                default: 0
            rules:
              - id: member
                when: { member: true }
                then: { percent: 10 }
              - id: senior
                when: { age: ">= 65" }
                then: { percent: 10 }
              - id: child
                when: { age: "< 12" }
                then: { percent: 50 }
              - id: adult
                when: { member: false, age: "18..64" }
              - id: thirties
                when: { member: false, age: "30..39" }
                then: { percent: 0 }
        """

    @Test(
        "any: overlapping rules that agree report the first of them",
        arguments: [
            (true, 70, "member", 10),
            // adult leaves 'percent' to its default 0, thirties writes 0: the values agree.
            (false, 35, "adult", 0),
        ])
    func anyAgreeing(member: Bool, age: Int, rule: String, percent: Int) throws {
        let tables = try DecisionTables(yaml: Self.discount)
        let result = try tables.evaluate(["member": .boolean(member), "age": .integer(age)])
        #expect(result.tables[0].winners == [rule])
        #expect(result.tables[0].usedDefaults == false)
        #expect(result["percent"] == .single(.integer(percent)))
    }

    @Test("any: overlapping rules that disagree are an error naming every matching rule")
    func anyConflict() throws {
        let tables = try DecisionTables(yaml: Self.discount)
        let error = #expect(throws: EvaluationError.conflictingMatches(table: "discount", rules: ["member", "child"])) {
            try tables.evaluate(["member": .boolean(true), "age": .integer(8)])
        }
        #expect(
            error?.description
                == "table 'discount' is 'any' but the matching rules 'member', 'child' disagree on the outputs")
    }

    @Test("No match with defaults returns the defaults and no winner")
    func noMatchWithDefaults() throws {
        let tables = try DecisionTables(yaml: Self.discount)
        let result = try tables.evaluate(["member": .boolean(false), "age": .integer(14)])
        #expect(result.tables[0].winners.isEmpty)
        #expect(result.tables[0].usedDefaults)
        #expect(result["percent"] == .single(.integer(0)))
    }

    /// Tags by score; `hundred` leaves its tag to the default.
    static func tags(hit: String) -> String {
        """
        tables:
          - name: tags
            hit: \(hit)
            inputs:
              - name: score
                type: integer
            outputs:
              - name: tag
                type: string
                default: untagged
            rules:
              - id: positive
                when: { score: "> 0" }
                then: { tag: positive }
              - id: big
                when: { score: "> 99" }
                then: { tag: big }
              - id: hundred
                when: { score: 100 }
        """
    }

    @Test(
        "collect and rule-order: every match in file order, as a list", arguments: ["collect", "rule-order"],
        [
            (150, ["positive", "big"], ["positive", "big"]),
            (100, ["positive", "big", "hundred"], ["positive", "big", "untagged"]),
        ])
    func collectLists(hit: String, expected: (score: Int, rules: [String], tags: [String])) throws {
        let tables = try DecisionTables(yaml: Self.tags(hit: hit))
        let result = try tables.evaluate(["score": .integer(expected.score)])
        #expect(result.tables[0].winners == expected.rules)
        #expect(result["tag"] == .list(expected.tags.map(Value.string)))
    }

    @Test("collect and rule-order: no match is a list of the defaults", arguments: ["collect", "rule-order"])
    func collectNoMatch(hit: String) throws {
        let tables = try DecisionTables(yaml: Self.tags(hit: hit))
        let result = try tables.evaluate(["score": .integer(-3)])
        #expect(result.tables[0].winners.isEmpty)
        #expect(result.tables[0].usedDefaults)
        #expect(result["tag"] == .list([.string("untagged")]))
    }

    /// Points per level: levels 1, 2 and 3 each add a rule.
    static func points(_ aggregation: HitPolicy.Aggregation) -> String {
        """
        tables:
          - name: points
            hit: {collect: \(aggregation.rawValue)}
            inputs:
              - name: level
                type: integer
            outputs:
              - name: points
                type: integer
                default: -1
              - name: bonus
                type: integer
                default: 0
            rules:
              - id: one
                when: { level: ">= 1" }
                then: { points: 5 }
              - id: two
                when: { level: ">= 2" }
                then: { points: 3, bonus: 7 }
              - id: three
                when: { level: ">= 3" }
                then: { points: 10, bonus: -2 }
        """
    }

    @Test(
        "collect aggregations fold each integer output over the matches",
        arguments: [
            (HitPolicy.Aggregation.sum, 3, 18, 5),
            (.min, 3, 3, -2),
            (.max, 3, 10, 7),
            (.count, 3, 3, 3),
            (.sum, 1, 5, 0),
            (.min, 2, 3, 0),
            (.max, 2, 5, 7),
            (.count, 1, 1, 1),
            // No match: the defaults, not 0 or a count of 0.
            (.sum, 0, -1, 0),
            (.count, 0, -1, 0),
        ])
    func aggregations(aggregation: HitPolicy.Aggregation, level: Int, points: Int, bonus: Int) throws {
        let tables = try DecisionTables(yaml: Self.points(aggregation))
        let result = try tables.evaluate(["level": .integer(level)])
        #expect(result["points"] == .single(.integer(points)))
        #expect(result["bonus"] == .single(.integer(bonus)))
        #expect(result.tables[0].winners == Array(["one", "two", "three"].prefix(max(0, level))))
    }
}
