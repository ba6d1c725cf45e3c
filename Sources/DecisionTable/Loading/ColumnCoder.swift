import YAMLLoading

/// Settles the coding of `type: number` and free `type: string` inputs once every table's
/// header is read: one coding per input name across the file, so that a fact several tables
/// read is encoded once and means the same everywhere.
///
/// A number input's boundaries are every number its cells (in any table) and its bounds
/// mention; a string input's values are every string its cells mention. Cells that do not
/// parse contribute nothing here; the rule decoder reports them.
enum ColumnCoder {
    static func assignCodings(_ headers: inout [TableHeader]) {
        var numbers: [String: [DecimalNumber]] = [:]
        var strings: [String: [String]] = [:]
        for header in headers {
            for (i, input) in header.table.inputs.enumerated() {
                switch input.coding {
                case .numbers?:
                    let bounds = header.numberBounds[i]
                    numbers[input.name, default: []] += [bounds?.min, bounds?.max].compactMap { $0 }
                    for item in items(of: input.name, in: header.rules) {
                        for interval in NumberCellSyntax.parse(item) ?? [] {
                            numbers[input.name]! += [interval.lower, interval.upper].compactMap { $0 }
                        }
                    }
                case .strings?:
                    strings[input.name, default: []] += items(of: input.name, in: header.rules).filter { $0 != "-" }
                case nil:
                    break
                }
            }
        }
        let lines = numbers.mapValues { NumberLine(boundaries: $0) }
        let pools = strings.mapValues { FreeStrings(mentioned: $0) }
        for h in headers.indices {
            for i in headers[h].table.inputs.indices {
                let name = headers[h].table.inputs[i].name
                switch headers[h].table.inputs[i].coding {
                case .numbers?:
                    let line = lines[name]!
                    let bounds = headers[h].numberBounds[i]
                    headers[h].table.inputs[i].coding = .numbers(line)
                    headers[h].table.inputs[i].domain = .integer(
                        min: bounds?.min.map { line.code(of: $0) } ?? 0,
                        max: bounds?.max.map { line.code(of: $0) } ?? line.maxCode)
                case .strings?:
                    let pool = pools[name]!
                    headers[h].table.inputs[i].coding = .strings(pool)
                    headers[h].table.inputs[i].domain = .enumeration(pool.values)
                case nil:
                    break
                }
            }
        }
    }

    /// The scalar items the rules write for one input: a value, a list's items, or the
    /// values under `not`.
    private static func items(of input: String, in rules: RuleList) -> [String] {
        guard let document = rules.document else { return [] }
        var found: [String] = []
        // Recursive: the parser's depth cap bounds it.
        func collect(_ cell: Int) {
            switch document.kind(cell) {
            case .scalar:
                found.append(document.text(cell))
            case .sequence:
                var item = cell + 1
                for _ in 0..<document.childCount(cell) {
                    collect(item)
                    item = document.next(after: item)
                }
            case .mapping:
                if let negated = document.value(in: cell, forKey: "not") { collect(negated) }
            }
        }
        for rule in rules.items {
            guard let when = document.value(in: rule, forKey: "when"),
                let cell = document.value(in: when, forKey: input)
            else { continue }
            collect(cell)
        }
        return found
    }
}
