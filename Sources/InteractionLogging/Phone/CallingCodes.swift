/// The country calling code of each region the directory and the router accept, and whether
/// its national numbers are written with a trunk prefix `0` that E.164 drops.
///
/// Regions are ISO 3166 alpha-2 codes. A region is left out rather than guessed when its
/// national format cannot be read by the one rule "drop a leading 0" (Russia and Kazakhstan
/// dial 8, Hungary 06). The lengths of each region's numbers come from libphonenumber's
/// metadata (``PhoneLengths``), and a test checks the codes and trunk prefixes against it.
enum CallingCodes {
    /// How a region writes national numbers.
    enum Trunk {
        /// A leading `0` is the trunk prefix, dropped in E.164 ("07700 900123" is +44 7700 900123).
        case zero
        /// No trunk prefix: a leading `0` is part of the number (Italy keeps it: +39 06 ...).
        case none
    }

    /// What the router needs to know about a region.
    struct Entry: Equatable {
        /// The country calling code (1 for the North American Numbering Plan).
        var code: UInt64
        /// How many digits the calling code has.
        var codeDigits: Int
        var trunk: Trunk
        /// The lengths of the region's national numbers, trunk prefix excluded.
        var lengths: PhoneLengths.Mask
        /// NANP numbers follow their own rule: 10 digits, or 11 starting with 1.
        var isNorthAmerican: Bool { code == 1 }
    }

    /// The North American Numbering Plan: the United States and its territories, Canada and
    /// the Caribbean countries that share +1.
    private static let northAmerica = [
        "US", "CA", "PR", "VI", "GU", "AS", "MP", "AG", "AI", "BB", "BM", "BS", "DM", "DO", "GD",
        "JM", "KN", "KY", "LC", "MS", "SX", "TC", "TT", "VC", "VG",
    ]

    /// Regions outside North America: calling code and trunk prefix.
    private static let others: [(region: String, code: UInt64, trunk: Trunk)] = [
        // Europe
        ("GB", 44, .zero), ("IE", 353, .zero), ("FR", 33, .zero), ("DE", 49, .zero),
        ("ES", 34, .none), ("IT", 39, .none), ("SM", 378, .none), ("VA", 39, .none),
        ("NL", 31, .zero), ("BE", 32, .zero), ("LU", 352, .none), ("CH", 41, .zero),
        ("LI", 423, .zero), ("AT", 43, .zero), ("PT", 351, .none), ("SE", 46, .zero),
        ("NO", 47, .none), ("DK", 45, .none), ("FI", 358, .zero), ("IS", 354, .none),
        ("PL", 48, .none), ("CZ", 420, .none), ("SK", 421, .zero), ("GR", 30, .none),
        ("RO", 40, .zero), ("BG", 359, .zero), ("HR", 385, .zero), ("SI", 386, .zero),
        ("RS", 381, .zero), ("EE", 372, .none), ("LV", 371, .none), ("MT", 356, .none),
        ("CY", 357, .none), ("MC", 377, .zero), ("GI", 350, .none), ("UA", 380, .zero),
        ("TR", 90, .zero), ("IL", 972, .zero),
        // Asia and Oceania
        ("AU", 61, .zero), ("NZ", 64, .zero), ("JP", 81, .zero), ("KR", 82, .zero),
        ("CN", 86, .zero), ("HK", 852, .none), ("MO", 853, .none), ("TW", 886, .zero),
        ("SG", 65, .none), ("MY", 60, .zero), ("TH", 66, .zero), ("PH", 63, .zero),
        ("ID", 62, .zero), ("VN", 84, .zero), ("IN", 91, .zero), ("PK", 92, .zero),
        ("AE", 971, .zero), ("SA", 966, .zero), ("QA", 974, .none),
        // Africa
        ("ZA", 27, .zero), ("EG", 20, .zero), ("NG", 234, .zero), ("KE", 254, .zero),
        ("MA", 212, .zero),
        // Latin America (Mexico and Chile dropped their trunk prefixes; Colombia's numbers
        // no longer need one, but a written 0 is still a trunk prefix)
        ("MX", 52, .none), ("BR", 55, .zero), ("AR", 54, .zero), ("CL", 56, .none),
        ("CO", 57, .zero), ("PE", 51, .zero),
    ]

    /// Every entry by region, in a 26 × 26 array indexed by the two letters: a lookup on the
    /// hot path is two subtractions and a load, no hashing and no allocation.
    private static let table: [Entry?] = {
        var table = [Entry?](repeating: nil, count: 26 * 26)
        func put(_ region: String, code: UInt64, trunk: Trunk) {
            let key = slot(region.utf8)!
            precondition(table[key] == nil, "\(region) is listed twice")
            let lengths = PhoneLengths.region(slot: key)?.mask ?? PhoneLengths.Mask(bits: 0)
            table[key] = Entry(code: code, codeDigits: String(code).count, trunk: trunk, lengths: lengths)
        }
        for region in northAmerica { put(region, code: 1, trunk: .zero) }
        for (region, code, trunk) in others { put(region, code: code, trunk: trunk) }
        return table
    }()

    /// Every known region, sorted: for "did you mean" and documentation.
    static let regions: [String] = (northAmerica + others.map(\.region)).sorted()

    /// The entry of an ISO 3166 alpha-2 code, in either case.
    static func entry(forRegion region: String) -> Entry? {
        slot(region.utf8).flatMap { table[$0] }
    }

    /// The table index of two ASCII letters, or nil for anything else.
    static func slot(_ utf8: String.UTF8View) -> Int? {
        var iterator = utf8.makeIterator()
        guard let first = iterator.next(), let second = iterator.next(), iterator.next() == nil,
            let a = letterIndex(first), let b = letterIndex(second)
        else { return nil }
        return a * 26 + b
    }

    private static func letterIndex(_ byte: UInt8) -> Int? {
        let upper = byte & 0xDF  // ASCII letters: clearing bit 5 upper-cases
        guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(upper), byte & 0x80 == 0 else { return nil }
        return Int(upper - UInt8(ascii: "A"))
    }
}
