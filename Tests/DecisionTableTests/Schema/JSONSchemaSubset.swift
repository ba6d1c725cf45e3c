import DecisionTable
import Foundation
import JSONLines

/// A JSON Schema (draft 2020-12) validator for the keywords `rules/schema/rules.schema.json`
/// uses, and no others, so that the tests can hold the schema to the loader without a network
/// or a package dependency.
///
/// A schema with any other keyword is refused when the validator is made: a validator that
/// skipped a keyword it does not know would accept whatever that keyword was meant to reject.
struct JSONSchemaSubset {
    /// A value that breaks the schema.
    struct Failure: Hashable, CustomStringConvertible {
        /// A JSON Pointer to the value ("" for the whole document).
        var path: String
        var message: String

        var description: String { "\(path.isEmpty ? "/" : path): \(message)" }
    }

    /// A schema this validator cannot apply faithfully.
    struct UnsupportedSchema: Error, CustomStringConvertible {
        /// Where in the schema, as a JSON Pointer fragment ("#/$defs/name").
        var path: String
        var reason: String

        var description: String { "\(path): \(reason)" }
    }

    /// The keywords that constrain a value.
    static let assertions: Set<String> = [
        "type", "enum", "const", "pattern", "minLength", "minItems", "uniqueItems", "items",
        "properties", "required", "additionalProperties", "propertyNames",
        "anyOf", "oneOf", "not", "$ref",
    ]
    /// The keywords that only inform an editor or a reader: they never fail a value.
    static let annotations: Set<String> = ["$schema", "$id", "$comment", "$defs", "title", "description"]
    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    let root: JSONValue

    /// Checks that `schema` uses only the keywords this validator applies, each well formed.
    /// - Throws: ``UnsupportedSchema`` naming the first keyword or value it cannot apply.
    init(_ schema: JSONValue) throws(UnsupportedSchema) {
        root = schema
        try check(schema, at: "#")
    }

    /// Every place where `instance` breaks the schema; empty when it conforms.
    func validate(_ instance: JSONValue) -> [Failure] {
        validate(instance, against: root, at: "")
    }

    // MARK: - Checking the schema

    private func check(_ schema: JSONValue, at path: String) throws(UnsupportedSchema) {
        func fail(_ reason: String) -> UnsupportedSchema { UnsupportedSchema(path: path, reason: reason) }
        if case .bool = schema { return }
        guard case .object(let pairs) = schema else { throw fail("a schema must be an object or a boolean") }
        for (keyword, value) in pairs {
            let here = "\(path)/\(keyword)"
            guard Self.assertions.contains(keyword) || Self.annotations.contains(keyword) else {
                throw fail("unsupported keyword '\(keyword)'")
            }
            switch keyword {
            case "type":
                let names: [JSONValue] = if case .array(let items) = value { items } else { [value] }
                for name in names {
                    guard case .string(let text) = name, Self.typeNames.contains(text) else {
                        throw fail("'type' names an unknown type: \(name)")
                    }
                }
            case "enum":
                guard case .array = value else { throw fail("'enum' must be an array") }
            case "pattern":
                guard case .string(let text) = value, (try? Regex(text)) != nil else {
                    throw fail("'pattern' must be a regular expression")
                }
            case "minLength", "minItems":
                guard case .integer(let number) = value, number >= 0 else {
                    throw fail("'\(keyword)' must be a non-negative integer")
                }
            case "uniqueItems":
                guard case .bool = value else { throw fail("'uniqueItems' must be a boolean") }
            case "required":
                guard case .array(let names) = value,
                    names.allSatisfy({ if case .string = $0 { true } else { false } })
                else {
                    throw fail("'required' must be an array of strings")
                }
            case "properties", "$defs":
                guard case .object(let members) = value else { throw fail("'\(keyword)' must be an object") }
                for (name, member) in members { try check(member, at: "\(here)/\(name)") }
            case "items", "additionalProperties", "propertyNames", "not":
                try check(value, at: here)
            case "anyOf", "oneOf":
                guard case .array(let members) = value, !members.isEmpty else {
                    throw fail("'\(keyword)' must be a non-empty array")
                }
                for (index, member) in members.enumerated() { try check(member, at: "\(here)/\(index)") }
            case "$ref":
                guard case .string(let reference) = value, resolve(reference) != nil else {
                    throw fail("'$ref' must point into #/$defs; found \(value)")
                }
            default:
                break
            }
        }
    }

