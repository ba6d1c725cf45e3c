internal import CYAML
import Diagnostics

/// Reads YAML through libyaml's event API into a ``YAMLDocument`` (flat records with
/// positions) or a ``YAMLNode`` tree made from one.
///
/// The parser is the only place that talks to libyaml. It keeps open collections on an
/// explicit stack, not recursion, and enforces what a rules file needs and libyaml does not:
/// a size cap, a depth cap, valid UTF-8, one document, unique keys, and no anchors, aliases
/// or tags. Every problem is a positioned ``Diagnostic``.
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
    /// - Returns: The document, its root at index 0.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    package static func document(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile, stream: YAMLItemStream? = nil
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
            builder.run(buffer)
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

/// One open collection while events stream in. Plain data, copied and updated for every
/// record: nothing in it is counted by reference.
private struct Frame {
    /// The collection's record.
    var index: Int
    /// ``YAMLDocument/Kind/scalar`` only for ``outside``, which stands for no collection.
    var kind: YAMLDocument.Kind
    /// Its children so far.
    var children: UInt32 = 0
    /// Where its text starts in ``DocumentBuilder/bytes``, to drop a streamed item.
    var bytesStart: Int
    /// Where its keys start in ``DocumentBuilder/openKeys``.
    var keysStart: Int
    /// A mapping's key (its record) waiting for its value, or -1.
    var pendingKey = -1
    /// Set when a key was not a scalar: its value is not a value of the mapping.
    var skipNextValue = false

    /// Where the root record goes: outside any collection.
    static let outside = Frame(index: -1, kind: .scalar, bytesStart: 0, keysStart: 0)
    /// The mappings with more keys than this index them in ``DocumentBuilder/seenKeys``.
    static let linearKeySearch = 16
}

private struct DocumentBuilder {
    let file: String
    let limits: YAMLLimits
    var diagnostics: [Diagnostic] = []
    /// The document so far: every record, and every scalar's text.
    var records: [YAMLDocument.Record] = []
    var bytes: [UInt8] = []
    /// The innermost open collection (``Frame/outside`` when none is open), apart from
    /// ``enclosing``: it is read and updated for every record, and an element of an array
    /// costs a bounds and a uniqueness check each time.
    var top = Frame.outside
    /// The frames around ``top``, ``Frame/outside`` first: one per open collection.
    var enclosing: [Frame] = []
    /// For each open mapping with more keys than ``Frame/linearKeySearch`` (by its record),
    /// where each of its keys was first seen, for duplicate-key notes.
    var seenKeys: [Int: [String: SourceLocation]] = [:]
    /// The keys of every open mapping, innermost last: each key's ``KeyPrint`` and record.
    var openKeys: [(print: UInt64, index: Int)] = []
    var documents = 0
    let stream: YAMLItemStream?
    /// The top-level pairs before the streamed list, made once for all of its items.
    var streamedBefore: (list: Int, pairs: [YAMLPair])?

    /// The most errors kept. Every alias, anchor, tag and repeated key is an error of its own,
    /// so 32 MiB of `*a, ` would otherwise make eight million of them (2.8 GB, seconds).
    static let maximumErrors = 100

