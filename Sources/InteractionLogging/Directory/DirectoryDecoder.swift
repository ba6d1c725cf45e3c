import DecisionTable
import Diagnostics
import YAMLLoading

/// Turns the YAML tree of a directory file into a checked ``SparkDirectory``, reporting every
/// problem with its position.
///
/// Sections are read in dependency order (projects, team members, lines, contacts) whatever
/// their order in the file, so that references are checked against complete id lists. An
/// item with an error still registers its id, so that one mistake is reported once and not
/// again at every reference to it.
///
/// Contacts, the bulk of a directory, are decoded as the parser reads them
/// (``contactStream``), so the tree never holds them: at once when the company and the
/// projects come before them, as the examples write them; otherwise in a second reading of
/// the file, once the first has found the company and the projects
/// (``needsSecondReading``).
final class DirectoryDecoder {
    let sink = DiagnosticSink()
    /// Whether what is otherwise a warning (an unreadable phone field of a contact, left out)
    /// is an error.
    var strict = false

    static let fileKeys = ["company", "projects", "team_members", "aircall_lines", "contacts"]
    static let companyKeys = ["log_on_all_projects", "default_country"]
    static let projectKeys = ["id", "name"]
    static let teamMemberKeys = ["id", "name", "email", "projects"]
    static let lineKeys = ["number", "team_members"]
    static let contactKeys = ["id", "name", "phone", "mobile_phone", "work_phone", "country", "projects"]
    static let phoneKeys = ["phone", "mobile_phone", "work_phone"]

    /// The sections contacts depend on, once decoded: when the first contact streams in, or
    /// at the end.
    private var sections: (company: CompanyResult, projects: [SparkDirectory.Project])?
    private var projectIDs = IDRegistry(kind: "project")
    private var contactIDs = IDRegistry(kind: "contact")
    private var contacts = SparkDirectory.Contacts()
    /// Set when contacts come before the sections they depend on: the first reading passes
    /// over them, and a second decodes them (see ``decodeSections(from:)``).
    private(set) var needsSecondReading = false

    /// A checked directory, not yet indexed.
    struct Parts {
        var company: SparkDirectory.Company
        var projects: [SparkDirectory.Project]
        var teamMembers: [SparkDirectory.TeamMember]
        var lines: [SparkDirectory.AircallLine]
        var contacts: SparkDirectory.Contacts
    }

    /// The file's contacts, for the parser to hand over as it reads them (see
    /// `YAMLItemStream`): each is decoded at once when the company and the projects are
    /// known (decoded from the pairs read before the contacts, or by a first reading);
    /// otherwise it is passed over and ``needsSecondReading`` is set. Either way the tree
    /// does not keep it.
    var contactStream: YAMLItemStream {
        YAMLItemStream(key: "contacts") { [self] item, before in
            if sections == nil {
                if needsSecondReading { return true }
                let keys = before.map(\.key)
                guard keys.contains("company"), keys.contains("projects") else {
                    // The company or the projects may come later, or not at all: only the
                    // end of the file tells.
                    needsSecondReading = true
                    return true
                }
                // The file's mapping as far as it was read. Its keys are checked once, at the
                // end, by the reader of the whole file: here every key read is allowed.
                let early = MappingReader(
                    YAMLNode(.mapping(Array(before)), at: before[before.startIndex].keyLocation),
                    what: "the Spark directory", allowed: keys,
                    sink: sink)
                if let early { decodeSections(early) }
            }
            decodeContact(item)
            return true
        }
    }

    /// The directory's parts, or nil when ``sink`` holds errors.
    func decode(_ root: YAMLNode) -> Parts? {
        guard let file = MappingReader(root, what: "the Spark directory", allowed: Self.fileKeys, sink: sink) else {
            return nil
        }
        if sections == nil { decodeSections(file) }
        guard let (company, projects) = sections else { return nil }
        var memberIDs = IDRegistry(kind: "team member")
        var emails: [String: SourceLocation] = [:]
        let members = list(file, "team_members").compactMap {
            decodeTeamMember($0, &memberIDs, projects: projectIDs, emails: &emails)
        }
        var lineNumbers: [E164: SourceLocation] = [:]
        let lines = list(file, "aircall_lines").compactMap {
            decodeLine($0, company: company, members: memberIDs, numbers: &lineNumbers)
        }
        let contactNodes = list(file, "contacts")
        // Sized once: a directory can hold a hundred thousand contacts.
        contactIDs.locations.reserveCapacity(contactNodes.count)
        for node in contactNodes { decodeContact(node) }
        // Only duplicates need the contacts' ids and places, and they are all found now.
        contactIDs = IDRegistry(kind: "contact")
        guard !sink.hasErrors, let company = company.value else { return nil }
        return Parts(company: company, projects: projects, teamMembers: members, lines: lines, contacts: contacts)
    }

