import Diagnostics
import YAMLLoading

/// A table whose inputs and outputs are read, waiting for chained domains before its rules.
struct TableHeader {
    /// The table's position in the file's `tables` list.
    var position: Int
    var table: TableDefinition
    var nameLocation: SourceLocation
    /// The domain each input declares, or nil where it inherits from the producing table.
    var declaredDomains: [Domain?]
    var rules: RuleList
    /// Columns whose definition has an error already reported (a domain that did not parse,
    /// a column dropped): their cells are not checked, so that one mistake is reported once.
    var uncheckedColumns: Set<String> = []
    /// For `type: number` inputs (by index), their declared `min` and `max`.
    var numberBounds: [Int: (min: DecimalNumber?, max: DecimalNumber?)] = [:]
}

/// Reads a table's name, hit policy, inputs and outputs.
struct TableHeaderDecoder {
    let sink: DiagnosticSink

    static let tableKeys = ["name", "description", "hit", "gaps", "inputs", "outputs", "rules"]
    static let inputKeys = ["name", "description", "type", "values", "min", "max", "labels"]
    static let outputKeys = ["name", "description", "type", "values", "default", "labels"]

    /// Reads the table at `node`, whose `rules` list (left out of `node`) is `rules`.
    func decode(_ node: YAMLNode, position: Int, rules: RuleList) -> TableHeader? {
        guard let reader = MappingReader(node, what: "a table", allowed: Self.tableKeys, sink: sink) else {
            return nil
        }
        let name = reader.name("name")
        let description = reader.text("description")
        let hit = hitPolicy(reader["hit"])
        let gapsAllowed = gaps(reader["gaps"])
        let inputNodes = reader.list("inputs") ?? []
        let outputNodes = reader.list("outputs") ?? []
        // Read for its problems (missing, not a list); the rules themselves are in `rules`.
        _ = reader.list("rules")
        var inputs: [InputDefinition] = []
        var declared: [Domain?] = []
        var names: [String: SourceLocation] = [:]
        var unchecked: Set<String> = []
        var numberBounds: [Int: (min: DecimalNumber?, max: DecimalNumber?)] = [:]
        for inputNode in inputNodes {
            guard let (input, domain, domainFailed) = self.input(inputNode) else {
                if let name = Self.writtenName(inputNode) { unchecked.insert(name) }
                continue
            }
            if let first = names[input.name] {
                sink.error(
                    .duplicateName, "the table already has a column named '\(input.name)'",
                    at: input.location, notes: [Note("the first is here", at: first)])
                continue
            }
            names[input.name] = input.location
            if domainFailed { unchecked.insert(input.name) }
            if case .numbers? = input.coding { numberBounds[inputs.count] = numberBound(inputNode, report: false) }
            inputs.append(input)
            declared.append(domain)
        }
        var outputs: [OutputDefinition] = []
        for outputNode in outputNodes {
            guard let output = self.output(outputNode) else {
                if let name = Self.writtenName(outputNode) { unchecked.insert(name) }
                continue
            }
            if let first = names[output.name] {
                sink.error(
                    .duplicateName, "the table already has a column named '\(output.name)'",
                    at: output.location, notes: [Note("the first is here", at: first)])
                // An output named like an input makes that input ambiguous too.
                if inputs.contains(where: { $0.name == output.name }) { unchecked.insert(output.name) }
                continue
            }
            names[output.name] = output.location
            outputs.append(output)
        }
        if outputNodes.isEmpty, reader["outputs"] != nil {
            sink.error(.missingKey, "a table needs at least one output", at: reader["outputs"]!.location)
        }
        guard let (tableName, nameLocation) = name else { return nil }
        // A hit policy that did not read is reported once; the table keeps its columns, so
        // that the tables reading its outputs are not reported for its mistake. Its own
        // error keeps it out of analysis and evaluation.
        if let hit { checkHitPolicy(hit, outputs: outputs, at: reader["hit"]?.location ?? node.location) }
        let table = TableDefinition(
            name: tableName, description: description, location: node.location, hitPolicy: hit ?? .unique,
            gapsAllowed: gapsAllowed, inputs: inputs, outputs: outputs, rules: [])
        return TableHeader(
            position: position, table: table, nameLocation: nameLocation,
            declaredDomains: declared, rules: rules, uncheckedColumns: unchecked,
            numberBounds: numberBounds)
    }

