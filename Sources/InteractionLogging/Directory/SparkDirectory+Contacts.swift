extension SparkDirectory {
    /// The directory's contacts in file order: a collection of ``Contact`` values.
    ///
    /// A directory holds up to hundreds of thousands of contacts, so they are stored as a few
    /// flat arrays (texts as runs of UTF-8, numbers as integers, projects, fields and countries
    /// as small integers), not as strings and arrays per contact, which cost about ten times
    /// the file's size; a ``Contact`` is built when one is read.
    public struct Contacts: RandomAccessCollection, Sendable {
        private var ids = TextColumn()
        private var names = TextColumn()
        /// Contact `i`'s numbers are `phones[phoneStarts[i]..<phoneStarts[i + 1]]`.
        private var phoneStarts: [Int32] = [0]
        private var phones: [E164] = []
        /// The field each number was read from.
        private var phoneFields: [UInt8] = []
        /// Each contact's country, 0 for none.
        private var countries: [UInt16] = []
        /// Contact `i`'s projects are `projects[projectStarts[i]..<projectStarts[i + 1]]`.
        private var projectStarts: [Int32] = [0]
        private var projects: [Int32] = []
        /// The texts the small integers stand for (country `k` is `countryNames[k - 1]`).
        private var fieldNames = Interned()
        private var countryNames = Interned()
        private var projectIDs = Interned()

        /// The first contact's index: 0.
        public var startIndex: Int { 0 }
        /// The number of contacts.
        public var endIndex: Int { phoneStarts.count - 1 }

        /// The contact at `position`, built from the stored fields.
        public subscript(position: Int) -> Contact {
            let numbers = Int(phoneStarts[position])..<Int(phoneStarts[position + 1])
            return Contact(
                id: id(at: position), name: names[position], phones: Array(phones[numbers]),
                phoneFields: numbers.map { fieldNames[Int32(phoneFields[$0])] },
                country: countries[position] == 0 ? nil : countryNames[Int32(countries[position]) - 1],
                projects: projects(at: position))
        }

        init() {}

        init(_ contacts: some Sequence<Contact>) {
            for contact in contacts {
                append(
                    id: contact.id, name: contact.name, phones: contact.phones, phoneFields: contact.phoneFields,
                    country: contact.country, projects: contact.projects)
            }
        }

        /// Adds a contact after the others; `phoneFields` goes with `phones`, one per number.
        mutating func append(
            id: String, name: String, phones: [E164], phoneFields: [String], country: String?, projects: [String]
        ) {
            ids.append(id)
            names.append(name)
            self.phones += phones
            self.phoneFields += phoneFields.map { UInt8(truncatingIfNeeded: fieldNames.intern($0)) }
            phoneStarts.append(Int32(self.phones.count))
            countries.append(country.map { UInt16(truncatingIfNeeded: countryNames.intern($0) + 1) } ?? 0)
            self.projects += projects.map { projectIDs.intern($0) }
            projectStarts.append(Int32(self.projects.count))
        }

        /// The id of contact `index`, without building the contact.
        func id(at index: Int) -> String { ids[index] }

        /// The numbers of contact `index`, without building the contact.
        func phones(at index: Int) -> ArraySlice<E164> {
            phones[Int(phoneStarts[index])..<Int(phoneStarts[index + 1])]
        }

        /// How many projects contact `index` is on, without building the contact.
        func projectCount(at index: Int) -> Int { Int(projectStarts[index + 1] - projectStarts[index]) }

        /// The ids of the projects contact `index` is on, as written.
        func projects(at index: Int) -> [String] {
            projects[Int(projectStarts[index])..<Int(projectStarts[index + 1])].map { projectIDs[$0] }
        }
    }
}

/// Texts one after another in one buffer of UTF-8.
private struct TextColumn: Sendable {
    private var bytes: [UInt8] = []
    /// Text `i` ends at `ends[i]` and starts where text `i - 1` ends.
    private var ends: [Int32] = []

    mutating func append(_ text: String) {
        bytes += text.utf8
        ends.append(Int32(bytes.count))
    }

    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
    }
}

/// A few distinct texts repeated many times (project ids, field names), each stored once and
/// referred to by its number.
private struct Interned: Sendable {
    private var texts: [String] = []
    private var numbers: [String: Int32] = [:]

    /// The number of `text`, given a new one the first time.
    mutating func intern(_ text: String) -> Int32 {
        if let number = numbers[text] { return number }
        let number = Int32(texts.count)
        texts.append(text)
        numbers[text] = number
        return number
    }

    subscript(number: Int32) -> String { texts[Int(number)] }
}
