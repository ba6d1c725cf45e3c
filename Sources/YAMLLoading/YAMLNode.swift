import Diagnostics

/// A node of a YAML document, with the 1-based line and column where it starts.
///
/// Rules files use only plain data: mappings, sequences and scalars. Anchors, aliases and
/// tags are rejected by ``YAMLParser``, so a tree is always a tree.
package struct YAMLNode: Sendable, Hashable {
    /// What the node holds.
    package enum Content: Sendable, Hashable {
        /// A scalar's text and whether it was quoted (quoted scalars are always strings).
        case scalar(String, quoted: Bool)
        /// A sequence's items.
        case sequence([YAMLNode])
        /// A mapping's pairs in source order; keys are unique (duplicates are rejected).
        case mapping([YAMLPair])
    }

    /// What the node holds.
    package var content: Content
    /// Where the node starts.
    package var location: SourceLocation

    /// Creates a node.
    package init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }
}

/// A key and its value in a YAML mapping.
package struct YAMLPair: Sendable, Hashable {
    /// The key's text.
    package var key: String
    /// Where the key is.
    package var keyLocation: SourceLocation
    /// The value.
    package var value: YAMLNode

    /// Creates a pair.
    package init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

extension YAMLNode {
    /// A word for the node's kind, for messages ("expected a mapping, found a sequence").
    package var kindDescription: String {
        switch content {
        case .scalar(let text, let quoted):
            if quoted { return "the string \"\(text)\"" }
            if text.isEmpty || text == "~" || text == "null" { return "an empty value" }
            return "'\(text)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The scalar's text, or nil for a collection.
    @inlinable
    package var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether the node is a plain (unquoted) scalar spelling YAML null: empty, `~` or `null`.
    @inlinable
    package var isNull: Bool {
        if case .scalar(let text, quoted: false) = content {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }
}
