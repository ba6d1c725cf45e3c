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
}
