import DecisionTable
import Diagnostics
import JSONLines

/// What running one scenario gave, compared with what it expects.
public struct ScenarioResult: Sendable {
    /// The scenario run.
    public var scenario: Scenario
    /// The expected values that differ from what the rules produced, in the order written.
    public var mismatches: [Mismatch]
    /// Why the rules produced nothing (an evaluation error, or a route with status `error`).
    public var error: String?
    /// The route's reason, for event scenarios.
    public var reason: String?
    /// Per table, the rules that decided, in evaluation order.
    public var rules: [(table: String, rules: [String])]
    /// The scenario's manual choices that were refused, and so not applied (event scenarios).
    public var refusals: [AssignmentRefusal] = []

    /// Whether every expected value matched.
    public var passed: Bool { mismatches.isEmpty && error == nil }
}

/// One expected value and what the rules produced instead.
public struct Mismatch: Sendable, Hashable {
    /// The output or route field.
    public var field: String
    public var expected: JSONValue
    public var actual: JSONValue
    /// Where the expected value is written in the scenario file.
    public var location: SourceLocation
    /// The rules that decided the field: the winners of the table that produces it.
    public var decidedBy: [TableRule]
}

/// A rule of a rules file, by table and id, with where it is written.
public struct TableRule: Sendable, Hashable, Comparable {
    public var table: String
    public var id: String
    /// Where the rule's mapping starts.
    public var location: SourceLocation

    public init(table: String, id: String, location: SourceLocation) {
        self.table = table
        self.id = id
        self.location = location
    }

    public static func < (lhs: TableRule, rhs: TableRule) -> Bool { lhs.location < rhs.location }
}
