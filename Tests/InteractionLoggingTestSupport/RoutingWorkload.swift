import _DecisionTableTestSupport

/// A seeded Spark directory and stream of Aircall webhooks for the routing benchmarks (and for
/// tests that want a large, realistic input): the same text on every run and every machine.
///
/// Everything is generated as TEXT (directory YAML, webhook JSON Lines) so that this library
/// needs no dependency on `InteractionLogging`: the consumer loads the text as `switchboard
/// route` would.
///
/// The directory has the shapes `Examples/directory.yaml` shows, at scale:
/// - `company`: `log_on_all_projects: true`, `default_country: CA`;
/// - ``projectCount`` projects `p-0001` …;
/// - ``teamMemberCount`` team members `tm-0001` …, each on 1–6 projects, with e-mails
///   `first.last.N@spark.example` (1 in 20 written with capitals: e-mails match in any case);
/// - ``lineCount`` Aircall lines (9 in 10 in North America, 1 in 10 in London; 7 in 10 used by
///   one team member, 2 in 10 shared by 2–4, 1 in 10 by nobody), numbers written in
///   international or national form;
/// - ``contactCount`` contacts `c-000001` …, each with 1–3 numbers in `phone`,
///   `mobile_phone` and `work_phone`, in mixed formats (`604-555-0100`, `(604) 555-0100`,
///   `604.555.0100`, `1-604-555-0100`, `+1 604 555 0100`, with an extension, ...); 1 in 20
///   is in Great Britain (`country: GB`, `07700 900123` or `+44 7700 900123`); 1 in 100
///   shares a number with another contact; 0–4 projects, more often of their team's.
///
/// Events (``eventsJSONLines(_:)``) are in Aircall's documented shapes
/// (`/work/shared/aircall-webhooks.md`), one per line, with every field Aircall sends:
/// about 55 % `call.ended` (inbound and outbound, answered or missed, sometimes anonymous
/// or from a number on no contact, sometimes with the number only in `participants`),
/// 30 % `message.received` / `message.sent` (ISO or millisecond `created_at`, SMS or
/// WhatsApp, bodies with escapes and accents), 9 % early call events (`call.created`,
/// `call.answered`, `call.hungup`, `call.ringing_on_agent`), 2 % `message.status_updated`,
/// 1 % `group_message.received` or an unknown event, and 3 % re-deliveries of an event up
/// to 2,000 positions earlier, byte for byte. Event `i` depends only on the seed and `i`,
/// so a stream can be generated in slices.
public struct RoutingWorkload: Sendable {
    public let contactCount: Int
    public let teamMemberCount: Int
    public let projectCount: Int
    public let lineCount: Int
    public let seed: UInt64

    /// A phone number as the generator knows it: North American (10 digits: area code,
    /// exchange, line) or a British mobile (10 digits starting with 7, without the trunk 0).
    struct Phone: Sendable, Hashable {
        var british: Bool
        var national: UInt64
    }

    struct Contact: Sendable {
        var phones: [Phone]
        var british: Bool
        var projects: [Int32]
    }

    struct Line: Sendable {
        var phone: Phone
        var members: [Int32]
    }

    let contacts: [Contact]
    let memberProjects: [[Int32]]
    let lines: [Line]
    /// For each team member, the lines they use.
    let linesOfMember: [[Int32]]
    /// For each project, its team members.
    let membersOfProject: [[Int32]]

    /// North American area codes the contacts' numbers use; unknown numbers use others.
    static let areaCodes: [UInt64] = [
        604, 778, 236, 250, 403, 587, 780, 416, 647, 437,
        905, 514, 438, 613, 212, 646, 415, 206, 312, 617,
    ]
    static let firstNames = [
        "Ada", "Grace", "Alan", "Katherine", "Dorothy", "Margaret", "Barbara", "Edsger",
        "Linus", "Hedy", "Claude", "Frances", "Donald", "Radia", "Ken", "Sophie",
        "Tim", "Joan", "John", "Mary", "Raj", "Lee", "Sam", "Jane", "Noor", "Élodie",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Johnson", "Vaughan", "Hamilton", "Liskov",
        "Dijkstra", "Torvalds", "Lamarr", "Shannon", "Allen", "Knuth", "Perlman",
        "Thompson", "Wilson", "Berners-Lee", "Clarke", "Doe", "Patel", "Wong",
        "Rivera", "Nguyen", "O'Brien", "García", "Müller",
    ]

