/// The possible lengths of national numbers, looked up by calling code or by region, from the
/// generated `PhoneLengthData`: a lookup is an array load, with no hashing or allocation.
enum PhoneLengths {
    /// The lengths a country's national numbers have, and whether they are written with the
    /// trunk prefix 0.
    struct Mask: Equatable {
        /// Bit n set when a national number of n digits is possible; bit 31 for the trunk 0.
        var bits: UInt32

        /// Whether `digits` is a possible length of a national number.
        func allows(_ digits: Int) -> Bool {
            digits > 0 && digits < 31 && bits & (1 << UInt32(digits)) != 0
        }

        /// Whether national numbers are written with the trunk prefix 0 that E.164 drops.
        var trunkZero: Bool { bits & (1 << 31) != 0 }

        /// The possible lengths, ascending: for messages.
        var lengths: [Int] { (1..<31).filter(allows) }
    }

    /// Indexed by calling code (0 to 999); a zero mask for a code no country has.
    private static let byCode: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 1000)
        let data = PhoneLengthData.callingCodes
        for index in stride(from: 0, to: data.count - 1, by: 2) {
            table[Int(data[index])] = data[index + 1]
        }
        return table
    }()

    /// Indexed like ``CallingCodes``' table (first letter × 26 + second letter): the region's
    /// calling code and mask, or a zero code for a region libphonenumber does not know.
    private static let byRegion: [(code: UInt32, mask: UInt32)] = {
        var table = [(code: UInt32, mask: UInt32)](repeating: (0, 0), count: 26 * 26)
        let data = PhoneLengthData.regions
        for index in stride(from: 0, to: data.count - 2, by: 3) {
            table[Int(data[index])] = (data[index + 1], data[index + 2])
        }
        return table
    }()

    /// For each calling code with numbers, where its 100 two-digit starts begin in `masks`
    /// (-1 for a code no country has); and the mask of lengths of each start.
    private static let startTable: (offsets: [Int32], masks: [UInt32]) = {
        var offsets = [Int32](repeating: -1, count: 1000)
        var masks: [UInt32] = []
        let runs = PhoneLengthData.startRuns
        for index in stride(from: 0, to: runs.count - 3, by: 4) {
            let code = Int(runs[index])
            if offsets[code] < 0 {
                offsets[code] = Int32(masks.count)
                masks += [UInt32](repeating: 0, count: 100)
            }
            let base = Int(offsets[code])
            for start in Int(runs[index + 1])...Int(runs[index + 2]) { masks[base + start] = runs[index + 3] }
        }
        return (offsets, masks)
    }()

    /// The lengths that national numbers of a calling code have when they start with the
    /// given two digits (00 to 99), as libphonenumber's patterns of valid numbers allow.
    static func lengths(callingCode code: UInt64, start: UInt64) -> Mask {
        guard code < 1000, start < 100 else { return Mask(bits: 0) }
        let offset = startTable.offsets[Int(code)]
        return offset < 0 ? Mask(bits: 0) : Mask(bits: startTable.masks[Int(offset) + Int(start)])
    }

    /// Argentine mobile area codes by value: every area code has no leading zero, so its
    /// value tells its length.
    private static let argentineAreas: [Bool] = {
        var table = [Bool](repeating: false, count: 10_000)
        for area in PhoneLengthData.argentineMobileAreaCodes { table[Int(area)] = true }
        return table
    }()

    /// The national-number lengths of a calling code, or nil when no country has it.
    static func callingCode(_ code: UInt64) -> Mask? {
        guard code < 1000, byCode[Int(code)] != 0 else { return nil }
        return Mask(bits: byCode[Int(code)])
    }

    /// A region's calling code and national-number lengths, by its table index.
    static func region(slot: Int) -> (code: UInt64, mask: Mask)? {
        let entry = byRegion[slot]
        return entry.code == 0 ? nil : (UInt64(entry.code), Mask(bits: entry.mask))
    }

    /// Whether `area` is an Argentine area code after which mobile numbers carry 15.
    static func isArgentineMobileArea(_ area: UInt64) -> Bool {
        area < 10_000 && argentineAreas[Int(area)]
    }
}
