import DecisionTable
import _DecisionTableTestSupport
import Testing

/// Number and free string columns are coded into integers and enumerations for the engine.
/// Here random tables whose number columns use a small set of boundary values are checked
/// against the numbers themselves: at every sample point (each boundary, a number between
/// each pair, numbers beyond both ends, and an unmentioned string), evaluation matches the
/// rules whose written cells hold the point, a gap row holds the point exactly when no rule
/// does, and a unique table reports an overlap for exactly the pairs of rules sharing a point.
@Suite struct NumberColumnBruteForceTests {
    @Test("Coded number and string columns agree with the numbers", arguments: 0..<8)
    func agreesWithNumbers(batch: Int) throws {
        for seed in UInt64(batch * 15)..<UInt64(batch * 15 + 15) {
            let generated = RandomNumberTable(seed: seed)
            let (yaml, rules) = (generated.yaml, generated.rules)
            let tables = try DecisionTables(yaml: yaml)
            let report = Validator.validate(yaml: yaml)
            let gaps = report.findings.filter { $0.diagnostic.code == "gap" }
            // Overlaps come in groups of rules that all match one witness, or led by a hub that
            // each other rule overlaps (the witness then held by the hub and the next rule);
            // every pair of rules sharing a point is in some group.
            let groups = report.findings.filter { $0.diagnostic.code == "overlap" }
            var overlaps: Set<[String]> = []
            for group in groups {
                let ids = group.rules.compactMap { id in Int(id.dropFirst()) }
                if group.hub != nil {
                    for b in ids.dropFirst() { overlaps.insert(["r\(min(ids[0], b))", "r\(max(ids[0], b))"]) }
                } else {
                    for a in ids { for b in ids where a < b { overlaps.insert(["r\(a)", "r\(b)"]) } }
                }
                let witness = (group.witness ?? []).map(\.value)
                let holding = group.hub != nil ? Array(ids.prefix(2)) : ids
                #expect(
                    witness.count == 3 && holding.allSatisfy { r in zip(rules[r], witness).allSatisfy { RandomNumberTable.holds($0, $1) } },
                    "\(group.diagnostic.message)\n\(yaml)")
            }
            var sharing: Set<[String]> = []
            let evaluator = tables.makeEvaluator()
            evaluator.recordsAllMatches = true
            for x in RandomNumberTable.samples {
                for y in RandomNumberTable.samples {
                    for s in RandomNumberTable.strings + ["Unmentioned"] {
                        let point: [Value] = [.number(x), .number(y), .string(s)]
                        let expected = rules.indices.filter { r in zip(rules[r], point).allSatisfy { RandomNumberTable.holds($0, $1) } }
                        let facts = try tables.encode(["x": .number(x), "y": .number(y), "s": .string(s)])
                        evaluator.load(facts)
                        _ = try? evaluator.run(tables: 0..<1)
                        #expect(evaluator.matchedRules(ofTable: 0) == expected, "x=\(x) y=\(y) s=\(s)\n\(yaml)")
                        let inGap = gaps.contains { gap in
                            zip(gap.cells ?? [], point).allSatisfy { Self.contains($0.values, $1) }
                        }
                        #expect(inGap == expected.isEmpty, "x=\(x) y=\(y) s=\(s) gap rows: \(gaps.map(\.diagnostic.message))\n\(yaml)")
                        for a in expected { for b in expected where a < b { sharing.insert(["r\(a)", "r\(b)"]) } }
                    }
                }
            }
            #expect(overlaps.isSubset(of: sharing), "\(yaml)")
            // Identical cells are reported as duplicates rather than overlaps.
            let duplicates = Set(report.findings.filter { $0.diagnostic.code == "duplicate" }.map(\.rules))
            #expect(sharing.subtracting(overlaps).isSubset(of: duplicates), "\(yaml)\n\(report.text())")
        }
    }

    /// Whether a gap row's cell, as reported, holds a value.
    static func contains(_ cell: CellValues, _ value: Value) -> Bool {
        switch (cell, value) {
        case (.any, _): true
        case (.numbers(let intervals), .number(let number)): intervals.contains { $0.contains(number) }
        case (.values(let values), _): values.contains(value)
        case (.otherThan(let strings), .string(let text)): !strings.contains(text)
        default: false
        }
    }
}
