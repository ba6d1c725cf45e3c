import Foundation
import InteractionLogging

// THE BASELINE: the naive way to route a webhook, for comparison with the router. Foundation's
// JSONDecoder into Codable structs, phone numbers normalised by keeping the digits, contacts,
// team members and lines found by scanning arrays, the shipped rules written as if/else, and
// each route encoded with JSONEncoder. It mirrors Resources/interaction-logging.yaml (without
// manual assignments); `BaselineRouter.checkAgreement` checks it against the router before it
// is measured, so both do the same work.

/// A webhook as Codable structs: only the fields routing reads.
struct BaselineWebhook: Decodable {
    var event: String
    var data: Payload?

    struct Payload: Decodable {
        var id: Identifier?
        var direction: String?
        var raw_digits: String?
        var external_number: String?
        var participants: [Participant]?
        var user: User?
        var number: Line?
    }

    /// Call ids are integers, message ids strings.
    enum Identifier: Decodable {
        case integer(Int)
        case string(String)
        case other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .integer(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .other
            }
        }

        var text: String? {
            switch self {
            case .integer(let number): String(number)
            case .string(let text) where !text.isEmpty: text
            default: nil
            }
        }
    }

    /// A call participant (an object), or a group message's participant (a bare number).
    struct Participant: Decodable {
        var type: String?
        var phone_number: String?

        init(from decoder: Decoder) throws {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self) else { return }
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            phone_number = try? container.decodeIfPresent(String.self, forKey: .phone_number)
        }

        enum CodingKeys: String, CodingKey { case type, phone_number }
    }

    struct User: Decodable {
        var email: String?
    }

    struct Line: Decodable {
        var digits: String?
        var e164_digits: String?
        var country: String?
    }
}

/// A route as a Codable struct, encoded with JSONEncoder.
struct BaselineRoute: Encodable {
    var event: String?
    var id: String?
    var kind: String?
    var direction: String?
    var status: String
    var contact: String?
    var projects: [String] = []
    var team_member: String?
    var actions: [String] = []
    var button: String?
    var reason: String
    var rules: [String: [String]] = [:]
}

/// The directory as plain arrays of strings, scanned from start to end at every lookup.
struct BaselineDirectory {
    struct Contact {
        var id: String
        var phones: [String]
        var projects: [String]
    }

    struct TeamMember {
        var id: String
        var email: String
        var projects: [String]
    }

    struct Line {
        var number: String
        var teamMembers: [String]
    }

    var logOnAllProjects: Bool
    var defaultCountry: String?
    var contacts: [Contact]
    var teamMembers: [TeamMember]
    var lines: [Line]

    /// Copies a loaded directory into arrays; numbers as `+` and digits.
    init(_ directory: SparkDirectory) {
        logOnAllProjects = directory.company.logOnAllProjects
        defaultCountry = directory.company.defaultCountry
        contacts = directory.contacts.map { Contact(id: $0.id, phones: $0.phones.map(\.description), projects: $0.projects) }
        teamMembers = directory.teamMembers.map { TeamMember(id: $0.id, email: $0.email.lowercased(), projects: $0.projects) }
        lines = directory.lines.map { Line(number: $0.number.description, teamMembers: $0.teamMembers) }
    }
}

/// The naive router: one event at a time, on one thread.
final class BaselineRouter {
    let directory: BaselineDirectory
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()
    private var seen: [String: String] = [:]

    init(_ directory: BaselineDirectory) {
        self.directory = directory
    }

    /// Routes JSON Lines and appends one encoded route per line to `output`.
    func route(jsonLines bytes: [UInt8], source: String, into output: inout Data) -> [BaselineRoute] {
        var routes: [BaselineRoute] = []
        let data = Data(bytes)
        var number = 0
        // The generated input has no blank lines, so that lines are counted right.
        for line in data.split(separator: UInt8(ascii: "\n")) {
            number += 1
            var route = route(Data(line))
            if route.status != "error", let event = route.event, let id = route.id {
                let key = event + "\u{0}" + id
                if let first = seen[key] {
                    route = BaselineRoute(
                        event: event, id: id, kind: route.kind, direction: route.direction,
                        status: "duplicate", reason: "\(event) for id \(id) was already routed (\(first))")
                } else {
                    seen[key] = "\(source):\(number)"
                }
            }
            output.append((try? encoder.encode(route)) ?? Data())
            output.append(UInt8(ascii: "\n"))
            routes.append(route)
        }
        return routes
    }

