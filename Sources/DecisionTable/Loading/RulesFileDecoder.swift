/// Turns the YAML tree of a rules file into checked ``TableDefinition``s.
///
/// Decoding runs in passes so that chained inputs can take their domain from the table that
/// produces them: table headers first, then chains, then the rules against final domains,
/// then the evaluation order. Each pass reports every problem it finds.
struct RulesFileDecoder {
    let sink = DiagnosticSink()

    /// Decodes the file; returns the tables in evaluation order, or nil when there are errors.
    func decode(_ root: YAMLNode) -> [TableDefinition]? {
        guard let file = MappingReader(root, what: "the rules file", allowed: ["tables"], sink: sink),
              let tableNodes = file.list("tables") else { return nil }
        if tableNodes.isEmpty {
            sink.error("missing-key", "'tables' is empty: a rules file holds at least one table",
                       at: file["tables"]?.location ?? root.location)
        }
        var headers: [TableHeader] = []
        var seenNames: [String: SourceLocation] = [:]
        for node in tableNodes {
            guard let header = TableHeaderDecoder(sink: sink).decode(node) else { continue }
            if let first = seenNames[header.table.name] {
                sink.error("duplicate-name", "a table named '\(header.table.name)' already exists",
                           at: header.nameLocation, notes: [Note("the first is here", at: first)])
                continue
            }
            seenNames[header.table.name] = header.nameLocation
            headers.append(header)
        }
        let chains = ChainResolver(sink: sink)
        chains.resolveDomains(&headers)
        for index in headers.indices {
            headers[index].table.rules = RuleDecoder(table: headers[index].table, sink: sink)
                .decode(headers[index].ruleNodes)
        }
        chains.checkChainedValues(headers.map(\.table))
        guard !sink.hasErrors else { return nil }
        return chains.evaluationOrder(headers.map(\.table))
    }
}
