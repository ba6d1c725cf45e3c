extension TableDefinition {
    /// Each rule's rank under the `priority` hit policy, lower wins: the rules' enum outputs
    /// compared in declared order by the position of their value in `values` (first is
    /// highest, as in DMN), ties broken by file order. The compiler, the validator and the
    /// diff all rank through this.
    package func priorityRanks() -> [Int] {
        let enumOutputs = outputs.indices.filter {
            if case .enumeration = outputs[$0].type { true } else { false }
        }
        let keys = rules.indices.map { r in
            enumOutputs.map { o -> Int in
                guard case .enumeration(let names) = outputs[o].type,
                    case .string(let name) = rules[r].values[o]
                else { return 0 }
                return names.firstIndex(of: name) ?? 0
            } + [r]
        }
        let order = rules.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var ranks = [Int](repeating: 0, count: rules.count)
        for (rank, r) in order.enumerated() { ranks[r] = rank }
        return ranks
    }
}
