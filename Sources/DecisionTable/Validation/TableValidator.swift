import Diagnostics

/// Runs every analysis of one table and words the findings.
struct TableValidator {
    let table: TableDefinition
    /// Every clean table of the file, to find the producers and readers of chained inputs.
    let neighbours: [TableDefinition]

    /// The widest table the partition analyses: it keeps one bit per input in a 64-bit word.
    static let maximumInputs = 64

    func findings() -> [Finding] {
        guard table.inputs.count <= Self.maximumInputs else {
            return [Finding(
                Diagnostic(.error, code: .tooManyInputs,
                           "table '\(table.name)' has \(table.inputs.count) inputs; the analysis handles at most \(Self.maximumInputs), so its gaps and overlaps are not checked",
                           at: table.location),
                table: table.name)]
        }
        let producible = producibleDomains()
        let space = AnalysisSpace(table: table, producible: producible)
        var findings: [Finding] = []
        let cells = FlatCells(space)
        let duplicates = duplicateRules(space, cells)
        findings += duplicates.map(duplicateFinding)
        let duplicated = Set(duplicates.map(\.later))

        switch table.hitPolicy {
        case .unique, .any:
            var partition = Partition(space: space, mode: .overlaps, cells: cells)
            partition.run()
            findings += gapFindings(partition.gaps)
            for (pair, point) in partition.overlaps.sorted(by: { $0.key < $1.key }) {
                if duplicated.contains(pair.second), space.isContained(pair.first, in: pair.second),
                   space.isContained(pair.second, in: pair.first) { continue }
                let sameOutputs = outputs(pair.first) == outputs(pair.second)
                // Where both rules match, the hit policy's own definition says whether that is
                // a conflict: always for `unique`, with different outputs for `any`.
                if case .conflict = table.decide(matching: [pair.first, pair.second], ranks: []) {
                    findings.append(overlapFinding(pair, point, sameOutputs: sameOutputs))
                }
                if sameOutputs { findings += subsumedFindings(pair, space) }
            }
        case .first, .priority:
            let keys = table.hitPolicy == .first ? Array(table.rules.indices) : table.priorityRanks()
            var partition = Partition(space: space, mode: .winners(keys: keys), cells: cells)
            partition.run()
            findings += gapFindings(partition.gaps)
            for (r, won) in partition.wins.enumerated()
            where !won && !duplicated.contains(r) && !space.unreachable.contains(r) {
                findings.append(shadowedFinding(r, keys: keys, space: space))
            }
        case .collect, .ruleOrder:
            var partition = Partition(space: space, mode: .gaps, cells: cells)
            partition.run()
            findings += gapFindings(partition.gaps)
        }
        findings += unusedFindings(producible: producible, space: space, cells: cells)
        findings += chainFindings(space)
        return findings
    }

    // MARK: Chained inputs

    /// For each chained input (by index), the values its producer can emit.
    private func producibleDomains() -> [Int: ColumnSet] {
        var result: [Int: ColumnSet] = [:]
        for (i, input) in table.inputs.enumerated() {
            guard let producerName = input.producer,
                  let producer = neighbours.first(where: { $0.name == producerName }),
                  let o = producer.outputs.firstIndex(where: { $0.name == input.name }) else { continue }
            let output = producer.outputs[o]
            if case .collect(_?) = producer.hitPolicy { continue }  // aggregates: any integer
            var emitted = producer.rules.compactMap { $0.outputs[o] }
            let defaultsApply = producer.defaults != nil
                || producer.rules.contains { $0.outputs[o] == nil }
            if defaultsApply, let value = output.defaultValue { emitted.append(value) }
            switch input.domain {
            case .integer:
                let points = emitted.compactMap { if case .integer(let n) = $0 { n...n } else { nil } }
                result[i] = .integers(IntervalSet(points).intersection(IntervalSet([input.domain.integerBounds])))
            case .boolean, .enumeration:
                let count = input.domain.finiteCount!
                let indices = emitted.compactMap { Self.index(of: $0, in: input.domain) }
                result[i] = .values(ValueBits(indices, count: count))
            }
        }
        return result
    }

    private static func index(of value: Value, in domain: Domain) -> Int? {
        switch (value, domain) {
        case (.boolean(let flag), .boolean): flag ? 1 : 0
        case (.string(let name), .enumeration(let names)): names.firstIndex(of: name)
        default: nil
        }
    }

