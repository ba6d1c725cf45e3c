import Diagnostics

/// A validator finding: a positioned diagnostic with the table, the rules involved, and for
/// gaps the uncovered cells, for overlaps a concrete input both rules match.
public struct Finding: Hashable, Sendable {
    /// The diagnostic: code, severity, message, position.
    public var diagnostic: Diagnostic
    /// The table it concerns, if any (loader errors outside a table have none).
    public var table: String?
    /// The ids of the rules involved.
    public var rules: [String]
    /// For a gap: every input's uncovered values.
    public var cells: [InputCells]?
    /// For an overlap: one input that the rules all match, or, for a group with a
    /// ``hub``, one input the hub and the first other rule both match.
    public var witness: [NamedValue]?
    /// For an overlap group whose rules share no one input: the rule (first in ``rules``)
    /// that each other rule of the group overlaps.
    public var hub: String?
    /// For a gap: the share of the table's input space it covers, 0 to 1 (an integer input
    /// without bounds counts all 2⁶⁴ integers).
    public var share: Double?
    /// For shadowed rules: what shadows them; one rule that matches every input they match,
    /// or every better-ranked rule that shares an input with the one shadowed rule.
    public var coveredBy: [String]?

    /// Creates a finding.
    public init(
        _ diagnostic: Diagnostic, table: String? = nil, rules: [String] = [],
        cells: [InputCells]? = nil, witness: [NamedValue]? = nil,
        share: Double? = nil, coveredBy: [String]? = nil, hub: String? = nil
    ) {
        self.diagnostic = diagnostic
        self.table = table
        self.rules = rules
        self.cells = cells
        self.witness = witness
        self.share = share
        self.coveredBy = coveredBy
        self.hub = hub
    }
}

/// One input's set of values in a gap row.
public struct InputCells: Hashable, Sendable {
    /// The input's name.
    public var input: String
    /// The values.
    public var values: CellValues
}

/// A set of values of one input, as a report writes it.
public enum CellValues: Hashable, Sendable {
    /// The whole domain (`-`).
    case any
    /// Some values of an enum or boolean input, in declared order.
    case values([Value])
    /// Integers, as inclusive ranges; nil is unbounded.
    case ranges([IntegerRange])
    /// Decimal numbers, as intervals with open or closed ends.
    case numbers([NumberInterval])
    /// Every string but these (a string column without declared values).
    case otherThan([String])

    /// The set in the table's own cell syntax: `-`, `call`, `[call, message]`, `">= 2"`, `"1..5"`.
    public var cellSyntax: String {
        switch self {
        case .any: return "-"
        case .values(let values):
            return values.count == 1 ? values[0].description : "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .ranges(let ranges):
            let items = ranges.map(\.cellSyntax)
            return items.count == 1 ? items[0] : "[" + items.joined(separator: ", ") + "]"
        case .numbers(let intervals):
            let items = intervals.map(\.description)
            return items.count == 1 ? items[0] : "[" + items.joined(separator: ", ") + "]"
        case .otherThan(let strings):
            return "{not: [" + strings.joined(separator: ", ") + "]}"
        }
    }

    /// The set in words: `any`, `call`, `call or message`, `>= 2`, `1..5 or 7`.
    public var phrase: String {
        switch self {
        case .any: "any"
        case .values(let values): values.map(\.description).joined(separator: " or ")
        case .ranges(let ranges): ranges.map(\.cellSyntax).joined(separator: " or ")
        case .numbers(let intervals): intervals.map(\.description).joined(separator: " or ")
        case .otherThan(let strings) where strings.count == 1: "not \"\(strings[0])\""
        case .otherThan(let strings): "not one of " + strings.map { "\"\($0)\"" }.joined(separator: ", ")
        }
    }
}

/// An inclusive range of integers; nil ends are unbounded.
public struct IntegerRange: Hashable, Sendable {
    public var lower: Int?
    public var upper: Int?

    /// `3`, `1..5`, `>= 2`, `<= 3`.
    public var cellSyntax: String {
        switch (lower, upper) {
        case (let low?, let high?) where low == high: String(low)
        case (let low?, let high?): "\(low)..\(high)"
        case (let low?, nil): ">= \(low)"
        case (nil, let high?): "<= \(high)"
        case (nil, nil): "-"
        }
    }
}

extension Finding {
    /// A share as a percentage for people: `12.5 %`, `< 0.01 %`.
    package static func percent(_ share: Double) -> String {
        if share <= 0 { return "0 %" }
        if share < 0.0001 { return "< 0.01 %" }
        if share >= 1 { return "100 %" }
        let value = (share * 10_000).rounded() / 100
        return value == value.rounded() ? "\(Int(value)) %" : "\(value) %"
    }
}
