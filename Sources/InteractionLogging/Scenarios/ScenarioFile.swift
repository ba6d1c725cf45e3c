import DecisionTable
import Diagnostics

/// A scenario file, loaded and checked: the rules it tests and its scenarios, each with what
/// it must produce.
///
/// ```yaml
/// rules: interaction-logging.yaml        # relative to this file; default: the built-in rules
/// directory: ../Examples/directory.yaml  # for event scenarios: a path, or the directory inline
/// scenarios:
///   - name: "Table, row 1: a number on no contact is not logged"
///     event: { event: call.ended, data: { id: 1, direction: inbound, raw_digits: "+1 778-555-0999" } }
///     expect: { status: not_logged, contact: null }
///   - name: One contact, one project
///     facts: { contact_matches: 1, contact_projects: 1, ... }
///     expect: { status: logged }
/// ```
public struct ScenarioFile: Sendable {
    /// The scenario file's path, as diagnostics name it.
    public let path: String
    /// The rules the scenarios run against.
    public let rules: DecisionTables
    /// The scenarios, in file order.
    public let scenarios: [Scenario]
    /// Warnings from loading the file and the files it names, such as a directory's
    /// unreadable phone field that was left out.
    public var warnings: [Diagnostic] = []
    /// The text of the files ``warnings`` point into, by path, for excerpts.
    public var warningSources: [String: String] = [:]
}