    /// Routes one webhook body.
    func route(_ body: Data) -> BaselineRoute {
        guard let webhook = try? decoder.decode(BaselineWebhook.self, from: body) else {
            return BaselineRoute(status: "error", reason: "not a webhook")
        }
        let id = webhook.data?.id?.text
        let kind: String
        switch webhook.event {
        case "call.ended": kind = "call"
        case "message.received", "message.sent": kind = "message"
        default:
            return BaselineRoute(event: webhook.event, id: id, status: "ignored", reason: Self.ignoredReason(webhook.event))
        }
        guard let data = webhook.data, let id, let direction = data.direction,
            direction == "inbound" || direction == "outbound"
        else {
            return BaselineRoute(event: webhook.event, id: id, status: "error", reason: "incomplete")
        }
        var route = BaselineRoute(event: webhook.event, id: id, kind: kind, direction: direction, status: "", reason: "")

        // Facts.
        func text(_ value: String?) -> String? { value?.isEmpty == false ? value : nil }
        let externalText =
            kind == "call"
            ? text(data.raw_digits) ?? data.participants?.first(where: { $0.type == "external" && text($0.phone_number) != nil })?.phone_number
            : text(data.external_number) ?? text(data.raw_digits)
        let lineCountry = text(data.number?.country)
        let external = externalText.flatMap { Self.normalize($0, region: directory.defaultCountry ?? lineCountry) }
        let matches = external.map { number in directory.contacts.filter { $0.phones.contains(number) } } ?? []
        let lineNumber = (text(data.number?.e164_digits) ?? text(data.number?.digits)).flatMap { Self.normalize($0, region: lineCountry) }
        let line = lineNumber.flatMap { number in directory.lines.first { $0.number == number } }
        let lineMembers = line?.teamMembers ?? []
        let email = kind == "call" ? text(data.user?.email)?.lowercased() : nil
        let user = email.flatMap { email in directory.teamMembers.first { $0.email == email } }

        // Table contact.
        let contact: String
        switch matches.count {
        case 0: contact = "none"; route.rules["contact"] = ["number-not-in-spark"]
        case 1: contact = "matched"; route.rules["contact"] = ["one-contact"]
        default: contact = "choose"; route.rules["contact"] = ["shared-number"]
        }

        // Table team-member.
        let teamMember: String
        let call = kind == "call"
        if lineMembers.count == 1 {
            teamMember = "line_member"; route.rules["team-member"] = ["one-team-member-on-line"]
        } else if lineMembers.count >= 2 {
            if call && user != nil {
                teamMember = "event_user"
                route.rules["team-member"] = [direction == "outbound" ? "shared-line-outbound-call" : "shared-line-inbound-call"]
            } else if call {
                teamMember = "choose"; route.rules["team-member"] = ["shared-line-call-without-team-member"]
            } else {
                teamMember = "choose"; route.rules["team-member"] = ["shared-line-message"]
            }
        } else if call && user != nil {
            teamMember = "event_user"; route.rules["team-member"] = ["unknown-line-call-by-team-member"]
        } else if call {
            teamMember = "choose"; route.rules["team-member"] = ["unknown-line-otherwise"]
        } else {
            teamMember = "choose"; route.rules["team-member"] = ["unknown-line-message"]
        }
        let member: BaselineDirectory.TeamMember? =
            switch teamMember {
            case "line_member": directory.teamMembers.first { $0.id == lineMembers[0] }
            case "event_user": user
            default: nil
            }
        let matched = contact == "matched" ? matches[0] : nil
        let shared = matched.flatMap { c in member.map { m in c.projects.filter { m.projects.contains($0) }.sorted() } } ?? []

        // Table projects.
        let projects: String
        if let matched {
            let count = matched.projects.count
            if count == 0 {
                projects = "choose"; route.rules["projects"] = ["contact-in-no-project"]
            } else if count == 1 {
                projects = "contact_projects"; route.rules["projects"] = ["one-project"]
            } else if !directory.logOnAllProjects {
                projects = "choose"; route.rules["projects"] = ["multiple-projects-off"]
            } else if teamMember == "choose" {
                projects = "team_projects"; route.rules["projects"] = ["multiple-projects-on-team-member-unknown"]
            } else if !shared.isEmpty {
                projects = "team_projects"; route.rules["projects"] = ["multiple-projects-on"]
            } else {
                projects = "choose"; route.rules["projects"] = ["multiple-projects-on-team-member-on-none"]
            }
        } else {
            projects = "none"; route.rules["projects"] = ["no-contact"]
        }

        // Table assignments.
        var assignContact = false, assignProjects = false, assignTeamMember = false
        if contact == "none" {
            route.status = "not_logged"; route.reason = "The number is not on any Spark contact."
            route.rules["assignments"] = ["not-logged"]
        } else if contact == "choose" {
            route.status = "unassigned"
            assignContact = true
            if teamMember == "choose" {
                assignTeamMember = true
                route.reason = "Several Spark contacts share the number and the team member is not known."
                route.rules["assignments"] = ["choose-contact-and-team-member"]
            } else {
                route.reason = "Several Spark contacts share the number."
                route.rules["assignments"] = ["choose-contact"]
            }
        } else if projects != "choose" && teamMember != "choose" {
            route.status = "logged"; route.reason = "Logged automatically."
            route.rules["assignments"] = ["logged"]
        } else if teamMember != "choose" {
            route.status = "unassigned"; route.reason = "A person must choose the projects."
            assignProjects = true
            route.rules["assignments"] = ["choose-projects"]
        } else if projects != "choose" {
            route.status = "unassigned"; route.reason = "The team member is not known."
            assignTeamMember = true
            route.rules["assignments"] = ["choose-team-member"]
        } else {
            route.status = "unassigned"; route.reason = "A person must choose the projects and the team member."
            assignProjects = true
            assignTeamMember = true
            route.rules["assignments"] = ["choose-projects-and-team-member"]
        }

        // Table button.
        switch (assignContact, assignProjects, assignTeamMember) {
        case (false, false, false): route.button = nil; route.rules["button"] = ["no-button"]
        case (false, true, false): route.button = "Assign Projects"; route.rules["button"] = ["assign-projects-button"]
        case (true, false, false): route.button = "Assign to Contact"; route.rules["button"] = ["assign-contact-button"]
        case (false, false, true): route.button = "Assign Team Member"; route.rules["button"] = ["assign-team-member-button"]
        case (true, true, _): route.button = "Assign"; route.rules["button"] = ["contact-and-more-button"]
        case (true, false, true): route.button = "Assign"; route.rules["button"] = ["contact-and-team-member-button"]
        case (false, true, true): route.button = "Assign"; route.rules["button"] = ["projects-and-team-member-button"]
        }

        // Applying the outputs.
        route.contact = matched?.id
        route.team_member = member?.id
        route.projects =
            switch projects {
            case "contact_projects": matched!.projects.sorted()
            case "team_projects": shared
            default: []
            }
        if assignProjects { route.actions.append("assign_projects") }
        if assignContact { route.actions.append("assign_contact") }
        if assignTeamMember { route.actions.append("assign_team_member") }
        return route
    }

