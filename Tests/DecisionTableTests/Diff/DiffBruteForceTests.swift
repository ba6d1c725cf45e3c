import DecisionTable
import DecisionTableReports
import JSONLines
import _DecisionTableTestSupport
import Testing

/// The diff cuts the joint input space into boxes and never visits a point; here random
/// pairs of files small enough to visit every point prove its rows exact: each row holds only
/// points where the versions decide differently, with both outcomes and deciding rules as
/// enumeration finds them there, no two rows share a point, and every such point is in a row.
/// The final outputs of chained tables are proved the same way over the facts a caller gives.
@Suite struct DiffBruteForceTests {
    /// 1,500 pairs (about a third of them chained), in batches that run in parallel.
    static let batches = 0..<15
    static let pairsPerBatch: UInt64 = 100

    static func seeds(_ batch: Int) -> Range<UInt64> {
        let start = UInt64(batch) * pairsPerBatch
        return start..<(start + pairsPerBatch)
    }

    /// What one pair checked.
    struct Checked {
        var tables = 0
        var finals = 0
        var changedFinals = 0
        var skipped = 0
    }

    /// Diffs the pair and compares every table, and every reader's final outputs, with
    /// enumeration.
    static func check(_ pair: DiffPair) throws -> (problems: [String], checked: Checked) {
        let old = try DecisionTables(yaml: pair.old, file: "old.yaml").tables
        let new = try DecisionTables(yaml: pair.new, file: "new.yaml").tables
        let diff = SemanticDiff.diff(old: old, new: new)
        var problems: [String] = []
        var checked = Checked()
        let labels = Set(diff.changes.map(\.table))
        var expectedLabels: Set<String> = []
        for table in new {
            guard let before = old.first(where: { $0.name == table.name }) else { continue }
            if let space = EnumeratedDiff.table(old: before, new: table) {
                checked.tables += 1
                expectedLabels.insert(table.name)
                problems += space.referenceProblems.map { "table '\(table.name)' reference: \($0)" }
                problems += space.disagreements(with: diff.changes, label: table.name).map { "table '\(table.name)': \($0)" }
            } else {
                checked.skipped += 1
            }
            guard before.inputs.contains(where: { $0.producer != nil }) || table.inputs.contains(where: { $0.producer != nil }) else {
                continue
            }
            let label = "\(table.name) (final)"
            if let space = EnumeratedDiff.final(table.name, old: old, new: new) {
                checked.finals += 1
                expectedLabels.insert(label)
                if labels.contains(label) { checked.changedFinals += 1 }
                problems += space.referenceProblems.map { "\(label) reference: \($0)" }
                problems += space.disagreements(with: diff.changes, label: label).map { "\(label): \($0)" }
            } else {
                checked.skipped += 1
                expectedLabels.insert(label)
            }
        }
        let stray = labels.subtracting(expectedLabels)
        if !stray.isEmpty { problems.append("rows for tables not compared: \(stray.sorted())") }
        if pair.isPure, !diff.isEmpty {
            problems.append("only ids, descriptions and the order of disjoint rules changed, yet:\n\(diff.text)")
        }
        return (problems, checked)
    }

    @Test("Change rows are exactly the points where the versions decide differently", arguments: batches)
    func agreesWithEnumeration(batch: Int) throws {
        var made = 0
        var totals = Checked()
        for seed in Self.seeds(batch) {
            guard let pair = DiffPairs.pair(seed: seed) else { continue }
            made += 1
            let (problems, checked) = try Self.check(pair)
            totals.tables += checked.tables
            totals.finals += checked.finals
            totals.skipped += checked.skipped
            #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))\n\(pair)")
        }
        // Nearly every seed gives a pair that loads, and nearly every space is small enough.
        #expect(made >= 95, "only \(made) pairs of \(Self.pairsPerBatch) load")
        #expect(totals.skipped <= 8, "\(totals.skipped) spaces too large to enumerate")
        #expect(totals.tables >= 100)
        #expect(totals.finals >= 20, "only \(totals.finals) chained readers compared by final outputs")
    }

