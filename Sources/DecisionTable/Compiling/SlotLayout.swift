/// Where each fact and output lives in the flat array of integers that evaluation works on,
/// and how values are encoded into those integers.
///
/// Facts (inputs no table produces) come first, in order of first appearance; then every
/// output. Enumerated values are their index in `values`, booleans 0 and 1, integers
/// themselves, strings an index into the output's pool of literals, numbers their code on a
/// ``NumberLine`` (the reading input's, when a table reads the output, so that the code is
/// the one its cells were compiled to; min and max stay exact because codes keep order).
struct SlotLayout: Sendable {
    /// The facts a caller must give, in slot order.
    let facts: [InputDefinition]
    /// Every output of every table, in slot order after the facts.
    let outputs: [OutputDefinition]
    private let slots: [String: Int]
    /// For string outputs, the literals by encoded index.
    let stringPools: [String: [String]]
    private let stringIndex: [String: [String: Int]]
    /// For number outputs, the line their values are coded on.
    let numberLines: [String: NumberLine]

    init(tables: [TableDefinition]) {
        var facts: [InputDefinition] = []
        var outputs: [OutputDefinition] = []
        var slots: [String: Int] = [:]
        let produced = Set(tables.flatMap { $0.outputs.map(\.name) })
        for table in tables {
            for input in table.inputs where !produced.contains(input.name) && slots[input.name] == nil {
                slots[input.name] = facts.count
                facts.append(input)
            }
        }
        var readers: [String: NumberLine] = [:]
        var stringReaders: [String: FreeStrings] = [:]
        for table in tables {
            for input in table.inputs {
                switch input.coding {
                case .numbers(let line)?: readers[input.name] = line
                case .strings(let strings)?: stringReaders[input.name] = strings
                case nil: break
                }
            }
        }
        var lines: [String: NumberLine] = [:]
        var pools: [String: [String]] = [:]
        var index: [String: [String: Int]] = [:]
        for table in tables {
            for (o, output) in table.outputs.enumerated() {
                slots[output.name] = facts.count + outputs.count
                outputs.append(output)
                if output.type == .number {
                    let literals = (table.rules.compactMap { $0.outputs[o] } + [output.defaultValue].compactMap { $0 })
                        .compactMap(\.decimalNumber)
                    lines[output.name] = readers[output.name] ?? NumberLine(boundaries: literals)
                }
                guard output.type == .string else { continue }
                // A string a table reads is coded as the reading input codes it.
                if let reader = stringReaders[output.name] {
                    pools[output.name] = reader.values
                    index[output.name] = Dictionary(reader.values.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                    continue
                }
                var pool: [String] = []
                var positions: [String: Int] = [:]
                let literals = table.rules.compactMap { $0.outputs[o] } + [output.defaultValue].compactMap { $0 }
                for case .string(let text) in literals where positions[text] == nil {
                    positions[text] = pool.count
                    pool.append(text)
                }
                pools[output.name] = pool
                index[output.name] = positions
            }
        }
        self.facts = facts
        self.outputs = outputs
        self.slots = slots
        self.stringPools = pools
        self.stringIndex = index
        self.numberLines = lines
    }

    var slotCount: Int { facts.count + outputs.count }

    func inputSlot(_ name: String) -> Int { slots[name]! }
    func outputSlot(_ name: String) -> Int { slots[name]! }
    func factSlot(_ name: String) -> Int? { slots[name].flatMap { $0 < facts.count ? $0 : nil } }

    /// Encodes a checked output value.
    func encode(_ value: Value, output: OutputDefinition) -> Int {
        switch (value, output.type) {
        case (_, .number): return numberLines[output.name]!.code(of: value.decimalNumber!)
        case (.integer(let number), _): return number
        case (.number, _): return 0
        case (.boolean(let flag), _): return flag ? 1 : 0
        case (.string(let text), .enumeration(let values)): return values.firstIndex(of: text)!
        case (.string(let text), _): return stringIndex[output.name]![text]!
        }
    }

    /// Decodes an output's encoded value.
    func decode(_ encoded: Int, output: OutputDefinition) -> Value {
        switch output.type {
        case .integer: .integer(encoded)
        case .boolean: .boolean(encoded != 0)
        case .enumeration(let values): .string(values[encoded])
        case .string: .string(stringPools[output.name]![encoded])
        case .number: .number(numberLines[output.name]!.example(of: encoded))
        }
    }

    /// Decodes a fact's encoded value in the input's own terms: a number for a number
    /// column (a boundary, or a number inside the open interval the code stands for), a
    /// string for a free string column (an unmentioned one for "any other").
    static func decode(_ encoded: Int, input: InputDefinition) -> Value {
        switch input.coding {
        case .numbers(let line)?: .number(line.example(of: encoded))
        case .strings(let strings)?: .string(strings.values[encoded])
        case nil: decode(encoded, domain: input.domain)
        }
    }

    /// Decodes a fact's encoded value.
    static func decode(_ encoded: Int, domain: Domain) -> Value {
        switch domain {
        case .integer: .integer(encoded)
        case .boolean: .boolean(encoded != 0)
        case .enumeration(let values): .string(values[encoded])
        }
    }
}
