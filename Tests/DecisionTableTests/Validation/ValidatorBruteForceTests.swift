import DecisionTable
import DecisionTableReports
import JSONLines
import _DecisionTableTestSupport
import Testing

/// The validator cuts the input space into boxes and never visits a point; here random tables
/// small enough to visit every point prove its gaps, overlaps, shadowed rules, duplicates and
/// subsumed rules exact: nothing missed, nothing invented.
@Suite struct ValidatorBruteForceTests {
    /// 2,400 files (about a third of them with a second, chained table), in batches that run
    /// in parallel.
    static let batches = 0..<24
    static let filesPerBatch: UInt64 = 100

    static func seeds(_ batch: Int) -> Range<UInt64> {
        let start = UInt64(batch) * filesPerBatch
        return start..<(start + filesPerBatch)
    }

    static func file(_ seed: UInt64) -> RandomRulesFile {
        RandomTables.rulesFile(seed: seed, maximumRules: 12, enumerable: true)
    }

    @Test("Findings equal what enumerating every input finds", arguments: batches)
    func agreesWithEnumeration(batch: Int) throws {
        for seed in Self.seeds(batch) {
            let file = Self.file(seed)
            let tables = try file.load().tables
            let report = Validator.validate(yaml: file.yaml, file: file.path)
            var problems = report.findings.filter { finding in !tables.contains { $0.name == finding.table } }
                .map { "finding outside the tables: \($0.diagnostic.code) \($0.diagnostic.message)" }
            for table in tables {
                let brute = BruteForceValidator(table: table, tables: tables)
                problems += brute.disagreements(with: report.findings.filter { $0.table == table.name })
                    .map { "table '\(table.name)' (\(table.hitPolicy)): \($0)" }
            }
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(file)\n\(report.text())")
        }
    }

    /// The validation benchmarks' tables: decision trees written out flat, with gaps and
    /// overlaps, here over small domains. Past 64 rules the enumerator's rule sets take several
    /// words; with a catch-all appended, every rule meets it, more than the validator compares
    /// pairwise in one box, and the rest are looked up in its intersection index.
    @Test("Generated decision-tree tables agree with enumeration", arguments: [HitPolicy.unique, .first])
    func generatedTables(policy: HitPolicy) throws {
        for seed in UInt64(0)..<6 {
            let columns = ValidationTables.columns(count: 5, enumValues: 2...5, integerBounds: 0...9, seed: seed)
            let tree = ValidationTables.yaml(ruleCount: 40 + 40 * Int(seed), columns: columns, hitPolicy: policy, seed: seed)
            for yaml in [tree, tree + "      - { id: catch-all, then: { o: -1 } }\n"] {
                let tables = try ValidationTables.load(yaml).tables
                let report = Validator.validate(yaml: yaml, file: "generated-\(seed).yaml")
                let brute = BruteForceValidator(table: tables[0], tables: tables)
                let problems = brute.disagreements(with: report.findings)
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(yaml)\n\(report.text())")
                #expect(report.findings.contains { $0.diagnostic.code == "gap" } == !yaml.contains("catch-all"))
            }
        }
    }

    /// The published benchmark's recipe over small domains: a decision tree with a tenth of
    /// its rules widened into their neighbours and a tenth narrowed inside their leaves. Most
    /// rules meet no other, so the gaps are first cut with those alone and the parts they
    /// leave are cut again with the widened rules: the two stages must find exactly the gaps
    /// enumeration finds.
    @Test("Trees with widened and narrowed rules agree with enumeration", arguments: [HitPolicy.unique, .first])
    func recipeTables(policy: HitPolicy) throws {
        var residualGaps = 0
        for seed in UInt64(0)..<8 {
            let columns = ValidationTables.columns(count: 5, enumValues: 2...5, integerBounds: 0...9, seed: seed)
            let rules = 60 + 30 * Int(seed)
            let yaml = ValidationTables.yaml(
                ruleCount: rules, columns: columns, hitPolicy: policy, gaps: 0, overlaps: 0,
                widened: rules / 10, shrunk: rules / 10, seed: seed)
            let tables = try ValidationTables.load(yaml).tables
            let report = Validator.validate(yaml: yaml, file: "recipe-\(seed).yaml")
            let brute = BruteForceValidator(table: tables[0], tables: tables)
            let problems = brute.disagreements(with: report.findings)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(yaml)\n\(report.text(all: true))")
            #expect(report.isComplete)
            if report.findings.contains(where: { $0.diagnostic.code == "gap" }) { residualGaps += 1 }
        }
        #expect(residualGaps > 0, "no table of the recipe had a gap")
    }