    init(file: String, limits: YAMLLimits, stream: YAMLItemStream?) {
        self.file = file
        self.limits = limits
        self.stream = stream
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            diagnostics.append(error(.libyamlFailure, "libyaml could not start", line: 1, column: 1))
            return
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        // libyaml reads the buffer lazily; it stays alive for the whole loop (caller's closure).
        yaml_parser_set_input_string(parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
        // Room for a record every four bytes and text as long as the file's, so that neither
        // grows for a usual file (the generated 10,000-rule table has a record every 5.1 bytes,
        // and 0.6 bytes of text a byte): growing copies every record into pages the kernel
        // must hand over again, and capacity never written to takes no memory.
        records.reserveCapacity(buffer.count / 4 + 16)
        bytes.reserveCapacity(buffer.count + 16)
        HugePages.advise(&records)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                diagnostics.append(syntaxError(parser.pointee, buffer))
                return
            }
            let keepGoing = handle(&event)
            let type = event.type
            let mark = event.start_mark
            yaml_event_delete(&event)
            if diagnostics.count > Self.maximumErrors {
                diagnostics.removeLast(diagnostics.count - Self.maximumErrors)
                diagnostics.append(
                    Diagnostic(
                        .error, code: .tooManyErrors,
                        "stopped reading after \(Self.maximumErrors) errors; fix those first", at: location(mark)))
                return
            }
            if !keepGoing || type == YAML_STREAM_END_EVENT { return }
        }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func error(_ code: DiagnosticCode, _ message: String, line: Int, column: Int) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: SourceLocation(file: file, line: line, column: column))
    }

    /// Handles one event; returns false when reading must stop.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        let mark = event.start_mark
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .multipleDocuments,
                        "a rules file holds one YAML document; a second one starts here", at: location(mark)))
                return false
            }
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { string($0, strlen($0)) } ?? "name"
            diagnostics.append(
                Diagnostic(
                    .error, code: .alias,
                    "aliases (*\(name)) are not allowed; write the value out in full", at: location(mark)))
            // It stands in the document as an empty value, so that the keys around it pair up.
            appendScalar(UnsafeBufferPointer(start: nil, count: 0), quoted: false, at: mark)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if scalar.anchor != nil || scalar.tag != nil { checkAnchorAndTag(anchor: scalar.anchor, tag: scalar.tag, at: mark) }
            appendScalar(
                UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)),
                quoted: scalar.style != YAML_PLAIN_SCALAR_STYLE, at: mark)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if isMapping {
                checkAnchorAndTag(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: mark)
            } else {
                checkAnchorAndTag(
                    anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: mark)
            }
            if enclosing.count >= limits.maximumDepth {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .tooDeep,
                        "nesting is deeper than \(limits.maximumDepth) levels", at: location(mark)))
                return false
            }
            let kind: YAMLDocument.Kind = isMapping ? .mapping : .sequence
            enclosing.append(top)
            top = Frame(index: records.count, kind: kind, bytesStart: bytes.count, keysStart: openKeys.count)
            records.append(
                YAMLDocument.Record(
                    kind: kind, quoted: false, line: UInt32(truncatingIfNeeded: mark.line),
                    column: UInt32(truncatingIfNeeded: mark.column), offsetOrEnd: 0, count: 0))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let outer = enclosing.popLast() else { return true }
            let frame = top
            top = outer
            if !seenKeys.isEmpty { seenKeys[frame.index] = nil }
            records[frame.index].count = frame.children
            records[frame.index].offsetOrEnd = UInt32(truncatingIfNeeded: records.count)
            if frame.kind == .mapping { openKeys.removeSubrange(frame.keysStart...) }
            attach(frame.index, bytesStart: frame.bytesStart)
        default:
            break
        }
        return true
    }

    private mutating func appendScalar(_ text: UnsafeBufferPointer<UInt8>, quoted: Bool, at mark: yaml_mark_t) {
        let index = records.count
        let offset = bytes.count
        // Byte by byte for the usual short scalar: `append(contentsOf:)` costs about a hundred
        // instructions whatever the length.
        if text.count <= 16 {
            for byte in text { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: text)
        }
        records.append(
            YAMLDocument.Record(
                kind: .scalar, quoted: quoted, line: UInt32(truncatingIfNeeded: mark.line),
                column: UInt32(truncatingIfNeeded: mark.column), offsetOrEnd: UInt32(truncatingIfNeeded: offset),
                count: UInt32(truncatingIfNeeded: text.count)))
        attach(index, bytesStart: offset)
    }

    /// Counts a finished record as a child of the open collection, and checks it as a key
    /// when it is one. `bytesStart` is where its text starts, to drop it when the stream
    /// takes it.
    private mutating func attach(_ index: Int, bytesStart: Int) {
        switch top.kind {
        case .sequence:
            // An item of the streamed list, under its key in the top-level mapping, is not kept
            // when the stream takes it.
            if let stream, enclosing.count == 2, enclosing[1].kind == .mapping, enclosing[1].pendingKey >= 0,
                bytes[range(enclosing[1].pendingKey)].elementsEqual(stream.key.utf8)
            {
                let (root, key, list) = (enclosing[1].index, enclosing[1].pendingKey, top.index)
                if streamedBefore?.list != list {
                    streamedBefore = (list, snapshot.pairs(of: root, before: key))
                }
                if stream.take(snapshot.node(at: index), streamedBefore?.pairs[...] ?? []) {
                    records.removeSubrange(index...)
                    bytes.removeSubrange(bytesStart...)
                    return
                }
            }
            top.children += 1
        case .mapping:
            top.children += 1
            if let problem = addToTop(index) { diagnostics.append(problem) }
        case .scalar:
            // Outside any collection: the record is the root.
            break
        }
    }

    /// The document so far, to make nodes of what is complete.
    private var snapshot: YAMLDocument { YAMLDocument(file: file, records: records, bytes: bytes) }

    private func range(_ index: Int) -> Range<Int> {
        Int(records[index].offsetOrEnd)..<Int(records[index].offsetOrEnd) + Int(records[index].count)
    }

    /// Adds a key or a value to the mapping ``top``; returns the problem with a key.
    private mutating func addToTop(_ index: Int) -> Diagnostic? {
        if top.skipNextValue {
            top.skipNextValue = false
        } else if top.pendingKey >= 0 {
            top.pendingKey = -1
        } else if records[index].kind == .scalar {
            top.pendingKey = index
            // Made for keys only: most scalars are values.
            let print = bytes.withUnsafeBufferPointer { KeyPrint.of(UnsafeBufferPointer(rebasing: $0[range(index)])) }
            let first = firstSight(of: index, print: print)
            openKeys.append((print, index))
            if let first {
                let text = snapshot.text(index)
                let here = snapshot.location(index)
                return Diagnostic(
                    .error, code: .duplicateKey, "duplicate key '\(text)'", at: here,
                    notes: [Note("'\(text)' is first defined here", at: first)])
            }
        } else {
            top.skipNextValue = true
            return Diagnostic(
                .error, code: .complexKey,
                "a mapping key must be a plain name, not \(records[index].kind == .sequence ? "a list" : "a mapping")",
                at: snapshot.location(index))
        }
        return nil
    }

    /// Where the key at `index` was first seen in the mapping ``top``, or nil when it is new.
    /// Every earlier key of the mapping is in ``openKeys`` from the frame's start on.
    private mutating func firstSight(of index: Int, print: UInt64) -> SourceLocation? {
        let start = top.keysStart
        if openKeys.count - start < Frame.linearKeySearch, seenKeys.isEmpty || seenKeys[top.index] == nil {
            // Keys that differ almost always differ in their prints: the texts are compared
            // only when the prints agree.
            // Prints of up to seven bytes are exact; longer keys are compared as strings, as
            // the keys of nodes are (equal strings can differ in their bytes).
            for i in start..<openKeys.count where openKeys[i].print == print {
                let earlier = openKeys[i].index
                if records[index].count <= 7 || snapshot.text(earlier) == snapshot.text(index) {
                    return snapshot.location(earlier)
                }
            }
            return nil
        }
        let document = snapshot
        if seenKeys[top.index] == nil {
            var seen: [String: SourceLocation] = [:]
            for (_, key) in openKeys[start...] where seen[document.text(key)] == nil {
                seen[document.text(key)] = document.location(key)
            }
            seenKeys[top.index] = seen
        }
        let key = document.text(index)
        if let first = seenKeys[top.index]?[key] { return first }
        seenKeys[top.index]?[key] = document.location(index)
        return nil
    }

    private mutating func checkAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
        at mark: yaml_mark_t
    ) {
        guard anchor != nil || tag != nil else { return }
        let here = location(mark)
        if let anchor {
            diagnostics.append(
                Diagnostic(
                    .error, code: .anchor,
                    "anchors (&\(string(anchor, strlen(anchor)))) are not allowed; write each value out in full",
                    at: here))
        }
        if let tag {
            // libyaml expands `!!str` to `tag:yaml.org,2002:str`; say it the way it was written.
            var written = string(tag, strlen(tag))
            if written.hasPrefix("tag:yaml.org,2002:") { written = "!!" + written.dropFirst("tag:yaml.org,2002:".count) }
            diagnostics.append(
                Diagnostic(
                    .error, code: .tag,
                    "tags (\(written)) are not allowed; a value's type comes from its column",
                    at: here))
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func strlen(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
        var count = 0
        while pointer[count] != 0 { count += 1 }
        return count
    }

    /// The character at a 1-based line and column (in Unicode scalars), if there is one.
    private func character(at location: SourceLocation, in buffer: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var line = 1
        var start = 0
        while line < location.line, let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            start = newline + 1
            line += 1
        }
        guard line == location.line else { return nil }
        let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) ?? buffer.endIndex
        let scalars = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self).unicodeScalars
        return scalars.dropFirst(location.column - 1).first
    }

    /// Turns libyaml's error state into a diagnostic at the problem's position.
    private func syntaxError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        var at: SourceLocation
        if parser.error == YAML_READER_ERROR {
            at = UTF8Check.location(ofByte: parser.problem_offset, in: buffer, file: file)
        } else {
            at = location(parser.problem_mark)
        }
        if at.line < 1 { at.line = 1 }
        if at.column < 1 { at.column = 1 }
        var notes: [Note] = []
        // A note at the error's own place would only repeat its caret: the context then stays
        // in the message ("... while parsing a flow node").
        if let context = parser.context.map({ String(cString: $0) }), parser.error != YAML_READER_ERROR,
            location(parser.context_mark) != at
        {
            message = problem
            notes.append(Note(context, at: location(parser.context_mark)))
        }
        // libyaml names a tab in the indentation only in some states; elsewhere it says
        // "found character that cannot start any token", which does not say which character.
        if !message.contains("tab"), character(at: at, in: buffer) == "\t" {
            message += " (a tab: YAML indents with spaces only)"
        }
        return Diagnostic(.error, code: .yamlSyntax, "YAML syntax: \(message)", at: at, notes: notes)
    }
}
