import Diagnostics
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A large file parsed as two parts at once: libyaml reads a long list's later items on a
/// thread of their own (the middle part) while the caller's thread reads the rest of the
/// file with that part left out, then takes the middle part's events in its place.
///
/// YAML's block structure makes this sound where it applies. The middle part starts at a
/// line of `column` spaces and `- `: an item of a block list. Read as a document of its own,
/// it is a list at that column whose items are those of the file's list, up to the first line
/// indented less (its end). The events of those items are the file's own, provided the
/// start really is an item of a list at that column in the file: the caller checks that on
/// its own parse, where the first item of the middle part must be open at the same column,
/// outside any flow collection, with the same events as the middle part gives it. The caller
/// reads on from the first item's end to the middle part's end, where it sees the file's
/// state after an item of that list, and the text that follows; it reads the list's end
/// itself before it takes the middle part's events, so that the first token after the list
/// is read in the file's context, not the middle part's. Files whose reading could depend on
/// how the text is handed to libyaml, or on a directive, are not split
/// (``isSplittable(_:)``).
///
/// Anything else (the middle part fails, ends after one item, or the checks fail) makes the
/// caller parse the whole file again on one thread: the outcome is always the file's.
///
/// `@unchecked Sendable`: what the two threads share is read and written under
/// ``condition``; the logs are written by the middle part's thread before they are
/// published under it, and only read after.
final class YAMLSplit: @unchecked Sendable {
    /// The smallest file split: libyaml reads about 50 bytes a microsecond, so a thread
    /// (tens of microseconds to start) pays from here on. None on a machine with one core,
    /// where the two parts would take turns.
    static let defaultMinimumBytes = ProcessInfo.processInfo.activeProcessorCount > 1 ? 256 << 10 : .max

    /// The whole file.
    nonisolated(unsafe) let buffer: UnsafeBufferPointer<UInt8>
    let file: String
    /// Where the middle part starts (a line of ``column`` spaces and `- `), and its line.
    let start: Int
    let startLine: Int
    let column: Int

    /// What the middle part's thread found: its first item, then how it ended.
    private let condition = NSCondition()
    private var firstItemEnd: (offset: Int, line: Int)?
    private var end: (offset: Int, line: Int)?
    private var cancelled = false
    private var finished = false
    /// The middle part's first item, and its other items: their lines counted from
    /// ``startLine``.
    private(set) var firstItem = YAMLEventLog(reservingFor: 0)
    private(set) var items = YAMLEventLog(reservingFor: 0)

    /// How much of the file the caller's reader has handed to libyaml. This and the reader's
    /// state below are read and written on the caller's thread only.
    private var position = 0

    private init(buffer: UnsafeBufferPointer<UInt8>, file: String, start: Int, startLine: Int, column: Int) {
        self.buffer = buffer
        self.file = file
        self.start = start
        self.startLine = startLine
        self.column = column
        // Made here, on the caller's thread, from the heap `evaluate` reserves for a large
        // file: on the middle part's thread, malloc serves it from an arena of that thread's,
        // whose pages the kernel hands over one at a time.
        items = YAMLEventLog(reservingFor: buffer.count - start)
    }

