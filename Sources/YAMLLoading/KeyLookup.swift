/// Finds a mapping's keys in a short list of names (a format's keys, a table's columns).
///
/// Keys are usually written in the list's order, so the search starts after the name found
/// last: most keys then match at the first comparison, and two equal short strings compare
/// at once, where two different ones take the slow path of `String` equality.
package struct KeyLookup {
    /// The names, in the list's order.
    package let names: [String]
    private var next = 0

    /// A lookup in `names`.
    package init(_ names: [String]) {
        self.names = names
    }

    /// The position of `key` in the names, or nil.
    package mutating func index(of key: String) -> Int? {
        let count = names.count
        var i = next
        for _ in 0..<count {
            if i >= count { i = 0 }
            if names[i] == key {
                next = i + 1
                return i
            }
            i += 1
        }
        return nil
    }

    /// For each name, the position in `pairs` of the pair with that key (the last, for a key
    /// written twice) or -1; `unknown` is called with each pair whose key is none of the names.
    package mutating func positions(in pairs: [YAMLPair], unknown: (YAMLPair) -> Void) -> [Int] {
        // Appended one at a time: `Array(repeating:count:)` allocates through an unspecialised
        // path of the standard library that looks the array's type up at run time (about 500
        // instructions a call, for a few keys of every rule).
        var positions: [Int] = []
        positions.reserveCapacity(names.count)
        for _ in names { positions.append(-1) }
        for (position, pair) in pairs.enumerated() {
            if let index = index(of: pair.key) { positions[index] = position } else { unknown(pair) }
        }
        return positions
    }
}
