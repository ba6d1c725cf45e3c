extension JSONValue {
    /// Compact JSON text on one line, keys in order; `", "` and `": "` separators so that JSON
    /// Lines stay readable in a terminal.
    public var rendered: String {
        var writer = JSONWriter(capacity: 256)
        writer.append(self)
        return String(decoding: writer.finish(), as: UTF8.self)
    }

    /// Appends the compact rendering to `out`.
    public func render(into out: inout String) {
        out += rendered
    }

    /// Appends the compact rendering to `out`, as UTF-8: ``rendered``'s bytes.
    public func render(into out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 256)
        writer.append(self)
        out.append(contentsOf: writer.finish())
    }
}

extension JSONValue {
    /// Appends `text` as a JSON string, quoted and escaped as ``rendered`` writes strings
    /// (see ``JSONWriter/appendQuoted(_:)``).
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.appendQuoted(text)
        out.append(contentsOf: writer.finish())
    }

    /// Appends ASCII text (a literal: no quoting).
    public static func append(_ literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends an integer in decimal, as `String(number)` writes it.
    public static func append(_ number: Int, to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 24)
        writer.append(number)
        out.append(contentsOf: writer.finish())
    }
}
