/// The semantic difference of a table's final outputs: what it decides as a function of the
/// facts a caller gives, through every table it reads, directly or not.
///
/// A per-table diff compares a table over its own inputs, a chained input as any value of
/// its domain. Here the chained inputs are not free: both versions' chains (the table and
/// its producers, in evaluation order) are laid over one space of free facts and cut into
/// boxes until, in each version, every table of the chain decides each box one way. Within
/// such a box each producer's outputs are constants, so a reader's cells on them are simply
/// true or false, and the next table of the chain is settled like any other table.
///
/// A producer that decides nothing, breaks its hit policy or emits an integer outside the
/// range of an input reading it makes the chain decide nothing or fail there, as evaluation
/// does. Rows name the compared table's deciding rules by id; where a producer fails, its
/// rules as `table/id` (the producer's own changes are in its per-table rows).
struct ChainDiff {
    /// The name of the table whose final outputs are compared.
    let table: String
    let old: [TableDefinition]
    let new: [TableDefinition]

    /// One table of a version's chain.
    private struct Stage {
        let decider: TableDecider
        /// The joint index of the table's first rule.
        let base: Int
        /// The inputs read from other tables: index in the table, and the output read.
        let chained: [(input: Int, output: String)]
        var definition: TableDefinition { decider.table }
    }

    /// The free facts of both chains, with their joint domains.
    private var inputs: [InputDefinition] = []
    private var cells: FlatCells!
    /// Old then new: each chain in evaluation order, the compared table last.
    private var chains: [[Stage]] = [[], []]
    /// The joint index where the new version's rules start.
    private var newBase = 0
    /// For each joint rule, an id equal for rules with the same table, cells and outputs.
    private var content: [Int] = []
    /// Whether both chains are the same tables read alike, so that the same rules decide
    /// alike (see ``TableDiff``).
    private var sameReading = false
    /// The compared table's outputs that both versions have, in the new version's order.
    private var sharedOutputs: [String] = []
    private var found: [FoundChange] = []
    private var meter: BudgetMeter!
    /// The limit that stopped the comparison, if one did; the changes found stay exact.
    private(set) var stopped: BudgetLimit?

    /// The name rows give: the compared table's name and ` (final)`.
    static func label(_ table: String) -> String { "\(table) (final)" }

    /// Whether a table reads another table's output.
    static func isChained(_ table: TableDefinition) -> Bool {
        table.inputs.contains { $0.producer != nil }
    }

    init(table: String, old: [TableDefinition], new: [TableDefinition]) {
        self.table = table
        self.old = old
        self.new = new
    }

    /// Computes the changes of the final outputs; none when a free fact changes in kind
    /// (the per-table diffs report that).
    mutating func run(meter: BudgetMeter) -> [OutcomeChange] {
        guard let space = buildSpace() else { return [] }
        self.meter = meter
        cells = FlatCells(space)
        let all = Array(space.rules.indices)
        for root in Region.boxes(of: space.domain, cells) {
            cut(root, all.filter { cells.meets($0, root) })
        }
        stopped = meter.stopped
        return FoundChange.rows(found, table: Self.label(table), inputs: inputs)
    }

    // MARK: The joint space

    /// The table named `name` and every table it reads, directly or not, in evaluation order.
    private static func chain(of name: String, in tables: [TableDefinition]) -> [TableDefinition] {
        var needed: Set<String> = [name]
        var queue = [name]
        while let next = queue.popLast() {
            guard let table = tables.first(where: { $0.name == next }) else { continue }
            for producer in table.inputs.compactMap(\.producer) where needed.insert(producer).inserted {
                queue.append(producer)
            }
        }
        return tables.filter { needed.contains($0.name) }
    }

