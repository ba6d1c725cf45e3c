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
        ranks = table.hitPolicy == .priority || table.hitPolicy == .outputOrder ? table.priorityRanks() : Array(table.rules.indices)
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
            return matched([best])
        case .unique, .any, .collect, .ruleOrder, .outputOrder:
            guard meeting.allSatisfy(covers) else { return nil }
            return matched(meeting)
        }
    }

    /// The decision where exactly the rules `matched` (ascending) match, as the table's hit
    /// policy defines it (``TableDefinition/decide(matching:ranks:)``).
    func matched(_ matched: [Int]) -> Decision {
        let decision = table.decide(matching: matched, ranks: ranks)
        switch decision {
        case .rules(let deciding):
            return Decision(outcome: outputs(decision), rules: deciding)
        case .defaults, .nothing:
            return Decision(outcome: outputs(decision), rules: [])
        case .conflict(let conflict):
            let message = HitPolicyConflict.message(conflict.kind, table: table.name, ids: conflict.rules.map { table.rules[$0].id })
            return Decision(outcome: .conflict(message), rules: conflict.rules)
        }
    }

    /// The outputs when no rule matches: the defaults, or nothing.
    var defaults: DecidedOutcome? { outputs(table.decide(matching: [], ranks: ranks)) }

    private func outputs(_ decision: TableDecision) -> DecidedOutcome? {
        table.outputs(of: decision).map { values in
            .outputs(zip(table.outputs, values).map { NamedOutput(name: $0.name, value: $1) })
        }
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
