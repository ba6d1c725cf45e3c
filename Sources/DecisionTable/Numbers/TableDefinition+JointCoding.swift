extension TableDefinition {
    /// Two versions' tables with every number and free string input recoded onto one coding
    /// per input name, so that codes mean the same values on both sides of a diff (each
    /// version's coding holds only the boundaries and strings its own cells mention).
    static func jointlyCoded(old: [TableDefinition], new: [TableDefinition]) -> (old: [TableDefinition], new: [TableDefinition]) {
        var boundaries: [String: [DecimalNumber]] = [:]
        var strings: [String: [String]] = [:]
        for table in old + new {
            for input in table.inputs {
                switch input.coding {
                case .numbers(let line)?: boundaries[input.name, default: []] += line.boundaries
                case .strings(let pool)?: strings[input.name, default: []] += pool.mentioned
                case nil: break
                }
            }
        }
        guard !boundaries.isEmpty || !strings.isEmpty else { return (old, new) }
        let lines = boundaries.mapValues { NumberLine(boundaries: $0) }
        let pools = strings.mapValues { FreeStrings(mentioned: $0) }
        func recode(_ tables: [TableDefinition]) -> [TableDefinition] {
            tables.map { table in
                var table = table
                for i in table.inputs.indices {
                    let input = table.inputs[i]
                    switch input.coding {
                    case .numbers(let line)?:
                        let joint = lines[input.name]!
                        let map = { (codes: IntervalSet) in
                            IntervalSet(codes.ranges.compactMap { joint.codes(of: line.interval(of: $0)) })
                        }
                        let bounds = map(IntervalSet([input.domain.integerBounds]))
                        table.inputs[i].domain = .integer(
                            min: bounds.ranges.first?.lowerBound ?? 0,
                            max: bounds.ranges.last?.upperBound ?? joint.maxCode)
                        table.inputs[i].coding = .numbers(joint)
                        for r in table.rules.indices {
                            table.rules[r].conditions[i].intervals = table.rules[r].conditions[i].intervals.map(map)
                        }
                    case .strings(let pool)?:
                        let joint = pools[input.name]!
                        // The old "any other string" is every string the old version does not mention.
                        let others = [joint.mentioned.count] + joint.mentioned.indices.filter { !pool.mentioned.contains(joint.mentioned[$0]) }
                        let map = { (values: [Int]) in
                            Array(Set(values.flatMap { $0 < pool.mentioned.count ? [joint.index(of: pool.mentioned[$0])] : others })).sorted()
                        }
                        table.inputs[i].domain = .enumeration(joint.values)
                        table.inputs[i].coding = .strings(joint)
                        for r in table.rules.indices {
                            table.rules[r].conditions[i].values = table.rules[r].conditions[i].values.map(map)
                            table.rules[r].conditions[i].mentioned = table.rules[r].conditions[i].mentioned
                                .filter { $0 < pool.mentioned.count }.map { joint.index(of: pool.mentioned[$0]) }.sorted()
                        }
                    case nil:
                        break
                    }
                }
                return table
            }
        }
        return (recode(old), recode(new))
    }
}
