/// The semantic difference of two versions of one table.
///
/// Both versions' rules are laid over one input space (the union of their inputs and
/// values). Where the two read their rules alike (the same hit policy, defaults and outputs),
/// only the rules one version has and the other has not, or has elsewhere in its order (see
/// ``RuleAlignment``), can make them decide differently, and only inside their boxes: each
/// such box is cut, with the rules the intersection index finds reaching into it, until the
/// versions are known to decide alike there or each decides one way; boxes where the
/// decisions differ are the changes. A box stops being cut as soon as the rules that decide
/// it are the same in both versions (for `first` and `priority`, the rules up to the best
/// one holding the whole box; a rule holding the box counts by its outputs alone), or both
/// versions break their hit policy all over it. A large table with a few edited rules costs
/// the edited rules' boxes, not the whole space. Where the versions read their rules
/// differently, the whole space is cut.
struct TableDiff {
    let old: TableDefinition
    let new: TableDefinition

    /// The inputs of both versions: the new version's, then those only the old one has.
    private var inputs: [InputDefinition] = []
    private var space: AnalysisSpace!
    private var cells: FlatCells!
    /// For each joint rule, an id equal for rules with the same cells and outputs.
    private var content: [Int] = []
    /// For each joint rule, an id equal for rules with the same outputs: a rule holding a
    /// whole box decides there by its outputs alone.
    private var outputsID: [Int] = []
    /// For each joint rule, its place among the rules whose boxes are cut (those one version
    /// has and the other has not, in the same place), `Int.max` for the others.
    private var examined: [Int] = []
    /// The place (in ``examined``) of the rule whose box is being cut: the boxes of the rules
    /// before it are compared already.
    private var current = Int.max
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
        examined = [Int](repeating: .max, count: space.rules.count)
        defer { stopped = meter.stopped }
        guard sameReading else {
            // Every input may decide differently: the whole space is cut.
            let all = Array(space.rules.indices)
            for root in Region.boxes(of: space.domain, cells) {
                cut(root, all.filter { cells.meets($0, root) })
                if meter.stopped != nil { break }
            }
            return merged()
        }
        let n = old.rules.count
        let (gone, added) = RuleAlignment.unmatched(Array(content[..<n]), Array(content[n...]))
        let changed = gone + added.map { $0 + n }
        for (place, r) in changed.enumerated() { examined[r] = place }
        let index = IntersectionIndex(space, cells, maximumBytes: meter.budget.maximumMemory / 4)
        meter.charge(index.bytes)
        defer { meter.release(index.bytes) }
        for (place, r) in changed.enumerated() {
            current = place
            meter.done = Double(place) / Double(changed.count)
            var reaching = index.rulesMeeting(r)
            reaching.append(r)
            reaching.sort()
            for root in Region.boxes(of: space.rules[r], cells) {
                cut(root, reaching.filter { cells.meets($0, root) })
                if meter.stopped != nil { return merged() }
            }
        }
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
        var outputIDs: [[Value]: Int] = [:]
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
                let values = outputs.map { rule.values[$0] }
                let key = Key(cells: row, outputs: values)
                outputsID.append(Self.id(values, in: &outputIDs))
                content.append(Self.id(key, in: &ids))
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

    /// The id of `key` in `ids`; a new one when it has none.
    private static func id<K: Hashable>(_ key: K, in ids: inout [K: Int]) -> Int {
        if let id = ids[key] { return id }
        ids[key] = ids.count
        return ids.count - 1
    }

    private func change(_ kind: String, _ message: String) -> StructuralChange {
        StructuralChange(table: new.name, kind: kind, message: message)
    }

    // MARK: Cutting

    /// What one version does over a box.
    private struct View {
        /// The rules that decide the box, in rank order, each as an id that is equal in both
        /// versions for rules deciding alike everywhere in the box: a rule holding the box by
        /// its outputs, another by its cells and outputs.
        var keys: [Int] = []
        /// The decision over the whole box, if the version decides it one way.
        var decision: TableDecider.Decision?
        /// Whether the version breaks its hit policy everywhere in the box.
        var conflicting = false
        /// Positions (in the box's rules) of the deciding rules that do not hold the whole box.
        var partial: [Int] = []
        /// Positions of the rules that can decide some part of the box.
        var deciding: [Int] = []
    }