    /// The names of the outputs a table's mapping spells, valid or not: when the table itself
    /// cannot be read, inputs of other tables reading them are not reported again.
    static func writtenOutputNames(_ node: YAMLNode) -> [String] {
        guard case .mapping(let pairs) = node.content,
            case .sequence(let outputs)? = pairs.first(where: { $0.key == "outputs" })?.value.content
        else { return [] }
        return outputs.compactMap(writtenName)
    }

    /// The `name` a column's mapping spells, valid or not, for skipping its cells.
    private static func writtenName(_ node: YAMLNode) -> String? {
        guard case .mapping(let pairs) = node.content else { return nil }
        return pairs.first { $0.key == "name" }?.value.scalarText
    }

    private static let policies: [String: HitPolicy] = [
        "unique": .unique, "first": .first, "priority": .priority, "any": .any,
        "collect": .collect(nil), "rule-order": .ruleOrder, "output-order": .outputOrder,
    ]

    private func hitPolicy(_ node: YAMLNode?) -> HitPolicy? {
        guard let node else { return .unique }
        let names = ["unique", "first", "priority", "any", "collect", "rule-order", "output-order"]
        switch node.content {
        case .scalar(let text, _):
            if let policy = Self.policies[text] { return policy }
            sink.error(
                .unknownValue,
                "'\(text)' is not a hit policy (expected one of: \(names.joined(separator: ", ")))"
                    + Suggestion.clause(for: text, in: names),
                at: node.location)
            return nil
        case .mapping(let pairs) where pairs.count == 1 && pairs[0].key == "collect":
            let aggregations = HitPolicy.Aggregation.allCases.map(\.rawValue)
            let value = pairs[0].value
            if let text = value.scalarText, let aggregation = HitPolicy.Aggregation(rawValue: text) {
                return .collect(aggregation)
            }
            sink.error(
                .unknownValue,
                "'\(CellText.render(value))' is not an aggregation (expected one of: "
                    + aggregations.joined(separator: ", ") + ")"
                    + Suggestion.clause(for: value.scalarText ?? "", in: aggregations),
                at: value.location)
            return nil
        default:
            sink.error(
                .unknownValue,
                "'hit' takes a policy (\(names.joined(separator: ", "))) or {collect: sum|min|max|count}",
                at: node.location)
            return nil
        }
    }

    private func gaps(_ node: YAMLNode?) -> Bool {
        guard let node else { return false }
        if let text = node.scalarText, text == "allowed" || text == "error" { return text == "allowed" }
        sink.error(
            .unknownValue, "'gaps' takes 'allowed' or 'error', found \(node.kindDescription)",
            at: node.location)
        return false
    }

    private func checkHitPolicy(_ hit: HitPolicy, outputs: [OutputDefinition], at location: SourceLocation) {
        switch hit {
        case .priority, .outputOrder:
            if !outputs.contains(where: { if case .enumeration = $0.type { true } else { false } }) {
                sink.error(
                    .invalidHitPolicy,
                    "a \(hit) table needs an output with 'values': their order is the priority",
                    at: location)
            }
        case .collect(let aggregation?):
            for output in outputs where output.type != .integer && output.type != .number {
                sink.error(
                    .invalidHitPolicy,
                    "collect: \(aggregation.rawValue) folds integer or number outputs, but '\(output.name)' is not an integer or a number",
                    at: output.location)
            }
        default:
            break
        }
    }