    /// The split of `buffer`, when it has at least `minimumBytes` bytes and a line a little
    /// before its middle that can start a middle part; nil otherwise. (The caller's thread
    /// also builds the document, so its share of libyaml's work is the smaller.) Of the lines
    /// that look like items among the first ``candidateLines`` from there, the least indented
    /// is taken: an item of the outermost list there, whose end is furthest.
    ///
    /// A file with anything ``isSplittable(_:)`` refuses is not split.
    static func plan(_ buffer: UnsafeBufferPointer<UInt8>, file: String, minimumBytes: Int) -> YAMLSplit? {
        guard buffer.count >= max(minimumBytes, 2), let base = buffer.baseAddress else { return nil }
        guard isSplittable(buffer) else { return nil }
        // memchr: most lines are passed over.
        func next(_ byte: UInt8, from offset: Int) -> Int? {
            guard offset < buffer.count, let found = memchr(base + offset, Int32(byte), buffer.count - offset) else {
                return nil
            }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        var lines = 0
        var candidate: (start: Int, line: Int, column: Int)?
        var linesLooked = 0
        let from = buffer.count * 45 / 100
        var newline = next(0x0A, from: 0)
        while let i = newline, linesLooked < candidateLines {
            lines += 1
            if i + 1 >= from {
                linesLooked += 1
                if let column = itemColumn(at: i + 1, in: buffer), column < candidate?.column ?? .max {
                    candidate = (i + 1, lines, column)
                }
            }
            newline = next(0x0A, from: i + 1)
        }
        guard let candidate else { return nil }
        return YAMLSplit(
            buffer: buffer, file: file, start: candidate.start, startLine: candidate.line, column: candidate.column)
    }

    /// Whether nothing in the file makes libyaml read the parts otherwise than the whole:
    /// - a line break other than `\n` (`\r`, U+0085, U+2028, U+2029): lines are counted at
    ///   `\n` to find where the parts start and end;
    /// - a character libyaml's reader refuses (C0 and C1 controls but tab and line breaks,
    ///   U+007F, U+FFFE, U+FFFF): the reader checks 16 KiB of text at a time, and the parts
    ///   hand it text in other pieces, so the events before the error would differ;
    /// - a directive (a line starting with `%`): the middle part, a document of its own,
    ///   would not have the file's tag handles.
    private static func isSplittable(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let count = buffer.count
        var i = 0
        // Eight bytes at a time while all are printable ASCII other than `%`: most of any file.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        func isPlain(_ word: UInt64) -> Bool {
            let below = (word &- ones &* 0x20) & ~word & highs != 0
            return word & highs == 0 && !below && !hasZeroByte(word ^ (ones &* 0x7F))
                && !hasZeroByte(word ^ (ones &* 0x25))
        }
        while i < count {
            if i + 8 <= count, isPlain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = base[i]
            // Printable ASCII in one comparison; `%` only off a line's start.
            if byte &- 0x20 < 0x5F, byte != UInt8(ascii: "%") || i > 0 && base[i - 1] != 0x0A {
                i += 1
                continue
            }
            switch byte {
            case 0x09, 0x0A:
                break
            case 0xC2:
                // C2 80 to C2 9F: U+0080 to U+009F, U+0085 among them.
                if i + 1 < count, base[i + 1] < 0xA0 { return false }
            case 0xE2:
                if i + 2 < count, base[i + 1] == 0x80, base[i + 2] | 1 == 0xA9 { return false }
            case 0xEF:
                if i + 2 < count, base[i + 1] == 0xBF, base[i + 2] >= 0xBE { return false }
            case 0x80...0xFF:
                break
            default:
                // Other C0 controls, `\r`, U+007F, and a `%` starting a line.
                return false
            }
            i += 1
        }
        return true
    }

    /// How many lines ``plan(_:file:minimumBytes:)`` looks at for an item to split at.
    static let candidateLines = 64

    /// The column of the `-` when the line at `offset` is spaces, `-` and a space.
    private static func itemColumn(at offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = offset
        while i < buffer.count, buffer[i] == UInt8(ascii: " ") { i += 1 }
        guard i + 1 < buffer.count, buffer[i] == UInt8(ascii: "-"), buffer[i + 1] == UInt8(ascii: " ") else {
            return nil
        }
        return i - offset
    }