    /// Decodes the company and the projects from the tree of a first reading that passed
    /// over the contacts, so that a second reading decodes each contact as it is read.
    /// - Parameter root: The first reading's root; its keys are checked by ``decode(_:)``
    ///   on the second reading's, so that each problem is reported once.
    func decodeSections(from root: YAMLNode) {
        guard case .mapping(let pairs) = root.content else { return }
        let file = MappingReader(root, what: "the Spark directory", allowed: pairs.map(\.key), sink: sink)
        if let file { decodeSections(file) }
    }

    /// Decodes the company and the projects, which contacts depend on.
    private func decodeSections(_ file: MappingReader) {
        let company = decodeCompany(file["company"])
        let projects = list(file, "projects").compactMap { decodeProject($0, &projectIDs) }
        sections = (company, projects)
    }

    /// The company settings, and whether its default country can read national numbers.
    struct CompanyResult {
        var value: SparkDirectory.Company?
        /// False when the default country is unreadable or unknown, which is reported once,
        /// at the company, rather than at every national number.
        var regionUsable = true
    }

    private func decodeCompany(_ node: YAMLNode?) -> CompanyResult {
        guard let node else {
            return CompanyResult(value: SparkDirectory.Company(logOnAllProjects: false, defaultCountry: nil))
        }
        guard let reader = MappingReader(node, what: "company", allowed: Self.companyKeys, sink: sink) else {
            return CompanyResult(value: nil, regionUsable: false)
        }
        let logOnAll = reader.boolean("log_on_all_projects")
        let country = self.country(reader, "default_country")
        let value = SparkDirectory.Company(logOnAllProjects: logOnAll ?? false, defaultCountry: country.region)
        return CompanyResult(value: value, regionUsable: country.usable)
    }

    private func decodeProject(_ node: YAMLNode, _ ids: inout IDRegistry) -> SparkDirectory.Project? {
        guard let reader = MappingReader(node, what: "a project", allowed: Self.projectKeys, sink: sink) else {
            return nil
        }
        let id = identifier(reader, &ids)
        let name = reader.text("name", required: true)
        guard let id, let name else { return nil }
        return SparkDirectory.Project(id: id, name: name)
    }

    private func decodeTeamMember(
        _ node: YAMLNode, _ ids: inout IDRegistry, projects: IDRegistry, emails: inout [String: SourceLocation]
    ) -> SparkDirectory.TeamMember? {
        guard let reader = MappingReader(node, what: "a team member", allowed: Self.teamMemberKeys, sink: sink) else {
            return nil
        }
        let id = identifier(reader, &ids)
        let name = reader.text("name", required: true)
        let email = reader.text("email", required: true)
        if let email, let at = reader["email"]?.location {
            if !Self.looksLikeEmail(email) {
                sink.error(.invalidEmail, "'\(email)' is not an email address", at: at)
            } else if let first = emails[email.lowercased()] {
                // Aircall users are matched to team members by email: two members with one
                // email would make the match ambiguous.
                sink.error(
                    .duplicateEmail, "another team member has the email '\(email)' (emails ignore case)",
                    at: at, notes: [Note("the first is here", at: first)])
            } else {
                emails[email.lowercased()] = at
            }
        }
        let memberProjects = references(reader, "projects", to: projects)
        guard let id, let name, let email else { return nil }
        return SparkDirectory.TeamMember(id: id, name: name, email: email, projects: memberProjects)
    }

    private func decodeLine(
        _ node: YAMLNode, company: CompanyResult, members: IDRegistry, numbers: inout [E164: SourceLocation]
    ) -> SparkDirectory.AircallLine? {
        guard let reader = MappingReader(node, what: "an Aircall line", allowed: Self.lineKeys, sink: sink) else {
            return nil
        }
        let text = reader.text("number", required: true)
        var number: E164?
        // As for contacts, a number is not read in a default country that is itself in error.
        if let text, let at = reader["number"]?.location, company.regionUsable {
            let region = company.value?.defaultCountry
            switch PhoneNumber.normalize(text, region: region) {
            case .number(let parsed):
                if let first = numbers[parsed] {
                    sink.error(
                        .duplicateLine, "another Aircall line has the number \(parsed)",
                        at: at, notes: [Note("the first is here", at: first)])
                } else {
                    numbers[parsed] = at
                    number = parsed
                }
            case .none:
                sink.error(.noNumber, "an Aircall line needs a phone number, found '\(text)'", at: at)
            case .invalid(let reason):
                invalidPhone(
                    text, reason, at: at, regionUnset: region == nil,
                    regionFrom: "the company's 'default_country'")
            }
        }
        let lineMembers = references(reader, "team_members", to: members)
        guard let number else { return nil }
        return SparkDirectory.AircallLine(number: number, teamMembers: lineMembers)
    }

