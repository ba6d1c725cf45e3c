/// One pass over a number's bytes: its digits as an integer, and what came before them.
///
/// Digits of any script count (Arabic-Indic `٦٠٤`, fullwidth `６０４`), as libphonenumber reads
/// them; ASCII is the fast path, other scripts are decoded only when a byte above 0x7F occurs.
struct DigitScan {
    /// The digits read as a decimal integer (leading zeros add nothing).
    var value: UInt64 = 0
    /// How many digits, leading zeros included.
    var count = 0
    /// How many zeros came before the first other digit.
    var leadingZeros = 0
    /// Whether the number started with `+`.
    var plus = false

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Reads the number up to its end or its extension.
    ///
    /// Understood besides digits: the separators people and web pages use (spaces, `.`, `-`,
    /// `/`, parentheses, no-break and typographic spaces and dashes), a leading `tel:`, a
    /// trunk prefix shown as `(0)` in international form, a word in parentheses (`(cell)`),
    /// and an extension at the end (`x204`, `ext. 204`, `extension 204`, `#204`, `;ext=204`).
    /// - Returns: nil when the text is a number's digits and separators, else the problem.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> PhoneProblem? {
        var i = Self.afterTelScheme(bytes)
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if Self.isDigit(byte) {
                add(byte &- UInt8(ascii: "0"))
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                // "+44 (0)20 7946 0000": the trunk prefix shown for callers inside the country,
                // not part of the international number.
                if plus, count > 0, i + 2 < end, bytes[i + 1] == UInt8(ascii: "0"), bytes[i + 2] == UInt8(ascii: ")") {
                    i += 3
                } else if let after = Self.afterParenthesisedWord(bytes, at: i) {
                    i = after
                } else {
                    i += 1
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: ")"), UInt8(ascii: "/"):
                i += 1
            case UInt8(ascii: "+"):
                if count > 0 || plus { return .misplacedPlus }
                plus = true
                i += 1
            case UInt8(ascii: "#") where count > 0 && Self.isExtensionDigits(bytes, from: i + 1):
                return nil
            case UInt8(ascii: ";") where count > 0, UInt8(ascii: ",") where count > 0:
                if Self.isExtension(bytes, from: i + 1) { return nil }
                if byte == UInt8(ascii: ";") { return .unsupportedParameter(Self.parameter(bytes, from: i + 1)) }
                return .unexpectedCharacter(",")
            default:
                if byte >= 0x80, let width = readNonASCII(bytes, at: i) {
                    i += width
                } else if count > 0, Self.isExtension(bytes, from: i) {
                    return nil
                } else if Self.isLetter(byte) {
                    return .letters
                } else {
                    return .unexpectedCharacter(Self.character(bytes, at: i))
                }
            }
        }
        return nil
    }

    /// Counts one digit.
    private mutating func add(_ digit: UInt8) {
        if digit == 0 && leadingZeros == count { leadingZeros += 1 }
        // 19 digits always fit in a UInt64; longer numbers are only counted, then refused.
        if count < 19 { value = value &* 10 &+ UInt64(digit) }
        count += 1
    }

    /// Reads a character above ASCII that belongs in a number: a digit of another script, a
    /// fullwidth `+`, or a space or dash copied from a word processor or a web page.
    /// - Returns: its width in bytes, or nil when it has no place in a number.
    private mutating func readNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard let scalar = Self.scalar(bytes, at: i) else { return nil }
        let width = UTF8.width(scalar)
        switch scalar.value {
        case 0x00A0, 0x2000...0x200B, 0x202F, 0x3000,  // no-break, typographic and ideographic spaces
            0x2010...0x2015, 0x2212, 0xFF0D, 0xFF0E, 0xFF0F:  // dashes, minus, fullwidth - . /
            return width
        case 0xFF08, 0xFF09:  // fullwidth parentheses
            return width
        case 0xFF0B:  // fullwidth +
            if count > 0 || plus { return nil }
            plus = true
            return width
        default:
            guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                value >= 0, value <= 9
            else { return nil }
            add(UInt8(value))
            return width
        }
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `i`, or nil for invalid UTF-8.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Unicode.Scalar? {
        var iterator = UnsafeBufferPointer(rebasing: bytes[i...]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Whether the text holds a numeral of any kind: a digit of any script, or one no number
    /// is written in (circled `①`, superscript `²`, a CJK `三`). Text without one is no number
    /// at all ("anonymous"); text with one is a number written wrongly, which is reported rather
    /// than read as no number.
    static func containsNumeral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.contains(where: isDigit) { return true }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0.properties.numericType != nil }
    }

    /// Where reading starts: after leading spaces and a `tel:` scheme (RFC 3966), if any.
    private static func afterTelScheme(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        let scheme: StaticString = "tel:"
        guard bytes.count - i >= 4,
            (0..<4).allSatisfy({ bytes[i + $0] | 0x20 == scheme.utf8Start[$0] | 0x20 })
        else { return 0 }
        return i + 4
    }

    /// After a word in parentheses that labels a number, such as `(cell)` or `(home office)`:
    /// letters of any script, spaces and `.`, `-`, `'`, with at least one letter.
    /// - Returns: the offset after the `)`, or nil when the parentheses hold anything else
    ///   (`(604)` is an area code).
    private static func afterParenthesisedWord(_ bytes: UnsafeBufferPointer<UInt8>, at open: Int) -> Int? {
        guard open + 1 < bytes.count, !isDigit(bytes[open + 1]) else { return nil }
        // Decoded in place, one scalar at a time: a label costs no allocation.
        var i = open + 1
        var letters = 0
        while i < bytes.count {
            guard let scalar = scalar(bytes, at: i) else { return nil }
            switch scalar {
            case ")":
                return letters > 0 ? i + 1 : nil
            case " ", ".", "-", "'":
                break
            default:
                guard scalar.properties.isAlphabetic, scalar.properties.numericType == nil else { return nil }
                letters += 1
            }
            i += UTF8.width(scalar)
        }
        return nil
    }

    /// Whether the bytes from `start` to the end are an extension: `x`, `ext`, `extn` or
    /// `extension` in any case, optionally followed by `.`, `:` or `=`, then digits.
    private static func isExtension(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") { i += 1 }
        let wordStart = i
        while i < bytes.count, isLetter(bytes[i]) { i += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<i])
        guard isMarker(word) else { return false }
        if i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "="): i += 1
            default: break
            }
        }
        return isExtensionDigits(bytes, from: i)
    }

    /// Whether the bytes from `start` to the end are an extension's digits, with spaces and
    /// dashes, and optionally a word in parentheses (`x204 (cell)`).
    private static func isExtensionDigits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        var digits = 0
        while i < bytes.count {
            let byte = bytes[i]
            if isDigit(byte) {
                digits += 1
                i += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                i += 1
            } else if byte == UInt8(ascii: "("), digits > 0, let after = afterParenthesisedWord(bytes, at: i) {
                i = after
            } else {
                return false
            }
        }
        return digits > 0
    }

    private static func isMarker(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        // Compared lower-cased against "extension" and its prefixes "ext", plus "x" and "extn".
        let extensionWord: StaticString = "extension"
        func lower(_ k: Int) -> UInt8 { word[k] | 0x20 }
        switch word.count {
        case 1: return lower(0) == UInt8(ascii: "x")
        case 4: return (0..<3).allSatisfy { lower($0) == extensionWord.utf8Start[$0] } && lower(3) == UInt8(ascii: "n")
        case 3, 9: return (0..<word.count).allSatisfy { lower($0) == extensionWord.utf8Start[$0] }
        default: return false
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// The `tel:` parameter starting at `start`, up to its `=` or the next `;`, for a message.
    private static func parameter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "="), bytes[end] != UInt8(ascii: ";") { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The character at a byte offset, for a message.
    private static func character(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> String {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
    }
}
