/// The hash tables and membership lists built once when a directory loads, so that no
/// lookup scans the directory.
struct DirectoryIndex: Sendable {
    var projectByID: [String: Int] = [:]
    var teamMemberByID: [String: Int] = [:]
    var contactByID: [String: Int] = [:]
    /// Keyed by the lower-cased email.
    var teamMemberByEmail: [String: Int] = [:]
    var lineByNumber: [E164: Int] = [:]
    var contactsByNumber = ContactNumbers()
    /// Each contact's and each team member's projects as ranks: a project's position when
    /// projects are sorted by id. Sorted ranks make "the projects both are on" a merge of two
    /// short arrays whose result is already in id order.
    var contactProjects = ProjectRanks()
    var teamMemberProjects = ProjectRanks()
    /// The project at each rank.
    var projectAtRank: [Int32] = []

    init(
        projects: [SparkDirectory.Project], teamMembers: [SparkDirectory.TeamMember],
        lines: [SparkDirectory.AircallLine], contacts: SparkDirectory.Contacts
    ) {
        projectByID.reserveCapacity(projects.count)
        for (index, project) in projects.enumerated() { projectByID[project.id] = index }
        projectAtRank = projects.indices.sorted { projects[$0].id < projects[$1].id }.map { Int32($0) }
        var rankOf = [Int32](repeating: 0, count: projects.count)
        for (rank, project) in projectAtRank.enumerated() { rankOf[Int(project)] = Int32(rank) }
        func ranks(_ ids: [String]) -> [Int32] {
            ids.map { rankOf[projectByID[$0]!] }.sorted()
        }

        teamMemberByID.reserveCapacity(teamMembers.count)
        teamMemberByEmail.reserveCapacity(teamMembers.count)
        for (index, member) in teamMembers.enumerated() {
            teamMemberByID[member.id] = index
            teamMemberByEmail[member.email.lowercased()] = index
            teamMemberProjects.append(ranks(member.projects))
        }
        lineByNumber.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() { lineByNumber[line.number] = index }
        contactByID.reserveCapacity(contacts.count)
        contactsByNumber.reserveCapacity(contacts.count)
        // Read field by field: building each contact would allocate its arrays.
        for index in contacts.indices {
            contactByID[contacts.id(at: index)] = index
            for number in contacts.phones(at: index) { contactsByNumber.insert(number, contact: index) }
            contactProjects.append(ranks(contacts.projects(at: index)))
        }
    }
}

/// Which contacts hold each number. Nearly every number belongs to one contact, so the table
/// stores that contact's index directly and keeps a list only for shared numbers: one array
/// per shared number, not one per number.
struct ContactNumbers: Sendable {
    /// A contact's index, or `-1 - k` for the `k`th list in `shared`.
    private var first: [E164: Int32] = [:]
    private var shared: [[Int32]] = []

    mutating func reserveCapacity(_ count: Int) { first.reserveCapacity(count) }

    /// Adds a contact's number; contacts come in file order, each number once per contact.
    mutating func insert(_ number: E164, contact: Int) {
        let contact = Int32(contact)
        guard let existing = first[number] else {
            first[number] = contact
            return
        }
        if existing >= 0 {
            guard existing != contact else { return }
            first[number] = -1 - Int32(shared.count)
            shared.append([existing, contact])
        } else {
            let k = Int(-1 - existing)
            if shared[k].last != contact { shared[k].append(contact) }
        }
    }

    /// How many contacts hold `number`, and the first of them (nil for none), without
    /// allocating: what routing needs per event.
    func match(_ number: E164) -> (count: Int, first: Int?) {
        guard let entry = first[number] else { return (0, nil) }
        if entry >= 0 { return (1, Int(entry)) }
        let list = shared[Int(-1 - entry)]
        return (list.count, Int(list[0]))
    }

    /// The contacts holding `number`, in file order.
    func contacts(holding number: E164) -> [Int] {
        guard let entry = first[number] else { return [] }
        if entry >= 0 { return [Int(entry)] }
        return shared[Int(-1 - entry)].map(Int.init)
    }
}

/// Rows of sorted project ranks in one flat array (compressed rows), rather than an array
/// per contact.
struct ProjectRanks: Sendable {
    private var starts: [Int32] = [0]
    private var ranks: [Int32] = []

    /// Adds the next row; `row` is sorted and may repeat a rank.
    mutating func append(_ row: [Int32]) {
        for rank in row where ranks.count == Int(starts.last!) || ranks.last != rank {
            ranks.append(rank)
        }
        starts.append(Int32(ranks.count))
    }

    /// The sorted ranks of a row.
    subscript(row: Int) -> ArraySlice<Int32> {
        ranks[Int(starts[row])..<Int(starts[row + 1])]
    }

    /// Calls `body` with each rank both rows hold, in increasing order.
    func forEachShared(_ a: Int, _ other: ProjectRanks, _ b: Int, _ body: (Int32) -> Void) {
        let left = self[a]
        let right = other[b]
        var i = left.startIndex
        var j = right.startIndex
        while i < left.endIndex && j < right.endIndex {
            if left[i] < right[j] {
                i += 1
            } else if left[i] > right[j] {
                j += 1
            } else {
                body(left[i])
                i += 1
                j += 1
            }
        }
    }
}
