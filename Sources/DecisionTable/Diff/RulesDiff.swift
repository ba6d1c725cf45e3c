import Diagnostics

/// What changed between two versions of a rules file, in outcomes rather than text: the
/// regions of the input space where the decided outputs differ, and the tables, inputs and
/// outputs added or removed. Reordered rules, renamed ids and new descriptions that change no
/// outcome report nothing.
public struct RulesDiff: Hashable, Sendable {
    /// Regions where the two versions decide differently, table by table.
    public var changes: [OutcomeChange]
    /// Tables, inputs and outputs added or removed, or changed in kind.
    public var structural: [StructuralChange]
    /// For each comparison a budget stopped, a sentence saying so; empty when complete.
    public var incomplete: [String] = []

    /// Whether the versions decide every input alike (as far as the comparison got).
    public var isEmpty: Bool { changes.isEmpty && structural.isEmpty }
    /// Whether every comparison ran to the end.
    public var isComplete: Bool { incomplete.isEmpty }
}

/// One region where the versions decide differently.
public struct OutcomeChange: Hashable, Sendable {
    /// The table; `<table> (final)` for its final outputs over the facts a caller gives,
    /// through the tables it reads.
    public var table: String
    /// Every input's values in the region (inputs of either version).
    public var cells: [InputCells]
    /// What the old version decides there; nil when it decides nothing.
    public var old: DecidedOutcome?
    /// What the new version decides there; nil when it decides nothing.
    public var new: DecidedOutcome?
    /// The rules that decide there in each version. For final outputs, the table's own
    /// rules; where a table it reads fails instead (rules that break its hit policy, or an
    /// integer outside the reading input's range), that table's rules as `table/id`.
    public var oldRules: [String]
    public var newRules: [String]
    /// Where each of ``oldRules`` is written in the old file, in the same order (nil for a
    /// rule not found, which the diff never reports).
    public var oldRuleLocations: [SourceLocation?] = []
    /// Where each of ``newRules`` is written in the new file, in the same order.
    public var newRuleLocations: [SourceLocation?] = []

    /// The names of the outputs whose values differ in this region: all of them when either
    /// side decides nothing or fails.
    public var changedOutputs: [String] {
        switch (old, new) {
        case (.outputs(let before)?, .outputs(let after)?):
            var names: [String] = []
            for output in before + after where !names.contains(output.name) {
                if before.first(where: { $0.name == output.name }) != after.first(where: { $0.name == output.name }) {
                    names.append(output.name)
                }
            }
            return names
        case (.outputs(let outputs)?, _), (_, .outputs(let outputs)?):
            return outputs.map(\.name)
        default:
            return []
        }
    }
}

/// A table's decision over a region: output values, or a hit-policy violation.
public enum DecidedOutcome: Hashable, Sendable {
    /// The outputs the two versions share, by name (lists for collect and rule-order).
    case outputs([NamedOutput])
    /// Rules that match together where the hit policy forbids it (`unique`, or `any` with
    /// different outputs); for final outputs, also a table read on the way that fails so, or
    /// that emits an integer outside the range of the input reading it. Any two conflicts
    /// count as the same outcome: the message and the rules say which.
    case conflict(String)
}

/// A change of shape rather than of outcome.
public struct StructuralChange: Hashable, Sendable {
    /// The table concerned.
    public var table: String
    /// `table-added`, `table-removed`, `input-added`, `input-removed`, `output-added`,
    /// `output-removed`, `input-changed`, `hit-changed`.
    public var kind: String
    /// One sentence for a person.
    public var message: String
}
