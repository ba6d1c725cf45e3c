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

extension ScenarioFile {
    /// What replaces a scenario file's own choices for one run, so that an edited copy of the
    /// rules or another directory can be tested without editing the file.
    public struct Overrides: Sendable {
        /// Used instead of the file's `rules:` (and of the built-in rules it defaults to).
        public var rules: DecisionTables?
        /// Used instead of the file's top-level `directory:`; a scenario's own `directory:`
        /// stays, as it is part of what that scenario sets up.
        public var directory: SparkDirectory?
        /// The company setting "Log calls and messages on all projects" for every directory
        /// event scenarios route against; a scenario's own `company:` still applies after it.
        public var logOnAllProjects: Bool?

        /// Creates overrides; nil keeps the file's own choice.
        public init(rules: DecisionTables? = nil, directory: SparkDirectory? = nil, logOnAllProjects: Bool? = nil) {
            self.rules = rules
            self.directory = directory
            self.logOnAllProjects = logOnAllProjects
        }
    }
}
