/// Which parts of a JSON text ``JSONParser/parse(_:selecting:)`` builds: a reader that needs a
/// few fields of each document lists them, and the rest is checked but never built.
///
/// ```swift
/// let selection = JSONSelection.fields([
///     "event": .all,
///     "data": .fields(["id": .all, "user": .fields(["email": .all])]),
/// ])
/// ```
public struct JSONSelection: Sendable {
    package enum Kind: Sendable {
        case all
        case skip
        case fields(Fields)
    }

    /// A class, so that passing a selection around retains one object, not five arrays.
    package final class Fields: Sendable {
        let names: [String]
        let selections: [JSONSelection]
        /// Each name's fingerprint, as `JSONParser` takes a plain key's, to find a key's field
        /// by comparing integers.
        let fingerprints: [UInt64]
        let utf8: [[UInt8]]
        /// Whether every name is ASCII, so that a plain key matches a name by its bytes.
        let allASCII: Bool

        init(names: [String], selections: [JSONSelection], fingerprints: [UInt64], utf8: [[UInt8]], allASCII: Bool) {
            self.names = names
            self.selections = selections
            self.fingerprints = fingerprints
            self.utf8 = utf8
            self.allASCII = allASCII
        }

        /// The selection for the value of `key`, or nil when the key is not selected.
        /// - Parameters:
        ///   - key: The key as read; a plain key (ASCII, no escape) has no text yet.
        ///   - text: The key's text, built on demand.
        ///   - bytes: The text the key was read from.
        func selection(for key: JSONParser.Key, text: () -> String, in bytes: UnsafeBufferPointer<UInt8>) -> JSONSelection? {
            // Keys match as `String`s do; for a plain key and ASCII names that is the bytes.
            if key.isPlain && allASCII {
                for k in fingerprints.indices
                where fingerprints[k] == key.fingerprint
                    && bytes[key.start..<key.end].elementsEqual(utf8[k])
                {
                    return selections[k]
                }
                return nil
            }
            let text = text()
            return names.firstIndex(of: text).map { selections[$0] }
        }
    }

    package let kind: Kind

    /// The whole value.
    public static let all = JSONSelection(kind: .all)

    /// Nothing: the value is checked, and reads as null.
    package static let skip = JSONSelection(kind: .skip)

    /// In an object, only the pairs with these keys, each value under its own selection; in an
    /// array, every element under this selection; a string, number, boolean or null as it is.
    public static func fields(_ fields: KeyValuePairs<String, JSONSelection>) -> JSONSelection {
        let utf8 = fields.map { Array($0.key.utf8) }
        return JSONSelection(
            kind: .fields(
                Fields(
                    names: fields.map(\.key), selections: fields.map(\.value),
                    fingerprints: utf8.map { $0.withUnsafeBufferPointer { JSONParser.fingerprint($0) } },
                    utf8: utf8, allASCII: utf8.allSatisfy { $0.allSatisfy { $0 < 0x80 } })))
    }

    package var isSkip: Bool {
        if case .skip = kind { return true }
        return false
    }

    /// The names and selections of ``fields(_:)``; nil for ``all`` and ``skip``.
    package var fields: Fields? {
        if case .fields(let fields) = kind { return fields }
        return nil
    }
}
