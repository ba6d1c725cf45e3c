import DecisionTable
import Diagnostics

/// The kind of value a column holds, from a DMN `typeRef` (resolved through item
/// definitions) or inferred from the cells.
enum ColumnKind: Hashable, Sendable {
    case string
    case number
    case integer
    case boolean

    /// The FEEL (or Camunda) type names read as each kind; `feel:` prefixes are dropped.
    static func named(_ typeRef: String) -> ColumnKind? {
        let name = typeRef.split(separator: ":").last.map(String.init)?.trimmingWhitespace.lowercased() ?? ""
        switch name {
        case "string": return .string
        case "number", "double", "decimal", "float": return .number
        case "integer", "int", "long": return .integer
        case "boolean": return .boolean
        default: return nil
        }
    }

    /// The kind of a literal.
    static func of(_ item: FEELItem) -> ColumnKind {
        switch item {
        case .string: .string
        case .number: .number
        case .boolean: .boolean
        }
    }
}

/// A type named by `typeRef`: a built-in kind, with the values an item definition allows.
struct ResolvedType {
    var kind: ColumnKind
    /// `allowedValues` of the item definition, as written.
    var allowedValues: String?
    var allowedLocation: SourceLocation?
}

/// The item definitions of a model, by name.
struct ItemDefinitions {
    struct Item {
        var typeRef: String?
        var allowedValues: String?
        var allowedLocation: SourceLocation?
        var components: [String: String]
        var location: SourceLocation
    }

    var items: [String: Item] = [:]

    init(_ definitions: XMLElementNode) {
        for element in definitions.children("itemDefinition") {
            guard let name = element.attributes["name"] else { continue }
            var components: [String: String] = [:]
            for component in element.children("itemComponent") {
                if let componentName = component.attributes["name"], let typeRef = component.child("typeRef")?.text.trimmingWhitespace {
                    components[componentName] = typeRef
                }
            }
            items[name] = Item(
                typeRef: element.child("typeRef")?.text.trimmingWhitespace ?? element.attributes["typeRef"],
                allowedValues: element.child("allowedValues")?.expressionText,
                allowedLocation: element.child("allowedValues")?.location,
                components: components, location: element.location)
        }
    }

    /// The built-in kind a type name comes to, following item definitions (at most a few
    /// levels, so that a cycle ends); nil for types the reader does not take.
    func resolve(_ typeRef: String?) -> ResolvedType? {
        guard var name = typeRef?.trimmingWhitespace, !name.isEmpty else { return nil }
        var allowed: String?
        var allowedLocation: SourceLocation?
        for _ in 0..<8 {
            if let kind = ColumnKind.named(name), items[name] == nil {
                return ResolvedType(kind: kind, allowedValues: allowed, allowedLocation: allowedLocation)
            }
            guard let item = items[name], let next = item.typeRef else { return nil }
            if allowed == nil {
                allowed = item.allowedValues
                allowedLocation = item.allowedLocation
            }
            name = next
        }
        return nil
    }
}