    /// Starts reading the middle part on a thread of its own.
    func startMiddlePart() {
        let thread = Thread { [self] in
            let outcome = readMiddlePart()
            condition.lock()
            end = outcome
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Stops the middle part's thread at its next check, and waits until it has ended: the
    /// caller's text is then no longer read.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        while !finished { condition.wait() }
    }

    /// The middle part's events, its first item apart; its end, or nil when it cannot be one.
    private func readMiddlePart() -> (offset: Int, line: Int)? {
        guard var events = LibYAMLEvents(UnsafeBufferPointer(rebasing: buffer[start...]), file: file) else { return nil }
        // A document whose root is a block list at the column.
        for expected in [YAMLEvent.Kind.streamStart, .documentStart, .sequenceStart] {
            guard case .event(let event) = events.next(), event.kind == expected else { return nil }
            if expected == .sequenceStart, event.styled || event.line != 0 || event.column != column { return nil }
        }
        // Filled here and handed over when published: the class's own properties would be
        // checked for exclusive access on every event.
        var firstItem = YAMLEventLog(reservingFor: 0)
        // Reserved on the caller's thread, where the heap is (see ``init``).
        var items = self.items
        self.items = YAMLEventLog(reservingFor: 0)
        var depth = 0
        var itemCount = 0
        var read = 0
        while true {
            guard case .event(let event) = events.next() else { return nil }
            read += 1
            if read % 1024 == 0 {
                condition.lock()
                let stop = cancelled
                condition.unlock()
                if stop { return nil }
            }
            if depth == 0 {
                if event.kind == .sequenceEnd {
                    guard itemCount >= 2, let end = endOfPart(at: event) else { return nil }
                    self.items = items
                    return end
                }
                guard event.kind.startsNode else { return nil }
                itemCount += 1
                if itemCount == 2 {
                    // The second item's line starts with its `- ` at the column: the first
                    // item's end, published for the caller's reader.
                    guard let offset = offset(ofLine: startLine + event.line, from: start, line: startLine),
                        Self.itemColumn(at: offset, in: buffer) == column
                    else { return nil }
                    condition.lock()
                    self.firstItem = firstItem
                    firstItemEnd = (offset, startLine + event.line)
                    condition.broadcast()
                    condition.unlock()
                }
            }
            if itemCount == 1 { firstItem.append(event) } else { items.append(event) }
            switch event.kind {
            case .sequenceStart, .mappingStart: depth += 1
            case .sequenceEnd, .mappingEnd: depth -= 1
            default: break
            }
        }
    }

    /// The end of the middle part at the list's end: the start of the line whose first token
    /// is indented less than the list, or the end of the file.
    private func endOfPart(at listEnd: YAMLEvent) -> (offset: Int, line: Int)? {
        let line = startLine + listEnd.line
        guard listEnd.column < column, let firstItemEnd = publishedFirstItemEnd() else { return nil }
        guard let offset = offset(ofLine: line, from: firstItemEnd.offset, line: firstItemEnd.line) else {
            return (buffer.count, line)
        }
        var i = offset
        while i < buffer.count, buffer[i] == UInt8(ascii: " ") { i += 1 }
        return i - offset == listEnd.column ? (offset, line) : nil
    }

    private func publishedFirstItemEnd() -> (offset: Int, line: Int)? {
        condition.lock()
        defer { condition.unlock() }
        return firstItemEnd
    }

    /// The offset where line `target` starts, counting from `offset`, where line `line`
    /// starts; nil past the last line.
    private func offset(ofLine target: Int, from offset: Int, line: Int) -> Int? {
        var (i, current) = (offset, line)
        while current < target {
            guard let newline = buffer[i...].firstIndex(of: 0x0A) else { return nil }
            i = newline + 1
            current += 1
        }
        return i < buffer.count || current == target && i == buffer.count ? i : nil
    }

    // MARK: The caller's side

    /// The first item's end, waiting for the middle part to find it; nil when it failed.
    func awaitFirstItemEnd() -> (offset: Int, line: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while firstItemEnd == nil, !finished { condition.wait() }
        return firstItemEnd
    }

    /// The middle part's end, waiting for it; nil when it failed.
    func awaitEnd() -> (offset: Int, line: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        return end
    }

    /// Where the caller's reader is.
    private enum Reading {
        /// Before the middle part.
        case before
        /// In the middle part's first item, which ends at this offset and line.
        case firstItem(end: (offset: Int, line: Int))
        /// Past the first item, the middle part left out.
        case spliced
        /// The file as it is: the middle part failed.
        case whole
    }

    private var reading = Reading.before
    /// The part left out, once the reader has left it out: from which offset and line of the
    /// text handed to libyaml, how many bytes and lines.
    private var skipped = (fromOffset: Int.max, fromLine: Int.max, bytes: 0, lines: 0)

    /// Whether the reader left the middle part out.
    var isSpliced: Bool {
        if case .spliced = reading { return true }
        return false
    }

    /// The file's line of a line of the text handed to libyaml.
    func fileLine(_ line: Int) -> Int { line >= skipped.fromLine ? line + skipped.lines : line }

    /// The file's offset of an offset of the text handed to libyaml.
    func fileOffset(_ offset: Int) -> Int { offset >= skipped.fromOffset ? offset + skipped.bytes : offset }

    /// Hands libyaml the file up to the middle part's first item's end, then from the middle
    /// part's end (or, when the middle part failed, the rest of the file as it is); returns
    /// how many bytes it wrote, 0 at the end.
    func read(into output: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        if case .before = reading, position >= start {
            reading = awaitFirstItemEnd().map { .firstItem(end: $0) } ?? .whole
        }
        if case .firstItem(let itemEnd) = reading, position >= itemEnd.offset {
            if let end = awaitEnd() {
                skipped = (position, itemEnd.line, end.offset - position, end.line - itemEnd.line)
                position = end.offset
                reading = .spliced
            } else {
                reading = .whole
            }
        }
        let limit =
            switch reading {
            case .before: start
            case .firstItem(let itemEnd): itemEnd.offset
            case .spliced, .whole: buffer.count
            }
        let n = min(count, limit - position)
        guard n > 0, let base = buffer.baseAddress else { return 0 }
        output.update(from: base + position, count: n)
        position += n
        return n
    }
}
