import Diagnostics
import YAMLLoading

/// Turns the YAML tree of a rules file into checked ``TableDefinition``s.
///
/// Decoding runs in passes so that chained inputs can take their domain from the table that
/// produces them: table headers first, then chains, then the rules against final domains,
/// then the evaluation order. Each pass reports every problem it finds, and remembers which
/// table each error belongs to, so that the validator can still analyse the others.
struct RulesFileDecoder {
    let sink = DiagnosticSink()

    /// What decoding produced.
    struct Result {
        /// Every table that decoded without errors, in file order.
        var cleanTables: [TableDefinition]
        /// The tables in evaluation order, when the whole file is free of errors.
        var evaluationOrder: [TableDefinition]?
        var diagnostics: [Diagnostic]
    }

    func decode(_ root: YAMLNode) -> Result {
        guard let file = MappingReader(root, what: "the rules file", allowed: ["tables"], sink: sink),
              let tableNodes = file.list("tables") else {
            return Result(cleanTables: [], evaluationOrder: nil, diagnostics: sink.diagnostics)
        }
        if tableNodes.isEmpty {
            sink.error(.missingKey, "'tables' is empty: a rules file holds at least one table",
                       at: file["tables"]?.location ?? root.location)
        }
        var headers: [TableHeader] = []
        var seenNames: [String: SourceLocation] = [:]
        for (position, node) in tableNodes.enumerated() {
            sink.currentTable = position
            guard let header = TableHeaderDecoder(sink: sink).decode(node, position: position) else { continue }
            if let first = seenNames[header.table.name] {
                sink.error(.duplicateName, "a table named '\(header.table.name)' already exists",
                           at: header.nameLocation, notes: [Note("the first is here", at: first)])
                continue
            }
            seenNames[header.table.name] = header.nameLocation
            headers.append(header)
        }
        let chains = ChainResolver(sink: sink)
        chains.resolveDomains(&headers)
        for index in headers.indices {
            sink.currentTable = headers[index].position
            headers[index].table.rules = RuleDecoder(
                table: headers[index].table, sink: sink, unchecked: headers[index].uncheckedColumns
            ).decode(headers[index].ruleNodes)
        }
        chains.checkChainedValues(headers)
        let order = chains.evaluationOrder(headers)
        sink.currentTable = nil
        let clean = headers.filter { !sink.failedTables.contains($0.position) }.map(\.table)
        return Result(
            cleanTables: sink.fileFailed ? [] : clean,
            evaluationOrder: sink.hasErrors ? nil : order,
            diagnostics: sink.diagnostics)
    }
}
