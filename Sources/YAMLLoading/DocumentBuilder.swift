import Diagnostics

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

/// Builds a ``YAMLDocument`` from libyaml's events: records in document order, every scalar's
/// text in one buffer, and the checks a rules file needs that libyaml does not make.
struct DocumentBuilder {
    let file: String
    let limits: YAMLLimits
    var diagnostics: [Diagnostic] = []
    /// The document so far: every record, and every scalar's text.
    var records: [YAMLDocument.Record] = []
    var bytes: [UInt8] = []
    /// The innermost open collection (``Frame/outside`` when none is open), apart from
    /// ``enclosing``: it is read and updated for every record, and an element of an array
    /// costs a bounds and a uniqueness check each time.
    private var top = Frame.outside
    /// The frames around ``top``, ``Frame/outside`` first: one per open collection.
    private var enclosing: [Frame] = []
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

    /// Builds the document from libyaml's events over `buffer`: in two parts at once when it
    /// has at least `splitFrom` bytes and a place to split (``YAMLSplit``), else in one.
    /// - Returns: Whether it was read in two parts.
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, splitFrom: Int) -> Bool {
        // Room for a record every four bytes and text as long as the file's, so that neither
        // grows for a usual file (the generated 10,000-rule table has a record every 5.1 bytes,
        // and 0.6 bytes of text a byte): growing copies every record into pages the kernel
        // must hand over again, and capacity never written to takes no memory.
        records.reserveCapacity(buffer.count / 4 + 16)
        bytes.reserveCapacity(buffer.count + 16)
        HugePages.advise(&records)
        // A streamed list hands items on as they are read: never twice, as a second reading
        // after a failed split would.
        if stream == nil, let split = YAMLSplit.plan(buffer, file: file, minimumBytes: splitFrom) {
            if runSplit(split) { return true }
            // The split could not be used: read again, from the start, on this thread.
            self = DocumentBuilder(file: file, limits: limits, stream: stream)
            records.reserveCapacity(buffer.count / 4 + 16)
            bytes.reserveCapacity(buffer.count + 16)
        }
        runAlone(buffer)
        return false
    }

    /// libyaml and the builder take turns, an event at a time.
    private mutating func runAlone(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard var events = LibYAMLEvents(buffer, file: file) else {
            diagnostics.append(LibYAMLEvents.startFailure(file: file))
            return
        }
        while true {
            switch events.next() {
            case .failure(let problem):
                diagnostics.append(problem)
                return
            case .event(let event):
                guard take(event) else { return }
            }
        }
    }

    /// Reads the file in two parts (``YAMLSplit``): the middle part on another thread, the
    /// rest here, the middle part's items taken in their place. Returns false, with the
    /// builder to be thrown away, when the split cannot be used.
    private mutating func runSplit(_ split: YAMLSplit) -> Bool {
        split.startMiddlePart()
        defer { split.finish() }
        guard var events = LibYAMLEvents(splicing: split, file: file) else { return false }
        // The open collections before the middle part: whether each is a list, in flow style,
        // and its column.
        var open: [(list: Bool, flow: Bool, column: Int)] = []
        var event: YAMLEvent
        while true {
            // Before the middle part's first item, every event starts where the file's does,
            // but one may run on into the text left out (a quoted scalar over the middle
            // part): the file reads as the builder was told only once the first item is
            // found as the middle part read it. Until then, any end (a problem, the builder
            // stopping, the end of the stream) is an end of the split.
            guard case .event(let next) = events.next() else { return false }
            event = next
            if event.kind.startsNode, event.line >= split.startLine { break }
            switch event.kind {
            case .sequenceStart, .mappingStart:
                open.append((event.kind == .sequenceStart, event.styled, event.column))
            case .sequenceEnd, .mappingEnd:
                _ = open.popLast()
            default:
                break
            }
            guard take(event) else { return false }
        }
        // The middle part's first item is an item of a block list at its column, outside any
        // flow collection...
        guard let list = open.last, list.list, list.column == split.column, !open.contains(where: \.flow),
            split.awaitFirstItemEnd() != nil
        else { return false }
        // ...with the events the middle part read for it (bar where its collections end, which
        // depends on the text that follows it).
        var index = 0
        var depth = 0
        while true {
            guard split.firstItem.matches(event, at: index, movedDown: split.startLine) else { return false }
            index += 1
            switch event.kind {
            case .sequenceStart, .mappingStart: depth += 1
            case .sequenceEnd, .mappingEnd: depth -= 1
            default: break
            }
            if depth == 0 { break }
            guard case .event(let next) = events.next() else { return false }
            event = next
        }
        guard index == split.firstItem.count, split.isSpliced else { return false }
        // The list's end, read here: libyaml reads the first token after the list in the
        // file's own context (its indentation), where it may find a problem the middle part,
        // a document of its own, did not, and hold back the last item's last events.
        guard case .event(let listEnd) = events.next(), listEnd.kind == .sequenceEnd else { return false }
        // The middle part's items in place of the first item and those after it, the list's
        // end (an end event: it borrows no text), then the rest of the file.
        guard split.firstItem.forEach(movedDown: split.startLine, { take($0) }),
            split.items.forEach(movedDown: split.startLine, { take($0) }),
            take(listEnd)
        else { return true }
        while true {
            switch events.next() {
            case .failure(let problem):
                diagnostics.append(problem)
                return true
            case .event(let event):
                guard take(event) else { return true }
            }
        }
    }

    /// Handles one event and keeps to the error cap; false when reading must stop.
    private mutating func take(_ event: YAMLEvent) -> Bool {
        let keepGoing = handle(event)
        if diagnostics.count > Self.maximumErrors {
            diagnostics.removeLast(diagnostics.count - Self.maximumErrors)
            diagnostics.append(
                Diagnostic(
                    .error, code: .tooManyErrors,
                    "stopped reading after \(Self.maximumErrors) errors; fix those first", at: location(event)))
            return false
        }
        return keepGoing && event.kind != .streamEnd
    }

    private func location(_ event: YAMLEvent) -> SourceLocation {
        SourceLocation(file: file, line: Int(event.line) + 1, column: Int(event.column) + 1)
    }

    /// Handles one event; returns false when reading must stop.
    private mutating func handle(_ event: YAMLEvent) -> Bool {
        switch event.kind {
        case .documentStart:
            documents += 1
            if documents > 1 {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .multipleDocuments,
                        "a rules file holds one YAML document; a second one starts here", at: location(event)))
                return false
            }
        case .alias:
            let name = event.text.isEmpty ? "name" : string(event.text)
            diagnostics.append(
                Diagnostic(
                    .error, code: .alias,
                    "aliases (*\(name)) are not allowed; write the value out in full", at: location(event)))
            // It stands in the document as an empty value, so that the keys around it pair up.
            appendScalar(UnsafeBufferPointer(start: nil, count: 0), quoted: false, at: event)
        case .scalar:
            if event.anchor != nil || event.tag != nil { checkAnchorAndTag(of: event) }
            appendScalar(event.text, quoted: event.styled, at: event)
        case .sequenceStart, .mappingStart:
            checkAnchorAndTag(of: event)
            if enclosing.count >= limits.maximumDepth {
                diagnostics.append(
                    Diagnostic(
                        .error, code: .tooDeep,
                        "nesting is deeper than \(limits.maximumDepth) levels", at: location(event)))
                return false
            }
            let kind: YAMLDocument.Kind = event.kind == .mappingStart ? .mapping : .sequence
            enclosing.append(top)
            top = Frame(index: records.count, kind: kind, bytesStart: bytes.count, keysStart: openKeys.count)
            records.append(
                YAMLDocument.Record(
                    kind: kind, quoted: false, line: UInt32(truncatingIfNeeded: event.line),
                    column: UInt32(truncatingIfNeeded: event.column), offsetOrEnd: 0, count: 0))
        case .sequenceEnd, .mappingEnd:
            guard let outer = enclosing.popLast() else { return true }
            let frame = top
            top = outer
            if !seenKeys.isEmpty { seenKeys[frame.index] = nil }
            records[frame.index].count = frame.children
            records[frame.index].offsetOrEnd = UInt32(truncatingIfNeeded: records.count)
            if frame.kind == .mapping { openKeys.removeSubrange(frame.keysStart...) }
            attach(frame.index, bytesStart: frame.bytesStart)
        case .streamStart, .streamEnd, .documentEnd:
            break
        }
        return true
    }

    private mutating func appendScalar(_ text: UnsafeBufferPointer<UInt8>, quoted: Bool, at event: YAMLEvent) {
        let index = records.count
        let offset = bytes.count
        bytes.appendText(text)
        records.append(
            YAMLDocument.Record(
                kind: .scalar, quoted: quoted, line: UInt32(truncatingIfNeeded: event.line),
                column: UInt32(truncatingIfNeeded: event.column),
                offsetOrEnd: UInt32(truncatingIfNeeded: offset), count: UInt32(truncatingIfNeeded: text.count)))
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

    private mutating func checkAnchorAndTag(of event: YAMLEvent) {
        guard event.anchor != nil || event.tag != nil else { return }
        let here = location(event)
        if let anchor = event.anchor {
            diagnostics.append(
                Diagnostic(
                    .error, code: .anchor,
                    "anchors (&\(string(anchor))) are not allowed; write each value out in full",
                    at: here))
        }
        if let tag = event.tag {
            // libyaml expands `!!str` to `tag:yaml.org,2002:str`; say it the way it was written.
            var written = string(tag)
            if written.hasPrefix("tag:yaml.org,2002:") { written = "!!" + written.dropFirst("tag:yaml.org,2002:".count) }
            diagnostics.append(
                Diagnostic(
                    .error, code: .tag,
                    "tags (\(written)) are not allowed; a value's type comes from its column",
                    at: here))
        }
    }

    private func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: text, as: UTF8.self)
    }
}
