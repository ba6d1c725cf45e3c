import DecisionTable
import Diagnostics

/// Builds the engine's tables from a DMN `definitions` element, collecting diagnostics.
struct ModelBuilder {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, notes: notes))
    }

    /// A decision table as read, before its cells are coded.
    struct DraftTable {
        var decision: XMLElementNode
        var name: String
        var element: XMLElementNode
        var hitPolicy: HitPolicy
        var inputs: [DraftInput]
        var outputs: [DraftOutput]
        var rules: [DraftRule]
        var failed = false
    }

    struct DraftInput {
        var name: String
        var label: String?
        var kind: ColumnKind
        var producer: String?
        /// Allowed values: the strings of an enumeration, or a range for numbers.
        var allowed: UnaryTests?
        var location: SourceLocation
    }

    struct DraftOutput {
        var dmnName: String?
        var slot: String
        var kind: ColumnKind
        var values: [String]?
        var description: String?
        var defaultValue: Value?
        var location: SourceLocation
    }

    struct DraftRule {
        var id: String
        var description: String?
        var cells: [(tests: UnaryTests, text: String, location: SourceLocation)]
        var outputs: [(value: Value, location: SourceLocation)]
        var location: SourceLocation
    }

    mutating func build(_ root: XMLElementNode, declaresDMN: Bool) -> ([TableDefinition], [DMNDecision]) {
        let start = root.location
        guard root.name == "definitions", DMNReader.namespaces.contains(root.namespace) || declaresDMN else {
            error(
                .dmnNamespace,
                "not a DMN model: the root element is <\(root.name)> in namespace '\(root.namespace)' "
                    + "(expected <definitions> in a DMN 1.1 to 1.5 namespace)", at: start)
            return ([], [])
        }
        let items = ItemDefinitions(root)
        var inputData: [String: (name: String, typeRef: String?)] = [:]
        var inputNames: Set<String> = []
        for element in root.children("inputData") {
            guard let name = element.attributes["name"] else { continue }
            inputNames.insert(name)
            if let id = element.attributes["id"] { inputData[id] = (name, element.child("variable")?.attributes["typeRef"]) }
        }
        let inputTypes = Dictionary(inputData.values.map { ($0.name, $0.typeRef) }, uniquingKeysWith: { a, _ in a })
        for kind in ["businessKnowledgeModel", "decisionService"] {
            for element in root.children(kind) {
                error(
                    .dmnUnsupported,
                    "\(kind == "decisionService" ? "decision service" : "business knowledge model") '\(element.attributes["name"] ?? "?")' is not supported (only decision tables are)",
                    at: element.location)
            }
        }
        // Decisions with table logic, and the engine name of each output.
        var drafts: [DraftTable] = []
        var decisionOutputs: [String: [DraftOutput]] = [:]
        var decisionTypes: [String: String] = [:]
        for decision in root.children("decision") {
            let name = decision.attributes["name"] ?? decision.attributes["id"] ?? "decision"
            guard let table = decision.child("decisionTable") else {
                let logic = decision.children.first {
                    ![
                        "variable", "informationRequirement", "knowledgeRequirement",
                        "authorityRequirement", "description", "question",
                        "allowedAnswers", "extensionElements", "supportedObjective",
                        "impactedPerformanceIndicator", "decisionMaker", "decisionOwner",
                        "usingProcess", "usingTask",
                    ].contains($0.name)
                }
                error(
                    .dmnUnsupported,
                    logic.map { "decision '\(name)' is a <\($0.name)>; only decision tables are supported" }
                        ?? "decision '\(name)' has no decision logic",
                    at: logic?.location ?? decision.location)
                continue
            }
            decisionTypes[name] = decision.child("variable")?.attributes["typeRef"]
            let outputs = draftOutputs(table, decision: name, typeRef: decisionTypes[name], items: items)
            decisionOutputs[name] = outputs
            drafts.append(
                DraftTable(
                    decision: decision, name: name, element: table,
                    hitPolicy: hitPolicy(table) ?? .unique, inputs: [], outputs: outputs, rules: []))
        }
        // Output names shared by two decisions, or by an input, are qualified by their decision.
        var slotCount: [String: Int] = [:]
        for outputs in decisionOutputs.values { for output in outputs { slotCount[output.slot, default: 0] += 1 } }
        for d in drafts.indices {
            for o in drafts[d].outputs.indices {
                let slot = drafts[d].outputs[o].slot
                if slotCount[slot]! > 1 || (inputNames.contains(slot) && slot != drafts[d].name) {
                    drafts[d].outputs[o].slot = drafts[d].name + "." + (drafts[d].outputs[o].dmnName ?? slot)
                }
            }
            decisionOutputs[drafts[d].name] = drafts[d].outputs
        }
        for d in drafts.indices {
            drafts[d].inputs = draftInputs(
                drafts[d], inputNames: inputNames, inputTypes: inputTypes,
                decisionOutputs: decisionOutputs, drafts: drafts, items: items,
                failed: &drafts[d].failed)
            drafts[d].rules = draftRules(drafts[d], failed: &drafts[d].failed)
        }
        let tables = TableAssembler(drafts: drafts).assemble(into: &self)
        let ordered = order(tables)
        let decisions = ordered.compactMap { table -> DMNDecision? in
            guard let draft = drafts.first(where: { $0.name == table.name }) else { return nil }
            return DMNDecision(name: draft.name, table: draft.name, outputs: draft.outputs.map { ($0.dmnName, $0.slot) })
        }
        return (ordered, decisions)
    }

    // MARK: Hit policy

    mutating func hitPolicy(_ table: XMLElementNode) -> HitPolicy? {
        let written = table.attributes["hitPolicy"]?.trimmingWhitespace.uppercased() ?? "UNIQUE"
        switch written {
        case "UNIQUE": return .unique
        case "FIRST": return .first
        case "PRIORITY": return .priority
        case "ANY": return .any
        case "RULE ORDER": return .ruleOrder
        case "OUTPUT ORDER": return .outputOrder
        case "COLLECT":
            switch table.attributes["aggregation"]?.trimmingWhitespace.uppercased() {
            case nil: return .collect(nil)
            case "SUM": return .collect(.sum)
            case "MIN": return .collect(.min)
            case "MAX": return .collect(.max)
            case "COUNT": return .collect(.count)
            case let other?:
                error(.dmnUnknown, "'\(other)' is not an aggregation (expected SUM, MIN, MAX or COUNT)", at: table.location)
                return nil
            }
        default:
            error(
                .dmnUnknown,
                "'\(written)' is not a hit policy (expected UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER or OUTPUT ORDER)",
                at: table.location)
            return nil
        }
    }

    // MARK: Outputs

    mutating func draftOutputs(_ table: XMLElementNode, decision: String, typeRef: String?, items: ItemDefinitions) -> [DraftOutput] {
        let elements = table.children("output")
        if elements.isEmpty { error(.dmnMissing, "decision table '\(decision)' has no output", at: table.location) }
        var outputs: [DraftOutput] = []
        for element in elements {
            let name = element.attributes["name"]
            if elements.count > 1, name == nil {
                error(.dmnMissing, "an output of a table with several outputs needs a 'name'", at: element.location)
            }
            var type = element.attributes["typeRef"]
            if type == nil, elements.count == 1 { type = typeRef }
            if type == nil, let name, let typeRef { type = items.items[typeRef]?.components[name] }
            var values: [String]?
            var kind = items.resolve(type)?.kind
            if let text = element.child("outputValues")?.expressionText, !text.trimmingWhitespace.isEmpty {
                let location = element.child("outputValues")!.location
                do {
                    let tests = try FEELReader.unaryTests(text)
                    let strings = tests.items.compactMap { if case .string(let s) = $0 { s } else { nil } }
                    if strings.count == tests.items.count, !tests.negated {
                        values = strings
                        kind = kind ?? .string
                    } else {
                        error(.dmnUnsupported, "output values other than a list of strings are not supported", at: location)
                    }
                } catch {
                    self.error(.dmnUnsupported, "\(error.construct) is not supported in output values", at: location)
                }
            }
            if type != nil, items.resolve(type) == nil {
                error(
                    .dmnUnsupported, "the type '\(type!)' is not supported (expected string, number, boolean, or an item definition of them)",
                    at: element.location)
            }
            var output = DraftOutput(
                dmnName: name, slot: name ?? decision, kind: kind ?? .string, values: values,
                description: element.child("description")?.text.trimmingWhitespace,
                defaultValue: nil, location: element.location)
            // The kind, when no type says it, is settled from the rules' entries by the assembler.
            if kind == nil { output.kind = Self.inferredOutputKind(table, index: outputs.count) ?? .string }
            if let text = element.child("defaultOutputEntry")?.expressionText {
                output.defaultValue = literal(text, for: output, at: element.child("defaultOutputEntry")!.location)
            }
            outputs.append(output)
        }
        return outputs
    }

    static func inferredOutputKind(_ table: XMLElementNode, index: Int) -> ColumnKind? {
        for rule in table.children("rule") {
            let entries = rule.children("outputEntry")
            guard index < entries.count, let text = entries[index].expressionText,
                let item = try? FEELReader.literal(text)
            else { continue }
            return ColumnKind.of(item)
        }
        return nil
    }

    /// An output entry's value, checked against the output's kind and values.
    mutating func literal(_ text: String, for output: DraftOutput, at location: SourceLocation) -> Value? {
        let item: FEELItem
        do { item = try FEELReader.literal(text) } catch {
            self.error(.dmnUnsupported, "\(error.construct) is not supported in an output entry (expected a literal)", at: location)
            return nil
        }
        switch (item, output.kind) {
        case (.string(let s), .string):
            if let values = output.values, !values.contains(s) {
                self.error(
                    .dmnValue, "\"\(s)\" is not one of the output values of '\(output.slot)' (\(values.map { "\"\($0)\"" }.joined(separator: ", ")))",
                    at: location)
                return nil
            }
            return .string(s)
        case (.boolean(let flag), .boolean): return .boolean(flag)
        case (.number(let intervals), .number): return .number(intervals[0].lower!)
        case (.number(let intervals), .integer):
            if let n = intervals[0].lower?.integerValue { return .integer(n) }
            self.error(.dmnType, "'\(text.trimmingWhitespace)' is not an integer", at: location)
            return nil
        default:
            self.error(.dmnType, "'\(text.trimmingWhitespace)' does not fit output '\(output.slot)' (\(output.kind))", at: location)
            return nil
        }
    }

    // MARK: Inputs

    mutating func draftInputs(
        _ draft: DraftTable, inputNames: Set<String>, inputTypes: [String: String?],
        decisionOutputs: [String: [DraftOutput]], drafts: [DraftTable], items: ItemDefinitions, failed: inout Bool
    ) -> [DraftInput] {
        var inputs: [DraftInput] = []
        for element in draft.element.children("input") {
            let expression = element.child("inputExpression")
            let text = expression?.expressionText?.trimmingWhitespace ?? ""
            let location = expression?.location ?? element.location
            var name: String?
            var producer: String?
            var producedKind: ColumnKind?
            var producedValues: [String]?
            if inputNames.contains(text) {
                name = text
            } else if let outputs = decisionOutputs[text] {
                if outputs.count == 1 {
                    (name, producer, producedKind, producedValues) = (outputs[0].slot, text, outputs[0].kind, outputs[0].values)
                } else {
                    error(
                        .dmnUnsupported,
                        "input '\(text)' reads the whole of decision '\(text)', which has several outputs; read one of them ('\(text).\(outputs[0].dmnName ?? "")')",
                        at: location)
                }
            } else if let dot = text.lastIndex(of: "."), let outputs = decisionOutputs[String(text[..<dot])],
                let output = outputs.first(where: { $0.dmnName == String(text[text.index(after: dot)...]) })
            {
                (name, producer, producedKind, producedValues) = (output.slot, String(text[..<dot]), output.kind, output.values)
            } else if let (decision, output) = decisionOutputs.lazy.compactMap({ d, outputs in outputs.first { $0.slot == text }.map { (d, $0) } })
                .first
            {
                (name, producer, producedKind, producedValues) = (output.slot, decision, output.kind, output.values)
            } else {
                error(
                    .dmnUnsupported,
                    text.isEmpty
                        ? "an input needs an input expression naming an input data or a decision"
                        : "\(FEELReader.describe(text)) is not supported as an input expression (expected the name of an input data or of a decision)",
                    at: location)
            }
            guard let name else {
                failed = true
                continue
            }
            if let producer, let hit = drafts.first(where: { $0.name == producer })?.hitPolicy {
                if hit.yieldsLists {
                    error(.dmnUnsupported, "input '\(text)' reads decision '\(producer)', whose hit policy yields a list", at: location)
                    failed = true
                    continue
                }
                if case .collect(.some) = hit, producedKind == .number {
                    error(
                        .dmnUnsupported,
                        "input '\(text)' reads the aggregated number of decision '\(producer)'; reading aggregations across decisions is not supported",
                        at: location)
                    failed = true
                    continue
                }
            }
            let typeRef = expression?.attributes["typeRef"] ?? (inputTypes[name] ?? nil)
            var resolved = items.resolve(typeRef)
            if typeRef != nil, resolved == nil {
                error(
                    .dmnUnsupported,
                    "the type '\(typeRef!)' of input '\(text)' is not supported (expected string, number, boolean, or an item definition of them)",
                    at: location)
                failed = true
                continue
            }
            if resolved == nil, let producedKind { resolved = ResolvedType(kind: producedKind) }
            let kind = resolved?.kind ?? inferredInputKind(draft.element, index: inputs.count) ?? .string
            var allowed: UnaryTests?
            let valuesElement = element.child("inputValues")
            if let allowedText = valuesElement?.expressionText ?? resolved?.allowedValues,
                !allowedText.trimmingWhitespace.isEmpty
            {
                let allowedLocation = valuesElement?.location ?? resolved?.allowedLocation ?? location
                do { allowed = try FEELReader.unaryTests(allowedText) } catch {
                    self.error(.dmnUnsupported, "\(error.construct) is not supported in input values", at: allowedLocation)
                }
            } else if let producedValues, kind == .string {
                allowed = UnaryTests(isWildcard: false, negated: false, items: producedValues.map(FEELItem.string))
            }
            let label = element.attributes["label"]
            let description = element.child("description")?.text.trimmingWhitespace ?? (label == name ? nil : label)
            inputs.append(
                DraftInput(
                    name: name, label: description, kind: kind, producer: producer,
                    allowed: allowed, location: element.location))
        }
        return inputs
    }

    func inferredInputKind(_ table: XMLElementNode, index: Int) -> ColumnKind? {
        for rule in table.children("rule") {
            let entries = rule.children("inputEntry")
            guard index < entries.count, let text = entries[index].expressionText,
                let tests = try? FEELReader.unaryTests(text), let item = tests.items.first
            else { continue }
            return ColumnKind.of(item)
        }
        return nil
    }

    // MARK: Rules

    mutating func draftRules(_ draft: DraftTable, failed: inout Bool) -> [DraftRule] {
        var rules: [DraftRule] = []
        let inputCount = draft.element.children("input").count
        for (index, element) in draft.element.children("rule").enumerated() {
            let inputEntries = element.children("inputEntry")
            let outputEntries = element.children("outputEntry")
            guard inputEntries.count == inputCount, outputEntries.count == draft.outputs.count else {
                error(
                    .dmnShape,
                    "rule \(index + 1) of '\(draft.name)' has \(inputEntries.count) input entries and \(outputEntries.count) output entries; "
                        + "the table has \(inputCount) inputs and \(draft.outputs.count) outputs",
                    at: element.location)
                failed = true
                continue
            }
            var cells: [(tests: UnaryTests, text: String, location: SourceLocation)] = []
            var valid = true
            for entry in inputEntries {
                let text = entry.expressionText ?? "-"
                do {
                    cells.append((try FEELReader.unaryTests(text), text.trimmingWhitespace, entry.location))
                } catch {
                    self.error(
                        .dmnUnsupported,
                        "\(error.construct) is not supported in an input entry (expected S-FEEL: literals, lists, comparisons, ranges, not(...) or -)",
                        at: entry.location)
                    valid = false
                }
            }
            var outputs: [(value: Value, location: SourceLocation)] = []
            for (o, entry) in outputEntries.enumerated() {
                if let value = literal(entry.expressionText ?? "", for: draft.outputs[o], at: entry.location) {
                    outputs.append((value, entry.location))
                } else {
                    valid = false
                }
            }
            guard valid else {
                failed = true
                continue
            }
            let id = element.attributes["id"] ?? "rule-\(index + 1)"
            let description = element.child("description")?.text.trimmingWhitespace
            rules.append(
                DraftRule(
                    id: id, description: description?.isEmpty == false ? description : nil,
                    cells: cells, outputs: outputs, location: element.location))
        }
        return rules
    }

    // MARK: Order

    /// The tables in evaluation order: each after the tables it reads. A cycle is reported.
    mutating func order(_ tables: [TableDefinition]) -> [TableDefinition] {
        var ordered: [TableDefinition] = []
        var placed: Set<String> = []
        var remaining = tables
        let names = Set(tables.map(\.name))
        while !remaining.isEmpty {
            guard
                let next = remaining.firstIndex(where: { table in
                    table.inputs.allSatisfy { input in
                        guard let producer = input.producer else { return true }
                        return placed.contains(producer) || !names.contains(producer)
                    }
                })
            else {
                for table in remaining {
                    error(
                        .dmnCycle, "decision '\(table.name)' depends on itself through its information requirements",
                        at: table.location)
                }
                break
            }
            placed.insert(remaining[next].name)
            ordered.append(remaining.remove(at: next))
        }
        return ordered
    }
}

extension ResolvedType {
    init(kind: ColumnKind) {
        self.init(kind: kind, allowedValues: nil, allowedLocation: nil)
    }
}
