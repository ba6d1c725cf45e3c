import Diagnostics

extension YAMLDocument {
    /// The record at `index` and its descendants as a ``YAMLNode`` tree.
    /// - Parameters:
    ///   - index: The record, 0 for the whole document.
    ///   - lists: Sequences whose items a loader reads from the document itself (a table's
    ///     rules): they are made as empty sequences, at their position.
    package func node(at index: Int, leavingOutItemsOf lists: Set<Int> = []) -> YAMLNode {
        var builder = NodeBuilder(document: self, leftOut: lists)
        return builder.node(at: index)
    }

    /// The pairs of the mapping at `index` up to the key at `stop`, while the parser is still
    /// reading the mapping (its own end is not known yet; the pairs before `stop` are
    /// complete). A key that is not a scalar, already reported, is left out with its value.
    func pairs(of index: Int, before stop: Int) -> [YAMLPair] {
        var builder = NodeBuilder(document: self, leftOut: [])
        var pairs: [YAMLPair] = []
        var child = index + 1
        while child < stop {
            let value = next(after: child)
            if kind(child) == .scalar {
                pairs.append(YAMLPair(key: builder.text(child), keyLocation: location(child), value: builder.node(at: value)))
            }
            child = next(after: value)
        }
        return pairs
    }
}

/// Makes nodes from records. Recursive: the parser's depth cap (``YAMLLimits/maximumDepth``)
/// bounds the recursion.
private struct NodeBuilder {
    let document: YAMLDocument
    let leftOut: Set<Int>
    /// Short scalars made recently, by their ``KeyPrint`` (exact for up to seven bytes): a rules file repeats a few dozen keys and values thousands of times, and a
    /// copy of a short string costs less than decoding it again.
    var shortScalars = [(code: UInt64, text: String)](repeating: (.max, ""), count: 256)

    init(document: YAMLDocument, leftOut: Set<Int>) {
        self.document = document
        self.leftOut = leftOut
    }

    mutating func text(_ index: Int) -> String {
        let range = document.range(index)
        guard let code = document.bytes.withUnsafeBufferPointer({ KeyPrint.exact(UnsafeBufferPointer(rebasing: $0[range])) })
        else { return document.text(index) }
        let slot = Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if shortScalars[slot].code == code { return shortScalars[slot].text }
        let text = document.text(index)
        shortScalars[slot] = (code, text)
        return text
    }

    mutating func node(at index: Int) -> YAMLNode {
        let location = document.location(index)
        switch document.kind(index) {
        case .scalar:
            return YAMLNode(.scalar(text(index), quoted: document.isQuoted(index)), at: location)
        case .sequence:
            // Appended one at a time: `Array(unsafeUninitializedCapacity:)` allocates through an
            // unspecialised path of the standard library (about 500 instructions a collection).
            var items: [YAMLNode] = []
            if !leftOut.isEmpty, leftOut.contains(index) { return YAMLNode(.sequence(items), at: location) }
            items.reserveCapacity(document.childCount(index))
            var child = index + 1
            for _ in 0..<document.childCount(index) {
                items.append(node(at: child))
                child = document.next(after: child)
            }
            return YAMLNode(.sequence(items), at: location)
        case .mapping:
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(document.childCount(index) / 2)
            var child = index + 1
            for _ in 0..<document.childCount(index) / 2 {
                let value = document.next(after: child)
                pairs.append(YAMLPair(key: text(child), keyLocation: document.location(child), value: node(at: value)))
                child = document.next(after: value)
            }
            return YAMLNode(.mapping(pairs), at: location)
        }
    }
}
