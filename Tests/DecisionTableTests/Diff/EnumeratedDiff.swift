import DecisionTable
import _DecisionTableTestSupport

/// The semantic diff the slow way: both versions evaluated at every point of the joint input
/// space, to prove ``SemanticDiff`` exact.
///
/// It shares no code with the diff: it reads the loaded ``TableDefinition``s and matches
/// each cell against each point. A wide integer input is visited at both ends of every
/// stretch on which no cell of either version changes, and a row of the diff must then
/// start and end on such stretches' ends, so that the stretches stand for all their points.
///
/// The joint space follows the diff's reading of two versions: an input either version has,
/// with the values of both (enum values of both, the hull of integer bounds); a version
/// without the input does not test it; a wildcard matches every joint value, any other cell
/// the values it names. A point evaluates as `NaiveEvaluator` evaluates (checked on a sample
/// of points inside both versions' domains), with hit-policy violations and out-of-range
/// chained values as "conflict" and no match without defaults as nothing.
struct EnumeratedDiff {
    /// What a version decides at a point, in a form both sides can build.
    enum Decided: Hashable, CustomStringConvertible {
        case nothing
        case conflict
        case outputs([String], [OutputValue])

        init(_ outcome: DecidedOutcome?) {
            switch outcome {
            case nil: self = .nothing
            case .conflict?: self = .conflict
            case .outputs(let outputs)?: self = .outputs(outputs.map(\.name), outputs.map(\.value))
            }
        }

        var description: String {
            switch self {
            case .nothing: "nothing"
            case .conflict: "conflict"
            case .outputs(let names, let values): zip(names, values).map { "\($0) = \($1)" }.joined(separator: ", ")
            }
        }
    }

    struct Outcome: Hashable {
        var decided: Decided
        var rules: [String]
    }

    /// One input of the joint space.
    struct Column {
        let name: String
        let domain: Domain
        /// The encoded values visited, ascending.
        let axis: [Int]
        /// For a wide integer input, where the stretches start and end; nil when every value
        /// is visited.
        let starts: Set<Int>?
        let ends: Set<Int>?
    }

    /// One table of a version's chain.
    private struct Stage {
        let table: TableDefinition
        /// Per input, its column, or nil when it reads an earlier stage's output.
        let columns: [Int?]
    }

    let columns: [Column]
    let pointCount: Int
    /// Per point, in mixed radix with the last column fastest.
    private(set) var old: [Outcome] = []
    private(set) var new: [Outcome] = []
    /// Points where NaiveEvaluator disagrees with this evaluation.
    private(set) var referenceProblems: [String] = []

    /// The most points enumerated; larger spaces are skipped.
    static let maximumPoints = 60_000

    // MARK: Building

    /// The per-table space: both versions of one table over their inputs, chained or not.
    static func table(old: TableDefinition, new: TableDefinition) -> EnumeratedDiff? {
        let stages = [old, new].map { table in [(table, table.inputs.map { _ in true })] }
        return EnumeratedDiff(stages: stages, shared: sharedOutputs(old, new))
    }

    /// The final outputs of table `name` over the facts a caller gives, through the tables
    /// it reads, directly or not.
    static func final(_ name: String, old: [TableDefinition], new: [TableDefinition]) -> EnumeratedDiff? {
        let chains = [old, new].map { tables in chain(of: name, in: tables) }
        let stages = chains.map { chain in chain.map { ($0, $0.inputs.map { $0.producer == nil }) } }
        guard let last = chains[0].last, let other = chains[1].last else { return nil }
        return EnumeratedDiff(stages: stages, shared: sharedOutputs(last, other))
    }

    private static func chain(of name: String, in tables: [TableDefinition]) -> [TableDefinition] {
        var needed: Set<String> = [name]
        var changed = true
        while changed {
            changed = false
            for table in tables where needed.contains(table.name) {
                for producer in table.inputs.compactMap(\.producer) where !needed.contains(producer) {
                    needed.insert(producer)
                    changed = true
                }
            }
        }
        return tables.filter { needed.contains($0.name) }
    }

    private static func sharedOutputs(_ old: TableDefinition, _ new: TableDefinition) -> [String] {
        new.outputs.map(\.name).filter { name in old.outputs.contains { $0.name == name } }
    }