    /// Draws a directory.
    /// - Parameters:
    ///   - contacts: Spark contacts; at least 1.
    ///   - teamMembers: Spark team members; at least 1.
    ///   - projects: Spark projects; at least 1.
    ///   - lines: Aircall lines Spark knows; at least 1.
    ///   - seed: The seed of every ``SeededGenerator`` the directory and the events draw from.
    public init(
        contacts: Int = 100_000, teamMembers: Int = 1_000, projects: Int = 300, lines: Int = 200,
        seed: UInt64 = 0xA1C0_5EED
    ) {
        precondition(contacts >= 1 && teamMembers >= 1 && projects >= 1 && lines >= 1)
        contactCount = contacts
        teamMemberCount = teamMembers
        projectCount = projects
        lineCount = lines
        self.seed = seed
        var random = SeededGenerator(seed: seed)

        // Team members and their projects.
        var memberProjects: [[Int32]] = []
        var membersOfProject = [[Int32]](repeating: [], count: projects)
        for m in 0..<teamMembers {
            var own: [Int32] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let p = Int32.random(in: 0..<Int32(projects), using: &random)
                if !own.contains(p) { own.append(p) }
            }
            for p in own { membersOfProject[Int(p)].append(Int32(m)) }
            memberProjects.append(own)
        }

        // Aircall lines: their numbers are on a toll-free area code (North America) or in
        // London, where no contact's number is.
        var allLines: [Line] = []
        var linesOfMember = [[Int32]](repeating: [], count: teamMembers)
        for l in 0..<lines {
            let british = l % 10 == 9
            let phone =
                british
                ? Phone(british: true, national: 20_7946_0000 + UInt64(l))
                : Phone(british: false, national: 888_555_0000 + UInt64(l))
            let roll = Int.random(in: 0..<10, using: &random)
            let memberCount = roll < 7 ? 1 : roll < 9 ? Int.random(in: 2...4, using: &random) : 0
            var members: [Int32] = []
            while members.count < min(memberCount, teamMembers) {
                let m = Int32.random(in: 0..<Int32(teamMembers), using: &random)
                if !members.contains(m) { members.append(m) }
            }
            for m in members { linesOfMember[Int(m)].append(Int32(l)) }
            allLines.append(Line(phone: phone, members: members))
        }

