/// The lookups the router makes per event: each a hash lookup or a merge of two short sorted
/// lists, never a scan of the directory.
extension SparkDirectory {
    /// The contacts holding a number in any phone field.
    /// - Parameter number: The number.
    /// - Returns: Indices into ``contacts``, each contact once, in file order.
    public func contacts(holding number: E164) -> [Int] {
        index.contactsByNumber.contacts(holding: number)
    }

    /// How many contacts hold a number, and the first in file order (nil for none): as
    /// ``contacts(holding:)`` without building the list.
    func contactMatch(holding number: E164) -> (count: Int, first: Int?) {
        index.contactsByNumber.match(number)
    }

    /// The team member with an email, in any case.
    /// - Parameter email: The email, as Aircall sends it.
    /// - Returns: An index into ``teamMembers``, or nil.
    public func teamMember(email: String) -> Int? {
        // Emails are nearly always lower case already; lower-casing only the others avoids
        // allocating a string per event.
        let needsLowering = email.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
        return index.teamMemberByEmail[needsLowering ? email.lowercased() : email]
    }

    /// The Aircall line with a number.
    /// - Returns: An index into ``lines``, or nil when Spark does not know the line.
    public func line(_ number: E164) -> Int? {
        index.lineByNumber[number]
    }

    /// The team member with an id.
    /// - Returns: An index into ``teamMembers``, or nil.
    public func teamMember(id: String) -> Int? {
        index.teamMemberByID[id]
    }

    /// The contact with an id.
    /// - Returns: An index into ``contacts``, or nil.
    public func contact(id: String) -> Int? {
        index.contactByID[id]
    }

    /// The project with an id.
    /// - Returns: An index into ``projects``, or nil.
    public func project(id: String) -> Int? {
        index.projectByID[id]
    }

    /// The projects a contact is on that a team member is also on.
    /// - Parameters:
    ///   - contact: An index into ``contacts``.
    ///   - teamMember: An index into ``teamMembers``.
    /// - Returns: The projects' ids, sorted.
    public func sharedProjects(contact: Int, teamMember: Int) -> [String] {
        var ids: [String] = []
        index.contactProjects.forEachShared(contact, index.teamMemberProjects, teamMember) { rank in
            ids.append(projects[Int(index.projectAtRank[Int(rank)])].id)
        }
        return ids
    }

    /// How many projects a contact and a team member are both on, without allocating.
    /// - Parameters:
    ///   - contact: An index into ``contacts``.
    ///   - teamMember: An index into ``teamMembers``.
    /// - Returns: The count of ``sharedProjects(contact:teamMember:)``.
    public func sharedProjectCount(contact: Int, teamMember: Int) -> Int {
        var count = 0
        index.contactProjects.forEachShared(contact, index.teamMemberProjects, teamMember) { _ in count += 1 }
        return count
    }
}
