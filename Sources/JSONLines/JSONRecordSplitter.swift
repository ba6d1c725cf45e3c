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
/// - After an error, reading resumes at the next line that starts an object or array in its
///   first column, so that a broken record gives one error, not one per line.
/// - With `expandsArrays`, a top-level array is one record per element, each with its item
///   number and position.
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
    /// After an error: lines are skipped until one starts an object or array.
    private var skipping = false

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
    ///   otherwise up to the start of the line where an unfinished record begins, which the
    ///   next call must be given again, followed by more of the input (when nothing was
    ///   consumed, the next block must be larger).
    public mutating func split(
        _ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool,
        _ record: (Record) throws -> Void
    ) rethrows -> Int {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return 0 }
        var start = 0
        if atStart {
            let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
            if count >= 3, bytes[0] == mark[0], bytes[1] == mark[1], bytes[2] == mark[2] {
                start = 3
            } else if count < 3, !isFinal, bytes.elementsEqual(mark.prefix(count)) {
                return 0
            }
        }
        while start < count {
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start)
            guard found != nil || isFinal else { break }
            let newline = found.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            var end = newline ?? count
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let next = newline.map { $0 + 1 } ?? count
            if skipping {
                if end > start, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
                    skipping = false
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
            (start, nextLine, atStart) = (resume.offset, resume.line, false)
        }
        return start
    }

    /// Where reading goes on after a value that may span lines.
    private struct Resume {
        var offset: Int
        var line: Int
    }

    /// Reads the value starting at `valueStart`, which may span lines, and hands it on (or
    /// its elements, or its failure).
    /// - Returns: Where the next line starts; nil when the block ends before the record does
    ///   and more input follows (nothing was handed on).
    private mutating func spanning(
        _ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, valueStart: Int, isFinal: Bool,
        _ record: (Record) throws -> Void
    ) rethrows -> Resume? {
        var locator = Locator(bytes: bytes, offset: lineStart, line: nextLine)
        var values: [(JSONValue, Int)] = []
        var valueEnd = 0
        var failure: JSONParser.Failure?
        do {
            if expandsArrays && bytes[valueStart] == UInt8(ascii: "[") {
                valueEnd = try elements(bytes, from: valueStart, into: &values)
            } else {
                let (value, end) = try JSONParser.parseValue(bytes, at: valueStart, selecting: selection)
                values = [(value, valueStart)]
                valueEnd = end
            }
        } catch {
            failure = error
        }
        if let failure {
            let offset = failure.column - 1
            // Ran out of text, or no line break after the error yet: wait for more.
            if !isFinal && (offset >= bytes.count || Self.newline(in: bytes, from: offset) == nil) { return nil }
            skipping = true
            if startsValueOnItsLine(offset, in: bytes, after: lineStart) {
                // A record that was never closed, and the next begins: the error is where the
                // unfinished record's text ends, and reading resumes with the next record.
                var end = offset - 1
                while Self.isSpace(bytes[end]) { end -= 1 }
                try record(
                    .failure(
                        message: failure.message + ", found the end of the line",
                        position: locator.position(of: end + 1)))
                return Resume(offset: offset, line: locator.position(of: offset).line)
            }
            // At the end of the input, the error is where the text ends, not past the blank
            // lines after it.
            var at = offset
            if offset >= bytes.count {
                at = bytes.count
                while at > valueStart && Self.isSpace(bytes[at - 1]) { at -= 1 }
            }
            let position = locator.position(of: at)
            try record(.failure(message: failure.message, position: position))
            return Self.lineAfter(at, at: position, in: bytes)
        }
        // The rest of the value's last line must be blank.
        let newline = Self.newline(in: bytes, from: valueEnd)
        if !isFinal && newline == nil { return nil }
        let lineEnd = newline ?? bytes.count
        let stray = (valueEnd..<lineEnd).first { !Self.isSpace(bytes[$0]) }
        if let stray, !(expandsArrays && bytes[valueStart] == UInt8(ascii: "[")) {
            // The value itself is fine, but the record is not what was meant.
            let position = locator.position(of: stray)
            try record(.failure(message: JSONParser.textAfterValue, position: position))
            skipping = true
            return Self.lineAfter(stray, at: position, in: bytes)
        }
        let isArray = expandsArrays && bytes[valueStart] == UInt8(ascii: "[")
        for (k, (value, offset)) in values.enumerated() {
            try record(.value(value, position: locator.position(of: offset), item: isArray ? k + 1 : nil))
        }
        if let stray {
            let position = locator.position(of: stray)
            try record(.failure(message: JSONParser.textAfterValue, position: position))
            skipping = true
        }
        let end = locator.position(of: lineEnd)
        return Resume(offset: newline.map { $0 + 1 } ?? bytes.count, line: end.line + 1)
    }

    /// Whether `offset`, after the line starting at `lineStart`, is the first column of a line
    /// and an object or array starts there.
    private func startsValueOnItsLine(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, after lineStart: Int) -> Bool {
        offset > lineStart && offset < bytes.count && bytes[offset - 1] == UInt8(ascii: "\n")
            && (bytes[offset] == UInt8(ascii: "{") || bytes[offset] == UInt8(ascii: "["))
    }

    /// The start of the line after the one holding `offset` (at `position`).
    private static func lineAfter(_ offset: Int, at position: Position, in bytes: UnsafeBufferPointer<UInt8>) -> Resume {
        Resume(offset: newline(in: bytes, from: offset).map { $0 + 1 } ?? bytes.count, line: position.line + 1)
    }

    /// Reads the elements of the array starting at `start`.
    /// - Returns: The offset just after the array.
    private func elements(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
        into values: inout [(JSONValue, Int)]
    ) throws(JSONParser.Failure) -> Int {
        var index = skipSpace(bytes, from: start + 1)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { return index + 1 }
        while true {
            let (value, end) = try JSONParser.parseValue(bytes, at: index, selecting: selection)
            values.append((value, index))
            index = skipSpace(bytes, from: end)
            guard index < bytes.count else {
                throw JSONParser.Failure(message: "expected ',' or ']' in the array, found the end of the input", column: index + 1)
            }
            switch bytes[index] {
            case UInt8(ascii: "]"): return index + 1
            case UInt8(ascii: ","): index = skipSpace(bytes, from: index + 1)
            default: throw JSONParser.Failure(message: "expected ',' or ']' in the array", column: index + 1)
            }
        }
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
    /// asked for never go back, so a long value is counted once.
    private struct Locator {
        let bytes: UnsafeBufferPointer<UInt8>
        /// A line start, and its number.
        var offset: Int
        var line: Int

        mutating func position(of target: Int) -> Position {
            while let newline = JSONRecordSplitter.newline(in: bytes, from: offset), newline < target {
                offset = newline + 1
                line += 1
            }
            return Position(line: line, column: target - offset + 1)
        }
    }
}
