import DecisionTable
import Diagnostics
import JSONLines

/// One named case: facts or an Aircall event, and the outputs or route fields it must give.
public struct Scenario: Sendable {
    /// The scenario's name, unique in its file.
    public var name: String
    /// Where the scenario's mapping starts.
    public var location: SourceLocation
    /// What the scenario runs.
    public var input: Input
    /// What it must produce, in the order written.
    public var expectations: [Expectation]

    /// What a scenario runs.
    public enum Input: Sendable {
        /// Facts evaluated by the rules' tables (`DecisionTables.evaluate`): all of them, or
        /// only `table` with its inputs as facts.
        case facts([String: Value], table: String?)
        /// An Aircall webhook routed by ``Router`` against a Spark directory.
        case event(EventInput)
    }

    /// An Aircall webhook and everything routing it needs.
    public struct EventInput: Sendable {
        /// The decoded webhook: an interaction, or an event routing ignores.
        public var webhook: AircallWebhook
        /// The Spark directory, with the scenario's company setting applied.
        public var directory: SparkDirectory
        /// What a person chose on the Unassigned tab.
        public var assignments: ManualAssignments
    }

    /// One expected value: an output (facts) or a route field (events).
    public struct Expectation: Sendable, Hashable {
        /// The output's name, or the route field (`direction`, `status`, `contact`, `projects`,
        /// `team_member`, `actions`, `candidates`, `refused`, `button`).
        public var field: String
        /// The value, as JSON: a string, integer, boolean, null, or a list of them.
        public var value: JSONValue
        /// Where the value is written.
        public var location: SourceLocation
    }
}

extension Scenario {
    /// The route fields an event scenario may expect, in the order `switchboard route` prints them.
    /// `refused` lists the actions whose manual choices were refused (``Route/refusals``).
    public static let routeFields = ["direction", "status", "contact", "projects", "team_member", "actions", "candidates", "refused", "button"]

    /// The route fields whose lists are compared as sets (the router sorts them).
    static let unorderedFields: Set<String> = ["projects", "actions", "refused"]
}
