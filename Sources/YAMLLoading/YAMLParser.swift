internal import CYAML
import Diagnostics

/// Reads YAML through libyaml's event API into ``YAMLNode`` trees with positions.
///
/// The parser is the only place that talks to libyaml. It builds the tree with an explicit
/// stack, not recursion, and enforces what a rules file needs and libyaml does not:
/// a size cap, a depth cap, valid UTF-8, one document, unique keys, and no anchors, aliases
/// or tags. Every problem is a positioned ``Diagnostic``.
package enum YAMLParser {
    /// Parses one YAML document.
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
        let start = SourceLocation(file: file, line: 1, column: 1)
        if bytes.count > limits.maximumBytes {
            // No source excerpt: the first line of a file this size can be most of the file.
            throw DiagnosticsError([
                Diagnostic(
                    .error, code: .tooLarge,
                    "the file is \(bytes.count) bytes; the limit is \(limits.maximumBytes) bytes",
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
        var builder = TreeBuilder(file: file, limits: limits, stream: stream)
        body.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        if builder.diagnostics.contains(where: { $0.severity == .error }) {
            throw fail(builder.diagnostics)
        }
        guard let root = builder.root else {
            throw fail([Diagnostic(.error, code: .emptyFile, "the file holds no YAML document", at: start)])
        }
        return root
    }
}

/// One open collection while events stream in. Its children wait at the end of the builder's
/// shared stacks (``TreeBuilder/openItems``, ``TreeBuilder/openPairs``) from `start` on, and
/// are moved into one array of the right size when it closes, rather than arrays that grow one
/// child at a time.
private struct Frame {
    enum Kind { case sequence, mapping }
    var kind: Kind
    var location: SourceLocation
    /// Where the collection's children start in the shared stack of its kind.
    var start: Int
    /// A mapping's key waiting for its value, and its ``KeyPrint``.
    var pendingKey: (text: String, location: SourceLocation, print: UInt64)?
    /// Where each key of a large mapping was first seen, for duplicate-key notes; built when
    /// the mapping outgrows a linear search of its pairs (most mappings have a few keys).
    var seenKeys: [String: SourceLocation]?
    /// Set when a key was not a scalar: its value is read and dropped.
    var skipNextValue = false

    /// The mappings with more pairs than this index their keys in ``seenKeys``.
    static let linearKeySearch = 16

    /// Where `key` was first seen in this mapping, recording it when it is new. Every key
    /// before the one being read already has its pair (a value always follows a key), and
    /// `prints[i]` is the ``KeyPrint`` of `pairs[i]`.
    mutating func firstSight(
        of key: String, print: UInt64, at location: SourceLocation, pairs: MoveStack<YAMLPair>, prints: [UInt64]
    ) -> SourceLocation? {
        if seenKeys == nil, pairs.count - start < Self.linearKeySearch {
            // Keys that differ almost always differ in their prints: the strings are compared
            // only when the prints agree.
            for i in start..<pairs.count where prints[i] == print && pairs[i].key == key { return pairs[i].keyLocation }
            return nil
        }
        if seenKeys == nil {
            var index: [String: SourceLocation] = [:]
            for i in start..<pairs.count where index[pairs[i].key] == nil { index[pairs[i].key] = pairs[i].keyLocation }
            seenKeys = index
        }
        if let first = seenKeys?[key] { return first }
        seenKeys?[key] = location
        return nil
    }
}

/// A cheap stand-in for a key when looking for repeated keys: its length and first seven
/// bytes. Equal keys have equal prints; the strings are compared only when prints agree.
private enum KeyPrint {
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var print = UInt64(truncatingIfNeeded: bytes.count)
        for i in 0..<min(bytes.count, 7) { print |= UInt64(bytes[i]) << (8 * (i + 1)) }
        return print
    }
}

/// A stack whose top elements are moved, not copied, into an array: the children of a
/// collection that just closed. Copying them out and destroying the originals would cost a
/// retain and a release of every child's text and location.
private final class MoveStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(_ index: Int) -> Element {
        precondition(index >= 0 && index < count)
        return storage[index]
    }

    func append(_ element: consuming Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` on, in order, as a copy that leaves them on the stack.
    func copy(from start: Int) -> ArraySlice<Element> {
        Array(UnsafeBufferPointer(start: storage + start, count: count - start))[...]
    }

    /// The elements from `start` on, in order, moved off the stack.
    func pop(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count)
        // Appended one at a time: `Array(unsafeUninitializedCapacity:)` allocates through an
        // unspecialised path of the standard library that looks the array's type up at run
        // time (about 500 instructions a collection).
        var result: [Element] = []
        result.reserveCapacity(count - start)
        for index in start..<count { result.append((storage + index).move()) }
        count = start
        return result
    }
}

private struct TreeBuilder {
    package let file: String
    package let limits: YAMLLimits
    package var diagnostics: [Diagnostic] = []
    package var root: YAMLNode?
    package var stack: [Frame] = []
    /// The items of every open sequence and the pairs of every open mapping, innermost last.
    package var openItems = MoveStack<YAMLNode>()
    package var openPairs = MoveStack<YAMLPair>()
    /// The ``KeyPrint`` of each pair in ``openPairs``, at the same index.
    package var openPrints: [UInt64] = []
    /// Short scalars made recently, by their ``KeyPrint`` (exact for up to seven bytes): a
    /// rules file repeats a few dozen keys and values thousands of times, and a copy of a
    /// short string costs less than decoding it again.
    package var shortScalars = [(print: UInt64, text: String)](repeating: (.max, ""), count: 256)
    package var documents = 0
    package let stream: YAMLItemStream?

    /// The most errors kept. Every alias, anchor, tag and repeated key is an error of its own,
    /// so 32 MiB of `*a, ` would otherwise make eight million of them (2.8 GB, seconds).
    package static let maximumErrors = 100

    package init(file: String, limits: YAMLLimits, stream: YAMLItemStream?) {
        self.file = file
        self.limits = limits
        self.stream = stream
    }

    package mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
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
        let here = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .multipleDocuments,
                        "a rules file holds one YAML document; a second one starts here", at: here))
                return false
            }
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { string($0, strlen($0)) } ?? "name"
            diagnostics.append(
                Diagnostic(
                    .error, code: .alias,
                    "aliases (*\(name)) are not allowed; write the value out in full", at: here))
            attach(YAMLNode(.scalar("", quoted: false), at: here))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            checkAnchorAndTag(anchor: scalar.anchor, tag: scalar.tag, at: here)
            let bytes = UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length))
            let print = KeyPrint.of(bytes)
            let text: String
            if bytes.count <= 7 {
                let slot = Int(truncatingIfNeeded: (print &* 0x9E37_79B9_7F4A_7C15) >> 56)
                if shortScalars[slot].print == print {
                    text = shortScalars[slot].text
                } else {
                    text = String(decoding: bytes, as: UTF8.self)
                    shortScalars[slot] = (print, text)
                }
            } else {
                text = String(decoding: bytes, as: UTF8.self)
            }
            let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
            attach(YAMLNode(.scalar(text, quoted: quoted), at: here), print: print)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if isMapping {
                checkAnchorAndTag(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: here)
            } else {
                checkAnchorAndTag(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: here)
            }
            if stack.count >= limits.maximumDepth {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .tooDeep,
                        "nesting is deeper than \(limits.maximumDepth) levels", at: here))
                return false
            }
            stack.append(
                Frame(
                    kind: isMapping ? .mapping : .sequence, location: here,
                    start: isMapping ? openPairs.count : openItems.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            switch frame.kind {
            case .sequence:
                attach(YAMLNode(.sequence(openItems.pop(from: frame.start)), at: frame.location))
            case .mapping:
                openPrints.removeSubrange(frame.start...)
                attach(YAMLNode(.mapping(openPairs.pop(from: frame.start)), at: frame.location))
            }
        default:
            break
        }
        return true
    }

    /// Adds a finished node to the open collection, in place (the frame is not copied out and
    /// back), or makes it the root. `print` is a scalar's ``KeyPrint``, in case it is a key.
    private mutating func attach(_ node: consuming YAMLNode, print: UInt64 = 0) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        switch stack[top].kind {
        case .sequence:
            // An item of the streamed list, under its key in the top-level mapping, is not kept
            // when the stream takes it.
            if let stream, top == 1, stack[0].kind == .mapping, stack[0].pendingKey?.text == stream.key,
                stream.take(node, openPairs.copy(from: stack[0].start))
            {
                break
            }
            openItems.append(node)
        case .mapping:
            if let problem = Self.add(node, print: print, to: &stack[top], pairs: openPairs, prints: &openPrints) {
                diagnostics.append(problem)
            }
        }
    }

    /// Adds a key or a value to a mapping; returns the problem with a key.
    private static func add(
        _ node: consuming YAMLNode, print: UInt64, to frame: inout Frame, pairs: MoveStack<YAMLPair>,
        prints: inout [UInt64]
    ) -> Diagnostic? {
        if frame.skipNextValue {
            frame.skipNextValue = false
        } else if let key = frame.pendingKey.take() {
            pairs.append(YAMLPair(key: key.text, keyLocation: key.location, value: node))
            prints.append(key.print)
        } else if case .scalar(let text, _) = node.content {
            frame.pendingKey = (text, node.location, print)
            if let first = frame.firstSight(
                of: text, print: print, at: node.location, pairs: pairs, prints: prints)
            {
                return Diagnostic(
                    .error, code: .duplicateKey, "duplicate key '\(text)'", at: node.location,
                    notes: [Note("'\(text)' is first defined here", at: first)])
            }
        } else {
            frame.skipNextValue = true
            return Diagnostic(
                .error, code: .complexKey,
                "a mapping key must be a plain name, not \(node.kindDescription)", at: node.location)
        }
        return nil
    }

    private mutating func checkAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
        at here: SourceLocation
    ) {
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
