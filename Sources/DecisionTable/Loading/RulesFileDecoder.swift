import Diagnostics
import YAMLLoading

/// Turns a parsed rules file into checked ``TableDefinition``s.
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
        /// The file's title, introduction, source and routing, as far as they read.
        var header = RulesFileHeader()
    }

    /// The keys of a rules file's top level.
    static let fileKeys = ["title", "description", "source", "routing", "tables"]

    /// Decodes the file: its header and tables' headers as nodes, the rules from the records.
    func decode(_ document: YAMLDocument) -> Result {
        let ruleLists = RuleList.lists(in: document)
        let root = document.node(at: document.root, leavingOutItemsOf: Set(ruleLists.values))
        guard let file = MappingReader(root, what: "the rules file", allowed: Self.fileKeys, sink: sink) else {
            return Result(cleanTables: [], evaluationOrder: nil, diagnostics: sink.diagnostics)
        }
        let header = self.header(file)
        guard let tableNodes = file.list("tables") else {
            return Result(cleanTables: [], evaluationOrder: nil, diagnostics: sink.diagnostics, header: header)
        }
        if tableNodes.isEmpty {
            sink.error(
                .missingKey, "'tables' is empty: a rules file holds at least one table",
                at: file["tables"]?.location ?? root.location)
        }
        var headers: [TableHeader] = []
        var seenNames: [String: SourceLocation] = [:]
        var unreadOutputs: Set<String> = []
        for (position, node) in tableNodes.enumerated() {
            sink.currentTable = position
            guard
                let header = TableHeaderDecoder(sink: sink).decode(
                    node, position: position, rules: RuleList(document: document, list: ruleLists[position]))
            else {
                unreadOutputs.formUnion(TableHeaderDecoder.writtenOutputNames(node))
                continue
            }
            if let first = seenNames[header.table.name] {
                sink.error(
                    .duplicateName, "a table named '\(header.table.name)' already exists",
                    at: header.nameLocation, notes: [Note("the first is here", at: first)])
                continue
            }
            seenNames[header.table.name] = header.nameLocation
            headers.append(header)
        }
        let chains = ChainResolver(sink: sink)
        chains.resolveDomains(&headers, unreadOutputs: unreadOutputs)
        ColumnCoder.assignCodings(&headers)
        for index in headers.indices {
            sink.currentTable = headers[index].position
            headers[index].table.rules = RuleDecoder(
                table: headers[index].table, sink: sink, unchecked: headers[index].uncheckedColumns
            ).decode(headers[index].rules)
        }
        chains.checkChainedValues(headers)
        let order = chains.evaluationOrder(headers)
        sink.currentTable = nil
        let clean = headers.filter { !sink.failedTables.contains($0.position) }.map(\.table)
        return Result(
            cleanTables: sink.fileFailed ? [] : clean,
            evaluationOrder: sink.hasErrors ? nil : order,
            diagnostics: sink.diagnostics,
            header: header)
    }

    /// The top-level keys besides `tables`.
    private func header(_ file: MappingReader) -> RulesFileHeader {
        var header = RulesFileHeader(title: file.text("title"), description: file.text("description"))
        if let source = file.text("source"), let node = file["source"] {
            // Documentation links to it: only a web address makes a link that works anywhere.
            if source.hasPrefix("https://") || source.hasPrefix("http://"), !source.contains(where: \.isWhitespace) {
                header.source = source
            } else {
                sink.error(
                    .invalidLink, "'source' must be a web address starting with https:// or http://, found '\(source)'",
                    at: node.location)
            }
        }
        if let routing = file.name("routing", required: false) {
            (header.routing, header.routingLocation) = (routing.0, routing.1)
        }
        return header
    }
}
