/// Finds a mapping's keys in a short list of names (a format's keys, a table's columns).
/// The search by bytes is inlinable: loaders in other modules look up every key of every rule.
///
/// Keys are usually written in the list's order, so the search starts after the name found
/// last: most keys then match at the first comparison, and two equal short strings compare
/// at once, where two different ones take the slow path of `String` equality.
package struct KeyLookup {
    /// The names, in the list's order.
    package let names: [String]
    /// Each name's ``KeyPrint``, made on the first search by bytes.
    @usableFromInline
    var prints: [UInt64] = []
    @usableFromInline
    var next = 0

    /// A lookup in `names`.
    package init(_ names: [String]) {
        self.names = names
    }

    /// The position of `key` in the names, or nil.
    package mutating func index(of key: String) -> Int? {
        let found = search { names[$0] == key }
        if let found { next = found + 1 }
        return found
    }

    /// The position in the names of the key spelt by `key`'s UTF-8 bytes, or nil. A key whose
    /// bytes differ from a name's can still be the same string (a letter and its accent, or
    /// the two in one character): nil does not say it is none of the names.
    @inlinable
    package mutating func index(ofUTF8 key: UnsafeBufferPointer<UInt8>) -> Int? {
        if prints.count != names.count {
            prints = names.map { name in
                var name = name
                return name.withUTF8 { KeyPrint.of($0) }
            }
        }
        let print = KeyPrint.of(key)
        let found = search { prints[$0] == print && (key.count <= 7 || names[$0].utf8.elementsEqual(key)) }
        if let found { next = found + 1 }
        return found
    }

    /// The first name, from the one after the name found last, that `matches`.
    @inlinable
    func search(_ matches: (Int) -> Bool) -> Int? {
        let count = names.count
        var i = next
        for _ in 0..<count {
            if i >= count { i = 0 }
            if matches(i) { return i }
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