    /// An input, the domain it declares (nil when none), and whether a declared domain failed.
    private func input(_ node: YAMLNode) -> (InputDefinition, Domain?, domainFailed: Bool)? {
        guard let reader = MappingReader(node, what: "an input", allowed: Self.inputKeys, sink: sink) else {
            return nil
        }
        let name = reader.name("name")
        let description = reader.text("description")
        let type = reader.text("type")
        let domain: Domain?
        var domainFailed = false
        // With a misspelt type, 'min' or 'values' may well be right: only the type is reported.
        let typeKnown = type.map { ["integer", "boolean", "enum", "number", "string"].contains($0) } ?? true
        var coding: ColumnCoding?
        switch type {
        case nil where reader["values"] != nil, "enum":
            domain = enumValues(reader, type: type).map(Domain.enumeration)
            domainFailed = domain == nil
        case "integer":
            let low = reader.integer("min")
            let high = reader.integer("max")
            if let low, let high, low > high {
                sink.error(.invalidDomain, "'min' (\(low)) is above 'max' (\(high))", at: reader["min"]!.location)
                domainFailed = true
                // No domain holds no integer: the input is kept unbounded, so that nothing
                // after this report (chains, cells, ranges) meets an empty range.
                domain = .integer(min: nil, max: nil)
            } else {
                domain = .integer(min: low, max: high)
            }
        case "boolean":
            domain = .boolean
        case "number":
            // The coding is settled once every table's cells are read (``ColumnCoder``).
            let bounds = numberBound(node)
            if let low = bounds.min, let high = bounds.max, low > high {
                sink.error(.invalidDomain, "'min' (\(low)) is above 'max' (\(high))", at: reader["min"]!.location)
                domainFailed = true
            }
            domain = .integer(min: nil, max: nil)
            coding = .numbers(NumberLine(boundaries: []))
        case "string":
            domain = .enumeration([])
            coding = .strings(FreeStrings(mentioned: []))
        case nil:
            // No declared domain: the input must be chained to another table's output.
            domain = nil
        case let other?:
            let types = ["integer", "number", "boolean", "enum", "string"]
            sink.error(
                .unknownValue,
                "'\(other)' is not an input type (expected one of: \(types.joined(separator: ", ")))"
                    + Suggestion.clause(for: other, in: types),
                at: reader["type"]!.location)
            // Kept, so that its cells are skipped rather than reported as an unknown column.
            domain = nil
            domainFailed = true
        }
        if type != "integer", type != "number", typeKnown {
            for key in ["min", "max"] where reader[key] != nil {
                sink.error(.unknownKey, "'\(key)' applies only to integer and number inputs", at: reader[key]!.location)
            }
        }
        if let type, type != "enum", typeKnown, let values = reader["values"] {
            sink.error(.unknownKey, "'values' applies only to enum inputs, not \(type)", at: values.location)
        }
        let labels = self.labels(reader["labels"], values: domain.map(Self.valueNames), of: "input")
        guard let (inputName, _) = name else { return nil }
        let input = InputDefinition(
            name: inputName, description: description, location: node.location,
            domain: domain ?? .boolean, producer: nil, labels: labels, coding: coding)
        return (input, domain, domainFailed)
    }

    /// A number input's `min` and `max`, reported when they are not numbers.
    private func numberBound(_ node: YAMLNode, report: Bool = true) -> (min: DecimalNumber?, max: DecimalNumber?) {
        guard case .mapping(let pairs) = node.content else { return (nil, nil) }
        func bound(_ key: String) -> DecimalNumber? {
            guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
            if let text = value.scalarText, let number = DecimalNumber(exactly: text.trimmingSpaces) { return number }
            if report {
                sink.error(
                    .typeMismatch, "'\(key)' of a number input must be a number like 2.5, found \(CellText.render(value))",
                    at: value.location)
            }
            return nil
        }
        return (bound("min"), bound("max"))
    }

    /// The values a `labels` mapping may name for a domain.
    private static func valueNames(_ domain: Domain) -> [String] {
        switch domain {
        case .boolean: ["true", "false"]
        case .enumeration(let values): values
        case .integer: []
        }
    }

