/// The semantic difference of two versions of one table.
///
/// Both versions' rules are laid over one input space (the union of their inputs and
/// values) and cut into boxes as the validator cuts them, until each version decides each
/// box one way; boxes where the decisions differ are the changes. A box where both versions
/// have the same rules in the same order is settled at once, so a large table with a few
/// edited rules costs little more than the edited regions.
struct TableDiff {
    let old: TableDefinition
    let new: TableDefinition

    /// The inputs of both versions: the new version's, then those only the old one has.
    private var inputs: [InputDefinition] = []
    private var space: AnalysisSpace!
    private var cells: FlatCells!
    /// For each joint rule, an id equal for rules with the same cells and outputs.
    private var content: [Int] = []
    /// The outputs both versions have, by name, in the new version's order.
    private var sharedOutputs: [String] = []
    private(set) var structural: [StructuralChange] = []
    private var found: [FoundChange] = []
    private var meter: BudgetMeter!
    /// The limit that stopped the comparison, if one did; the changes found stay exact.
    private(set) var stopped: BudgetLimit?
    private let oldDecider: TableDecider
    private let newDecider: TableDecider
    /// Whether the same rules in the same order decide alike in both versions: the same hit
    /// policy and defaults, and for `any` and `priority`, which read every output, the same
    /// outputs.
    private var sameReading = false

    init(old: TableDefinition, new: TableDefinition) {
        self.old = old
        self.new = new
        oldDecider = TableDecider(old)
        newDecider = TableDecider(new)
    }

    /// Computes the changes; structural changes that prevent comparing (an input whose kind
    /// changed) leave the outcome changes empty.
    mutating func run(meter: BudgetMeter) -> [OutcomeChange] {
        guard buildSpace() else { return [] }
        self.meter = meter
        cells = FlatCells(space)
        let all = Array(space.rules.indices)
        for root in Region.boxes(of: space.domain, cells) {
            cut(root, all.filter { cells.meets($0, root) })
        }
        stopped = meter.stopped
        return merged()
    }

    // MARK: The joint space

    private mutating func buildSpace() -> Bool {
        let newNames = Set(new.inputs.map(\.name))
        inputs = new.inputs + old.inputs.filter { !newNames.contains($0.name) }
        var domains: [ColumnSet] = []
        var comparable = true
        for (i, input) in inputs.enumerated() {
            let before = old.inputs.first { $0.name == input.name }
            let after = new.inputs.first { $0.name == input.name }
            if before == nil { structural.append(change("input-added", "input '\(input.name)' is added")) }
            if after == nil { structural.append(change("input-removed", "input '\(input.name)' is removed")) }
            guard let domain = JointDomain.union(before?.domain, after?.domain) else {
                structural.append(
                    change(
                        "input-changed",
                        "input '\(input.name)' changes from \(before!.domainSummary) to \(after!.domainSummary); its rules are not compared"))
                comparable = false
                continue
            }
            inputs[i].domain = domain
            if before != nil, after != nil, before!.domain != after!.domain {
                structural.append(
                    change(
                        "input-changed",
                        "input '\(input.name)' changes from \(before!.domainSummary) to \(after!.domainSummary)"))
            }
            domains.append(JointDomain.whole(domain))
        }
        let oldOutputs = Set(old.outputs.map(\.name))
        let newOutputs = Set(new.outputs.map(\.name))
        for output in new.outputs where !oldOutputs.contains(output.name) {
            structural.append(change("output-added", "output '\(output.name)' is added"))
        }
        for output in old.outputs where !newOutputs.contains(output.name) {
            structural.append(change("output-removed", "output '\(output.name)' is removed"))
        }
        if old.hitPolicy != new.hitPolicy {
            structural.append(change("hit-changed", "the hit policy changes from \(old.hitPolicy) to \(new.hitPolicy)"))
        }
        sharedOutputs = new.outputs.map(\.name).filter { oldOutputs.contains($0) }
        let readsEveryOutput = old.hitPolicy == .any || old.hitPolicy == .priority
        sameReading =
            old.hitPolicy == new.hitPolicy
            && DecidedOutcome.alike(
                oldDecider.defaults?.restricted(to: sharedOutputs),
                newDecider.defaults?.restricted(to: sharedOutputs))
            && (!readsEveryOutput || old.outputs.map { [$0.name, "\($0.type)"] } == new.outputs.map { [$0.name, "\($0.type)"] })
        guard comparable else { return false }
        var rules: [[ColumnSet]] = []
        var ids: [Key: Int] = [:]
        for table in [old, new] {
            // Per joint input, the table's own input and how its cells move into the joint domain.
            let own = inputs.map { input in table.inputs.firstIndex { $0.name == input.name } }
            let mappings = zip(own, inputs).map { k, input in
                k.map { JointDomain.Mapping(from: table.inputs[$0].domain, to: input.domain) }
            }
            let outputs = sharedOutputs.map { name in table.outputs.firstIndex { $0.name == name }! }
            for rule in table.rules {
                let row = (0..<inputs.count).map { c -> ColumnSet in
                    guard let k = own[c] else { return domains[c] }
                    return mappings[c]!.cell(rule.conditions[k])
                }
                let key = Key(cells: row, outputs: outputs.map { rule.values[$0] })
                content.append(
                    ids[key]
                        ?? {
                            ids[key] = ids.count; return ids.count - 1
                        }())
                rules.append(row)
            }
        }
        space = AnalysisSpace(domain: domains, rules: rules)
        return true
    }

