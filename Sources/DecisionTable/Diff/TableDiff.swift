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
    private var found: [(region: Region, old: DecidedOutcome?, new: DecidedOutcome?, oldRules: [Int], newRules: [Int])] = []

    init(old: TableDefinition, new: TableDefinition) {
        self.old = old
        self.new = new
    }

    /// Computes the changes; structural changes that prevent comparing (an input whose kind
    /// changed) leave the outcome changes empty.
    mutating func run() -> [OutcomeChange] {
        guard buildSpace() else { return [] }
        cells = FlatCells(space)
        let all = Array(space.rules.indices)
        for root in Region.boxes(of: space.domain, cells) {
            cut(root, all.filter { cells.meets($0, root) })
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
            guard let domain = Self.union(before?.domain, after?.domain) else {
                structural.append(change("input-changed",
                    "input '\(input.name)' changes from \(before!.domain.summary) to \(after!.domain.summary); its rules are not compared"))
                comparable = false
                continue
            }
            inputs[i].domain = domain
            if before != nil, after != nil, before!.domain != after!.domain {
                structural.append(change("input-changed",
                    "input '\(input.name)' changes from \(before!.domain.summary) to \(after!.domain.summary)"))
            }
            domains.append(Self.whole(domain))
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
        guard comparable else { return false }
        var rules: [[ColumnSet]] = []
        var ids: [Key: Int] = [:]
        for table in [old, new] {
            for rule in table.rules {
                let row = inputs.enumerated().map { c, input -> ColumnSet in
                    guard let k = table.inputs.firstIndex(where: { $0.name == input.name }) else { return domains[c] }
                    return Self.cell(rule.conditions[k], from: table.inputs[k].domain, to: input.domain)
                }
                let key = Key(cells: row, outputs: sharedOutputs.map { value(rule, table, $0) })
                content.append(ids[key] ?? { ids[key] = ids.count; return ids.count - 1 }())
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

    /// The domain holding both versions' values; nil when the kinds differ.
    private static func union(_ a: Domain?, _ b: Domain?) -> Domain? {
        switch (a, b) {
        case (nil, let only?), (let only?, nil): return only
        case (.boolean?, .boolean?): return .boolean
        case (.enumeration(let x)?, .enumeration(let y)?): return .enumeration(y + x.filter { !y.contains($0) })
        case (.integer?, .integer?):
            let hull = IntervalSet([a!.integerBounds, b!.integerBounds])
            let low = hull.ranges.first!.lowerBound
            let high = hull.ranges.last!.upperBound
            return .integer(min: low == .min ? nil : low, max: high == .max ? nil : high)
        default: return nil
        }
    }

    private static func whole(_ domain: Domain) -> ColumnSet {
        if let count = domain.finiteCount { return .values(ValueBits(0..<count, count: count)) }
        return .integers(IntervalSet([domain.integerBounds]))
    }

    /// A cell moved into the joint domain: a wildcard holds every joint value.
    private static func cell(_ condition: Condition, from own: Domain, to joint: Domain) -> ColumnSet {
        if condition.isWildcard { return whole(joint) }
        switch (own, joint) {
        case (.enumeration(let names), .enumeration(let all)):
            let indices = (condition.values ?? []).compactMap { all.firstIndex(of: names[$0]) }
            return .values(ValueBits(indices, count: all.count))
        case (.boolean, .boolean):
            return .values(ValueBits(condition.values ?? [], count: 2))
        default:
            return .integers((condition.intervals ?? .empty).intersection(IntervalSet([joint.integerBounds])))
        }
    }

    private func value(_ rule: RuleDefinition, _ table: TableDefinition, _ name: String) -> Value {
        let o = table.outputs.firstIndex { $0.name == name }!
        return rule.outputs[o] ?? table.outputs[o].defaultValue!
    }

    // MARK: Cutting

    private mutating func cut(_ region: Region, _ rules: [Int]) {
        let oldRules = rules.filter { $0 < old.rules.count }
        let newRules = rules.filter { $0 >= old.rules.count }
        // The same rules in the same order under the same policy decide alike everywhere.
        if old.hitPolicy == new.hitPolicy, oldRules.map({ content[$0] }) == newRules.map({ content[$0] }) { return }
        let before = settle(oldRules, region, old, offset: 0)
        let after = settle(newRules, region, new, offset: old.rules.count)
        if let before, let after {
            if before.outcome != after.outcome {
                found.append((region, before.outcome, after.outcome, before.rules, after.rules))
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
        }
    }

    /// What a version decides over the whole region, with the deciding rules (table
    /// indices), or nil when it decides differently in different parts.
    private func settle(
        _ rules: [Int], _ region: Region, _ table: TableDefinition, offset: Int
    ) -> (outcome: DecidedOutcome?, rules: [Int])? {
        let covering = rules.filter { r in (0..<cells.columnCount).allSatisfy { cells.covers(r, $0, region) } }
        switch table.hitPolicy {
        case .first, .priority:
            let keys = table.hitPolicy == .first ? Array(table.rules.indices) : Self.priorityKeys(table)
            guard !rules.isEmpty else { return (defaults(table), []) }
            guard let best = covering.min(by: { keys[$0 - offset] < keys[$1 - offset] }) else { return nil }
            if rules.contains(where: { keys[$0 - offset] < keys[best - offset] }) { return nil }
            return (outputs([best - offset], table), [best - offset])
        case .unique, .any, .collect, .ruleOrder:
            guard covering.count == rules.count else { return nil }
            let matched = rules.map { $0 - offset }
            if matched.isEmpty { return (defaults(table), []) }
            if table.hitPolicy == .unique, matched.count > 1 {
                return (.conflict("rules " + matched.map { "'\(table.rules[$0].id)'" }.joined(separator: ", ") + " all match"), matched)
            }
            if table.hitPolicy == .any, Set(matched.map { r in sharedOutputs.map { value(table.rules[r], table, $0) } }).count > 1 {
                return (.conflict("rules " + matched.map { "'\(table.rules[$0].id)'" }.joined(separator: ", ") + " disagree"), matched)
            }
            return (outputs(table.hitPolicy == .any ? [matched[0]] : matched, table), table.hitPolicy == .any ? [matched[0]] : matched)
        }
    }

    /// The outputs when no rule matches: the defaults, or nothing.
    private func defaults(_ table: TableDefinition) -> DecidedOutcome? {
        guard table.outputs.allSatisfy({ $0.defaultValue != nil }) else { return nil }
        return .outputs(sharedOutputs.map { name in
            let value = table.outputs.first { $0.name == name }!.defaultValue!
            return NamedOutput(name: name, value: table.hitPolicy.yieldsLists ? .list([value]) : .single(value))
        })
    }

    private func outputs(_ winners: [Int], _ table: TableDefinition) -> DecidedOutcome {
        .outputs(sharedOutputs.map { name in
            let values = winners.map { value(table.rules[$0], table, name) }
            let folded: OutputValue = switch table.hitPolicy {
            case .collect(nil), .ruleOrder: .list(values)
            case .collect(.sum?): .single(.integer(values.reduce(0) { $0 &+ Self.integer($1) }))
            case .collect(.min?): .single(.integer(values.map(Self.integer).min()!))
            case .collect(.max?): .single(.integer(values.map(Self.integer).max()!))
            case .collect(.count?): .single(.integer(values.count))
            default: .single(values[0])
            }
            return NamedOutput(name: name, value: folded)
        })
    }

    private static func integer(_ value: Value) -> Int {
        if case .integer(let number) = value { return number }
        return 0
    }

    /// Priority ranks: enum outputs by position in `values`, in declared order, then file order.
    private static func priorityKeys(_ table: TableDefinition) -> [Int] {
        let enumOutputs = table.outputs.indices.filter { if case .enumeration = table.outputs[$0].type { true } else { false } }
        func key(_ r: Int) -> [Int] {
            enumOutputs.map { o in
                guard case .enumeration(let names) = table.outputs[o].type,
                      case .string(let name)? = table.rules[r].outputs[o] ?? table.outputs[o].defaultValue else { return 0 }
                return names.firstIndex(of: name) ?? 0
            } + [r]
        }
        let order = table.rules.indices.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        var ranks = [Int](repeating: 0, count: table.rules.count)
        for (rank, r) in order.enumerated() { ranks[r] = rank }
        return ranks
    }

    // MARK: Reporting

    /// Boxes with the same decisions on both sides merged into few rows.
    private func merged() -> [OutcomeChange] {
        struct Group: Hashable {
            let old: DecidedOutcome?
            let new: DecidedOutcome?
            let oldRules: [Int]
            let newRules: [Int]
        }
        var groups: [Group: [[ColumnSet]]] = [:]
        var order: [Group] = []
        for item in found {
            let group = Group(old: item.old, new: item.new, oldRules: item.oldRules, newRules: item.newRules)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(item.region.sets(cells))
        }
        var changes: [(key: [Int], change: OutcomeChange)] = []
        for group in order {
            for row in GapMerger.merge(groups[group]!) {
                changes.append((row.map { $0.first ?? 0 }, OutcomeChange(
                    table: new.name,
                    cells: zip(inputs, row).map { InputCells(input: $0.name, values: CellValues($1, domain: $0.domain)) },
                    old: group.old, new: group.new,
                    oldRules: group.oldRules.map { old.rules[$0].id },
                    newRules: group.newRules.map { new.rules[$0].id })))
            }
        }
        return changes.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.change)
    }
}