    /// Past the first thousand gap boxes, the share of a part the overlapping rules leave
    /// uncovered is counted, by inclusion and exclusion over the rules reaching into it,
    /// rather than cut into boxes. Here half the space is tiled by rules that meet no other
    /// and the other half holds random boxes that meet each other, dozens of which reach
    /// into each part the tiling leaves: the gap findings' shares, listed and counted, must
    /// add up to the share of the points enumeration finds undecided.
    @Test("Counted gap shares agree with enumeration where many rules reach into a part")
    func countedGapShares() throws {
        var counted = 0
        for seed in UInt64(0)..<4 {
            var random = SeededGenerator(seed: seed)
            var yaml = """
                tables:
                  - name: counted
                    hit: first
                    inputs:
                      - { name: w, type: integer, min: 0, max: 15 }
                      - { name: x, type: integer, min: 0, max: 15 }
                      - { name: y, type: integer, min: 0, max: 15 }
                      - { name: z, type: integer, min: 0, max: 15 }
                      - { name: v, type: integer, min: 0, max: 7 }
                    outputs:
                      - { name: o, type: integer }
                    rules:

                """
            var id = 0
            func rule(_ when: String) {
                yaml += "      - { id: r\(id), when: { \(when) }, then: { o: \(id) } }\n"
                id += 1
            }
            for w in 0..<8 {
                for x in 0..<16 { rule("w: \(w), x: \(x)") }
            }
            for _ in 0..<120 {
                let cells = ["w", "x", "y", "z", "v"].map { input in
                    let low = Int.random(in: input == "w" ? 8...15 : input == "v" ? 0...7 : 0...15, using: &random)
                    return "\(input): \"\(low)..\(min(input == "v" ? 7 : 15, low + Int.random(in: 0...6, using: &random)))\""
                }
                rule(cells.joined(separator: ", "))
            }
            let tables = try ValidationTables.load(yaml).tables
            let report = Validator.validate(yaml: yaml, file: "counted-\(seed).yaml")
            #expect(report.isComplete)
            let gaps = report.findings.filter { $0.diagnostic.code == "gap" }
            if gaps.contains(where: { $0.diagnostic.message.contains("more of the input space than listed") }) { counted += 1 }
            let reported = gaps.reduce(0.0) { $0 + ($1.share ?? 0) }
            let brute = BruteForceValidator(table: tables[0], tables: tables)
            var anyRule = [UInt64](repeating: 0, count: (brute.pointCount + 63) / 64)
            for rule in brute.matched {
                for w in anyRule.indices { anyRule[w] |= rule[w] }
            }
            let undecided = brute.pointCount - anyRule.reduce(0) { $0 + $1.nonzeroBitCount }
            let exact = Double(undecided) / Double(brute.pointCount)
            #expect(abs(reported - exact) < 1e-9, "seed \(seed): reported \(reported), enumerated \(exact)")
        }
        #expect(counted > 0, "no table had more gap boxes than are listed")
    }

    /// Tables that are no tree at all: every rule a random box, so that gaps, overlaps in
    /// groups of many rules and shadowed rules are everywhere, under each policy that reads
    /// them; with a catch-all too (under `unique` it overlaps every rule, under `first` placed
    /// last it shadows nothing, and the table has no gap).
    @Test("Random non-tree tables agree with enumeration", arguments: [HitPolicy.unique, .any, .first, .collect(nil)])
    func randomBoxTables(policy: HitPolicy) throws {
        var seen = Set<String>()
        for seed in UInt64(0)..<40 {
            let columns = ValidationTables.columns(count: 3 + Int(seed % 3), enumValues: 2...5, integerBounds: 0...9, seed: seed)
            let yaml = RandomBoxTables.yaml(
                ruleCount: 5 + Int(seed % 7) * 8, columns: columns, constrained: 1...3,
                hitPolicy: policy, catchAll: seed % 4 == 3, seed: seed)
            let tables = try ValidationTables.load(yaml).tables
            let report = Validator.validate(yaml: yaml, file: "random-\(seed).yaml")
            let problems = BruteForceValidator(table: tables[0], tables: tables).disagreements(with: report.findings)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(yaml)\n\(report.text(all: true))")
            seen.formUnion(report.findings.map(\.diagnostic.code))
            for finding in report.findings where finding.diagnostic.code == "overlap" && finding.rules.count > 2 {
                seen.insert(finding.hub == nil ? "group" : "hub")
            }
        }
        // The mix reaches what the policy reports, groups of more than two rules sharing an
        // input and groups led by a hub included.
        let expected: Set<String> =
            switch policy {
            case .unique, .any: ["gap", "overlap", "group", "hub"]
            case .first: ["gap", "shadowed"]
            default: ["gap"]
            }
        #expect(expected.isSubset(of: seen), "never found: \(expected.subtracting(seen).sorted())")
    }

    /// A comparison proves little if the tables never produce the findings; the mix must reach
    /// each analysis under each policy it applies to, and chained inputs the producer narrows.
    @Test("The enumerable tables meet every finding the comparison checks")
    func coverage() throws {
        var seen = Set<String>()
        for seed in Self.seeds(0).lowerBound..<(6 * Self.filesPerBatch) {
            let file = Self.file(seed)
            let tables = try file.load().tables
            for table in tables {
                for input in table.inputs where BruteForceValidator.producible(input, tables: tables) != nil {
                    seen.insert("narrowed \(input.domain.finiteCount == nil ? "integer" : "finite")")
                }
            }
            for finding in Validator.validate(yaml: file.yaml, file: file.path).findings {
                let hit = tables.first { $0.name == finding.table }!.hitPolicy
                let policy = if case .collect = hit { "collect" } else { hit.description }
                seen.insert("\(finding.diagnostic.code) \(policy)")
            }
        }
        var expected: Set<String> = ["narrowed integer", "narrowed finite"]
        for policy in ["unique", "any", "first", "priority", "collect", "rule-order"] {
            expected.formUnion(["gap \(policy)", "duplicate \(policy)"])
        }
        expected.formUnion([
            "overlap unique", "overlap any", "subsumed unique", "subsumed any",
            "shadowed first", "shadowed priority",
        ])
        #expect(expected.subtracting(seen).isEmpty, "never found: \(expected.subtracting(seen).sorted())")
    }
}
