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
    func appendCondition(
        atRecord cell: Int, in document: YAMLDocument, bytes: UnsafeBufferPointer<UInt8>,
        to conditions: inout [Condition]
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
            guard let index = finiteIndex(text, quoted: document.isQuoted(cell)) else { return false }
            let mentioned = index < singletons.count ? singletons[index] : [index]
            conditions.append(
                Condition(
                    values: mentioned, intervals: nil, isWildcard: false, mentioned: mentioned,
                    text: String(decoding: text, as: UTF8.self), location: document.location(cell)))
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
            var indices: [Int] = []
            indices.reserveCapacity(count)
            for item in cell + 1...cell + count {
                let text = UnsafeBufferPointer(rebasing: bytes[document.range(item)])
                guard let index = finiteIndex(text, quoted: document.isQuoted(item)) else { return false }
                indices.append(index)
            }
            if count == 1, indices[0] < singletons.count {
                indices = singletons[indices[0]]
            } else {
                Self.sortUnique(&indices)
            }
            let mentioned = indices
            conditions.append(
                Condition(
                    values: mentioned, intervals: nil, isWildcard: false, mentioned: mentioned,
                    text: CellText.list(texts), location: document.location(cell)))
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

    /// One value of a boolean or enumeration column, as its interned index; nil when it is
    /// not one.
    private func finiteIndex(_ text: UnsafeBufferPointer<UInt8>, quoted: Bool) -> Int? {
        switch input.domain {
        case .boolean:
            // Only plain `true` and `false`, as ``Literals/boolean(_:)``.
            guard !quoted else { return nil }
            if text.elementsEqual("true".utf8) { return 1 }
            if text.elementsEqual("false".utf8) { return 0 }
            return nil
        case .enumeration:
            return enumerationIndex(utf8: text)
        case .integer:
            return nil
        }
    }
}
