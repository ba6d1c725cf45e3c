import InteractionLogging

/// What a person sees of a route, to compare with what the help article says should happen.
struct RouteOutcome: Equatable {
    var status: Route.Status
    var contact: String? = nil
    var projects: [String] = []
    var teamMember: String? = nil
    var actions: [String] = []
    var button: String? = nil
    /// The rule that decided in each table, in evaluation order: contact, team-member,
    /// projects, assignments, button ("" where none did).
    var rules: [String]
}

extension RouteOutcome {
    init(_ route: Route) {
        self.init(
            status: route.status, contact: route.contact, projects: route.projects, teamMember: route.teamMember,
            actions: route.actions, button: route.button,
            rules: route.rules.map { $0.rules.joined(separator: "+") })
    }
}