    /// - Parameters:
    ///   - stages: Old then new: each version's tables in evaluation order, the compared table
    ///     last, and per input whether it is a column (else it reads an earlier table).
    ///   - shared: The compared table's outputs both versions have, in the new order.
    private init?(stages: [[(TableDefinition, [Bool])]], shared: [String]) {
        // The columns: the new version's inputs first, then the old one's.
        var names: [String] = []
        var domains: [String: Domain] = [:]
        for (table, isColumn) in (stages[1] + stages[0]) {
            for (input, column) in zip(table.inputs, isColumn) where column {
                guard let known = domains[input.name] else {
                    names.append(input.name)
                    domains[input.name] = input.domain
                    continue
                }
                guard let joint = Self.union(old: input.domain, new: known) else { return nil }
                domains[input.name] = joint
            }
        }
        let versions = stages.map { version in
            version.map { table, isColumn in
                Stage(
                    table: table,
                    columns: zip(table.inputs, isColumn).map { input, column in
                        column ? names.firstIndex(of: input.name)! : nil
                    })
            }
        }
        var columns: [Column] = []
        var points = 1
        for (c, name) in names.enumerated() {
            var cells: [Condition] = []
            for stage in versions.joined() {
                for (i, column) in stage.columns.enumerated() where column == c {
                    cells += stage.table.rules.map { $0.conditions[i] }
                }
            }
            columns.append(Self.column(name, domains[name]!, cells: cells))
            points *= columns[c].axis.count
            if points > Self.maximumPoints { return nil }
        }
        self.columns = columns
        pointCount = points
        old = evaluateAll(versions[0], shared)
        new = evaluateAll(versions[1], shared)
        referenceProblems = crossCheck(versions[0], shared, old, "old") + crossCheck(versions[1], shared, new, "new")
    }

    /// Enum values of the new version then those only the old one has; the integer hull.
    private static func union(old: Domain, new: Domain) -> Domain? {
        switch (old, new) {
        case (.boolean, .boolean): return .boolean
        case (.enumeration(let a), .enumeration(let b)): return .enumeration(b + a.filter { !b.contains($0) })
        case (.integer, .integer):
            let low = min(old.integerBounds.lowerBound, new.integerBounds.lowerBound)
            let high = max(old.integerBounds.upperBound, new.integerBounds.upperBound)
            return .integer(min: low == .min ? nil : low, max: high == .max ? nil : high)
        default: return nil
        }
    }

    /// The values to visit: all of a finite or narrow domain; else both ends of each stretch
    /// between the boundaries of the cells.
    private static func column(_ name: String, _ domain: Domain, cells: [Condition]) -> Column {
        if let count = domain.finiteCount { return Column(name: name, domain: domain, axis: Array(0..<count), starts: nil, ends: nil) }
        let bounds = domain.integerBounds
        let (span, overflow) = bounds.upperBound.subtractingReportingOverflow(bounds.lowerBound)
        if !overflow, span < 40 { return Column(name: name, domain: domain, axis: Array(bounds), starts: nil, ends: nil) }
        var cuts: Set<Int> = []  // a cut p separates ..< p from p...
        for cell in cells where !cell.isWildcard {
            for range in cell.intervals?.ranges ?? [] {
                if range.lowerBound > bounds.lowerBound, range.lowerBound <= bounds.upperBound { cuts.insert(range.lowerBound) }
                if range.upperBound < bounds.upperBound, range.upperBound >= bounds.lowerBound { cuts.insert(range.upperBound + 1) }
            }
        }
        let sorted = cuts.sorted()
        let starts = [bounds.lowerBound] + sorted
        let ends = sorted.map { $0 - 1 } + [bounds.upperBound]
        return Column(name: name, domain: domain, axis: Set(starts + ends).sorted(), starts: Set(starts), ends: Set(ends))
    }

    // MARK: Evaluating

    /// The coordinates (axis indices) of point `p`.
    func coordinates(_ p: Int) -> [Int] {
        var rest = p
        var result = [Int](repeating: 0, count: columns.count)
        for c in columns.indices.reversed() {
            result[c] = rest % columns[c].axis.count
            rest /= columns[c].axis.count
        }
        return result
    }