    static func ignoredReason(_ event: String) -> String {
        if event == "message.status_updated" { return "a message status update is not a new interaction" }
        if event.hasPrefix("group_message.") {
            return "a group message has several external numbers; Spark logs one-to-one interactions"
        }
        if event.hasPrefix("call.") { return "\(event) is not logged on its own; the call is logged at call.ended" }
        if event.hasPrefix("message.") { return "\(event) is not a new message" }
        return "\(event) is not a call or message interaction"
    }

    /// The simple approach: keep the digits; `+` or `00` means international, otherwise add
    /// the country code (North America: 10 digits, or 11 starting with 1; elsewhere drop a
    /// leading 0). Extensions (`x123`) are cut off first.
    static func normalize(_ text: String, region: String?) -> String? {
        let number = text.lowercased().split(separator: "x", maxSplits: 1).first.map(String.init) ?? ""
        let digits = number.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        if number.trimmingCharacters(in: .whitespaces).hasPrefix("+") { return "+" + digits }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        switch region {
        case "CA", "US":
            if digits.count == 10 { return "+1" + digits }
            if digits.count == 11 && digits.hasPrefix("1") { return "+" + digits }
            return nil
        case "GB": return "+44" + (digits.hasPrefix("0") ? digits.dropFirst() : Substring(digits))
        case "FR": return "+33" + (digits.hasPrefix("0") ? digits.dropFirst() : Substring(digits))
        default: return nil
        }
    }
}
