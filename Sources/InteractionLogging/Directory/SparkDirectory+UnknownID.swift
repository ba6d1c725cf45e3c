import Diagnostics

extension SparkDirectory {
    /// Why `id` names nothing of the kind `action` chooses (a contact, a project, a team
    /// member), with the nearest id the directory holds: "no contact 'c-40' in the directory;
    /// did you mean 'c-400'?"; nil when it names one.
    public func unknownID(_ id: String, for action: ManualAssignments.Action) -> String? {
        let noun: String
        let known: [String]
        switch action {
        case .contact:
            if contact(id: id) != nil { return nil }
            (noun, known) = ("contact", contacts.map(\.id))
        case .projects:
            if project(id: id) != nil { return nil }
            (noun, known) = ("project", projects.map(\.id))
        case .teamMember:
            if teamMember(id: id) != nil { return nil }
            (noun, known) = ("team member", teamMembers.map(\.id))
        }
        return "no \(noun) '\(id)' in the directory" + Suggestion.clause(for: id, in: known)
    }
}
