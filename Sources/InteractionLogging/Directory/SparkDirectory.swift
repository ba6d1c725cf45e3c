import DecisionTable
import Diagnostics

/// The part of a Spark account the router reads: the company's settings, its projects, its
/// team members, which of them use each Aircall line, and the contacts with their numbers.
///
/// Loaded once from YAML (``init(contentsOf:strict:)``) and indexed at load, so that every lookup
/// the router makes per event is a hash lookup: see `SparkDirectory+Index.swift`.
///
/// ```yaml
/// company: { log_on_all_projects: true, default_country: CA }
/// projects:
///   - { id: harbour-tower, name: Harbour Tower }
/// team_members:
///   - { id: tm-jane, name: Jane Doe, email: jane@example.com, projects: [harbour-tower] }
/// aircall_lines:
///   - { number: "+1 604-555-0199", team_members: [tm-jane] }
/// contacts:
///   - { id: c-100, name: Ada Lovelace, phone: "604-555-0100", projects: [harbour-tower] }
/// ```
public struct SparkDirectory: Sendable {
    /// The company's settings.
    public internal(set) var company: Company
    /// Every project, in file order.
    public let projects: [Project]
    /// Every team member, in file order.
    public let teamMembers: [TeamMember]
    /// Every Aircall line Spark knows, in file order.
    public let lines: [AircallLine]
    /// Every contact, in file order.
    public let contacts: Contacts
    /// Built once from the arrays above.
    let index: DirectoryIndex
    /// What loading left out, each with its position: an unreadable phone field of a contact,
    /// for instance. A caller reports them (see ``warningSources``).
    public let warnings: [Diagnostic]
    /// The directory's text by path, kept only when there are ``warnings``, so that they can
    /// be printed with excerpts (`DiagnosticsFormatter`).
    public let warningSources: [String: String]

    /// Indexes a directory whose ids are unique and whose references resolve (the decoder
    /// checks both before it gets here).
    init(
        company: Company, projects: [Project], teamMembers: [TeamMember], lines: [AircallLine], contacts: Contacts,
        warnings: [Diagnostic] = [], warningSources: [String: String] = [:]
    ) {
        self.warnings = warnings
        self.warningSources = warningSources
        self.company = company
        self.projects = projects
        self.teamMembers = teamMembers
        self.lines = lines
        self.contacts = contacts
        self.index = DirectoryIndex(projects: projects, teamMembers: teamMembers, lines: lines, contacts: contacts)
    }
}

extension SparkDirectory {
    /// Company-wide settings.
    public struct Company: Sendable, Hashable {
        /// The setting "Log calls and messages on all projects". As the help article's table
        /// reads it: ON, an interaction from a contact on several projects is logged to those
        /// the team member is on (not to the others); OFF, a person assigns the projects.
        public internal(set) var logOnAllProjects: Bool
        /// Whether ``logOnAllProjects`` was set for this run rather than read from the
        /// directory (``overridingLogOnAllProjects(_:)``), which an explanation says.
        public internal(set) var logOnAllProjectsOverridden = false
        /// The region (ISO 3166 alpha-2, upper case) national-format numbers are read in when
        /// a contact names none.
        public let defaultCountry: String?

        init(logOnAllProjects: Bool, defaultCountry: String?) {
            self.logOnAllProjects = logOnAllProjects
            self.defaultCountry = defaultCountry
        }
    }

    /// The directory with the company setting "Log calls and messages on all projects" set
    /// to `flag`, whatever the directory says: to try the other setting without editing it.
    /// - Parameter flag: The setting, ON (`true`) or OFF.
    /// - Returns: The same directory (indexes shared) with the setting replaced.
    public func overridingLogOnAllProjects(_ flag: Bool) -> SparkDirectory {
        var copy = self
        copy.company.logOnAllProjects = flag
        copy.company.logOnAllProjectsOverridden = true
        return copy
    }

    /// A Spark project.
    public struct Project: Sendable, Hashable {
        /// The project's id, unique among projects.
        public let id: String
        /// The name people see.
        public let name: String
    }

    /// A Spark user.
    public struct TeamMember: Sendable, Hashable {
        /// The team member's id, unique among team members.
        public let id: String
        /// The name people see.
        public let name: String
        /// The join key to an Aircall user (Aircall requires the same email in both tools);
        /// unique regardless of case.
        public let email: String
        /// The ids of the projects the team member is on, as written, without repeats.
        public let projects: [String]
    }

    /// An Aircall number and the Spark team members who use it.
    public struct AircallLine: Sendable, Hashable {
        /// The line's number, unique among lines.
        public let number: E164
        /// The ids of the team members who use the line, as written, without repeats.
        public let teamMembers: [String]
    }

    /// A Spark contact.
    public struct Contact: Sendable, Hashable {
        /// The contact's id, unique among contacts.
        public let id: String
        /// The name people see.
        public let name: String
        /// The numbers of `phone`, `mobile_phone` and `work_phone`, in that order, without
        /// repeats; fields that are empty or "anonymous" add nothing.
        public let phones: [E164]
        /// The field each of ``phones`` was first read from: `phone`, `mobile_phone` or
        /// `work_phone`, so that an explanation can say where a number was found.
        public let phoneFields: [String]
        /// The contact's own region (ISO 3166 alpha-2, upper case), if set.
        public let country: String?
        /// The ids of the projects the contact is on, as written, without repeats.
        public let projects: [String]
    }
}