    /// `labels: {true: "ON", false: "OFF"}`: the words documentation uses for a column's
    /// values. Keys must be among `names` (unchecked when nil: a chained input, whose domain
    /// is not known yet).
    private func labels(_ node: YAMLNode?, values names: [String]?, of column: String) -> [String: String] {
        guard let node else { return [:] }
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "'labels' maps values to the words documentation shows, found \(node.kindDescription)",
                at: node.location)
            return [:]
        }
        var labels: [String: String] = [:]
        for pair in pairs {
            if let names, !names.contains(pair.key) {
                sink.error(
                    .unknownValue,
                    "'\(pair.key)' is not a value of this \(column)" + Suggestion.clause(for: pair.key, in: names),
                    at: pair.keyLocation)
                continue
            }
            guard let text = pair.value.scalarText, !pair.value.isNull else {
                sink.error(.expectedText, "a label must be text, found \(pair.value.kindDescription)", at: pair.value.location)
                continue
            }
            labels[pair.key] = text
        }
        return labels
    }

    private func output(_ node: YAMLNode) -> OutputDefinition? {
        guard let reader = MappingReader(node, what: "an output", allowed: Self.outputKeys, sink: sink) else {
            return nil
        }
        let name = reader.name("name")
        let description = reader.text("description")
        let typeName = reader.text("type")
        let type: OutputType?
        switch typeName {
        case nil where reader["values"] != nil, "enum":
            type = enumValues(reader, type: typeName).map(OutputType.enumeration)
        case "string": type = .string
        case "integer": type = .integer
        case "boolean": type = .boolean
        case "number": type = .number
        case nil:
            sink.error(
                .missingKey, "an output needs 'values' or a 'type' (string, integer, number, boolean, enum)",
                at: node.location)
            type = nil
        case let other?:
            let types = ["string", "integer", "number", "boolean", "enum"]
            sink.error(
                .unknownValue,
                "'\(other)' is not an output type (expected one of: \(types.joined(separator: ", ")))"
                    + Suggestion.clause(for: other, in: types),
                at: reader["type"]!.location)
            type = nil
        }
        if let typeName, typeName != "enum", let values = reader["values"] {
            sink.error(.unknownKey, "'values' applies only to enum outputs, not \(typeName)", at: values.location)
        }
        let labelNames: [String]? =
            switch type {
            case .enumeration(let values)?: values
            case .boolean?: ["true", "false"]
            case .string?, .integer?, .number?: []
            case nil: nil
            }
        let labels = self.labels(reader["labels"], values: labelNames, of: "output")
        guard let (outputName, _) = name, let type else { return nil }
        var output = OutputDefinition(
            name: outputName, description: description, location: node.location,
            type: type, defaultValue: nil)
        output.labels = labels
        if let defaultNode = reader["default"] {
            output.defaultValue = OutputValueParser(output: output, sink: sink).parse(defaultNode)
            output.defaultLocation = defaultNode.location
        }
        return output
    }

    /// The `values` of an enum column: a non-empty list of distinct plain names.
    private func enumValues(_ reader: MappingReader, type: String?) -> [String]? {
        guard let items = reader.list("values") else { return nil }
        guard !items.isEmpty else {
            sink.error(
                .invalidDomain, "'values' is empty: an enum needs at least one value",
                at: reader["values"]!.location)
            return nil
        }
        var values: [String] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let text = item.scalarText, !item.isNull, !text.isEmpty else {
                sink.error(
                    .invalidDomain, "an enum value must be a plain name, found \(item.kindDescription)",
                    at: item.location)
                continue
            }
            if text == "-" {
                sink.error(
                    .invalidDomain, "'-' means 'any value' in a cell and cannot be an enum value",
                    at: item.location)
                continue
            }
            if let first = seen[text] {
                sink.error(
                    .duplicateName, "'\(text)' is listed twice", at: item.location,
                    notes: [Note("the first is here", at: first)])
                continue
            }
            seen[text] = item.location
            values.append(text)
        }
        return values
    }
}
