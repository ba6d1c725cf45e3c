import Diagnostics

/// The items of one top-level list of a document, handed to a reader as the parser reads them
/// rather than kept in the tree: a document whose bulk is one long list (a directory's
/// contacts) is then never held as a tree whole.
///
/// Each item is a complete node with positions; the parser's own checks (duplicate keys,
/// anchors, depth) apply to it as to any node. The item is left out of the tree when the
/// reader takes it, and kept when it does not (when it needs parts of the document that
/// come later, for instance).
package struct YAMLItemStream {
    /// The key, in the document's top-level mapping, of the list whose items are streamed.
    package let key: String
    /// Called with each item of the list, and the pairs of the top-level mapping read before
    /// the key; returns whether it took the item.
    package let take: (_ item: YAMLNode, _ before: ArraySlice<YAMLPair>) -> Bool

    /// - Parameters:
    ///   - key: The key of the top-level list.
    ///   - take: Called with each item as it is read and the top-level pairs before the key;
    ///     returns whether it took the item.
    package init(key: String, take: @escaping (_ item: YAMLNode, _ before: ArraySlice<YAMLPair>) -> Bool) {
        self.key = key
        self.take = take
    }
}

extension YAMLSource {
    /// The document's root node, with the items of one top-level list handed to `stream` as
    /// they are read.
    /// - Throws: ``DiagnosticsError`` with every problem the parser found.
    package func parse(streaming stream: YAMLItemStream) throws(DiagnosticsError) -> YAMLNode {
        try YAMLParser.parse(bytes, file: file, limits: limits, stream: stream)
    }
}
