/// One of libyaml's events, as the document builder reads it: what it is, where it starts,
/// and the text it carries. The text is borrowed: it lives as long as libyaml's event or the
/// ``YAMLEventLog`` it was read from.
struct YAMLEvent {
    enum Kind: UInt8 {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd

        /// Whether the event starts a node (a scalar, an alias or a collection).
        var startsNode: Bool {
            switch self {
            case .alias, .scalar, .sequenceStart, .mappingStart: true
            default: false
            }
        }
    }

    var kind: Kind
    /// A scalar written in quotes or as a block scalar rather than plain; a collection
    /// written in flow style (`[...]`, `{...}`).
    var styled: Bool
    /// Where the event starts, 0-based, as libyaml counts (columns in characters).
    var line: Int
    var column: Int
    /// A scalar's text, or an alias's name; empty otherwise.
    var text: UnsafeBufferPointer<UInt8>
    /// The anchor and the tag written on a scalar or a collection (the tag as libyaml
    /// expands it), when there is one.
    var anchor: UnsafeBufferPointer<UInt8>?
    var tag: UnsafeBufferPointer<UInt8>?
}