    private func chainFindings(_ space: AnalysisSpace) -> [Finding] {
        var findings: [Finding] = []
        for (i, input) in table.inputs.enumerated() {
            guard let producer = input.producer, let count = input.domain.finiteCount,
                  case .values(let produced) = space.domain[i] else { continue }
            for value in 0..<count {
                let name = input.domain.valueName(value)
                let testing = table.rules.filter { $0.conditions[i].mentioned.contains(value) && $0.conditions[i].values!.contains(value) }
                if produced.contains(value) {
                    if !table.rules.contains(where: { $0.conditions[i].values!.contains(value) }) {
                        findings.append(Finding(
                            Diagnostic(.warning, code: .chainUnreceived,
                                       "table '\(producer)' can produce \(input.name) = \(name), but no rule of table '\(table.name)' accepts it",
                                       at: input.location),
                            table: table.name))
                    }
                } else if !testing.isEmpty {
                    findings.append(Finding(
                        Diagnostic(.warning, code: .chainUnproduced,
                                   "\(Self.ruleList(testing.map(\.id))) of table '\(table.name)' \(testing.count == 1 ? "tests" : "test") \(input.name) = \(name), which table '\(producer)' never produces",
                                   at: testing[0].conditions[i].location),
                        table: table.name, rules: testing.map(\.id)))
                }
            }
        }
        return findings
    }

    // MARK: Gaps

    private func gapFindings(_ regions: [[ColumnSet]]) -> [Finding] {
        let severity: Severity = table.gapsAllowed || table.defaults != nil ? .warning : .error
        let suffix = severity == .warning
            ? (table.gapsAllowed ? " (gaps are allowed in this table)" : " (the outputs' defaults apply)") : ""
        // Rows in the order of their smallest values, input by input: stable, and it reads
        // like the table.
        let rows = GapMerger.merge(regions).sorted { a, b in
            a.map { $0.first ?? 0 }.lexicographicallyPrecedes(b.map { $0.first ?? 0 })
        }
        return rows.map { row in
            let cells = zip(table.inputs, row).map { input, set in
                InputCells(input: input.name, values: describe(set, input: input))
            }
            let when = cells.map { "\($0.input) is \($0.values.phrase)" }.joined(separator: ", ")
            return Finding(
                Diagnostic(severity, code: .gap, "table '\(table.name)' decides nothing when \(when)\(suffix)",
                           at: table.location),
                table: table.name, cells: cells)
        }
    }

    /// A column set in report form: `-` when it is the input's whole declared domain.
    /// A column set in report form: `-` when it is the input's whole declared domain.
    private func describe(_ set: ColumnSet, input: InputDefinition) -> CellValues {
        CellValues(set, domain: input.domain)
    }

    // MARK: Overlaps, duplicates, subsumption

    /// A rule's outputs as evaluation returns them: an output the rule leaves out takes its
    /// default, so `then: {}` and a rule writing the defaults out agree.
    private func outputs(_ r: Int) -> [Value] {
        table.rules[r].values
    }

    private func witness(_ point: [Int]) -> [NamedValue] {
        zip(table.inputs, point).map { NamedValue(name: $0.name, value: SlotLayout.decode($1, domain: $0.domain)) }
    }

    private func overlapFinding(_ pair: Partition.Pair, _ point: [Int], sameOutputs: Bool) -> Finding {
        let (a, b) = (table.rules[pair.first], table.rules[pair.second])
        let input = witness(point)
        let when = input.map { "\($0.name) is \($0.value)" }.joined(separator: ", ")
        let message = table.hitPolicy == .unique
            ? "rules '\(a.id)' and '\(b.id)' of unique table '\(table.name)' both match when \(when)"
            : "rules '\(a.id)' and '\(b.id)' of table '\(table.name)' both match when \(when), with different outputs"
        return Finding(
            Diagnostic(.error, code: .overlap, message, at: b.location,
                       notes: [Note("rule '\(a.id)' is here", at: a.location)]),
            table: table.name, rules: [a.id, b.id], witness: input)
    }

    private func subsumedFindings(_ pair: Partition.Pair, _ space: AnalysisSpace) -> [Finding] {
        let (a, b) = (pair.first, pair.second)
        let inner: Int
        let outer: Int
        if space.isContained(b, in: a) { (inner, outer) = (b, a) } else if space.isContained(a, in: b) {
            (inner, outer) = (a, b)
        } else { return [] }
        let (small, large) = (table.rules[inner], table.rules[outer])
        return [Finding(
            Diagnostic(.warning, code: .subsumed,
                       "rule '\(small.id)' is subsumed by rule '\(large.id)': every input it matches, '\(large.id)' matches with the same outputs",
                       at: small.location, notes: [Note("rule '\(large.id)' is here", at: large.location)]),
            table: table.name, rules: [small.id, large.id])]
    }

    private struct Duplicate {
        let earlier: Int
        let later: Int
    }

