import Diagnostics
import YAMLLoading

extension ConditionParser {
    /// Appends the condition of the input cell at record `cell`, read without making nodes;
    /// false when the cell has a problem or is written in a form read only from nodes
    /// (`{not: X}`, a number or free string column). The caller then reads the rule as nodes,
    /// which reports the problem: this never reports, and gives what ``parse(_:)`` gives for
    /// the same cell.
    /// - Parameters:
    ///   - cell: The cell's record.
    ///   - document: The parsed file.
    ///   - bytes: The document's ``YAMLDocument/bytes``.
    ///   - conditions: The rule's conditions so far. Appended to, rather than returned: a
    ///     returned condition is copied into the array (its arrays and text retained).
    ///   - lists: The column's list cells read so far, kept by the caller from cell to cell.
    func appendCondition(
        atRecord cell: Int, in document: YAMLDocument, bytes: UnsafeBufferPointer<UInt8>,
        to conditions: inout [Condition], lists: inout ListCells
    ) -> Bool {
        guard input.coding == nil else { return false }
        switch document.kind(cell) {
        case .scalar:
            let text = UnsafeBufferPointer(rebasing: bytes[document.range(cell)])
            if Self.isDash(text) || document.isNull(cell) {
                conditions.append(wildcard(at: document.location(cell)))
                return true
            }
            if case .integer = input.domain {
                guard case .matches(let set) = integerCell(text) else { return false }
                return appendInteger(set, text: String(decoding: text, as: UTF8.self), at: cell, in: document, to: &conditions)
            }
            guard let (index, exact) = finiteIndex(text, quoted: document.isQuoted(cell)) else { return false }
            let mentioned = singleton(index)
            conditions.append(
                Condition(
                    values: mentioned, intervals: nil, isWildcard: false, mentioned: mentioned,
                    text: exact ? valueNames[index] : String(decoding: text, as: UTF8.self),
                    location: document.location(cell)))
            return true
        case .sequence:
            let count = document.childCount(cell)
            guard count > 0 else { return false }
            // A list of scalars (the only list read here) is its items' records, one after another.
            for item in cell + 1...cell + count where document.kind(item) != .scalar { return false }
            let texts = (cell + 1...cell + count).lazy.map { UnsafeBufferPointer(rebasing: bytes[document.range($0)]) }
            if case .integer = input.domain {
                var union: IntervalSet?
                for text in texts {
                    guard case .matches(let set) = integerCell(text) else { return false }
                    union = union?.union(set) ?? set
                }
                guard let union else { return false }
                return appendInteger(union, text: CellText.list(texts), at: cell, in: document, to: &conditions)
            }
            // A short list spelt as its values is found in `lists` by the values it names, and
            // its items are read once: on a miss, its values come from its key.
            let key = listKey(cell + 1...cell + count, in: document, bytes: bytes)
            if let key, let known = lists[key] {
                conditions.append(
                    Condition(
                        values: known.values, intervals: nil, isWildcard: false, mentioned: known.values,
                        text: known.text, location: document.location(cell)))
                return true
            }
            var indices: [Int]
            if let key {
                indices = ListCells.indices(in: key)
            } else {
                indices = []
                indices.reserveCapacity(count)
                for item in cell + 1...cell + count {
                    let text = UnsafeBufferPointer(rebasing: bytes[document.range(item)])
                    guard let (index, _) = finiteIndex(text, quoted: document.isQuoted(item)) else { return false }
                    indices.append(index)
                }
            }
            if count == 1 {
                indices = singleton(indices[0])
            } else {
                Self.sortUnique(&indices)
            }
            let mentioned = indices
            let text = CellText.list(texts)
            if let key { lists.keep(mentioned, text: text, as: key) }
            conditions.append(
                Condition(
                    values: mentioned, intervals: nil, isWildcard: false, mentioned: mentioned,
                    text: text, location: document.location(cell)))
            return true
        case .mapping:
            return false
        }
    }

    /// Appends the condition of an integer cell matching `set`; false when it matches nothing.
    private func appendInteger(
        _ set: IntervalSet, text: String, at cell: Int, in document: YAMLDocument, to conditions: inout [Condition]
    ) -> Bool {
        let matched = set.intersection(bounds)
        guard !matched.isEmpty else { return false }
        conditions.append(
            Condition(
                values: nil, intervals: matched, isWildcard: false, text: text, location: document.location(cell)))
        return true
    }

    /// A list's key in ``ListCells``: each item's value index plus one, a byte each, in the
    /// order written; nil when the list is longer than ``ListCells/longestList`` or an item is
    /// no value, is spelt otherwise than its value, or is past ``ListCells/valueLimit``.
    private func listKey(_ items: ClosedRange<Int>, in document: YAMLDocument, bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard items.count <= ListCells.longestList else { return nil }
        var key: UInt64 = 0
        for (position, item) in items.enumerated() {
            let text = UnsafeBufferPointer(rebasing: bytes[document.range(item)])
            guard let (index, exact) = finiteIndex(text, quoted: document.isQuoted(item)), exact, index < ListCells.valueLimit
            else { return nil }
            key |= UInt64(index + 1) << (8 * position)
        }
        return key
    }

    /// One value of a boolean or enumeration column, as its interned index, and whether the
    /// text is spelt exactly as the value's name (other bytes can spell an equal string: a
    /// letter and its accent, or the two in one character); nil when it is not a value.
    private func finiteIndex(_ text: UnsafeBufferPointer<UInt8>, quoted: Bool) -> (index: Int, exact: Bool)? {
        switch input.domain {
        case .boolean:
            // Only plain `true` and `false`, as ``Literals/boolean(_:)``.
            guard !quoted else { return nil }
            if text.elementsEqual("true".utf8) { return (1, true) }
            if text.elementsEqual("false".utf8) { return (0, true) }
            return nil
        case .enumeration:
            return enumerationValue(utf8: text)
        case .integer:
            return nil
        }
    }
}

/// The conditions of one finite column's list cells read lately, by the values each names in
/// the order written: a large table writes the same few dozen lists thousands of times, and a
/// list found here costs no array, no sorting and no text of its own.
///
/// A table of 256 entries, each list in the one its key hashes to (the last list there is
/// kept): a lookup is a multiplication and a comparison, where a dictionary's hashing cost
/// more than making the list again.
struct ListCells {
    /// The longest list kept: its values' indices, each plus one, fill a byte each of the key.
    static let longestList = 8
    /// Values from this index on are not kept.
    static let valueLimit = 255
    static let slots = 256

    /// Each entry's key (0 for none: a key's first byte is an index plus one), made on the
    /// first list kept.
    private var keys: [UInt64] = []
    /// Each entry's matched values (sorted, each once) and text.
    private var cells: [(values: [Int], text: String)] = []

    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) }

    /// The value indices a key names, in the order written.
    static func indices(in key: UInt64) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(longestList)
        var rest = key
        while rest != 0 {
            indices.append(Int(rest & 0xFF) - 1)
            rest >>= 8
        }
        return indices
    }

    /// The list of `key`, if it is kept.
    subscript(key: UInt64) -> (values: [Int], text: String)? {
        guard !keys.isEmpty, keys[Self.slot(key)] == key else { return nil }
        return cells[Self.slot(key)]
    }

    /// Keeps a list's values and text under its key.
    mutating func keep(_ values: [Int], text: String, as key: UInt64) {
        if keys.isEmpty {
            keys = Array(repeating: 0, count: Self.slots)
            cells = Array(repeating: ([], ""), count: Self.slots)
        }
        keys[Self.slot(key)] = key
        cells[Self.slot(key)] = (values, text)
    }
}
