import Diagnostics

/// Links tables whose inputs read other tables' outputs, checks that the linked domains
/// agree, and orders the tables so that each runs after the tables it reads from.
struct ChainResolver {
    let sink: DiagnosticSink

    /// Gives every chained input its producer and domain, and checks free inputs that several
    /// tables share for one common domain.
    /// - Parameters:
    ///   - headers: The tables whose headers read.
    ///   - unreadOutputs: Outputs of tables whose header did not read: inputs reading them
    ///     are not reported again.
    func resolveDomains(_ headers: inout [TableHeader], unreadOutputs: Set<String> = []) {
        var producers: [String: (table: String, output: OutputDefinition, hit: HitPolicy)] = [:]
        for header in headers {
            sink.currentTable = header.position
            for output in header.table.outputs {
                if let first = producers[output.name] {
                    sink.error(
                        .duplicateOutput,
                        "output '\(output.name)' is already produced by table '\(first.table)'",
                        at: output.location, notes: [Note("the first is here", at: first.output.location)])
                } else {
                    producers[output.name] = (header.table.name, output, header.table.hitPolicy)
                }
            }
        }
        var freeInputs: [String: (domain: Domain, location: SourceLocation)] = [:]
        // Columns some table failed to define: an input reading one is not reported again.
        let broken = headers.reduce(into: unreadOutputs) { $0.formUnion($1.uncheckedColumns) }
        for h in headers.indices {
            sink.currentTable = headers[h].position
            for i in headers[h].table.inputs.indices {
                let input = headers[h].table.inputs[i]
                let declared = headers[h].declaredDomains[i]
                guard let producer = producers[input.name] else {
                    guard let declared else {
                        if !broken.contains(input.name) {
                            sink.error(
                                .missingKey,
                                "input '\(input.name)' needs 'type' or 'values' (no table produces it)",
                                at: input.location)
                        }
                        headers[h].uncheckedColumns.insert(input.name)
                        continue
                    }
                    if let first = freeInputs[input.name], first.domain != declared {
                        sink.error(
                            .domainMismatch,
                            "input '\(input.name)' is \(declared.summary) here but \(first.domain.summary) in an earlier table",
                            at: input.location, notes: [Note("declared here", at: first.location)])
                    } else if freeInputs[input.name] == nil {
                        freeInputs[input.name] = (declared, input.location)
                    }
                    continue
                }
                if producer.table == headers[h].table.name {
                    sink.error(
                        .chainCycle, "table '\(producer.table)' reads its own output '\(input.name)'",
                        at: input.location)
                    if declared == nil { headers[h].uncheckedColumns.insert(input.name) }
                    continue
                }
                if producer.hit.yieldsLists {
                    sink.error(
                        .chainList,
                        "input '\(input.name)' reads table '\(producer.table)', whose hit policy "
                            + "'\(producer.hit)' yields a list; aggregate it or use another policy",
                        at: input.location, notes: [Note("the output is here", at: producer.output.location)])
                    if declared == nil { headers[h].uncheckedColumns.insert(input.name) }
                    continue
                }
                guard let domain = chainedDomain(input, declared: declared, from: producer.output) else {
                    if declared == nil { headers[h].uncheckedColumns.insert(input.name) }
                    continue
                }
                headers[h].table.inputs[i].domain = domain
                headers[h].table.inputs[i].producer = producer.table
                // One value reads the same in every table that shows it.
                if input.labels.isEmpty { headers[h].table.inputs[i].labels = producer.output.labels }
            }
        }
    }

    /// The domain a chained input takes: the producing output's, which a declared domain must match.
    private func chainedDomain(_ input: InputDefinition, declared: Domain?, from output: OutputDefinition) -> Domain? {
        let produced: Domain
        switch output.type {
        case .enumeration(let values): produced = .enumeration(values)
        case .boolean: produced = .boolean
        case .integer: produced = declared.flatMap { if case .integer = $0 { $0 } else { nil } } ?? .integer(min: nil, max: nil)
        case .number:
            sink.error(
                .domainMismatch,
                "input '\(input.name)' reads a number output; reading numbers across tables is not supported in rules files",
                at: input.location, notes: [Note("the output is here", at: output.location)])
            return nil
        case .string:
            sink.error(
                .domainMismatch,
                "input '\(input.name)' reads a string output; give the output 'values' so a table can test it",
                at: input.location, notes: [Note("the output is here", at: output.location)])
            return nil
        }
        guard let declared else { return produced }
        switch (declared, produced) {
        case (.enumeration(let mine), .enumeration(let theirs)) where Set(mine) == Set(theirs) && mine.count == theirs.count:
            // Same values: cells use the input's names, evaluation the producer's order.
            return produced
        case (.boolean, .boolean), (.integer, .integer):
            return declared
        default:
            sink.error(
                .domainMismatch,
                "input '\(input.name)' is declared as \(declared.summary), but the output it reads is \(output.type.summary)",
                at: input.location, notes: [Note("the output is here", at: output.location)])
            return nil
        }
    }

    /// Checks that every integer a producer can emit lies in the range of the inputs it feeds.
    func checkChainedValues(_ headers: [TableHeader]) {
        var consumers: [String: [InputDefinition]] = [:]
        for header in headers {
            for input in header.table.inputs where input.producer != nil {
                consumers[input.name, default: []].append(input)
            }
        }
        for header in headers {
            let table = header.table
            sink.currentTable = header.position
            for (o, output) in table.outputs.enumerated() {
                guard let readers = consumers[output.name], output.type == .integer else { continue }
                for reader in readers {
                    let bounds = reader.domain.integerBounds
                    let emitted =
                        table.rules.map { ($0.outputs[o], $0.outputLocations[o]) }
                        + [(output.defaultValue, output.defaultLocation ?? output.location)]
                    for case (.integer(let value)?, let location) in emitted where !bounds.contains(value) {
                        sink.error(
                            .outOfRange,
                            "\(value) is outside the domain of input '\(reader.name)' (\(reader.domain.summary)) that reads this output",
                            at: location, notes: [Note("the input is here", at: reader.location)])
                    }
                }
            }
        }
    }

    /// The tables sorted so that producers come before their readers, file order otherwise;
    /// nil (after reporting) when the chains form a cycle.
    func evaluationOrder(_ headers: [TableHeader]) -> [TableDefinition]? {
        let tables = headers.map(\.table)
        let index = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.name, $0) })
        var waitingOn = tables.map { Set($0.inputs.compactMap(\.producer).compactMap { index[$0] }) }
        var order: [Int] = []
        var done = Set<Int>()
        while order.count < tables.count {
            guard let next = tables.indices.first(where: { !done.contains($0) && waitingOn[$0].isEmpty }) else {
                let stuck = tables.indices.filter { !done.contains($0) }
                let names = stuck.map { "'\(tables[$0].name)'" }.joined(separator: ", ")
                sink.currentTable = headers[stuck[0]].position
                sink.error(
                    .chainCycle, "tables \(names) read each other's outputs in a cycle",
                    at: tables[stuck[0]].location,
                    notes: stuck.dropFirst().map { Note("'\(tables[$0].name)' is here", at: tables[$0].location) })
                return nil
            }
            order.append(next)
            done.insert(next)
            for i in waitingOn.indices { waitingOn[i].remove(next) }
        }
        return order.map { tables[$0] }
    }
}
