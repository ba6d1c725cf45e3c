import Diagnostics

/// A strict JSON parser (RFC 8259) over UTF-8 bytes, with the column of the first error.
///
/// It exists so that batches of facts and events parse without Foundation's bridging costs,
/// keep object keys in order, reject duplicate keys, and say where a line went wrong.
///
/// ``parse(_:selecting:)`` builds only part of the tree (see ``JSONSelection``) while checking
/// all of the text exactly as ``parse(_:)`` does: the same texts are refused, with the same
/// message and column, so a reader that needs a few fields of a large document pays for the
/// check but not for building what it never reads.
public struct JSONParser {
    /// Why a text is not JSON, and where.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        /// The 1-based byte offset of the problem in the text parsed: for a text of one line,
        /// its column.
        public var column: Int
        public var description: String { "column \(column): \(message)" }
    }

    /// Deeper nesting than this is refused rather than risking the stack.
    public static let maximumDepth = 128

    /// Parses one JSON text (surrounding white space allowed).
    public static func parse(_ text: some StringProtocol) throws(Failure) -> JSONValue {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> JSONValue in
            try parse(UnsafeBufferPointer(buffer))
        }
    }

    /// Parses one JSON text from bytes (surrounding white space allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        try parse(bytes, selecting: .all)
    }

    /// Parses one JSON text from bytes, building only the selected part of the tree.
    ///
    /// The whole text is checked: it throws exactly when ``parse(_:)`` throws, with the same
    /// failure. The value returned is ``parse(_:)``'s with, in every object a
    /// ``JSONSelection/fields(_:)`` selection applies to, only the selected pairs (in their
    /// order in the text).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, selecting selection: JSONSelection) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0, selection)
        parser.skipSpace()
        if parser.index < bytes.count { throw parser.failure(Self.textAfterValue) }
        return value
    }

    /// The message for text after a whole value.
    package static let textAfterValue = "unexpected text after the JSON value"

    /// Parses the one JSON value that starts at `start` in a longer text (a stream of values),
    /// building only the selected part of the tree; the text after it is not read.
    ///
    /// A failure's ``Failure/column`` is then the 1-based offset in `bytes`, and running out of
    /// text is "found the end of the input".
    /// - Returns: The value and the offset just after it.
    package static func parseValue(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int,
        selecting selection: JSONSelection
    ) throws(Failure) -> (value: JSONValue, end: Int) {
        var parser = JSONParser(bytes: bytes)
        parser.index = start
        parser.endName = "the end of the input"
        let value = try parser.value(depth: 1, selection)
        return (value, parser.index)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// What running out of text is called in messages.
    private var endName = "the end of the line"
    /// The keys of the objects being read, innermost object last, for the duplicate check.
    private var keys: [Key] = []
    /// The fingerprint of each key in `keys`, in an array of their own so that looking for a
    /// repeat is a scan of integers.
    private var fingerprints: [UInt64] = []
    /// The text of each key in `keys` that is not plain.
    private var keyTexts: [String] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Room for the keys of a webhook's nested objects without growing.
        keys.reserveCapacity(64)
        fingerprints.reserveCapacity(64)
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, column: index + 1) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// Reads a value; under ``JSONSelection/skip`` it is checked and `.null` is returned.
    private mutating func value(depth: Int, _ selection: JSONSelection) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nesting is deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw failure("expected a value, found \(endName)") }
        let build = !selection.isSkip
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth, selection)
        case UInt8(ascii: "["): return try array(depth: depth, selection)
        case UInt8(ascii: "\""):
            let read = try string(build ? .always : .never)
            return build ? .string(read.text!) : .null
        case UInt8(ascii: "t"): try literal("true"); return build ? .bool(true) : .null
        case UInt8(ascii: "f"): try literal("false"); return build ? .bool(false) : .null
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(build: build)
        default: throw failure("expected a value, found '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("expected '\(word)'") }
        for k in 0..<count where bytes[index + k] != word.utf8Start[k] { throw failure("expected '\(word)'") }
        index += count
    }

    private mutating func object(depth: Int, _ selection: JSONSelection) throws(Failure) -> JSONValue {
        index += 1
        let build = !selection.isSkip
        var pairs: [(String, JSONValue)] = []
        // At most one pair per selected field: one allocation rather than several as it grows.
        let fields = selection.fields
        if let fields { pairs.reserveCapacity(fields.names.count) }
        // This object's keys are keys[firstKey...]; nested objects push theirs above and pop them.
        let firstKey = keys.count
        let firstKeyText = keyTexts.count
        defer {
            keys.removeLast(keys.count - firstKey)
            fingerprints.removeLast(fingerprints.count - firstKey)
            keyTexts.removeLast(keyTexts.count - firstKeyText)
        }
        // While every key is plain, a repeat has the same fingerprint: only those are compared.
        var allPlain = true
        skipSpace()
        if current == UInt8(ascii: "}") { index += 1; return build ? .object(pairs) : .null }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let keyStart = index
            let read = try string(.unlessPlain)
            var key = Key(start: read.start, end: read.end, fingerprint: read.fingerprint, text: -1)
            if let text = read.text {
                key.text = Int32(keyTexts.count)
                keyTexts.append(text)
            }
            allPlain = allPlain && key.isPlain
            if allPlain ? isRepeat(plain: key, since: firstKey) : keys[firstKey...].contains(where: { equal($0, key) }) {
                index = keyStart
                throw failure("duplicate key \"\(text(of: key))\"")
            }
            keys.append(key)
            fingerprints.append(key.fingerprint)
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
            index += 1
            skipSpace()
            // Under `fields`, the key's own selection (unlisted keys are skipped); otherwise
            // the object's (all, or skip).
            let inner = fields.map { $0.selection(for: key, text: { text(of: key) }, in: bytes) ?? .skip } ?? selection
            let value = try value(depth: depth + 1, inner)
            if !inner.isSkip { pairs.append((text(of: key), value)) }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return build ? .object(pairs) : .null
            default: throw failure("expected ',' or '}' in the object")
            }
        }
    }

    /// Whether a plain key repeats one of `keys[first...]`, all plain.
    private func isRepeat(plain key: Key, since first: Int) -> Bool {
        var k = first
        while k < fingerprints.count {
            if fingerprints[k] == key.fingerprint && equal(keys[k], key) { return true }
            k += 1
        }
        return false
    }

    /// Whether two keys are the same string, as `String` compares them.
    private func equal(_ a: Key, _ b: Key) -> Bool {
        if a.isPlain && b.isPlain {
            // Plain ASCII: the same string exactly when the same bytes. The fingerprints
            // (length and first bytes) settle nearly every comparison.
            guard a.fingerprint == b.fingerprint, a.end - a.start == b.end - b.start else { return false }
            return bytes[a.start..<a.end].elementsEqual(bytes[b.start..<b.end])
        }
        return text(of: a) == text(of: b)
    }

    /// A key's text: built here for a plain key, which was not built when read.
    private func text(of key: Key) -> String {
        key.isPlain ? makeString(key.start, key.end) : keyTexts[Int(key.text)]
    }

    private mutating func array(depth: Int, _ selection: JSONSelection) throws(Failure) -> JSONValue {
        index += 1
        let build = !selection.isSkip
        var values: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { index += 1; return build ? .array(values) : .null }
        while true {
            skipSpace()
            // Every element under the array's selection.
            let element = try value(depth: depth + 1, selection)
            if build { values.append(element) }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return build ? .array(values) : .null
            default: throw failure("expected ',' or ']' in the array")
            }
        }
    }

    private mutating func number(build: Bool) throws(Failure) -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (48...57).contains(first) else { throw failure("expected digits") }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = current, (48...57).contains(byte) else { throw failure("expected digits after '.'") }
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, (48...57).contains(byte) else { throw failure("expected digits in the exponent") }
            while let byte = current, (48...57).contains(byte) { index += 1 }
        }
        guard build else { return .null }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let number = Int(text) { return .integer(number) }
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return .decimal(text) }
        return .number(Double(text) ?? .nan)
    }

    /// A string as read: where its bytes are (between the quotes) and, when built, its text.
    package struct StringRead {
        var start: Int
        var end: Int
        /// For a plain key, its length and some of its bytes, to compare keys quickly.
        var fingerprint: UInt64
        /// Nil only for a plain string (ASCII, no escape: its bytes are its text) not built.
        var text: String?
    }

    /// A key of an object being read. Plain data (no `String`), so that pushing and popping
    /// keys costs no reference counting.
    package struct Key {
        var start: Int
        var end: Int
        /// See ``StringRead/fingerprint``.
        var fingerprint: UInt64
        /// For a key that is not plain, the index of its text in `keyTexts`; -1 for a plain key,
        /// whose bytes are its text.
        var text: Int32

        var isPlain: Bool { text < 0 }
    }

    /// When ``string(_:)`` builds the text.
    package enum Build {
        case always
        /// Keys: a plain key is compared by its bytes and built only when needed.
        case unlessPlain
        /// Values that are not selected: checked only.
        case never
    }

    private mutating func string(_ build: Build) throws(Failure) -> StringRead {
        index += 1
        let start = index
        // Fast path: no escapes, copy the bytes as they are.
        let plain = skipUnescapedBytes()
        if current == UInt8(ascii: "\"") {
            // ASCII is valid UTF-8: only text with other bytes needs the check.
            if !plain { try checkUTF8(start, index) }
            let end = index
            index += 1
            switch build {
            case .always: return StringRead(start: start, end: end, fingerprint: 0, text: makeString(start, end))
            case .unlessPlain where !plain: return StringRead(start: start, end: end, fingerprint: 0, text: makeString(start, end))
            case .unlessPlain:
                return StringRead(start: start, end: end, fingerprint: Self.fingerprint(UnsafeBufferPointer(rebasing: bytes[start..<end])), text: nil)
            case .never: return StringRead(start: start, end: end, fingerprint: 0, text: nil)
            }
        }
        // Escapes (or an error): built scalar by scalar, unless only checked.
        let building = build != .never
        var scalars = String.UnicodeScalarView()
        try checkUTF8(start, index)
        if building { scalars.append(contentsOf: makeString(start, index).unicodeScalars) }
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return StringRead(start: start, end: index - 1, fingerprint: 0, text: building ? String(scalars) : nil)
            case UInt8(ascii: "\\"):
                index += 1
                let scalar = try escape()
                if building { scalars.append(scalar) }
            case ..<0x20:
                throw failure("control character in a string; escape it")
            default:
                let runStart = index
                _ = skipUnescapedBytes()
                try checkUTF8(runStart, index)
                if building { scalars.append(contentsOf: makeString(runStart, index).unicodeScalars) }
            }
        }
    }

    /// Moves past the bytes of a string that stand for themselves: up to a `"`, a `\`, a
    /// control character or the end.
    /// - Returns: Whether all of them are ASCII.
    private mutating func skipUnescapedBytes() -> Bool {
        let scan = JSONBytes.scanUnescaped(bytes, from: index)
        index = scan.end
        return scan.ascii
    }

    private func checkUTF8(_ start: Int, _ end: Int) throws(Failure) {
        if let bad = UTF8Check.firstInvalidByte(in: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
            throw Failure(message: "invalid UTF-8 in a string", column: start + bad + 1)
        }
    }

    private func makeString(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The length in the top byte, then the first 4 and the last 3 bytes (all of a key of 7
    /// bytes or fewer): keys that share a prefix ("transferred_by", "transferred_to") differ.
    package static func fingerprint(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = key.count
        var print = UInt64(truncatingIfNeeded: count) << 56
        if count <= 7 {
            for k in 0..<count { print |= UInt64(key[k]) << (8 * UInt64(k)) }
        } else {
            for k in 0..<4 { print |= UInt64(key[k]) << (8 * UInt64(k)) }
            for k in 0..<3 { print |= UInt64(key[count - 3 + k]) << (8 * UInt64(4 + k)) }
        }
        return print
    }

    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        guard let byte = current else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800...0xDBFF).contains(high) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("a high surrogate must be followed by a low one")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid low surrogate") }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure("a lone low surrogate") }
            return scalar
        default:
            index -= 1
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("expected four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw failure("expected a hex digit")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
