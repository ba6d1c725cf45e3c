import Diagnostics

/// A parsed YAML document as one flat array of plain records, one per scalar and collection,
/// in the order they are written, with every scalar's bytes in one shared buffer.
///
/// A loader reads the bulk of a large file (a table's rules) from here directly: a record
/// costs no allocation, no string and no reference to the file's path, where a ``YAMLNode``
/// costs all three, and freeing 350,000 of them took as long as making them. The rest of a
/// file, and anything a loader reports a problem in, is read as nodes
/// (``node(at:leavingOutItemsOf:)``), which have the same positions and texts.
///
/// The document passed ``YAMLParser``'s checks: mapping keys are scalars and unique, and there
/// are no aliases, anchors or tags. The root is the record at index 0.
///
/// Its accessors are inlinable: the rule decoder, in another module, calls them several times
/// for every cell, and a call each cost as much as the work.
package struct YAMLDocument: Sendable {
    /// What a record is.
    package enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    /// One scalar or collection, in 16 bytes: a large file has hundreds of thousands of
    /// records, and every page of them is memory the kernel must hand over (a 24-byte record
    /// cost the 10,000-rule table 2.8 MB more). A collection's children follow it, each
    /// followed by its own children; a mapping's children alternate key and value.
    ///
    /// The parser caps a file at 2^30 bytes, so a line or a column fits in 30 bits: the top
    /// bits of `lineAndKind` hold the kind, and the top bit of `columnAndQuoted` whether a
    /// scalar was quoted.
    @usableFromInline
    struct Record: Sendable {
        /// libyaml's 0-based line, and the kind's raw value in bits 30 and 31.
        @usableFromInline
        var lineAndKind: UInt32
        /// libyaml's 0-based column, and in bit 31 whether the scalar was quoted.
        @usableFromInline
        var columnAndQuoted: UInt32
        /// A scalar's first byte in ``bytes``; for a collection, the index after its last
        /// descendant (a scalar's is always its own index plus one).
        @usableFromInline
        var offsetOrEnd: UInt32
        /// A scalar's number of bytes; a collection's number of children.
        @usableFromInline
        var count: UInt32

        @inlinable
        init(kind: Kind, quoted: Bool, line: UInt32, column: UInt32, offsetOrEnd: UInt32, count: UInt32) {
            lineAndKind = line & Self.positionMask | UInt32(kind.rawValue) << 30
            columnAndQuoted = column & Self.positionMask | (quoted ? 1 << 31 : 0)
            self.offsetOrEnd = offsetOrEnd
            self.count = count
        }

        @usableFromInline
        static let positionMask: UInt32 = (1 << 30) - 1

        @inlinable
        var kind: Kind { Kind(rawValue: UInt8(truncatingIfNeeded: lineAndKind >> 30)) ?? .scalar }
        @inlinable
        var quoted: Bool { columnAndQuoted >> 31 != 0 }
        @inlinable
        var line: UInt32 { lineAndKind & Self.positionMask }
        @inlinable
        var column: UInt32 { columnAndQuoted & Self.positionMask }
    }

    /// The path diagnostics name.
    package let file: String
    @usableFromInline
    var records: [Record]
    /// Every scalar's text, one after another (UTF-8, as libyaml unescaped it).
    package let bytes: [UInt8]

    init(file: String, records: [Record], bytes: [UInt8]) {
        self.file = file
        self.records = records
        self.bytes = bytes
    }

    /// The root's index.
    package var root: Int { 0 }

    /// What the record at `index` is.
    @inlinable
    package func kind(_ index: Int) -> Kind { records[index].kind }

    /// Whether the scalar at `index` was quoted (quoted scalars are always strings).
    @inlinable
    package func isQuoted(_ index: Int) -> Bool { records[index].quoted }

    /// Where the record at `index` starts, 1-based as diagnostics show it.
    @inlinable
    package func location(_ index: Int) -> SourceLocation {
        SourceLocation(file: file, line: Int(records[index].line) + 1, column: Int(records[index].column) + 1)
    }

    /// The range in ``bytes`` of the scalar at `index`.
    @inlinable
    package func range(_ index: Int) -> Range<Int> {
        let record = records[index]
        return Int(record.offsetOrEnd)..<Int(record.offsetOrEnd) + Int(record.count)
    }

    /// The scalar's text at `index`.
    package func text(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(index)]), as: UTF8.self) }
    }

    /// The number of a collection's children (of a mapping: twice its number of pairs).
    @inlinable
    package func childCount(_ index: Int) -> Int { records[index].kind == .scalar ? 0 : Int(records[index].count) }

    /// The index of the record after `index` and all its descendants: its next sibling, if it has one.
    @inlinable
    package func next(after index: Int) -> Int {
        records[index].kind == .scalar ? index + 1 : Int(records[index].offsetOrEnd)
    }

    /// Whether the record at `index` is a plain scalar spelling YAML null, as
    /// ``YAMLNode/isNull``: empty, `~`, `null`, `Null` or `NULL`.
    @inlinable
    package func isNull(_ index: Int) -> Bool {
        let record = records[index]
        guard record.kind == .scalar, !record.quoted else { return false }
        switch record.count {
        case 0: return true
        case 1: return bytes[Int(record.offsetOrEnd)] == UInt8(ascii: "~")
        case 4:
            let text = bytes[range(index)]
            return text.elementsEqual("null".utf8) || text.elementsEqual("Null".utf8)
                || text.elementsEqual("NULL".utf8)
        default: return false
        }
    }

    /// The value of the mapping at `index` under `key`, or nil (keys are unique).
    package func value(in index: Int, forKey key: String) -> Int? {
        guard kind(index) == .mapping else { return nil }
        var child = index + 1
        for _ in 0..<childCount(index) / 2 {
            let value = next(after: child)
            if kind(child) == .scalar, bytes[range(child)].elementsEqual(key.utf8) { return value }
            child = next(after: value)
        }
        return nil
    }
}
