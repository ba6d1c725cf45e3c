/// A table's hit policy applied to the rules that meet a box of the input space: what the
/// table decides over the whole box, or nil while different parts of it decide differently.
///
/// Shared by the per-table diff and the diff of final outputs, so that both read the hit
/// policies exactly as evaluation does.
struct TableDecider {
    let table: TableDefinition
    /// Per rule, its rank among the rules for `first` (file order) and `priority` (enum
    /// outputs by position in their `values`, in declared order, then file order).
    let ranks: [Int]

    init(_ table: TableDefinition) {
        self.table = table
        ranks = table.hitPolicy == .priority ? table.priorityRanks() : Array(table.rules.indices)
    }

    /// What the table decides over a box, and the deciding rules (table indices).
    struct Decision {
        /// Every output of the table, in declared order; nil when the table decides nothing.
        var outcome: DecidedOutcome?
        var rules: [Int]
    }

    /// The decision over a box.
    /// - Parameters:
    ///   - meeting: The rules that match some point of the box, ascending.
    ///   - covers: Whether a rule of `meeting` matches every point of the box.
    /// - Returns: The decision, or nil when the rules that meet the box decide differently in
    ///   different parts of it.
    func decide(_ meeting: [Int], covers: (Int) -> Bool) -> Decision? {
        if meeting.isEmpty { return Decision(outcome: defaults, rules: []) }
        switch table.hitPolicy {
        case .first, .priority:
            // The best-ranked covering rule wins everywhere unless a better one meets the box.
            var best: Int?
            for r in meeting where best == nil || ranks[r] < ranks[best!] {
                if covers(r) { best = r }
            }
            guard let best, !meeting.contains(where: { ranks[$0] < ranks[best] }) else { return nil }
            return Decision(outcome: outputs([best]), rules: [best])
        case .unique, .any, .collect, .ruleOrder:
            guard meeting.allSatisfy(covers) else { return nil }
            return matched(meeting)
        }
    }

    /// The decision where exactly the rules `matched` (ascending) match.
    func matched(_ matched: [Int]) -> Decision {
        if matched.isEmpty { return Decision(outcome: defaults, rules: []) }
        switch table.hitPolicy {
        case .first:
            return Decision(outcome: outputs([matched[0]]), rules: [matched[0]])
        case .priority:
            let best = matched.min { ranks[$0] < ranks[$1] }!
            return Decision(outcome: outputs([best]), rules: [best])
        case .unique where matched.count > 1:
            return Decision(outcome: .conflict(names(matched) + " all match"), rules: matched)
        case .any where Set(matched.map(values)).count > 1:
            return Decision(outcome: .conflict(names(matched) + " disagree"), rules: matched)
        case .unique, .any:
            return Decision(outcome: outputs([matched[0]]), rules: [matched[0]])
        case .collect, .ruleOrder:
            return Decision(outcome: outputs(matched), rules: matched)
        }
    }

    /// The outputs when no rule matches: the defaults, or nothing.
    var defaults: DecidedOutcome? {
        guard table.outputs.allSatisfy({ $0.defaultValue != nil }) else { return nil }
        return .outputs(table.outputs.map { output in
            NamedOutput(name: output.name,
                        value: table.hitPolicy.yieldsLists ? .list([output.defaultValue!]) : .single(output.defaultValue!))
        })
    }

    /// Rule `r`'s value of every output, defaults filled in.
    func values(_ r: Int) -> [Value] {
        zip(table.rules[r].outputs, table.outputs).map { value, output in value ?? output.defaultValue! }
    }

    private func names(_ rules: [Int]) -> String {
        "rules " + rules.map { "'\(table.rules[$0].id)'" }.joined(separator: ", ")
    }

    private func outputs(_ winners: [Int]) -> DecidedOutcome {
        let rows = winners.map(values)
        return .outputs(table.outputs.indices.map { o in
            let column = rows.map { $0[o] }
            let folded: OutputValue = switch table.hitPolicy {
            case .collect(nil), .ruleOrder: .list(column)
            case .collect(.sum?): .single(.integer(column.reduce(0) { $0 &+ Self.integer($1) }))
            case .collect(.min?): .single(.integer(column.map(Self.integer).min()!))
            case .collect(.max?): .single(.integer(column.map(Self.integer).max()!))
            case .collect(.count?): .single(.integer(column.count))
            default: .single(column[0])
            }
            return NamedOutput(name: table.outputs[o].name, value: folded)
        })
    }

    private static func integer(_ value: Value) -> Int {
        if case .integer(let number) = value { return number }
        return 0
    }
}

extension DecidedOutcome {
    /// Whether two decisions are the same for the diff: the same outputs, or both a
    /// hit-policy violation (whichever rules take part; the rules are reported beside).
    static func alike(_ a: DecidedOutcome?, _ b: DecidedOutcome?) -> Bool {
        switch (a, b) {
        case (.conflict?, .conflict?): true
        default: a == b
        }
    }

    /// The outputs named `names`, in that order; a conflict stays a conflict.
    func restricted(to names: [String]) -> DecidedOutcome {
        guard case .outputs(let all) = self else { return self }
        return .outputs(names.map { name in all.first { $0.name == name }! })
    }
}