        // Contacts: numbers drawn without repeats from a bijection of a counter, except the
        // shared ones, which reuse an earlier contact's number.
        var allContacts: [Contact] = []
        allContacts.reserveCapacity(contacts)
        var counter: UInt64 = 0
        func freshPhone(british: Bool) -> Phone {
            defer { counter += 1 }
            if british {
                return Phone(british: true, national: 7_000_000_000 + (counter &* 7_919) % 1_000_000_000)
            }
            let area = Self.areaCodes[Int(counter % UInt64(Self.areaCodes.count))]
            // Exchange 200–999: a valid North American number.
            let local = 2_000_000 + ((counter / UInt64(Self.areaCodes.count)) &* 7_919) % 8_000_000
            return Phone(british: false, national: area * 10_000_000 + local)
        }
        for c in 0..<contacts {
            let british = Int.random(in: 0..<20, using: &random) == 0
            let roll = Int.random(in: 0..<10, using: &random)
            let phoneCount = roll < 6 ? 1 : roll < 9 ? 2 : 3
            var phones: [Phone] = []
            for _ in 0..<phoneCount {
                if c > 0, Int.random(in: 0..<100, using: &random) == 0 {
                    let other = allContacts[Int.random(in: 0..<c, using: &random)]
                    if let shared = other.phones.first, shared.british == british { phones.append(shared); continue }
                }
                phones.append(freshPhone(british: british))
            }
            let projectRoll = Int.random(in: 0..<20, using: &random)
            let projectTotal = projectRoll == 0 ? 0 : projectRoll < 12 ? 1 : Int.random(in: 2...4, using: &random)
            var own: [Int32] = []
            // Contacts are mostly on projects of one team member, so that "the projects the
            // team member is on" is often not empty, as in a real office.
            let anchor = memberProjects[Int.random(in: 0..<teamMembers, using: &random)]
            for k in 0..<projectTotal {
                let p =
                    k < anchor.count && Bool.random(using: &random)
                    ? anchor[k] : Int32.random(in: 0..<Int32(projects), using: &random)
                if !own.contains(p) { own.append(p) }
            }
            allContacts.append(Contact(phones: phones, british: british, projects: own))
        }
        self.contacts = allContacts
        self.memberProjects = memberProjects
        self.lines = allLines
        self.linesOfMember = linesOfMember
        self.membersOfProject = membersOfProject
    }

    // MARK: - Directory

    static func projectID(_ p: Int32) -> String { "p-" + padded(Int(p) + 1, 4) }
    static func memberID(_ m: Int32) -> String { "tm-" + padded(Int(m) + 1, 4) }
    static func contactID(_ c: Int) -> String { "c-" + padded(c + 1, 6) }

    static func padded(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func name(_ k: Int) -> (first: String, last: String) {
        (firstNames[k % firstNames.count], lastNames[(k / firstNames.count + k * 7) % lastNames.count])
    }

    /// The e-mail Aircall sends for a team member: lower case.
    static func email(_ m: Int32) -> String {
        let (first, last) = name(Int(m))
        return ascii(first) + "." + ascii(last) + "." + String(m + 1) + "@spark.example"
    }

    /// Lower-case ASCII letters only, for e-mails.
    static func ascii(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }

    /// The directory as a YAML file for `SparkDirectory(yaml:)` or `switchboard route --directory`.
    public func directoryYAML() -> String {
        var random = SeededGenerator(seed: seed ^ 0xD1EC_7081)
        var yaml = """
            # Generated by RoutingWorkload(contacts: \(contactCount), teamMembers: \(teamMemberCount), \
            projects: \(projectCount), lines: \(lineCount), seed: \(seed)).
            company:
              log_on_all_projects: true
              default_country: CA
            projects:

            """
        yaml.reserveCapacity(200 * contactCount + 100 * teamMemberCount)
        for p in 0..<projectCount {
            yaml += "  - { id: \(Self.projectID(Int32(p))), name: Project \(p + 1) }\n"
        }
        yaml += "team_members:\n"
        for m in 0..<teamMemberCount {
            let (first, last) = Self.name(m)
            var email = Self.email(Int32(m))
            if m % 20 == 7 { email = email.prefix(1).uppercased() + email.dropFirst() }
            let projects = memberProjects[m].map(Self.projectID).joined(separator: ", ")
            yaml += "  - { id: \(Self.memberID(Int32(m))), name: \"\(first) \(last)\", email: \(email), projects: [\(projects)] }\n"
        }
        yaml += "aircall_lines:\n"
        for line in lines {
            let members = line.members.map(Self.memberID).joined(separator: ", ")
            let number =
                Bool.random(using: &random)
                ? Self.aircallDigits(line.phone)
                : Self.written(line.phone, style: Int.random(in: 0..<4, using: &random), trunkRegion: false)
            yaml += "  - { number: \"\(number)\", team_members: [\(members)] }\n"
        }
        yaml += "contacts:\n"
        let fields = ["phone", "mobile_phone", "work_phone"]
        for (c, contact) in contacts.enumerated() {
            let (first, last) = Self.name(c &* 31 &+ 5)
            yaml += "  - id: \(Self.contactID(c))\n    name: \"\(first) \(last)\"\n"
            // Which fields hold the numbers: in order, sometimes skipping `phone`.
            var field = contact.phones.count < 3 && Int.random(in: 0..<4, using: &random) == 0 ? 1 : 0
            for phone in contact.phones {
                let style = Int.random(in: 0..<8, using: &random)
                yaml += "    \(fields[field]): \"\(Self.written(phone, style: style, trunkRegion: true))\"\n"
                field = min(field + 1, 2)
            }
            if contact.british { yaml += "    country: GB\n" }
            yaml += "    projects: [\(contact.projects.map(Self.projectID).joined(separator: ", "))]\n"
        }
        return yaml
    }

    /// A number as a person types it into Spark. `style` picks the format; national forms
    /// are used only when `trunkRegion` (the reader knows the contact's country).
    static func written(_ phone: Phone, style: Int, trunkRegion: Bool) -> String {
        let n = phone.national
        if phone.british {
            let a = n / 1_000_000, b = n % 1_000_000
            switch style % 4 {
            case 0 where trunkRegion: return "0\(a) \(padded(Int(b), 6))"
            case 1: return "+44 (0)\(a) \(padded(Int(b), 6))"
            case 2 where trunkRegion: return "0\(a)\(padded(Int(b), 6))"
            default: return "+44 \(a) \(padded(Int(b), 6))"
            }
        }
        let area = n / 10_000_000, exchange = n / 10_000 % 1_000, line = padded(Int(n % 10_000), 4)
        switch style {
        case 0: return "\(area)-\(exchange)-\(line)"
        case 1: return "(\(area)) \(exchange)-\(line)"
        case 2: return "\(area).\(exchange).\(line)"
        case 3: return "1-\(area)-\(exchange)-\(line)"
        case 4: return "+1 \(area) \(exchange) \(line)"
        case 5: return "+1 (\(area)) \(exchange)-\(line)"
        case 6: return "\(area)\(exchange)\(line)"
        default: return "\(area)-\(exchange)-\(line) x\(100 + style * 7)"
        }
    }

    /// A number as Aircall sends it: international, with spaces (and dashes in North America).
    static func aircallDigits(_ phone: Phone) -> String {
        let n = phone.national
        if phone.british {
            if n / 1_000_000_000 == 7 { return "+44 \(n / 1_000_000) \(padded(Int(n % 1_000_000), 6))" }
            return "+44 \(n / 100_000_000) \(padded(Int(n / 10_000 % 10_000), 4)) \(padded(Int(n % 10_000), 4))"
        }
        return "+1 \(n / 10_000_000)-\(n / 10_000 % 1_000)-\(padded(Int(n % 10_000), 4))"
    }

    static func e164(_ phone: Phone) -> String {
        (phone.british ? "+44" : "+1") + String(phone.national)
    }

    // MARK: - Events

    /// Events `range` as JSON Lines (each line ends with a newline).
    public func eventsJSONLines(_ range: Range<Int>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count * 800)
        // In slices, so that the text is never held twice.
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + 1_000)
            var text = ""
            appendEvents(start..<end, to: &text)
            bytes.append(contentsOf: text.utf8)
            start = end
        }
        return bytes
    }

    /// Appends events `range` as JSON Lines to `text`.
    public func appendEvents(_ range: Range<Int>, to text: inout String) {
        text.reserveCapacity(text.utf8.count + range.count * 900)
        for i in range {
            appendEvent(i, to: &text)
            text += "\n"
        }
    }

    /// The generator of event `i`: a function of the seed and `i` only.
    private func random(forEvent i: Int) -> SeededGenerator {
        var random = SeededGenerator(seed: seed ^ (UInt64(i) &* 0xD1B5_4A32_D192_ED03) ^ 0xE7E7)
        _ = random.next()
        return random
    }

    private static let baseTime = 1_732_600_000

    /// The text of event `i`, without a newline.
    func appendEvent(_ i: Int, to text: inout String) {
        var random = random(forEvent: i)
        let roll = Int.random(in: 0..<1_000, using: &random)
        // A re-delivery: the same event again, byte for byte.
        if roll < 30, i > 0 {
            appendEvent(i - Int.random(in: 1...min(i, 2_000), using: &random), to: &text)
            return
        }
        switch roll {
        case ..<580: appendCallEnded(i, &random, to: &text)
        case ..<880: appendMessage(i, &random, to: &text)
        case ..<970: appendEarlyCall(i, &random, to: &text)
        case ..<990: appendStatusUpdate(i, &random, to: &text)
        case ..<995: appendGroupMessage(i, &random, to: &text)
        default: appendUnknown(i, &random, to: &text)
        }
    }

    /// Who the interaction is with and on which line: a contact's number (or a stranger's),
    /// a team member who works with the contact, and a line that member uses.
    private struct Parties {
        var external: Phone?
        var member: Int32?
        var line: Phone
        var lineIsKnown: Bool
    }

    private func parties(_ random: inout SeededGenerator) -> Parties {
        var parties = Parties(external: nil, member: nil, line: lines[0].phone, lineIsKnown: true)
        var contact: Contact?
        let who = Int.random(in: 0..<100, using: &random)
        if who < 85 {
            let c = contacts[Int.random(in: 0..<contactCount, using: &random)]
            contact = c
            parties.external = c.phones[Int.random(in: 0..<c.phones.count, using: &random)]
        } else {
            // A number on no contact: an area code the contacts never use.
            parties.external = Phone(british: false, national: 207_000_0000 + UInt64.random(in: 2_000_000..<9_999_999, using: &random))
        }
        // Mostly a team member on one of the contact's projects.
        if let contact, !contact.projects.isEmpty, Int.random(in: 0..<10, using: &random) < 7 {
            let team = membersOfProject[Int(contact.projects[Int.random(in: 0..<contact.projects.count, using: &random)])]
            parties.member = team.isEmpty ? nil : team[Int.random(in: 0..<team.count, using: &random)]
        }
        if parties.member == nil { parties.member = Int32.random(in: 0..<Int32(teamMemberCount), using: &random) }
        let own = linesOfMember[Int(parties.member!)]
        let lineRoll = Int.random(in: 0..<100, using: &random)
        if lineRoll < 7 {
            parties.line = Phone(british: false, national: 877_555_0000 + UInt64.random(in: 0..<10_000, using: &random))
            parties.lineIsKnown = false
        } else if !own.isEmpty, lineRoll < 80 {
            parties.line = lines[Int(own[Int.random(in: 0..<own.count, using: &random)])].phone
        } else {
            parties.line = lines[Int.random(in: 0..<lineCount, using: &random)].phone
        }
        return parties
    }

    private func appendNumber(_ line: Phone, id: Int, e164: Bool, to text: inout String) {
        let british = line.british
        text += "{\"id\": \(id), \"direct_link\": \"https://api.aircall.io/v1/numbers/\(id)\", \"name\": \""
        text += british ? "London Office" : "Line \(id % 1000)"
        text += "\", \"digits\": \"\(Self.aircallDigits(line))\", "
        if e164 { text += "\"e164_digits\": \"\(Self.e164(line))\", " }
        text +=
            british
            ? "\"country\": \"GB\", \"time_zone\": \"Europe/London\""
            : "\"country\": \"CA\", \"time_zone\": \"America/Vancouver\""
        text += ", \"is_ivr\": \(id % 7 == 0)}"
    }

    private func appendUser(_ member: Int32, spark: Bool, to text: inout String) {
        let id = 400_000 + Int(member)
        let (first, last) = Self.name(Int(member))
        let email = spark ? Self.email(member) : "agent\(member + 1)@aircall-only.example"
        text += "{\"id\": \(id), \"direct_link\": \"https://api.aircall.io/v1/users/\(id)\", \"name\": \"\(first) \(last)\", "
        text += "\"email\": \"\(email)\", \"available\": true, \"availability_status\": \"available\"}"
    }

    private func appendCallEnded(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let parties = parties(&random)
        let id = 1_000_000_000 + i
        let outbound = Bool.random(using: &random)
        let shape = Int.random(in: 0..<100, using: &random)
        let anonymous = !outbound && shape < 5
        let onlyParticipants = !anonymous && shape >= 97
        let answered = outbound || Int.random(in: 0..<10, using: &random) < 8
        let started = Self.baseTime + i / 4
        let duration = answered ? Int.random(in: 5...900, using: &random) : 0
        let lineID = 1_000 + Int(parties.line.national % 10_000)
        text += "{\"resource\": \"call\", \"event\": \"call.ended\", \"timestamp\": \(started + duration + 30), \"token\": \"45XXYYZZa08\", "
        text += "\"data\": {\"id\": \(id), \"direct_link\": \"https://api.aircall.io/v1/calls/\(id)\", "
        text += "\"call_uuid\": \"CA\(String(UInt64(id) &* 2_654_435_761, radix: 16))\", "
        text += "\"direction\": \"\(outbound ? "outbound" : "inbound")\", \"status\": \"done\", "
        text += answered ? "\"missed_call_reason\": null, " : "\"missed_call_reason\": \"no_available_agent\", "
        text += "\"started_at\": \(started), \"answered_at\": \(answered ? String(started + 6) : "null"), "
        text += "\"ended_at\": \(started + duration + 6), \"duration\": \(duration), "
        let external = parties.external.map(Self.aircallDigits) ?? "anonymous"
        if anonymous {
            text += "\"raw_digits\": \"anonymous\", "
        } else if onlyParticipants {
            text += "\"raw_digits\": null, \"participants\": [{\"phone_number\": \"\(external)\", \"type\": \"external\"}, "
            text += "{\"id\": \(400_000 + Int(parties.member!)), \"name\": \"Agent\", \"type\": \"user\"}], "
        } else {
            text += "\"raw_digits\": \"\(external)\", "
        }
        text += "\"user\": "
        if answered {
            appendUser(parties.member!, spark: Int.random(in: 0..<100, using: &random) < 92, to: &text)
        } else {
            text += "null"
        }
        text += ", \"contact\": null, \"archived\": false, \"assigned_to\": null, \"transferred_by\": null, "
        text += "\"transferred_to\": null, \"cost\": \"\(duration / 60).\(Self.padded(duration % 60, 2))\", \"number\": "
        if anonymous {
            text += "null"
        } else {
            appendNumber(parties.line, id: lineID, e164: Int.random(in: 0..<10, using: &random) == 0, to: &text)
        }
        text += ", \"comments\": [], \"tags\": []"
        if !outbound { text += ", \"teams\": [{\"id\": 77, \"name\": \"Sales\"}]" }
        text += "}}"
    }

    private static let bodies = [
        "Is unit 1203 still available?",
        "Thanks, see you at 3 pm.",
        "Can we move the viewing to Tuesday?\\nI'm away Monday.",
        "The \\\"corner\\\" unit looks great",
        "Merci, à demain 👍",
        "Please call me back",
        "Ok",
        "What's the HOA fee for the 2-bedroom units? And is parking included \\u2013 or extra?",
    ]

    private func appendMessage(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let parties = parties(&random)
        let inbound = Bool.random(using: &random)
        let created = Self.baseTime + i / 4
        let lineID = 1_000 + Int(parties.line.national % 10_000)
        let external = parties.external.map(Self.aircallDigits) ?? "anonymous"
        text += "{\"resource\": \"message\", \"event\": \"\(inbound ? "message.received" : "message.sent")\", "
        text += "\"timestamp\": \(created + 1), \"token\": \"45XXYYZZa08\", \"data\": {"
        text += "\"id\": \"\(created)\(String(UInt64(i) &* 0x9E37_79B9, radix: 36))\", "
        text += "\"direction\": \"\(inbound ? "inbound" : "outbound")\", \"external_number\": \"\(external)\", "
        text += "\"body\": \"\(Self.bodies[Int.random(in: 0..<Self.bodies.count, using: &random)])\", "
        text += "\"status\": \"\(inbound ? "received" : "sent")\", "
        let whatsapp = Int.random(in: 0..<5, using: &random) == 0
        text += whatsapp ? "\"channel\": \"whatsapp\", " : "\"channel\": null, "
        if Int.random(in: 0..<10, using: &random) == 0 {
            text += "\"media_details\": [{\"file_name\": \"photo.jpg\", \"file_type\": \"image/jpeg\", "
            text += "\"presigned_url\": \"https://media.aircall.io/\(i).jpg?X-Amz-Expires=600\"}], "
        } else {
            text += "\"media_details\": [], "
        }
        if Bool.random(using: &random) {
            text +=
                "\"created_at\": \"2024-11-26T\(Self.padded(created / 3600 % 24, 2)):\(Self.padded(created / 60 % 60, 2)):\(Self.padded(created % 60, 2)).000Z\", "
        } else {
            text += "\"created_at\": \(created)000, "
        }
        text += "\"number\": "
        appendNumber(parties.line, id: lineID, e164: false, to: &text)
        text += ", \"contact\": null}}"
    }

    private func appendEarlyCall(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let events = [
            "call.created", "call.created", "call.created", "call.created",
            "call.answered", "call.answered", "call.hungup", "call.hungup", "call.ringing_on_agent",
        ]
        let event = events[Int.random(in: 0..<events.count, using: &random)]
        let external = Self.aircallDigits(contacts[Int.random(in: 0..<contactCount, using: &random)].phones[0])
        let id = 1_000_000_000 + i + Int.random(in: 1...50, using: &random)
        let started = Self.baseTime + i / 4
        text += "{\"resource\": \"call\", \"event\": \"\(event)\", \"timestamp\": \(started), \"token\": \"45XXYYZZa08\", "
        text += "\"data\": {\"id\": \(id), \"direction\": \"\(Bool.random(using: &random) ? "outbound" : "inbound")\", "
        text +=
            "\"call_uuid\": \"CA\(String(UInt64(id) &* 2_654_435_761, radix: 16))\", \"status\": \"\(event == "call.created" ? "initial" : "answered")\", "
        text += "\"started_at\": \(started), \"answered_at\": null, \"ended_at\": null, \"duration\": 0, "
        text += "\"raw_digits\": \"\(external)\", \"participants\": [{\"phone_number\": \"\(external)\", \"type\": \"external\"}, "
        text += "{\"id\": 123, \"name\": \"John Doe\", \"type\": \"user\"}], \"user\": {}, \"contact\": {}, \"number\": {}}}"
    }

    private func appendStatusUpdate(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let created = Self.baseTime + i / 4
        let external = Self.aircallDigits(contacts[Int.random(in: 0..<contactCount, using: &random)].phones[0])
        text += "{\"resource\": \"message\", \"event\": \"message.status_updated\", \"timestamp\": \(created + 2), "
        text += "\"token\": \"45XXYYZZa08\", \"data\": {\"id\": \"\(created)\(String(UInt64(i) &* 0x9E37_79B9, radix: 36))\", "
        text += "\"direction\": \"outbound\", \"external_number\": \"\(external)\", \"status\": \"delivered\", "
        text += "\"channel\": null, \"created_at\": \(created)000}}"
    }

    private func appendGroupMessage(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let created = Self.baseTime + i / 4
        let a = Self.aircallDigits(contacts[Int.random(in: 0..<contactCount, using: &random)].phones[0])
        let b = Self.aircallDigits(contacts[Int.random(in: 0..<contactCount, using: &random)].phones[0])
        text += "{\"resource\": \"message\", \"event\": \"group_message.received\", \"timestamp\": \(created), "
        text += "\"token\": \"45XXYYZZa08\", \"data\": {\"id\": \"g\(created)\(i)\", \"direction\": \"inbound\", "
        text += "\"participants\": [\"\(a)\", \"\(b)\"], \"body\": \"Hi all\", \"status\": \"received\", \"channel\": null}}"
    }

    private func appendUnknown(_ i: Int, _ random: inout SeededGenerator, to text: inout String) {
        let contact = 9_000_000 + Int.random(in: 0..<1_000_000, using: &random)
        text += "{\"resource\": \"contact\", \"event\": \"contact.updated\", \"timestamp\": \(Self.baseTime + i / 4), "
        text += "\"token\": \"45XXYYZZa08\", \"data\": {\"id\": \(contact), \"first_name\": \"Jo\", \"last_name\": \"Bloggs\", "
        text += "\"phone_numbers\": [{\"id\": 1, \"label\": \"Work\", \"value\": \"+1 604-555-0100\"}]}}"
    }
}
