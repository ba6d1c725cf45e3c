import Diagnostics

/// Reads a YAML mapping whose keys are a fixed vocabulary: reports unknown keys with a
/// "did you mean", missing required keys, and values of the wrong shape.
///
/// Public so that every YAML format built on the engine reports the same problems with the
/// same codes (`expected-mapping`, `unknown-key`, `missing-key`, `expected-text`,
/// `expected-list`, `expected-integer`, `expected-boolean`).
package struct MappingReader {
    /// The mapping.
    package let node: YAMLNode
    /// What the mapping is, for messages ("a team member").
    package let what: String
    package let sink: DiagnosticSink
    /// The allowed keys, and where in `pairs` the pair of each one present is (the last, for a
    /// repeated key), in the same order: a linear search of a few keys costs less than hashing
    /// them, and positions cost less to keep than copies of the pairs.
    private let allowed: [String]
    private let positions: [Int]
    private let pairs: [YAMLPair]
    /// Allowed keys that an unknown key looks like a misspelling of (`thne` for `then`): its
    /// "did you mean" is the root cause, so the key's absence is not reported again.
    private let misspelt: Set<String>

    /// Reads a mapping, reporting each key not in `allowed`.
    /// - Parameters:
    ///   - node: The node that should be a mapping.
    ///   - what: What it is, for messages, with its article ("a contact").
    ///   - allowed: The keys it may have.
    ///   - sink: Where problems go.
    /// - Returns: nil (after reporting) when `node` is not a mapping.
    package init?(_ node: YAMLNode, what: String, allowed: [String], sink: DiagnosticSink) {
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "expected \(what) as a mapping of keys, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        self.node = node
        self.what = what
        self.sink = sink
        self.allowed = allowed
        var misspelt: Set<String> = []
        var lookup = KeyLookup(allowed)
        let byKey = lookup.positions(in: pairs) { pair in
            if let meant = Suggestion.nearest(to: pair.key, in: allowed) { misspelt.insert(meant) }
            sink.error(
                .unknownKey,
                "unknown key '\(pair.key)' in \(what)\(Suggestion.clause(for: pair.key, in: allowed))"
                    + " (expected one of: \(allowed.joined(separator: ", ")))",
                at: pair.keyLocation)
        }
        self.positions = byKey
        self.pairs = pairs
        self.misspelt =
            misspelt.isEmpty ? [] : misspelt.filter { key in allowed.firstIndex(of: key).map { byKey[$0] < 0 } ?? true }
    }

    /// Whether `key` is absent because an unknown key misspells it (already reported with a
    /// "did you mean"): what its absence causes need not be reported too.
    public func isMisspelt(_ key: String) -> Bool { !misspelt.isEmpty && misspelt.contains(key) }

    /// The value of `key`, or nil.
    package subscript(_ key: String) -> YAMLNode? {
        guard let index = allowed.firstIndex(of: key), positions[index] >= 0 else { return nil }
        return pairs[positions[index]].value
    }

    /// The value of a key that must be present; reports its absence at the mapping.
    package func required(_ key: String) -> YAMLNode? {
        if let value = self[key] { return value }
        if isMisspelt(key) { return nil }
        sink.error(.missingKey, "\(what) needs a '\(key)' key", at: node.location)
        return nil
    }

    /// A plain-text value (a description, a name): any scalar but null.
    package func text(_ key: String, required: Bool = false) -> String? {
        guard let value = required ? self.required(key) : self[key] else { return nil }
        guard case .scalar(let text, _) = value.content, !value.isNull else {
            sink.error(
                .expectedText, "'\(key)' in \(what) must be text, found \(value.kindDescription)",
                at: value.location)
            return nil
        }
        return text
    }

    /// A name matching `[a-z0-9_-]+`.
    package func name(_ key: String, required: Bool = true) -> (String, SourceLocation)? {
        guard let text = text(key, required: required), let node = self[key] else { return nil }
        guard Names.isValid(text) else {
            sink.error(
                .invalidName,
                "'\(text)' is not a valid \(key): use lower-case letters, digits, '_' and '-'",
                at: node.location)
            return nil
        }
        return (text, node.location)
    }

    /// The items of a list value.
    package func list(_ key: String, required: Bool = true) -> [YAMLNode]? {
        guard let value = required ? self.required(key) : self[key] else { return nil }
        guard case .sequence(let items) = value.content else {
            sink.error(
                .expectedList, "'\(key)' in \(what) must be a list, found \(value.kindDescription)",
                at: value.location)
            return nil
        }
        return items
    }

    /// A plain integer value.
    package func integer(_ key: String) -> Int? {
        guard let value = self[key] else { return nil }
        guard let number = Literals.integer(value) else {
            sink.error(
                .expectedInteger, "'\(key)' must be an integer, found \(value.kindDescription)",
                at: value.location)
            return nil
        }
        return number
    }

    /// A plain `true` or `false`; other spellings (`yes`, `on`) are reported with the one meant.
    package func boolean(_ key: String) -> Bool? {
        guard let value = self[key] else { return nil }
        guard let flag = Literals.boolean(value) else {
            let hint = value.scalarText.flatMap(Literals.booleanSuggestion).map { "; did you mean \($0)?" } ?? ""
            sink.error(
                .expectedBoolean,
                "'\(key)' in \(what) must be true or false, found \(value.kindDescription)\(hint)",
                at: value.location)
            return nil
        }
        return flag
    }
}

/// The naming rule for tables, inputs, outputs and rule ids.
package enum Names {
    @inlinable
    package static func isValid(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}

/// How plain YAML scalars read as integers and booleans. Quoted scalars are always strings.
///
/// Inlinable, as are ``Names/isValid(_:)`` and ``YAMLNode``'s scalar accessors: loaders in other
/// modules call them for every cell of a table.
package enum Literals {
    /// A plain scalar spelling a decimal integer that fits in `Int`.
    @inlinable
    package static func integer(_ node: YAMLNode) -> Int? {
        guard case .scalar(let text, quoted: false) = node.content else { return nil }
        return integer(text)
    }

    /// `-?[0-9]+` that fits in `Int`.
    package static func integer(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { integer(utf8: $0) }
    }

    /// `-?[0-9]+` that fits in `Int`.
    @inlinable
    package static func integer(_ text: some StringProtocol) -> Int? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ integer(utf8: $0) }) { return value }
        return Array(text.utf8).withUnsafeBufferPointer { integer(utf8: $0) }
    }

    /// `-?[0-9]+` that fits in `Int`, read from its UTF-8 bytes without making a string: cells
    /// of integer columns are read through here, several per rule. Not generic, so that other
    /// modules call it rather than an unspecialised copy.
    package static func integer(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < bytes.count else { return nil }
        // Accumulated below zero, where Int.min fits.
        var value = 0
        while i < bytes.count {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, borrow) = shifted.subtractingReportingOverflow(Int(digit))
            guard !overflow, !borrow else { return nil }
            value = next
            i += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// A plain `true` or `false`.
    @inlinable
    package static func boolean(_ node: YAMLNode) -> Bool? {
        guard case .scalar(let text, quoted: false) = node.content else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// Spellings other YAML readers take for booleans, mapped to what this format expects.
    package static func booleanSuggestion(_ text: String) -> String? {
        switch text.lowercased() {
        case "true", "yes", "y", "on": "true"
        case "false", "no", "n", "off": "false"
        default: nil
        }
    }
}