    private mutating func buildSpace() -> AnalysisSpace? {
        let oldChain = Self.chain(of: table, in: old)
        let newChain = Self.chain(of: table, in: new)
        var domains: [String: Domain] = [:]
        for input in (newChain + oldChain).flatMap(\.inputs) where input.producer == nil {
            if let known = domains[input.name] {
                guard let joint = JointDomain.union(input.domain, known) else { return nil }
                domains[input.name] = joint
            } else {
                domains[input.name] = input.domain
                inputs.append(input)
            }
        }
        for i in inputs.indices { inputs[i].domain = domains[inputs[i].name]! }
        let wholes = inputs.map { JointDomain.whole($0.domain) }
        let column = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1.name, $0) })

        var rules: [[ColumnSet]] = []
        var ids: [Key: Int] = [:]
        for (v, chain) in [oldChain, newChain].enumerated() {
            if v == 1 { newBase = rules.count }
            for table in chain {
                let mappings = table.inputs.map { input in
                    input.producer == nil ? JointDomain.Mapping(from: input.domain, to: inputs[column[input.name]!].domain) : nil
                }
                chains[v].append(
                    Stage(
                        decider: TableDecider(table), base: rules.count,
                        chained: table.inputs.indices.compactMap { i in
                            table.inputs[i].producer == nil ? nil : (i, table.inputs[i].name)
                        }))
                for rule in table.rules {
                    var row = wholes
                    var reads: [ChainedCell] = []
                    for (i, input) in table.inputs.enumerated() {
                        if input.producer == nil {
                            row[column[input.name]!] = mappings[i]!.cell(rule.conditions[i])
                        } else {
                            reads.append(ChainedCell(rule.conditions[i], input))
                        }
                    }
                    let key = Key(
                        table: table.name, cells: row, reads: reads,
                        outputs: rule.values)
                    content.append(
                        ids[key]
                            ?? {
                                ids[key] = ids.count; return ids.count - 1
                            }())
                    rules.append(row)
                }
            }
        }

        let oldOutputs = Set((oldChain.last?.outputs ?? []).map(\.name))
        sharedOutputs = (newChain.last?.outputs ?? []).map(\.name).filter { oldOutputs.contains($0) }
        sameReading =
            oldChain.count == newChain.count
            && zip(oldChain, newChain).allSatisfy { a, b in
                a.name == b.name && a.hitPolicy == b.hitPolicy
                    && a.outputs.map(OutputShape.init) == b.outputs.map(OutputShape.init)
                    && a.inputs.filter { $0.producer != nil }.map { [$0.name, "\($0.domain)"] }
                        == b.inputs.filter { $0.producer != nil }.map { [$0.name, "\($0.domain)"] }
            }
        return AnalysisSpace(domain: wholes, rules: rules)
    }

    /// A rule's cell on a chained input, by value names, for comparing rules across versions.
    private struct ChainedCell: Hashable {
        let input: String
        let names: [String]?
        let intervals: IntervalSet?

        init(_ condition: Condition, _ input: InputDefinition) {
            self.input = input.name
            if condition.isWildcard {
                names = nil
                intervals = nil
            } else if let values = condition.values {
                names = values.map { input.domain.valueName($0) }.sorted()
                intervals = nil
            } else {
                names = nil
                intervals = condition.intervals
            }
        }
    }

    private struct Key: Hashable {
        let table: String
        let cells: [ColumnSet]
        let reads: [ChainedCell]
        let outputs: [Value]
    }

    /// What an output column is, without where it is written or what it means.
    private struct OutputShape: Hashable {
        let name: String
        let type: OutputType
        let defaultValue: Value?
        init(_ output: OutputDefinition) {
            (name, type, defaultValue) = (output.name, output.type, output.defaultValue)
        }
    }

    // MARK: Cutting

    /// What a version's chain does over a box.
    private enum State {
        /// The compared table's decision (nil: nothing), with its deciding rules, or where a
        /// producer fails, the producer's rules as `table/id`.
        case decided(DecidedOutcome?, rules: [String])
        /// A table of the chain decides differently in different parts of the box: the
        /// rules (joint indices) that meet the box there.
        case unsettled([Int])
    }

    private mutating func cut(_ region: Region, _ active: [Int]) {
        if meter.tick() { return }
        if sameReading {
            let split = active.firstIndex { $0 >= newBase } ?? active.count
            if active[..<split].map({ content[$0] }) == active[split...].map({ content[$0] }) { return }
        }
        let before = evaluate(chains[0], region, active)
        let after = evaluate(chains[1], region, active)
        var unsettled: [Int] = []
        switch (before, after) {
        case (.decided(let was, let oldRules), .decided(let now, let newRules)):
            if !DecidedOutcome.alike(was, now) {
                found.append(FoundChange(sets: region.sets(cells), old: was, new: now, oldRules: oldRules, newRules: newRules))
            }
            return
        case (.unsettled(let rules), .decided), (.decided, .unsettled(let rules)):
            unsettled = rules
        case (.unsettled(let a), .unsettled(let b)):
            unsettled = a + b
        }
        // Cut on a fact that a rule of an unsettled table constrains.
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for r in unsettled {
            for c in 0..<cells.columnCount where !cells.covers(r, c, region) { constrained[c] += 1 }
        }
        let best = cells.bestColumn(constrained)
        precondition(constrained[best] > 0, "an unsettled table has a rule that cuts the box")
        let cutting = unsettled.filter { !cells.covers($0, best, region) }
        for part in cells.parts(of: region, column: best, cutting: cutting) {
            cut(part, active.filter { cells.meets($0, best, part) })
            if meter.stopped != nil { return }
        }
    }

    /// Runs a chain over a box, table by table, while each table decides the box one way.
    private func evaluate(_ chain: [Stage], _ region: Region, _ active: [Int]) -> State {
        var known: [String: Value] = [:]
        /// The rules that decided each known output, as `table/id`.
        var deciders: [String: [String]] = [:]
        for (s, stage) in chain.enumerated() {
            let table = stage.definition
            for (i, output) in stage.chained {
                if case .integer(let value)? = known[output], !table.inputs[i].domain.integerBounds.contains(value) {
                    return .decided(
                        .conflict(
                            "table '\(table.name)' reads \(value) into input '\(output)', "
                                + "outside its domain (\(table.inputs[i].domain.summary))"),
                        rules: deciders[output] ?? [])
                }
            }
            let end = stage.base + table.rules.count
            let meeting = active.filter { $0 >= stage.base && $0 < end }.map { $0 - stage.base }.filter { r in
                stage.chained.allSatisfy { i, output in
                    known[output].map { Self.accepts(table.rules[r].conditions[i], $0, table.inputs[i].domain) } ?? false
                }
            }
            let decision = stage.decider.decide(meeting) { r in
                (0..<cells.columnCount).allSatisfy { cells.covers(stage.base + r, $0, region) }
            }
            guard let decision else { return .unsettled(meeting.map { $0 + stage.base }) }
            if s == chain.count - 1 {
                return .decided(decision.outcome?.restricted(to: sharedOutputs), rules: decision.rules.map { table.rules[$0].id })
            }
            let rules = decision.rules.map { "\(table.name)/\(table.rules[$0].id)" }
            switch decision.outcome {
            case nil:
                return .decided(nil, rules: [])
            case .conflict(let message)?:
                return .decided(.conflict("table '\(table.name)': \(message)"), rules: rules)
            case .outputs(let outputs)?:
                for output in outputs {
                    if case .single(let value) = output.value { known[output.name] = value }
                    deciders[output.name] = rules
                }
            }
        }
        return .decided(nil, rules: [])
    }

    /// Whether a cell on a chained input matches the value its producer emits.
    private static func accepts(_ condition: Condition, _ value: Value, _ domain: Domain) -> Bool {
        if condition.isWildcard { return true }
        switch (domain, value) {
        case (.integer, .integer(let number)): return condition.intervals?.contains(number) ?? false
        case (.boolean, .boolean(let flag)): return condition.values?.contains(flag ? 1 : 0) ?? false
        case (.enumeration(let names), .string(let name)): return condition.values?.contains { names[$0] == name } ?? false
        default: return false
        }
    }
}