    /// Decodes a contact and adds it to ``contacts``; the company and the projects are decoded.
    private func decodeContact(_ node: YAMLNode) {
        guard let (company, _) = sections,
            let reader = MappingReader(node, what: "a contact", allowed: Self.contactKeys, sink: sink)
        else { return }
        let id = identifier(reader, &contactIDs)
        let name = reader.text("name", required: true)
        let country = self.country(reader, "country")
        var phones: [E164] = []
        var phoneFields: [String] = []
        // With an unknown country (reported already) a national number cannot be read; its
        // numbers are checked once the country is fixed, rather than reported as unreadable.
        let usable = reader["country"] == nil ? company.regionUsable : country.usable
        let region = country.region ?? company.value?.defaultCountry
        for key in Self.phoneKeys {
            guard let value = reader[key], !value.isNull, let text = reader.text(key), usable else { continue }
            switch PhoneNumber.normalize(text, region: region) {
            case .number(let number):
                if !phones.contains(number) {
                    phones.append(number)
                    phoneFields.append(key)
                }
            case .none: break
            case .invalid(let reason):
                // People keep contacts: one unreadable field must not stop the office's routing.
                // It is left out, with a warning (an error under `strict`).
                let contact = "contact" + (id.map { " '\($0)'" } ?? "") + (name.map { " (\($0))" } ?? "")
                invalidPhone(
                    text, reason, at: value.location, regionUnset: region == nil,
                    regionFrom: "the contact's 'country' or the company's 'default_country'",
                    field: (contact, key))
            }
        }
        let contactProjects = references(reader, "projects", to: projectIDs)
        guard let id, let name else { return }
        contacts.append(
            id: id, name: name, phones: phones, phoneFields: phoneFields, country: country.region,
            projects: contactProjects)
    }

    // MARK: - Values

    /// The list under `key`; an absent or empty (null) section is an empty list.
    private func list(_ reader: MappingReader, _ key: String) -> [YAMLNode] {
        if let value = reader[key], value.isNull { return [] }
        return reader.list(key, required: false) ?? []
    }

    /// The required `id`, registered so that a repeat is reported with a note at the first.
    private func identifier(_ reader: MappingReader, _ ids: inout IDRegistry) -> String? {
        guard let id = reader.text("id", required: true), let at = reader["id"]?.location else { return nil }
        guard !id.isEmpty else {
            sink.error(.expectedText, "'id' in \(reader.what) must not be empty", at: at)
            return nil
        }
        if let first = ids.locations[id] {
            sink.error(
                .duplicateId, "another \(ids.kind) has the id '\(id)'", at: at,
                notes: [Note("the first is here", at: first)])
            return nil
        }
        ids.locations[id] = at
        return id
    }

    /// A list of ids under `key`, each checked against `registry`; repeats are dropped.
    private func references(_ reader: MappingReader, _ key: String, to registry: IDRegistry) -> [String] {
        var ids: [String] = []
        for item in list(reader, key) {
            guard case .scalar(let id, _) = item.content, !item.isNull else {
                sink.error(
                    .expectedText,
                    "each item of '\(key)' in \(reader.what) must be an id, found \(item.kindDescription)",
                    at: item.location)
                continue
            }
            guard registry.locations[id] != nil else {
                sink.error(
                    .unknownId,
                    "no \(registry.kind) has the id '\(id)'"
                        + Suggestion.clause(for: id, in: registry.locations.keys), at: item.location)
                continue
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// An optional region under `key`, upper-cased.
    /// - Returns: The region when known; `usable` is false when the key is set but unknown.
    private func country(_ reader: MappingReader, _ key: String) -> (region: String?, usable: Bool) {
        guard let value = reader[key] else { return (nil, true) }
        guard let text = reader.text(key) else { return (nil, false) }
        guard CallingCodes.entry(forRegion: text) != nil else {
            // "UK" is the common mistake: the ISO code of the United Kingdom is GB.
            let hint = text.uppercased() == "UK" ? "; did you mean 'GB'?" : ""
            sink.error(
                .unknownCountry,
                "'\(text)' is not a country code the directory knows"
                    + " (ISO 3166 alpha-2, such as CA, US, GB)\(hint)",
                at: value.location)
            return (nil, false)
        }
        return (text.uppercased(), true)
    }

    /// Reports an unreadable number; `regionFrom` names the settings that would give a
    /// national number its region. A contact's phone field (`field`) is a warning naming the
    /// contact and the field, which is left out; an Aircall line's number is an error.
    private func invalidPhone(
        _ text: String, _ reason: PhoneProblem, at location: SourceLocation, regionUnset: Bool, regionFrom: String,
        field: (contact: String, key: String)? = nil
    ) {
        var message = "'\(text)' is not a phone number: \(reason)"
        if regionUnset && reason == PhoneNumber.nationalWithoutRegion {
            message += "; set \(regionFrom), or write the number with + and its country code"
        }
        guard let field else {
            sink.error(.invalidPhone, message, at: location)
            return
        }
        message = "\(field.contact): '\(field.key)' \(message); the field is left out"
        if strict {
            sink.error(.invalidPhone, message, at: location)
        } else {
            sink.warning(.invalidPhone, message, at: location)
        }
    }

    /// One '@' with text on both sides and no spaces: enough to catch a value in the wrong
    /// field, without pretending to validate addresses.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(where: \.isWhitespace)
    }
}

/// The ids of one kind seen so far, with where each was defined.
struct IDRegistry {
    /// "project", "team member", "contact": for messages.
    let kind: String
    var locations: [String: SourceLocation] = [:]
}
