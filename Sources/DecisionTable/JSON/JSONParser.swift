/// A strict JSON parser (RFC 8259) over UTF-8 bytes, with the column of the first error.
///
/// It exists so that batches of facts and events parse without Foundation's bridging costs,
/// keep object keys in order, reject duplicate keys, and say where a line went wrong.
public struct JSONParser {
    /// Why a text is not JSON, and at which 1-based column (in bytes) of its line.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
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
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.index < bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure { Failure(message: message, column: index + 1) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nesting is deeper than \(Self.maximumDepth) levels") }
        guard let byte = current else { throw failure("expected a value, found the end of the line") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("expected a value, found '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("expected '\(word)'") }
        for k in 0..<count where bytes[index + k] != word.utf8Start[k] { throw failure("expected '\(word)'") }
        index += count
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var pairs: [(String, JSONValue)] = []
        skipSpace()
        if current == UInt8(ascii: "}") { index += 1; return .object(pairs) }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let keyStart = index
            let key = try string()
            if pairs.contains(where: { $0.0 == key }) {
                index = keyStart
                throw failure("duplicate key \"\(key)\"")
            }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
            index += 1
            skipSpace()
            pairs.append((key, try value(depth: depth + 1)))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(pairs)
            default: throw failure("expected ',' or '}' in the object")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var values: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { index += 1; return .array(values) }
        while true {
            skipSpace()
            values.append(try value(depth: depth + 1))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(values)
            default: throw failure("expected ',' or ']' in the array")
            }
        }
    }

    private mutating func number() throws(Failure) -> JSONValue {
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
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let number = Int(text) { return .integer(number) }
        return .number(Double(text) ?? .nan)
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, copy the bytes as they are.
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
        if current == UInt8(ascii: "\"") {
            let text = try validated(start, index)
            index += 1
            return text
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: try validated(start, index).unicodeScalars)
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                index += 1
                scalars.append(try escape())
            case ..<0x20:
                throw failure("control character in a string; escape it")
            default:
                let runStart = index
                while let next = current, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next >= 0x20 { index += 1 }
                scalars.append(contentsOf: try validated(runStart, index).unicodeScalars)
            }
        }
    }

    private func validated(_ start: Int, _ end: Int) throws(Failure) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if let bad = UTF8Check.firstInvalidByte(in: slice) {
            throw Failure(message: "invalid UTF-8 in a string", column: start + bad + 1)
        }
        return String(decoding: slice, as: UTF8.self)
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
