#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a batch input into records: JSON values separated by white space, read a block at a
/// time.
///
/// The common case, one object per line (JSON Lines), is found without parsing: a line whose
/// first and last non-blank characters are `{` and `}` is one record, handed on as a range for
/// the caller to parse (in parallel, or selecting fields). Any other line starts a value that
/// may span lines (a pretty-printed object, an array), parsed here. Around that:
/// - Blank and white-space-only lines are not records.
/// - A UTF-8 byte-order mark at the start of the input is skipped.
/// - Each value ends its line: text after it on its last line is an error of that record.
/// - After an error, reading resumes at the next line that starts an object or array no
///   further right than the broken record started (in the first column, for a record that
///   starts there), so that a broken record gives one error, not one per line.
/// - A record that is never closed ends where such a line begins, even when the line would
///   have continued it (`{"a":` then a line `{"b": 1}`): the unclosed record is one error at
///   the end of its text, and the records after it are read as if it were whole, so that
///   every line of JSON Lines gives exactly one record.
/// - With `expandsArrays`, a top-level array is one record per element, each with its item
///   number and position. Elements are handed on as they are read, so an array of any length
///   (on one line or many) is held a block at a time, like JSON Lines. A syntax error in the
///   array is one error record after the elements before it, and reading resumes as after
///   any other error.
///
/// Positions are 1-based lines and columns in bytes, not counting the byte-order mark.
public struct JSONRecordSplitter {
    /// A 1-based line and column (in bytes) of an input.
    public struct Position: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        /// `line:column`.
        public var description: String { "\(line):\(column)" }
    }

    /// One record of the input.
    public enum Record {
        /// A line that holds one object (JSON Lines): `bytes` is the line without its line
        /// break, so a parse failure's column is the line's; `position` is where the value
        /// starts.
        case line(bytes: Range<Int>, position: Position)
        /// A value read here: one that spans lines or is not an object, or (with
        /// `expandsArrays`) an element of an array, with its 1-based item number.
        case value(JSONValue, position: Position, item: Int?)
        /// Text that is not JSON: why, and where.
        case failure(message: String, position: Position)
    }

    private let selection: JSONSelection
    private let expandsArrays: Bool
    /// The number of the line the next block starts with.
    public private(set) var nextLine: Int
    /// Whether nothing has been read yet (a byte-order mark may come).
    private var atStart: Bool
    /// After an error: lines are skipped until one starts an object or array at this column
    /// or left of it (the broken record's column).
    private var skipping: Int?
    /// The column the next block starts at: 1, except inside an array read an element at a
    /// time, where a block may end inside a line.
    private var nextColumn = 1
    /// The top-level array being read, across blocks.
    private var openArray: OpenArray?

    /// - Parameters:
    ///   - selection: What to build of values read here (see ``JSONParser/parse(_:selecting:)``).
    ///   - expandsArrays: Whether a top-level array is one record per element.
    ///   - firstLine: The number of the first line given.
    ///   - atStartOfInput: Whether the first block given starts the input (and may start with
    ///     a byte-order mark).
    public init(
        selection: JSONSelection = .all, expandsArrays: Bool = false, firstLine: Int = 1,
        atStartOfInput: Bool = true
    ) {
        self.selection = selection
        self.expandsArrays = expandsArrays
        nextLine = firstLine
        atStart = atStartOfInput
    }

    /// Hands on the records of the next block of the input, in order.
    /// - Parameters:
    ///   - bytes: The block: the bytes not consumed by the previous call, then more.
    ///   - isFinal: Whether the input ends with this block.
    ///   - record: Called with each record; ranges and offsets are indices in `bytes`.
    /// - Returns: How many bytes of the block were consumed: all of them when `isFinal`;
    ///   otherwise up to the start of the line where an unfinished record begins, or, inside
    ///   an array read an element at a time, up to the end of the last element handed on.
    ///   The next call must be given the rest again, followed by more of the input (when
    ///   nothing was consumed, the next block must be larger).
    public mutating func split(
        _ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool,
        _ record: (Record) throws -> Void
    ) rethrows -> Int {
        let count = bytes.count
        var start = 0
        if atStart && count > 0 {
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            if count >= 3, bytes[0] == mark[0], bytes[1] == mark[1], bytes[2] == mark[2] {
                start = 3
            } else if count < 3, !isFinal, bytes.elementsEqual(mark.prefix(count)) {
                return 0
            }
        }
        // An open array at the end of the input still ends, with its error.
        while start < count || openArray != nil && isFinal {
            if openArray != nil {
                var locator = Locator(bytes: bytes, offset: start, line: nextLine, column: nextColumn)
                let resume = try items(
                    bytes, from: start, lineStart: start, floor: start, locator: &locator, isFinal: isFinal, record)
                (start, nextLine, nextColumn, atStart) = (resume.offset, resume.line, resume.column, false)
                if resume.needsMore { break }
                continue
            }
            guard let base = bytes.baseAddress else { break }
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start)
            // A line is read once it has ended, except the start of an array read an element
            // at a time: an array on one line can be as long as the input.
            guard found != nil || isFinal || startsArray(bytes, from: start) else { break }
            let newline = found.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            var end = newline ?? count
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let next = newline.map { $0 + 1 } ?? count
            if let column = skipping {
                if Self.startsRecord(bytes, line: start, end: end, within: column) != nil {
                    skipping = nil
                } else {
                    (start, nextLine, atStart) = (next, nextLine + 1, false)
                    continue
                }
            }
            guard let first = (start..<end).first(where: { !Self.isSpace(bytes[$0]) }) else {
                (start, nextLine, atStart) = (next, nextLine + 1, false)
                continue
            }
            var last = end - 1
            while Self.isSpace(bytes[last]) { last -= 1 }
            let opening = bytes[first], closing = bytes[last]
            if opening == UInt8(ascii: "{") && closing == UInt8(ascii: "}")
                || !expandsArrays && opening == UInt8(ascii: "[") && closing == UInt8(ascii: "]")
            {
                try record(.line(bytes: start..<end, position: Position(line: nextLine, column: first - start + 1)))
                (start, nextLine, atStart) = (next, nextLine + 1, false)
                continue
            }
            guard let resume = try spanning(bytes, lineStart: start, valueStart: first, isFinal: isFinal, record) else { break }
            (start, nextLine, nextColumn, atStart) = (resume.offset, resume.line, resume.column, false)
            if resume.needsMore { break }
        }
        return start
    }

    /// Where reading goes on: at a line start, or inside an open array (where `needsMore`
    /// says the block ended before the array did).
    private struct Resume {
        var offset: Int
        var line: Int
        var column = 1
        var needsMore = false
    }

    /// A top-level array read an element at a time (with `expandsArrays`), so that an array
    /// of any length is held a block at a time: what comes next in it, and the elements
    /// handed on so far.
    private struct OpenArray {
        enum Expecting { case firstElement, separator }
        var expecting: Expecting
        var items: Int
        /// The column of its `[`.
        var column: Int
    }

    /// What comes next in an open array.
    private enum ArrayStep {
        /// An element, from `start` to `end`.
        case element(JSONValue, start: Int, end: Int)
        /// The closing bracket, just before `end`.
        case closed(end: Int)
        /// The block ends before what comes next can be told.
        case needsMore
    }

    /// Reads the value starting at `valueStart`, which may span lines, and hands it on (an
    /// array, with `expandsArrays`, an element at a time), or its failure.
    /// - Returns: Where reading goes on; nil when the block ends before the record does
    ///   and more input follows (nothing was handed on or consumed).
    private mutating func spanning(
        _ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, valueStart: Int, isFinal: Bool,
        _ record: (Record) throws -> Void
    ) rethrows -> Resume? {
        var locator = Locator(bytes: bytes, offset: lineStart, line: nextLine)
        let column = valueStart - lineStart + 1
        if expandsArrays && bytes[valueStart] == UInt8(ascii: "[") {
            openArray = OpenArray(expecting: .firstElement, items: 0, column: column)
            return try items(
                bytes, from: valueStart + 1, lineStart: lineStart, floor: valueStart, locator: &locator,
                isFinal: isFinal, record)
        }
        let value: JSONValue
        let valueEnd: Int
        do {
            (value, valueEnd) = try JSONParser.parseValue(bytes, at: valueStart, selecting: selection)
        } catch {
            return try failed(
                error, bytes, lineStart: lineStart, floor: valueStart, column: column, valueStart: valueStart,
                locator: &locator, isFinal: isFinal, record)
        }
        let position = locator.position(of: valueStart)
        guard let end = try lineEnd(after: valueEnd, bytes, column: column, locator: &locator, isFinal: isFinal, record)
        else { return nil }
        if end.blank { try record(.value(value, position: position, item: nil)) }
        return end.resume
    }

    /// Finishes the last line of a value that ends at `end`, which must be blank after it.
    /// - Returns: Where the next line starts, and whether the rest of the line was blank
    ///   (if not, its failure was handed on); nil when the line goes on past the block.
    /// - Parameter column: The record's column, where reading may resume after a failure.
    private mutating func lineEnd(
        after end: Int, _ bytes: UnsafeBufferPointer<UInt8>, column: Int, locator: inout Locator, isFinal: Bool,
        _ record: (Record) throws -> Void
    ) rethrows -> (resume: Resume, blank: Bool)? {
        let newline = Self.newline(in: bytes, from: end)
        if !isFinal && newline == nil { return nil }
        let lineEnd = newline ?? bytes.count
        if let stray = (end..<lineEnd).first(where: { !Self.isSpace(bytes[$0]) }) {
            // The value itself is fine, but the record is not what was meant.
            let position = locator.position(of: stray)
            try record(.failure(message: JSONParser.textAfterValue, position: position))
            skipping = column
            return (Self.lineAfter(stray, at: position, in: bytes), false)
        }
        let last = locator.position(of: lineEnd)
        return (Resume(offset: newline.map { $0 + 1 } ?? bytes.count, line: last.line + 1), true)
    }

    /// Hands on the elements of the open array from `start`, each as soon as what follows it
    /// is in the block, until the array ends or the block does.
    /// - Parameters:
    ///   - lineStart: Where the line of `start` starts, or the block's start when it starts
    ///     inside a line.
    ///   - floor: The first offset of the array in this block (its `[`, or the block's start,
    ///     which follows the `[`, a `,` or an element).
    /// - Returns: Where reading goes on: after the array or its failure, or (with `needsMore`)
    ///   just after the last element handed on, or `start` when none was.
    private mutating func items(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, lineStart: Int, floor: Int, locator: inout Locator,
        isFinal: Bool, _ record: (Record) throws -> Void
    ) rethrows -> Resume {
        var consumed = start
        reading: while let array = openArray {
            let step: ArrayStep
            do {
                step = try nextStep(bytes, from: consumed, expecting: array.expecting, isFinal: isFinal)
            } catch {
                let resume = try failed(
                    error, bytes, lineStart: lineStart, floor: floor, column: array.column, valueStart: nil,
                    locator: &locator, isFinal: isFinal, record)
                guard let resume else { break reading }
                return resume
            }
            switch step {
            case .element(let value, let elementStart, let end):
                openArray = OpenArray(expecting: .separator, items: array.items + 1, column: array.column)
                try record(.value(value, position: locator.position(of: elementStart), item: array.items + 1))
                consumed = end
            case .closed(let end):
                guard
                    let after = try lineEnd(after: end, bytes, column: array.column, locator: &locator, isFinal: isFinal, record)
                else {
                    break reading
                }
                openArray = nil
                return after.resume
            case .needsMore:
                break reading
            }
        }
        let position = locator.position(of: consumed)
        return Resume(offset: consumed, line: position.line, column: position.column, needsMore: true)
    }

    /// Reads what comes next in the open array, from `start`.
    private func nextStep(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, expecting: OpenArray.Expecting, isFinal: Bool
    ) throws(JSONParser.Failure) -> ArrayStep {
        var index = skipSpace(bytes, from: start)
        switch expecting {
        case .separator:
            guard index < bytes.count else {
                throw JSONParser.Failure(
                    message: "expected ',' or ']' in the array, found the end of the input", column: index + 1)
            }
            switch bytes[index] {
            case UInt8(ascii: "]"): return .closed(end: index + 1)
            case UInt8(ascii: ","): index = skipSpace(bytes, from: index + 1)
            default: throw JSONParser.Failure(message: "expected ',' or ']' in the array", column: index + 1)
            }
        case .firstElement:
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return .closed(end: index + 1) }
        }
        let (value, end) = try JSONParser.parseValue(bytes, at: index, selecting: selection)
        // A number at the end of the block may go on in the next: an element is complete
        // once something follows it.
        if !isFinal && skipSpace(bytes, from: end) >= bytes.count { return .needsMore }
        return .element(value, start: index, end: end)
    }

    /// Hands on the failure of a record, or waits for more input.
    /// - Parameters:
    ///   - lineStart: Where the record's first line starts in the block (or the block's start).
    ///   - floor: The first offset of the record in this block.
    ///   - column: The record's column: a later line that starts an object or array no further
    ///     right begins the next record.
    ///   - valueStart: Where the value that failed starts, when it was read whole from there
    ///     (not an element of an open array).
    /// - Returns: Where the next line starts; nil when more input may move the error or is
    ///   needed to find the line after it (nothing was handed on).
    private mutating func failed(
        _ failure: JSONParser.Failure, _ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, floor: Int,
        column: Int, valueStart: Int?, locator: inout Locator, isFinal: Bool, _ record: (Record) throws -> Void
    ) rethrows -> Resume? {
        let offset = failure.column - 1
        // Ran out of text, or no line break after the error yet: wait for more.
        if !isFinal && (offset >= bytes.count || Self.newline(in: bytes, from: offset) == nil) { return nil }
        openArray = nil
        // A record that was never closed, and a later line begins the next (which the parser
        // may have read on into, as the value of a key left without one): the error is where
        // the unfinished record's text ends, and reading resumes with the next record.
        if let next = Self.recordLine(
            after: valueStart ?? lineStart, through: offset, in: bytes, column: column, onlyAtOffset: valueStart == nil),
            let message = Self.unclosedMessage(failure, bytes, before: next, valueStart: valueStart)
        {
            var end = next - 1
            while end >= floor && Self.isSpace(bytes[end]) { end -= 1 }
            try record(.failure(message: message, position: locator.position(of: end + 1)))
            skipping = nil
            return Resume(offset: next, line: locator.position(of: next).line)
        }
        skipping = column
        // At the end of the input, the error is where the text ends, not past the blank
        // lines after it.
        var at = offset
        if offset >= bytes.count {
            at = bytes.count
            while at > floor && Self.isSpace(bytes[at - 1]) { at -= 1 }
        }
        let position = locator.position(of: at)
        try record(.failure(message: failure.message, position: position))
        return Self.lineAfter(at, at: position, in: bytes)
    }

    /// Why a record is not complete before the line starting at `next`: what the parser
    /// wants where its text ends, "found the end of the line"; nil if it is complete there.
    /// - Parameters:
    ///   - failure: The failure of the record read on past `next`; for an element of an open
    ///     array, it is at `next`'s object or array, and says what the array wants there.
    ///   - valueStart: Where the record starts, when it was read whole: it is read again, up
    ///     to `next`.
    private static func unclosedMessage(
        _ failure: JSONParser.Failure, _ bytes: UnsafeBufferPointer<UInt8>, before next: Int, valueStart: Int?
    ) -> String? {
        let ending = ", found the end of the line"
        guard let valueStart else { return failure.message + ending }
        do {
            _ = try JSONParser.parseValue(UnsafeBufferPointer(rebasing: bytes[..<next]), at: valueStart, selecting: .skip)
            return nil
        } catch {
            let atEnd = ", found the end of the input"
            return (error.message.hasSuffix(atEnd) ? String(error.message.dropLast(atEnd.count)) : error.message) + ending
        }
    }

    /// Whether the line from `start` (not ended in the block) starts an array that is read
    /// an element at a time, where reading may begin.
    private func startsArray(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard expandsArrays, let first = (start..<bytes.count).first(where: { !Self.isSpace(bytes[$0]) }) else {
            return false
        }
        return bytes[first] == UInt8(ascii: "[") && skipping.map { first - start < $0 } ?? true
    }

    /// The offset of the `{` or `[` that the line from `start` to `end` starts with (after
    /// blanks), when it is at `column` or left of it: where a record begins; nil otherwise.
    private static func startsRecord(_ bytes: UnsafeBufferPointer<UInt8>, line start: Int, end: Int, within column: Int) -> Int? {
        guard let first = (start..<min(end, start + column)).first(where: { !isSpace(bytes[$0]) }),
            bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[")
        else { return nil }
        return first
    }

    /// The start of the first line after the one holding `from`, up to the one holding
    /// `offset`, that begins a record (``startsRecord(_:line:end:within:)``) at or before
    /// `offset` (with `onlyAtOffset`, at `offset`); nil if none does.
    private static func recordLine(
        after from: Int, through offset: Int, in bytes: UnsafeBufferPointer<UInt8>, column: Int, onlyAtOffset: Bool
    ) -> Int? {
        var found = newline(in: bytes, from: from)
        while let newline = found, newline < offset {
            let start = newline + 1
            let end = Self.newline(in: bytes, from: start) ?? bytes.count
            if let first = startsRecord(bytes, line: start, end: end, within: column),
                onlyAtOffset ? first == offset : first <= offset
            {
                return start
            }
            found = end < bytes.count ? end : nil
        }
        return nil
    }

    /// The start of the line after the one holding `offset` (at `position`).
    private static func lineAfter(_ offset: Int, at position: Position, in bytes: UnsafeBufferPointer<UInt8>) -> Resume {
        Resume(offset: newline(in: bytes, from: offset).map { $0 + 1 } ?? bytes.count, line: position.line + 1)
    }

    private func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// JSON white space.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first line break at or after `offset`.
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard let base = bytes.baseAddress, offset < bytes.count,
            let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Turns offsets into lines and columns, counting line breaks forwards only: the offsets
    /// asked for never go back, so a long value is counted once, and each line's end is
    /// looked for once (an array on one line has many elements).
    private struct Locator {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Where the current line starts (before the block when the block starts inside it).
        var lineStart: Int
        var line: Int
        /// The current line's break, or the block's end.
        var lineEnd: Int

        /// - Parameters:
        ///   - offset: An offset of the block, at `line` and `column`.
        init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, line: Int, column: Int = 1) {
            self.bytes = bytes
            lineStart = offset - (column - 1)
            self.line = line
            lineEnd = JSONRecordSplitter.newline(in: bytes, from: offset) ?? bytes.count
        }

        mutating func position(of target: Int) -> Position {
            while lineEnd < target {
                lineStart = lineEnd + 1
                line += 1
                lineEnd = JSONRecordSplitter.newline(in: bytes, from: lineStart) ?? bytes.count
            }
            return Position(line: line, column: target - lineStart + 1)
        }
    }
}