    private struct Key: Hashable {
        let cells: [ColumnSet]
        let outputs: [Value]
    }

    private func change(_ kind: String, _ message: String) -> StructuralChange {
        StructuralChange(table: new.name, kind: kind, message: message)
    }

    // MARK: Cutting

    private mutating func cut(_ region: Region, _ rules: [Int]) {
        if meter.tick() { return }
        let oldRules = rules.filter { $0 < old.rules.count }
        let newRules = rules.filter { $0 >= old.rules.count }
        // The same rules in the same order decide alike everywhere, when the tables read
        // their rules alike.
        if sameReading {
            let was = oldRules.map { content[$0] }
            let now = newRules.map { content[$0] }
            if was == now { return }
            // Cut away first what lies outside the rules one version has and the other has
            // not: there the rest is the same in both and settles at once, so the work
            // follows the edited rules, not the whole table.
            if let parts = apart(region, rules, was, now) {
                for part in parts {
                    cut(part, rules.filter { cells.meets($0, part) })
                    if meter.stopped != nil { return }
                }
                return
            }
        }
        let before = settle(oldRules, region, oldDecider, offset: 0)
        let after = settle(newRules, region, newDecider, offset: old.rules.count)
        if let before, let after {
            let was = before.outcome?.restricted(to: sharedOutputs)
            let now = after.outcome?.restricted(to: sharedOutputs)
            if !DecidedOutcome.alike(was, now) {
                found.append(
                    FoundChange(
                        sets: region.sets(cells), old: was, new: now,
                        oldRules: before.rules.map { old.rules[$0].id },
                        newRules: after.rules.map { new.rules[$0].id }))
            }
            return
        }
        // Cut on an input that a rule of an unsettled version constrains.
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for r in (before == nil ? oldRules : []) + (after == nil ? newRules : []) {
            for c in 0..<cells.columnCount where !cells.covers(r, c, region) { constrained[c] += 1 }
        }
        let best = cells.bestColumn(constrained)
        precondition(constrained[best] > 0, "an unsettled version has a rule that cuts the box")
        let cutting = rules.filter { !cells.covers($0, best, region) }
        for part in cells.parts(of: region, column: best, cutting: cutting) {
            cut(part, rules.filter { cells.meets($0, best, part) })
            if meter.stopped != nil { return }
        }
    }

    /// The region cut in two along a rule only one version has (as many times as the
    /// versions have it), on an input where the rule does not hold the whole region; nil
    /// when every such rule holds it.
    private func apart(_ region: Region, _ rules: [Int], _ was: [Int], _ now: [Int]) -> [Region]? {
        var balance: [Int: Int] = [:]
        for id in was { balance[id, default: 0] += 1 }
        for id in now { balance[id, default: 0] -= 1 }
        for r in rules where balance[content[r]] != 0 {
            for c in 0..<cells.columnCount where !cells.covers(r, c, region) {
                return cells.parts(of: region, column: c, cutting: [r])
            }
        }
        return nil
    }

    /// What a version decides over the whole region, with the deciding rules (table
    /// indices), or nil when it decides differently in different parts.
    private func settle(_ rules: [Int], _ region: Region, _ decider: TableDecider, offset: Int) -> TableDecider.Decision? {
        decider.decide(rules.map { $0 - offset }) { r in
            (0..<cells.columnCount).allSatisfy { cells.covers(r + offset, $0, region) }
        }
    }

    // MARK: Reporting

    /// Boxes with the same decisions on both sides merged into few rows.
    private func merged() -> [OutcomeChange] {
        FoundChange.rows(found, table: new.name, inputs: inputs)
    }
}