    /// The schema a `#/$defs/NAME` reference names; no other references are supported.
    private func resolve(_ reference: String) -> JSONValue? {
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix) else { return nil }
        return root["$defs"]?[String(reference.dropFirst(prefix.count))]
    }

    // MARK: - Validating a value

    private func validate(_ value: JSONValue, against schema: JSONValue, at path: String) -> [Failure] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return [Failure(path: path, message: "no value is allowed here")]
        default: break
        }
        guard case .object(let keywords) = schema else { return [] }
        var failures: [Failure] = []
        func fail(_ message: String) { failures.append(Failure(path: path, message: message)) }
        for (keyword, argument) in keywords {
            switch (keyword, argument, value) {
            case ("type", _, _):
                let names: [JSONValue] = if case .array(let items) = argument { items } else { [argument] }
                if !names.contains(where: { if case .string(let name) = $0 { Self.has(value, type: name) } else { false } }) {
                    fail("\(value.kindDescription) is not of type \(argument)")
                }
            case ("enum", .array(let allowed), _):
                if !allowed.contains(where: { Self.equal($0, value) }) { fail("\(value) is not one of \(argument)") }
            case ("const", _, _):
                if !Self.equal(argument, value) { fail("\(value) is not \(argument)") }
            case ("pattern", .string(let pattern), .string(let text)):
                // Unanchored, as ECMA-262 `test` is: the schema writes `^…$` where it means the whole text.
                if let regex = try? Regex(pattern), text.firstMatch(of: regex) == nil {
                    fail("'\(text)' does not match \(pattern)")
                }
            case ("minLength", .integer(let minimum), .string(let text)):
                // Code points, as JSON Schema counts them.
                if text.unicodeScalars.count < minimum { fail("'\(text)' is shorter than \(minimum)") }
            case ("minItems", .integer(let minimum), .array(let items)):
                if items.count < minimum { fail("the array has \(items.count) items, fewer than \(minimum)") }
            case ("uniqueItems", .bool(true), .array(let items)):
                for (index, item) in items.enumerated() where items[..<index].contains(where: { Self.equal($0, item) }) {
                    fail("item \(index) repeats an earlier item")
                }
            case ("items", _, .array(let items)):
                for (index, item) in items.enumerated() {
                    failures += validate(item, against: argument, at: "\(path)/\(index)")
                }
            case ("properties", .object(let properties), .object(let members)):
                for (name, member) in members {
                    if let property = properties.first(where: { $0.0 == name })?.1 {
                        failures += validate(member, against: property, at: Self.pointer(path, name))
                    }
                }
            case ("required", .array(let names), .object(let members)):
                for case .string(let name) in names where !members.contains(where: { $0.0 == name }) {
                    fail("'\(name)' is required")
                }
            case ("additionalProperties", _, .object(let members)):
                var declared: [String] = []
                if case .object(let properties)? = schema["properties"] { declared = properties.map(\.0) }
                for (name, member) in members where !declared.contains(name) {
                    if case .bool(false) = argument {
                        fail("'\(name)' is not an allowed key")
                    } else {
                        failures += validate(member, against: argument, at: Self.pointer(path, name))
                    }
                }
            case ("propertyNames", _, .object(let members)):
                for (name, _) in members where !validate(.string(name), against: argument, at: path).isEmpty {
                    fail("the key '\(name)' is not allowed by propertyNames")
                }
            case ("anyOf", .array(let alternatives), _):
                let results = alternatives.map { validate(value, against: $0, at: path) }
                if !results.contains(where: \.isEmpty) {
                    fail(
                        "matches none of anyOf: "
                            + results.map { $0.map(\.description).joined(separator: ", ") }
                            .joined(separator: " | "))
                }
            case ("oneOf", .array(let alternatives), _):
                let matches = alternatives.filter { validate(value, against: $0, at: path).isEmpty }.count
                if matches != 1 { fail("matches \(matches) of oneOf's alternatives, not exactly one") }
            case ("not", _, _):
                if validate(value, against: argument, at: path).isEmpty { fail("\(value) matches a 'not' schema") }
            case ("$ref", .string(let reference), _):
                // Checked in init; a sibling keyword applies as well, as 2020-12 says.
                if let target = resolve(reference) { failures += validate(value, against: target, at: path) }
            default:
                // An annotation, or an assertion that does not apply to this kind of value.
                break
            }
        }
        return failures
    }

    private static func has(_ value: JSONValue, type name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("integer", .integer), ("number", .integer), ("number", .number), ("number", .decimal):
            true
        case ("integer", .number(let number)):
            number.rounded() == number
        case ("integer", .decimal(let digits)):
            Double(digits).map { $0.rounded() == $0 } ?? false
        default:
            false
        }
    }

    /// JSON equality: numbers by value (`1` equals `1.0`), objects regardless of key order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .number(let y)), (.number(let y), .integer(let x)): Double(x) == y
        case (.integer(let x), .decimal(let y)), (.decimal(let y), .integer(let x)): Double(y) == Double(x)
        case (.array(let x), .array(let y)): x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            x.count == y.count && x.allSatisfy { key, member in y.contains { $0.0 == key && equal($0.1, member) } }
        default: a == b
        }
    }

    private static func pointer(_ path: String, _ key: String) -> String {
        path + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
