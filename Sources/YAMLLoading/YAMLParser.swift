import Diagnostics

/// Reads YAML through libyaml's event API into a ``YAMLDocument`` (flat records with
/// positions) or a ``YAMLNode`` tree made from one.
///
/// libyaml reads the text (``LibYAMLEvents``, the only place that talks to it) and the
/// document builder turns its events into records. The builder keeps open collections on an
/// explicit stack, not recursion, and enforces what a rules file needs and libyaml does not:
/// a size cap, a depth cap, valid UTF-8, one document, unique keys, and no anchors, aliases
/// or tags. Every problem is a positioned ``Diagnostic``.
///
/// A large file is read in two parts at once where its shape allows (``YAMLSplit``); the
/// document and its problems are the same as when it is read in one.
package enum YAMLParser {
    /// Parses one YAML document into a tree.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The path to name in diagnostics.
    ///   - limits: The size and depth caps.
    ///   - stream: A top-level list whose items are handed on as they are read (see
    ///     ``YAMLItemStream``).
    /// - Returns: The document's root node.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    package static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile, stream: YAMLItemStream? = nil
    ) throws(DiagnosticsError) -> YAMLNode {
        try document(bytes, file: file, limits: limits, stream: stream).node(at: 0)
    }

    /// Parses one YAML document into flat records.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The path to name in diagnostics.
    ///   - limits: The size and depth caps.
    ///   - stream: A top-level list whose items are handed on as they are read (see
    ///     ``YAMLItemStream``).
    ///   - splitFrom: The smallest file read in two parts at once, where its shape allows.
    /// - Returns: The document, its root at index 0.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    package static func document(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile, stream: YAMLItemStream? = nil,
        splitFrom: Int = YAMLSplit.defaultMinimumBytes
    ) throws(DiagnosticsError) -> YAMLDocument {
        try read(bytes, file: file, limits: limits, stream: stream, splitFrom: splitFrom)
    }

    /// Whether ``document(_:file:limits:stream:splitFrom:)`` reads `bytes` in two parts:
    /// for tests of the split, which must give what one part gives.
    /// The file's problems do not matter: they are found in either case.
    package static func readsInTwoParts(_ bytes: [UInt8], splitFrom: Int) -> Bool {
        var builder = DocumentBuilder(file: "-", limits: .rulesFile, stream: nil)
        return bytes.withUnsafeBufferPointer { builder.run($0, splitFrom: splitFrom) }
    }

    private static func read(
        _ bytes: [UInt8], file: String, limits: YAMLLimits, stream: YAMLItemStream?, splitFrom: Int
    ) throws(DiagnosticsError) -> YAMLDocument {
        let start = SourceLocation(file: file, line: 1, column: 1)
        // A record holds its scalar's place in the document's text in 32 bits, and escapes
        // can make the text half as long again as the file.
        let maximumBytes = min(limits.maximumBytes, 1 << 30)
        if bytes.count > maximumBytes {
            // No source excerpt: the first line of a file this size can be most of the file.
            throw DiagnosticsError([
                Diagnostic(
                    .error, code: .tooLarge,
                    "the file is \(bytes.count) bytes; the limit is \(maximumBytes) bytes",
                    at: start)
            ])
        }
        // libyaml skips a byte-order mark but counts it as a column, which editors do not show.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        // Decoded only on failure, and never for an oversized file: the size check comes first.
        func fail(_ diagnostics: [Diagnostic]) -> DiagnosticsError {
            DiagnosticsError(diagnostics, sources: [file: String(decoding: body, as: UTF8.self)])
        }
        if let bad = body.withUnsafeBufferPointer({ UTF8Check.firstInvalidByte(in: $0) }) {
            throw fail([
                Diagnostic(
                    .error, code: .invalidUtf8,
                    "the file is not valid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true)))",
                    at: UTF8Check.location(ofByte: bad, in: body, file: file))
            ])
        }
        var builder = DocumentBuilder(file: file, limits: limits, stream: stream)
        body.withUnsafeBufferPointer { buffer in
            _ = builder.run(buffer, splitFrom: splitFrom)
        }
        if builder.diagnostics.contains(where: { $0.severity == .error }) {
            throw fail(builder.diagnostics)
        }
        guard !builder.records.isEmpty else {
            throw fail([Diagnostic(.error, code: .emptyFile, "the file holds no YAML document", at: start)])
        }
        return YAMLDocument(file: file, records: builder.records, bytes: builder.bytes)
    }
}