    /// Cuts `region` until, in each part, the versions are known to decide alike, or each
    /// decides one way; parts where they differ are recorded. `rules` are the rules (joint
    /// indices, ascending) that meet the region; `known` and `changed` as for the partition
    /// (``FlatCells/mask(_:_:known:changed:)``).
    private mutating func cut(_ region: Region, _ rules: [Int], known: [UInt64]? = nil, changed: Int = 0) {
        if meter.tick() { return }
        let bytes = 24 * rules.count + 8 * cells.columnCount + 64
        guard meter.reserve(bytes) else { return }
        defer { meter.release(bytes) }
        var masks = [UInt64](repeating: 0, count: rules.count)
        for (k, r) in rules.enumerated() {
            masks[k] = cells.mask(r, region, known: known?[k], changed: changed)
            // Inside the box of a rule cut before: compared there already.
            if masks[k] == 0, examined[r] < current { return }
        }
        let split = rules.firstIndex { $0 >= old.rules.count } ?? rules.count
        let before = view(rules, masks, 0..<split, oldDecider, offset: 0)
        let after = view(rules, masks, split..<rules.count, newDecider, offset: old.rules.count)
        if sameReading, before.keys == after.keys { return }
        if let was = before.decision, let now = after.decision {
            let (a, b) = (was.outcome?.restricted(to: sharedOutputs), now.outcome?.restricted(to: sharedOutputs))
            if !DecidedOutcome.alike(a, b) {
                let earlier = rules.indices.filter { examined[rules[$0]] < current }.map { rules[$0] }
                record(
                    region, outside: earlier,
                    FoundChange(
                        sets: [], old: a, new: b,
                        oldRules: was.rules.map { old.rules[$0].id }, newRules: now.rules.map { new.rules[$0].id }))
            }
            return
        }
        if before.conflicting, after.conflicting { return }
        // Cut along the deciding rules of an undecided version that do not hold the box; the
        // parts keep the rules that can still decide there, and the boxes cut before.
        // A version that breaks its hit policy all over the box is cut last: where the other
        // one breaks it too, the two decide alike, whatever rules take part.
        var open: [Int] = []
        for side in [before, after] where side.decision == nil && !side.conflicting { open += side.partial }
        if open.isEmpty {
            for side in [before, after] where side.decision == nil { open += side.partial }
        }
        precondition(!open.isEmpty, "an undecided version has a rule that cuts the box")
        var keep = [Bool](repeating: false, count: rules.count)
        for k in before.deciding + after.deciding { keep[k] = true }
        for k in rules.indices where examined[rules[k]] < current { keep[k] = true }
        let kept = rules.indices.filter { keep[$0] }
        let openRules = open.map { rules[$0] }
        let openMasks = open.map { masks[$0] }
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for mask in openMasks { cells.count(mask, into: &constrained) }
        if let k = cells.dominant(openRules, openMasks, in: region), let (outside, inside) = cells.takingOut(openRules[k], of: region) {
            for part in outside + [inside] {
                cut(part, kept.map { rules[$0] }.filter { cells.meets($0, part) })
                if meter.stopped != nil { return }
            }
            return
        }
        let (best, pieces) = cells.nextCut(of: region, openRules, openMasks, constrained: constrained)
        let bit = UInt64(1) << UInt64(best)
        for part in pieces {
            var inside: [Int] = []
            var insideMasks: [UInt64] = []
            for k in kept where masks[k] & bit == 0 || cells.meets(rules[k], best, part) {
                inside.append(rules[k])
                insideMasks.append(masks[k])
            }
            cut(part, inside, known: insideMasks, changed: best)
            if meter.stopped != nil { return }
        }
    }

    /// What a version does over a region, from the positions `range` (ascending) of its
    /// rules among `rules`, which meet the region, and their masks.
    private func view(_ rules: [Int], _ masks: [UInt64], _ range: Range<Int>, _ decider: TableDecider, offset: Int) -> View {
        var view = View()
        let policy = decider.table.hitPolicy
        var order = Array(range)
        if policy == .priority || policy == .outputOrder { order.sort { decider.ranks[rules[$0] - offset] < decider.ranks[rules[$1] - offset] } }
        var holding: [Int] = []
        for k in order {
            let covers = masks[k] == 0
            view.keys.append(covers ? -1 - outputsID[rules[k]] : content[rules[k]])
            view.deciding.append(k)
            if covers {
                holding.append(k)
                // Under `first` and `priority` no rule after one holding the box decides.
                if policy == .first || policy == .priority { break }
            } else {
                view.partial.append(k)
            }
        }
        view.deciding.sort()
        let holds = Set(holding.map { rules[$0] - offset })
        view.decision = decider.decide(view.deciding.map { rules[$0] - offset }) { holds.contains($0) }
        switch policy {
        case .unique: view.conflicting = holding.count > 1
        case .any:
            view.conflicting = holding.contains {
                decider.table.rules[rules[$0] - offset].values != decider.table.rules[rules[holding[0]] - offset].values
            }
        default: break
        }
        if case .conflict? = view.decision?.outcome { view.conflicting = true }
        return view
    }

    /// Records a part where the versions decide differently, without the parts inside the
    /// boxes cut before (`earlier`, rules meeting it), which were compared there.
    private mutating func record(_ region: Region, outside earlier: [Int], _ change: FoundChange) {
        guard let e = earlier.first else {
            var change = change
            change.sets = region.sets(cells)
            found.append(change)
            return
        }
        let rest = Array(earlier.dropFirst())
        guard cells.meets(e, region) else { return record(region, outside: rest, change) }
        if let (outside, _) = cells.takingOut(e, of: region) {
            for part in outside { record(part, outside: rest, change) }
            return
        }
        // A cell of several intervals: cut along it until it is one interval in each part.
        guard let c = (0..<cells.columnCount).first(where: { !cells.covers(e, $0, region) }) else { return }
        for part in cells.parts(of: region, column: c, cutting: [e]) { record(part, outside: earlier, change) }
    }

    // MARK: Reporting

    /// Boxes with the same decisions on both sides merged into few rows.
    private func merged() -> [OutcomeChange] {
        FoundChange.rows(found, table: new.name, inputs: inputs)
    }
}