    /// More chained files, with the edits mostly upstream: 400 pairs whose reader's final
    /// outputs are proved against enumeration, many of them changed by an upstream edit.
    @Test("Final outputs of chained files are exactly the points where they differ", arguments: 0..<5)
    func finalOutputsAgreeWithEnumeration(batch: Int) throws {
        var pairs = 0
        var totals = Checked()
        var seed = 100_000 + UInt64(batch) * 1_000
        while pairs < 80 {
            defer { seed += 1 }
            let file = RandomTables.rulesFile(seed: seed, maximumRules: 12, enumerable: true).yaml
            guard file.contains("\n  - name: t1\n") || file.contains("\n  - name: reader-table\n"),
                let pair = DiffPairs.pair(seed: seed), !pair.isPure,
                try DecisionTables(yaml: pair.old).tables.count == 2
            else { continue }
            pairs += 1
            let (problems, checked) = try Self.check(pair)
            totals.finals += checked.finals
            totals.changedFinals += checked.changedFinals
            totals.skipped += checked.skipped
            #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))\n\(pair)")
        }
        #expect(totals.finals >= 76, "only \(totals.finals) readers of 80 compared by final outputs")
        #expect(totals.changedFinals >= 15, "only \(totals.changedFinals) upstream edits change a final output")
    }

    /// Tables that are no decision trees, every rule a random box (``RandomBoxTables``), in
    /// two versions four rules apart (an output changed, a rule deleted, a rule copied
    /// earlier with another output, a cell narrowed): the edited rules' boxes overlap many
    /// others, which the cut inside them must sort out exactly.
    @Test("Random non-tree table pairs agree with enumeration", arguments: [HitPolicy.unique, .any, .first, .collect(nil), .ruleOrder])
    func randomBoxPairs(policy: HitPolicy) throws {
        var changed = 0
        for seed in UInt64(0)..<40 {
            let columns = ValidationTables.columns(count: 3 + Int(seed % 3), enumValues: 2...5, integerBounds: 0...9, seed: seed)
            let (old, new) = RandomBoxTables.versions(
                ruleCount: 10 + Int(seed % 5) * 4, columns: columns, constrained: 2...3, hitPolicy: policy, seed: seed)
            let pair = DiffPair(seed: seed, old: old, new: new, edits: ["four random rules edited"], isPure: false)
            let (problems, checked) = try Self.check(pair)
            #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))\n\(pair)")
            #expect(checked.tables == 1, "the space of seed \(seed) is too large to enumerate")
            let diff = SemanticDiff.diff(old: try DecisionTables(yaml: old).tables, new: try DecisionTables(yaml: new).tables)
            if !diff.changes.isEmpty { changed += 1 }
        }
        // The edits change what most pairs decide (an edit inside other rules' boxes may not).
        #expect(changed >= 20, "only \(changed) of 40 pairs decide differently")
    }

    /// The proof means little unless the pairs reach every kind of change: the mix must edit
    /// in every way, change outcomes under every hit policy, show upstream changes at the
    /// final outputs, and leave pure edits that the diff must find empty.
    @Test("The pairs reach every kind of edit and change")
    func coverage() throws {
        var seen = Set<String>()
        for seed in Self.seeds(0).lowerBound..<300 {
            guard let pair = DiffPairs.pair(seed: seed) else { continue }
            if pair.isPure { seen.insert("pure") }
            for edit in pair.edits {
                let words = edit.split(separator: " ")
                seen.insert("edit " + (words.first == "pure:" ? words[2] : words[1]))
            }
            let old = try DecisionTables(yaml: pair.old).tables
            let new = try DecisionTables(yaml: pair.new).tables
            let diff = SemanticDiff.diff(old: old, new: new)
            for change in diff.changes {
                if change.table.hasSuffix(" (final)") {
                    seen.insert("final change")
                    if change.old.map({ if case .conflict = $0 { true } else { false } }) == true { seen.insert("final conflict") }
                } else if let table = new.first(where: { $0.name == change.table }) {
                    let policy = if case .collect = table.hitPolicy { "collect" } else { table.hitPolicy.description }
                    seen.insert("change \(policy)")
                }
                if change.old == nil || change.new == nil { seen.insert("nothing decided") }
            }
            for change in diff.structural { seen.insert(change.kind) }
        }
        var expected: Set<String> = [
            "pure", "final change", "nothing decided", "input-added", "input-removed",
            "output-added", "output-removed", "input-changed", "hit-changed",
        ]
        for edit in [
            "cell", "output", "default", "delete", "add", "duplicate", "reorder", "hit", "value", "widen",
            "remove", "rename", "describe", "move",
        ] {
            expected.insert("edit \(edit)")
        }
        for policy in ["unique", "any", "first", "priority", "collect", "rule-order"] { expected.insert("change \(policy)") }
        #expect(expected.subtracting(seen).isEmpty, "never seen: \(expected.subtracting(seen).sorted())")
    }
}