    /// Rules whose conditions equal an earlier rule's, found by hashing the cells.
    private func duplicateRules(_ space: AnalysisSpace, _ cells: FlatCells) -> [Duplicate] {
        // The first rule of each fingerprint; and the first rule of each set of cells whose
        // fingerprint an earlier rule with other cells has.
        var first: [Int: Int] = [:]
        first.reserveCapacity(space.rules.count)
        var collided: [[ColumnSet]: Int] = [:]
        var result: [Duplicate] = []
        for r in space.rules.indices where !space.unreachable.contains(r) {
            let fingerprint = cells.fingerprint(r)
            guard let earlier = first[fingerprint] else {
                first[fingerprint] = r
                continue
            }
            if cells.sameCells(earlier, r) {
                result.append(Duplicate(earlier: earlier, later: r))
            } else if let earlier = collided[space.rules[r]] {
                result.append(Duplicate(earlier: earlier, later: r))
            } else {
                collided[space.rules[r]] = r
            }
        }
        return result
    }

    private func duplicateFinding(_ duplicate: Duplicate) -> Finding {
        let (a, b) = (table.rules[duplicate.earlier], table.rules[duplicate.later])
        let agreement = outputs(duplicate.earlier) == outputs(duplicate.later) ? "and the same outputs" : "but different outputs"
        return Finding(
            Diagnostic(.error, code: .duplicateRule,
                       "rule '\(b.id)' has the same conditions as rule '\(a.id)' \(agreement)",
                       at: b.location, notes: [Note("rule '\(a.id)' is here", at: a.location)]),
            table: table.name, rules: [a.id, b.id])
    }

    // MARK: Shadowed rules

    private func shadowedFinding(_ r: Int, keys: [Int], space: AnalysisSpace) -> Finding {
        let rule = table.rules[r]
        let cover = table.rules.indices.filter { keys[$0] < keys[r] && space.intersect($0, r) }
        let ids = cover.map { table.rules[$0].id }
        let which = table.hitPolicy == .first ? "earlier" : "higher-priority"
        return Finding(
            Diagnostic(.error, code: .shadowed,
                       "rule '\(rule.id)' can never win: \(which) \(Self.ruleList(ids)) match every input it matches",
                       at: rule.location,
                       notes: cover.prefix(5).map { Note("rule '\(table.rules[$0].id)' is here", at: table.rules[$0].location) }),
            table: table.name, rules: [rule.id] + ids)
    }

    // MARK: Unused values

    private func unusedFindings(producible: [Int: ColumnSet], space: AnalysisSpace, cells: FlatCells) -> [Finding] {
        // Per input, whether some cell is a wildcard, whether every one is, and the values
        // written cells (a value, a list, a `not`) take (within the analysis domain; a value
        // outside it is not reported).
        let width = table.inputs.count
        var anyWildcard = [Bool](repeating: false, count: width)
        var allWildcard = [Bool](repeating: true, count: width)
        var mentioned = (0..<width).map { [UInt64](repeating: 0, count: cells.wordCount[$0]) }
        for r in space.rules.indices {
            for i in 0..<width {
                if space.wildcards[r * width + i] {
                    anyWildcard[i] = true
                } else {
                    allWildcard[i] = false
                    for w in 0..<cells.wordCount[i] { mentioned[i][w] |= cells.word(r, i, w) }
                }
            }
        }
        var findings: [Finding] = []
        for (i, input) in table.inputs.enumerated() {
            if allWildcard[i] {
                findings.append(Finding(
                    Diagnostic(.warning, code: .unusedValue,
                               "input '\(input.name)' is tested by no rule of table '\(table.name)'", at: input.location),
                    table: table.name))
                continue
            }
            // A value no wildcard reaches either is a gap, or for a chained input a value no rule
            // accepts; those findings say so, and "only wildcards reach it" would be untrue.
            guard case .enumeration(let names) = input.domain, anyWildcard[i] else { continue }
            for (value, name) in names.enumerated() where mentioned[i][value >> 6] & (1 << UInt64(value & 63)) == 0 {
                if case .values(let bits)? = producible[i], !bits.contains(value) { continue }
                findings.append(Finding(
                    Diagnostic(.warning, code: .unusedValue,
                               "value '\(name)' of input '\(input.name)' is named by no rule of table '\(table.name)'; only wildcards reach it",
                               at: input.location),
                    table: table.name))
            }
        }
        return findings
    }

    static func ruleList(_ ids: [String]) -> String {
        let quoted = ids.map { "'\($0)'" }
        switch quoted.count {
        case 0: return "no rules"
        case 1: return "rule " + quoted[0]
        default: return "rules " + quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }
}