    /// Every point's outcome: the rules matching a point's columns as bits, the outcome
    /// computed once per distinct set of bits.
    private func evaluateAll(_ stages: [Stage], _ shared: [String]) -> [Outcome] {
        var rules: [(stage: Int, rule: Int)] = []
        for (s, stage) in stages.enumerated() { rules += stage.table.rules.indices.map { (s, $0) } }
        precondition(rules.count <= 128, "at most 128 rules per version")
        // Per column and axis value, the rules whose cell there holds the value.
        let masks: [[Mask]] = columns.indices.map { c in
            columns[c].axis.map { value in
                var mask = Mask()
                for (bit, (s, r)) in rules.enumerated() {
                    let stage = stages[s]
                    guard let i = stage.columns.firstIndex(of: c) else { mask.insert(bit); continue }
                    if Self.matches(
                        stage.table.rules[r].conditions[i], own: stage.table.inputs[i].domain,
                        joint: columns[c].domain, value: value)
                    {
                        mask.insert(bit)
                    }
                }
                return mask
            }
        }
        var memo: [Mask: Outcome] = [:]
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(pointCount)
        for p in 0..<pointCount {
            var mask = Mask.all
            for (c, k) in coordinates(p).enumerated() { mask.formIntersection(masks[c][k]) }
            if let known = memo[mask] {
                outcomes.append(known)
                continue
            }
            var matched = [[Int]](repeating: [], count: stages.count)
            for (bit, (s, r)) in rules.enumerated() where mask.contains(bit) { matched[s].append(r) }
            let outcome = Self.evaluate(stages, matched: matched, shared: shared)
            memo[mask] = outcome
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Evaluates a chain where `matched[s]` are the rules of table `s` whose column cells
    /// hold the point; cells on chained inputs are tested here.
    private static func evaluate(_ stages: [Stage], matched: [[Int]], shared: [String]) -> Outcome {
        var known: [String: Value] = [:]
        var deciders: [String: [String]] = [:]
        for (s, stage) in stages.enumerated() {
            let table = stage.table
            let isLast = s == stages.count - 1
            let name = { (r: Int) in isLast ? table.rules[r].id : "\(table.name)/\(table.rules[r].id)" }
            var rules = matched[s]
            for (i, input) in table.inputs.enumerated() where stage.columns[i] == nil {
                guard let value = known[input.name] else { preconditionFailure("'\(input.name)' is read before it is decided") }
                if case .integer(let number) = value, !input.domain.integerBounds.contains(number) {
                    return Outcome(decided: .conflict, rules: deciders[input.name]!)
                }
                rules = rules.filter { chainedMatch(table.rules[$0].conditions[i], value, input.domain) }
            }
            let values = { (r: Int) in zip(table.rules[r].outputs, table.outputs).map { $0 ?? $1.defaultValue! } }
            var winners: [Int]
            switch table.hitPolicy {
            case .unique where rules.count > 1:
                return Outcome(decided: .conflict, rules: rules.map(name))
            case .any where Set(rules.map(values)).count > 1:
                return Outcome(decided: .conflict, rules: rules.map(name))
            case .unique, .any, .first:
                winners = Array(rules.prefix(1))
            case .priority:
                let rank = { (r: Int) in
                    zip(table.outputs, values(r)).compactMap { output, value -> Int? in
                        guard case .enumeration(let names) = output.type, case .string(let text) = value else { return nil }
                        return names.firstIndex(of: text)!
                    }
                }
                winners = rules.min { rank($0).lexicographicallyPrecedes(rank($1)) }.map { [$0] } ?? []
            case .collect, .ruleOrder:
                winners = rules
            case .outputOrder:
                let rank = { (r: Int) in
                    zip(table.outputs, values(r)).compactMap { output, value -> Int? in
                        guard case .enumeration(let names) = output.type, case .string(let text) = value else { return nil }
                        return names.firstIndex(of: text)!
                    } + [r]
                }
                winners = rules.sorted { rank($0).lexicographicallyPrecedes(rank($1)) }
            }
            var outputs: [String: OutputValue] = [:]
            if winners.isEmpty {
                guard table.outputs.allSatisfy({ $0.defaultValue != nil }) else { return Outcome(decided: .nothing, rules: []) }
                for output in table.outputs {
                    outputs[output.name] = table.hitPolicy.yieldsLists ? .list([output.defaultValue!]) : .single(output.defaultValue!)
                }
            } else {
                for (o, output) in table.outputs.enumerated() {
                    let column = winners.map { values($0)[o] }
                    let integers = column.map { if case .integer(let n) = $0 { n } else { 0 } }
                    outputs[output.name] =
                        switch table.hitPolicy {
                        case .collect(nil), .ruleOrder, .outputOrder: .list(column)
                        case .collect(.sum?): .single(.integer(integers.reduce(0, &+)))
                        case .collect(.min?): .single(.integer(integers.min()!))
                        case .collect(.max?): .single(.integer(integers.max()!))
                        case .collect(.count?): .single(.integer(column.count))
                        default: .single(column[0])
                        }
                }
            }
            if isLast {
                return Outcome(decided: .outputs(shared, shared.map { outputs[$0]! }), rules: winners.map(name))
            }
            for (output, value) in outputs {
                if case .single(let single) = value { known[output] = single }
                deciders[output] = winners.map(name)
            }
        }
        return Outcome(decided: .nothing, rules: [])
    }

    /// Whether a cell holds a joint value: a wildcard holds all, any other cell the values it names.
    private static func matches(_ condition: Condition, own: Domain, joint: Domain, value: Int) -> Bool {
        if condition.isWildcard { return true }
        switch (own, joint) {
        case (.enumeration(let names), .enumeration(let all)):
            return condition.values!.contains { names[$0] == all[value] }
        case (.boolean, .boolean):
            return condition.values!.contains(value)
        default:
            return condition.intervals!.contains(value)
        }
    }

    private static func chainedMatch(_ condition: Condition, _ value: Value, _ domain: Domain) -> Bool {
        switch (domain, value) {
        case (.integer, .integer(let number)): condition.intervals!.contains(number)
        case (.boolean, .boolean(let flag)): condition.values!.contains(flag ? 1 : 0)
        case (.enumeration(let names), .string(let name)): condition.values!.contains { names[$0] == name }
        default: false
        }
    }

    /// The value of a column at an axis value, named.
    func value(_ c: Int, _ encoded: Int) -> Value {
        switch columns[c].domain {
        case .integer: .integer(encoded)
        case .boolean: .boolean(encoded != 0)
        case .enumeration(let names): .string(names[encoded])
        }
    }

    /// NaiveEvaluator on every 97th point inside the version's own domains must agree.
    private func crossCheck(_ stages: [Stage], _ shared: [String], _ outcomes: [Outcome], _ side: String) -> [String] {
        var problems: [String] = []
        for p in stride(from: 0, to: pointCount, by: 97) {
            let point = coordinates(p)
            var facts: [String: Value] = [:]
            var inside = true
            for stage in stages {
                for (input, column) in zip(stage.table.inputs, stage.columns) {
                    guard let c = column else { continue }
                    let value = value(c, columns[c].axis[point[c]])
                    facts[input.name] = value
                    switch (input.domain, value) {
                    case (.enumeration(let names), .string(let name)): inside = inside && names.contains(name)
                    case (.integer, .integer(let number)): inside = inside && input.domain.integerBounds.contains(number)
                    default: break
                    }
                }
            }
            guard inside else { continue }
            let tables = stages.map(\.table)
            let expected: Decided
            switch NaiveEvaluator.evaluate(tables, facts: facts) {
            case .success(let result):
                expected = .outputs(shared, shared.map { result.outputs[$0]! })
                if outcomes[p].rules != result.winners[tables.last!.name]! {
                    problems.append("\(side) at \(facts): rules \(outcomes[p].rules), reference \(result.winners[tables.last!.name]!)")
                }
            case .failure(.noMatch):
                expected = .nothing
            case .failure:
                expected = .conflict
            }
            if expected != outcomes[p].decided {
                problems.append("\(side) at \(facts): \(outcomes[p].decided), reference \(expected)")
            }
        }
        return problems
    }

    // MARK: Comparing

    /// Whether the versions decide differently at point `p` (any two conflicts are alike).
    func differs(_ p: Int) -> Bool { old[p].decided != new[p].decided }

    /// Every way the diff's rows for `label` fail to be exactly the points where the
    /// versions differ, each with that point's outcomes.
    func disagreements(with changes: [OutcomeChange], label: String) -> [String] {
        var problems: [String] = []
        var covered = [Bool](repeating: false, count: pointCount)
        for change in changes where change.table == label {
            let names = change.cells.map(\.input)
            guard Set(names) == Set(columns.map(\.name)), names.count == columns.count else {
                problems.append("row inputs \(names), expected \(columns.map(\.name))")
                continue
            }
            var members: [[Int]] = []
            for (c, column) in columns.enumerated() {
                let cell = change.cells.first { $0.input == column.name }!.values
                members.append(column.axis.indices.filter { contains(cell, value(c, column.axis[$0])) })
                if let starts = column.starts, let ends = column.ends, case .ranges(let ranges) = cell {
                    for range in ranges {
                        let low = range.lower ?? .min
                        let high = range.upper ?? .max
                        if !starts.contains(low) || !ends.contains(high) {
                            problems.append("row \(column.name) is \(cell.cellSyntax), which cuts a stretch where no cell changes")
                        }
                    }
                }
            }
            let was = Decided(change.old)
            let now = Decided(change.new)
            var count = 0
            forEachPoint(members) { p in
                count += 1
                let place = describe(p)
                if covered[p] { problems.append("two rows cover \(place)") }
                covered[p] = true
                if !differs(p) { problems.append("a row claims a change at \(place), where both decide \(old[p].decided)") }
                if was != old[p].decided || now != new[p].decided {
                    problems.append("row says \(was) -> \(now) at \(place), enumeration \(old[p].decided) -> \(new[p].decided)")
                }
                if change.oldRules != old[p].rules || change.newRules != new[p].rules {
                    problems.append(
                        "row names rules \(change.oldRules) -> \(change.newRules) at \(place), enumeration \(old[p].rules) -> \(new[p].rules)")
                }
            }
            if count == 0 { problems.append("an empty row") }
            if problems.count > 8 { break }
        }
        for p in 0..<pointCount where differs(p) && !covered[p] && problems.count < 8 {
            problems.append("no row for \(describe(p)): \(old[p].decided) (\(old[p].rules)) -> \(new[p].decided) (\(new[p].rules))")
        }
        return problems
    }

    private func contains(_ cell: CellValues, _ value: Value) -> Bool {
        switch (cell, value) {
        case (.any, _): true
        case (.values(let values), _): values.contains(value)
        case (.ranges(let ranges), .integer(let number)):
            ranges.contains { (($0.lower ?? .min)...($0.upper ?? .max)).contains(number) }
        default: false
        }
    }

    private func forEachPoint(_ members: [[Int]], _ body: (Int) -> Void) {
        guard !members.contains(where: \.isEmpty) else { return }
        var index = [Int](repeating: 0, count: members.count)
        while true {
            var p = 0
            for c in columns.indices { p = p * columns[c].axis.count + members[c][index[c]] }
            body(p)
            var c = members.count - 1
            while c >= 0 {
                index[c] += 1
                if index[c] < members[c].count { break }
                index[c] = 0
                c -= 1
            }
            if c < 0 { return }
        }
    }

    func describe(_ p: Int) -> String {
        zip(columns.indices, coordinates(p)).map { c, k in "\(columns[c].name)=\(value(c, columns[c].axis[k]))" }
            .joined(separator: ", ")
    }
}

/// A set of up to 128 rules, as bits.
private struct Mask: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let all = Mask(low: ~0, high: ~0)

    mutating func insert(_ bit: Int) {
        if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
    }

    func contains(_ bit: Int) -> Bool {
        bit < 64 ? low & (1 << UInt64(bit)) != 0 : high & (1 << UInt64(bit - 64)) != 0
    }

    mutating func formIntersection(_ other: Mask) {
        low &= other.low
        high &= other.high
    }
}
