/// What a table decides where exactly a given set of its rules match: the one definition of
/// the hit policies (DMN 1.3, section 8.2.11) that the naive reference evaluator, the
/// validator and the diff share. The compiled ``Evaluator`` encodes the same semantics over
/// bitsets and is proved equal to this by the property tests.
package enum TableDecision: Hashable, Sendable {
    /// No rule matches and every output has a default: the defaults apply.
    case defaults([Value])
    /// No rule matches and some output has no default: the table decides nothing.
    case nothing
    /// These rules (indices into the table's rules) decide: one for `unique`, `first`,
    /// `priority` and `any`; every match, in file order, for `collect` and `rule-order`; every
    /// match by rank for `output-order`.
    case rules([Int])
    /// These rules match together where the hit policy forbids it.
    case conflict(HitPolicyConflict)
}

/// Rules that match together where the hit policy forbids it.
package struct HitPolicyConflict: Hashable, Sendable {
    /// Why the rules conflict.
    package enum Kind: Hashable, Sendable {
        /// A `unique` table matched more than one rule.
        case multipleMatches
        /// An `any` table matched rules whose outputs differ.
        case disagreeingOutputs
    }

    package var kind: Kind
    /// Every matching rule, ascending.
    package var rules: [Int]

    /// One sentence for a person, the same wherever the conflict is reported.
    /// - Parameters:
    ///   - table: The table's name.
    ///   - ids: The rules' ids, in the order of ``rules``.
    package static func message(_ kind: Kind, table: String, ids: [String]) -> String {
        let list = ids.map { "'\($0)'" }.joined(separator: ", ")
        return switch kind {
        case .multipleMatches: "table '\(table)' is unique but rules \(list) all match"
        case .disagreeingOutputs: "table '\(table)' is 'any' but the matching rules \(list) disagree on the outputs"
        }
    }
}

extension TableDefinition {
    /// What the table decides where exactly the rules `matching` match.
    /// - Parameters:
    ///   - matching: Indices of the matching rules, ascending.
    ///   - ranks: ``priorityRanks()`` for a `priority` or `output-order` table (computed once
    ///     by the caller); ignored by the other policies.
    package func decide(matching: [Int], ranks: [Int]) -> TableDecision {
        guard let first = matching.first else {
            return defaults.map(TableDecision.defaults) ?? .nothing
        }
        switch hitPolicy {
        case .first:
            return .rules([first])
        case .priority:
            return .rules([matching.min { ranks[$0] < ranks[$1] } ?? first])
        case .unique:
            return matching.count > 1 ? .conflict(HitPolicyConflict(kind: .multipleMatches, rules: matching)) : .rules([first])
        case .any:
            let agree = matching.allSatisfy { rules[$0].values == rules[first].values }
            return agree ? .rules([first]) : .conflict(HitPolicyConflict(kind: .disagreeingOutputs, rules: matching))
        case .collect, .ruleOrder:
            return .rules(matching)
        case .outputOrder:
            // The ranks already break ties by file order.
            return .rules(matching.sorted { ranks[$0] < ranks[$1] })
        }
    }

    /// The outputs that deciding rules give, in declared order: the first rule's values for the
    /// single-hit policies, every rule's in order for `collect`, `rule-order` and
    /// `output-order`, and one folded value for `collect` with an aggregation (exact over
    /// integers and numbers; `count` counts the rules).
    /// - Parameter deciding: The rules of a ``TableDecision/rules(_:)`` decision, not empty.
    package func outputs(of deciding: [Int]) -> [OutputValue] {
        outputs.indices.map { o in
            let column = deciding.map { rules[$0].values[o] }
            return switch hitPolicy {
            case .collect(nil), .ruleOrder, .outputOrder: .list(column)
            case .collect(let aggregation?): .single(aggregation.fold(column))
            default: .single(column.first ?? .integer(0))
            }
        }
    }

    /// The outputs of a decision that has them: the rules' outputs or the defaults (a list of
    /// one for list-valued tables); nil for ``TableDecision/nothing`` and conflicts.
    package func outputs(of decision: TableDecision) -> [OutputValue]? {
        switch decision {
        case .rules(let deciding): outputs(of: deciding)
        case .defaults(let values): values.map { hitPolicy.yieldsLists ? .list([$0]) : .single($0) }
        case .nothing, .conflict: nil
        }
    }
}
