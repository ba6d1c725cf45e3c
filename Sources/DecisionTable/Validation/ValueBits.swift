/// A set of interned values of a finite column, as bits.
struct ValueBits: Hashable, Sendable {
    var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: max(1, (count + 63) / 64)) }

    init(_ values: some Sequence<Int>, count: Int) {
        self.init(count: count)
        for value in values { insert(value) }
    }

    mutating func insert(_ value: Int) { words[value >> 6] |= 1 << UInt64(value & 63) }

    func contains(_ value: Int) -> Bool { words[value >> 6] & (1 << UInt64(value & 63)) != 0 }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Whether every value of `self` is in `other`.
    func isSubset(of other: ValueBits) -> Bool {
        for i in words.indices where words[i] & ~other.words[i] != 0 { return false }
        return true
    }

    func intersects(_ other: ValueBits) -> Bool {
        for i in words.indices where words[i] & other.words[i] != 0 { return true }
        return false
    }

    func intersection(_ other: ValueBits) -> ValueBits {
        var result = self
        for i in words.indices { result.words[i] &= other.words[i] }
        return result
    }

    func union(_ other: ValueBits) -> ValueBits {
        var result = self
        for i in words.indices { result.words[i] |= other.words[i] }
        return result
    }

    /// The values, ascending.
    var values: [Int] {
        var result: [Int] = []
        for (w, word) in words.enumerated() {
            var rest = word
            while rest != 0 {
                result.append(w << 6 | rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }

    var first: Int? {
        for (w, word) in words.enumerated() where word != 0 { return w << 6 | word.trailingZeroBitCount }
        return nil
    }
}
