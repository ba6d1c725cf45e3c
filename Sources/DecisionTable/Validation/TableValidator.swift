import Diagnostics

/// Runs every analysis of one table and words the findings.
struct TableValidator {
    let table: TableDefinition
    /// Every clean table of the file, to find the producers and readers of chained inputs.
    let neighbours: [TableDefinition]

    /// The widest table the partition analyses: it keeps one bit per input in a 64-bit word.
    static let maximumInputs = 64

    /// The table's findings, within the meter's budget; when a budget stops an analysis, an
    /// `incomplete` finding says what was and was not proved.
    func findings(meter: BudgetMeter) -> [Finding] {
        guard table.inputs.count <= Self.maximumInputs else {
            return [
                Finding(
                    Diagnostic(
                        .error, code: .tooManyInputs,
                        "table '\(table.name)' has \(table.inputs.count) inputs; the analysis handles at most \(Self.maximumInputs), so its gaps and overlaps are not checked",
                        at: table.location),
                    table: table.name)
            ]
        }
        let producible = producibleDomains()
        let space = AnalysisSpace(table: table, producible: producible)
        var findings: [Finding] = []
        let cells = FlatCells(space)
        let duplicates = duplicateRules(space, cells)
        findings += duplicates.map(duplicateFinding)
        // Asked of every pair of meeting rules: a flag per rule, not a set to hash into.
        var duplicated = [Bool](repeating: false, count: table.rules.count)
        for duplicate in duplicates { duplicated[duplicate.later] = true }
        var partition = Partition(space: space, cells: cells, meter: meter)
        var unfinished: [String] = []
        let index = IntersectionIndex(space, cells, maximumBytes: meter.budget.maximumMemory / 4)
        meter.charge(index.bytes)
        defer { meter.release(index.bytes) }
        // The questions answered rule by rule come first or get a share of the time: a cut
        // of the gaps that cannot finish must not leave them unanswered.
        switch table.hitPolicy {
        case .unique, .any:
            meter.begin("overlaps", share: 0.5)
            var conflicts = Conflicts(table: table)
            let overlaps = OverlapGroups(
                space: space, cells: cells, index: index, meter: meter,
                reportable: { a, b in
                    if duplicated[b], cells.sameCells(a, b) { return false }
                    return conflicts.conflict(a, b)
                },
                keep: { a, b in
                    // The candidates for a subsumed rule.
                    conflicts.sameOutputs(a, b) && !(duplicated[b] && cells.sameCells(a, b))
                })
            defer { meter.release(overlaps.charged) }
            findings += overlaps.groups.map(overlapFinding)
            for pair in overlaps.keptPairs { findings += subsumedFindings(pair, space) }
            if let limit = overlaps.stopped {
                unfinished.append(
                    "overlaps: stopped at \(meter.phrase(limit)) after \(overlaps.pairCount) overlapping pairs of rules, "
                        + "reported above; pairs of later rules are not checked")
            } else if overlaps.keptRoomForGaps {
                unfinished.append(
                    "overlaps: stopped at half \(meter.phrase(.memory)), the rest kept for the gaps, after "
                        + "\(overlaps.pairCount) overlapping pairs of rules, reported above; pairs of later rules are not checked")
            }
            partition = Partition(space: space, cells: cells, meter: meter, neighbourLists: overlaps.neighbourLists)
            findings += gaps(&partition, cells, index, meter, share: 0.8, unfinished: &unfinished)
        case .first, .priority:
            findings += gaps(&partition, cells, index, meter, share: 0.4, unfinished: &unfinished)
            meter.begin("shadowed rules")
            let keys = table.hitPolicy == .first ? Array(table.rules.indices) : table.priorityRanks()
            let wins = partition.winners(keys: keys, index: index)
            let losers = wins.indices.filter { wins[$0] == false && !duplicated[$0] && !space.unreachable.contains($0) }
            findings += shadowedFindings(losers, keys: keys, space: space, index: index)
            let unsettled = wins.count { $0 == nil }
            if unsettled > 0, let limit = meter.stopped {
                unfinished.append(
                    "shadowed rules: stopped at \(meter.phrase(limit)) with \(unsettled) of \(wins.count) rules "
                        + "not known to win somewhere")
            }
        case .collect, .ruleOrder, .outputOrder:
            findings += gaps(&partition, cells, index, meter, share: 0.8, unfinished: &unfinished)
        }
        findings += unusedFindings(producible: producible, space: space, cells: cells)
        findings += chainFindings(space)
        if !unfinished.isEmpty {
            findings.append(
                Finding(
                    Diagnostic(
                        .warning, code: .incomplete,
                        "the analysis of table '\(table.name)' is incomplete; " + unfinished.joined(separator: "; "),
                        at: table.location),
                    table: table.name))
        }
        return findings
    }

    /// Cuts the space for gaps in `share` of the table's time left, then merges them into rows
    /// in a share of the rest.
    private func gaps(
        _ partition: inout Partition, _ cells: FlatCells, _ index: IntersectionIndex, _ meter: BudgetMeter, share: Double,
        unfinished: inout [String]
    ) -> [Finding] {
        meter.begin("gaps", share: share)
        partition.findGaps(index: index)
        if let limit = meter.stopped, !partition.gapsComplete { unfinished.append(gapsUnfinished(partition, limit, meter)) }
        meter.begin("gap rows", share: 0.5)
        return gapFindings(partition, cells, meter)
    }

    private func gapsUnfinished(_ partition: Partition, _ limit: BudgetLimit, _ meter: BudgetMeter) -> String {
        let found = partition.gaps.count + partition.unlistedGaps
        let settled = Finding.percent(partition.settledShare)
        let rest = Finding.percent(max(0, 1 - partition.settledShare))
        return found == 0
            ? "gaps: stopped at \(meter.phrase(limit)) with \(settled) of the input space analysed and no gap in it; \(rest) is not analysed"
            : "gaps: stopped at \(meter.phrase(limit)) with \(settled) of the input space analysed; the gaps found cover "
                + "\(Finding.percent(partition.gapShare)) of the input space (each row above is a concrete undecided input); "
                + "\(rest) is not analysed"
    }

    // MARK: Chained inputs

    /// For each chained input (by index), the values its producer can emit.
    private func producibleDomains() -> [Int: ColumnSet] {
        var result: [Int: ColumnSet] = [:]
        for (i, input) in table.inputs.enumerated() {
            guard let producerName = input.producer,
                let producer = neighbours.first(where: { $0.name == producerName }),
                let o = producer.outputs.firstIndex(where: { $0.name == input.name })
            else { continue }
            let output = producer.outputs[o]
            if case .collect(_?) = producer.hitPolicy { continue }  // aggregates: any integer
            var emitted = producer.rules.compactMap { $0.outputs[o] }
            let defaultsApply =
                producer.defaults != nil
                || producer.rules.contains { $0.outputs[o] == nil }
            if defaultsApply, let value = output.defaultValue { emitted.append(value) }
            switch input.domain {
            case .integer:
                let points = emitted.compactMap { value -> ClosedRange<Int>? in
                    if case .numbers(let line)? = input.coding, let number = value.decimalNumber {
                        let code = line.code(of: number)
                        return code...code
                    }
                    if case .integer(let n) = value { return n...n }
                    return nil
                }
                result[i] = .integers(IntervalSet(points).intersection(IntervalSet([input.domain.integerBounds])))
            case .boolean, .enumeration:
                let count = input.domain.finiteCount!
                let indices = emitted.compactMap { value -> Int? in
                    if case .strings(let strings)? = input.coding, case .string(let text) = value { return strings.index(of: text) }
                    return Self.index(of: value, in: input.domain)
                }
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
                case .values(let produced) = space.domain[i]
            else { continue }
            for value in 0..<count {
                let name = input.domain.valueName(value)
                let testing = table.rules.filter { $0.conditions[i].mentioned.contains(value) && $0.conditions[i].values!.contains(value) }
                if produced.contains(value) {
                    if !table.rules.contains(where: { $0.conditions[i].values!.contains(value) }) {
                        findings.append(
                            Finding(
                                Diagnostic(
                                    .warning, code: .chainUnreceived,
                                    "table '\(producer)' can produce \(input.name) = \(name), but no rule of table '\(table.name)' accepts it",
                                    at: input.location),
                                table: table.name))
                    }
                } else if !testing.isEmpty {
                    findings.append(
                        Finding(
                            Diagnostic(
                                .warning, code: .chainUnproduced,
                                "\(Self.ruleList(testing.map(\.id))) of table '\(table.name)' \(testing.count == 1 ? "tests" : "test") \(input.name) = \(name), which table '\(producer)' never produces",
                                at: testing[0].conditions[i].location),
                            table: table.name, rules: testing.map(\.id)))
                }
            }
        }
        return findings
    }

    // MARK: Gaps

    private func gapFindings(_ partition: Partition, _ cells: FlatCells, _ meter: BudgetMeter) -> [Finding] {
        let severity: Severity = table.gapsAllowed || table.defaults != nil ? .warning : .error
        let suffix =
            severity == .warning
            ? (table.gapsAllowed ? " (gaps are allowed in this table)" : " (the outputs' defaults apply)") : ""
        // The largest rows first; equal ones in the order of their smallest values, input by
        // input: stable, and it reads like the table.
        let rows = GapMerger.merge(partition.gaps.map { $0.sets(cells) }, meter: meter).map { row in (row, partition.share(of: row)) }
            .sorted { a, b in
                a.1 != b.1 ? a.1 > b.1 : a.0.map { $0.first ?? 0 }.lexicographicallyPrecedes(b.0.map { $0.first ?? 0 })
            }
        var findings = rows.map { row, share in
            let cells = zip(table.inputs, row).map { input, set in
                InputCells(input: input.name, values: describe(set, input: input))
            }
            let when = cells.map { "\($0.input) is \($0.values.phrase)" }.joined(separator: ", ")
            return Finding(
                Diagnostic(
                    severity, code: .gap, "table '\(table.name)' decides nothing when \(when)\(suffix)",
                    at: table.location),
                table: table.name, cells: cells, share: share)
        }
        if partition.unlistedGaps > 0 {
            // Shares are doubles: a difference of nearly equal ones can come out below zero.
            let listed = min(partition.gapShare, partition.gaps.reduce(0.0) { $0 + partition.share($1) })
            findings.append(
                Finding(
                    Diagnostic(
                        severity, code: .gap,
                        "table '\(table.name)' decides nothing in more of the input space than listed "
                            + "(a report keeps the first \(Partition.listedGaps) boxes, within a quarter of the memory budget, "
                            + "and past \(Partition.fullyListed) at most \(Partition.sampledBoxes) of a part that overlapping rules cut into more), covering "
                            + "\(Finding.percent(partition.gapShare - listed)) of it",
                        at: table.location),
                    table: table.name, share: partition.gapShare - listed))
        }
        return findings
    }

    /// A column set in report form: `-` when it is the input's whole declared domain.
    private func describe(_ set: ColumnSet, input: InputDefinition) -> CellValues {
        CellValues(set, input: input)
    }

    // MARK: Overlaps, duplicates, subsumption

    /// A rule's outputs as evaluation returns them: an output the rule leaves out takes its
    /// default, so `then: {}` and a rule writing the defaults out agree.
    private func outputs(_ r: Int) -> [Value] {
        table.rules[r].values
    }

    private func witness(_ point: [Int]) -> [NamedValue] {
        zip(table.inputs, point).map { NamedValue(name: $0.name, value: SlotLayout.decode($1, input: $0)) }
    }

    private func overlapFinding(_ group: OverlapGroups.Group) -> Finding {
        let input = witness(group.witness)
        // A large table has a finding per group: the witness is written as bytes and made a
        // string once, rather than joined from interpolated parts.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32 * input.count)
        for (i, named) in input.enumerated() {
            if i > 0 { bytes += ", ".utf8 }
            bytes += named.name.utf8
            bytes += " is ".utf8
            bytes += named.value.description.utf8
        }
        let when = String(decoding: bytes, as: UTF8.self)
        let ids = group.rules.map { table.rules[$0].id }
        let kind = table.hitPolicy == .unique ? "unique table" : "table"
        // The finding points at the rule to look at first: the hub, or the group's last rule;
        // the notes point at the others.
        let message: String
        let (pointed, others): (Int, ArraySlice<Int>)
        if let hub = group.hub {
            let differing = table.hitPolicy == .unique ? "" : " with different outputs"
            message =
                "rule '\(ids[0])' of \(kind) '\(table.name)' overlaps \(Self.ruleList(Array(ids.dropFirst())))\(differing); "
                + "'\(ids[0])' and '\(ids[1])' both match when \(when)"
            (pointed, others) = (hub, group.rules.dropFirst())
        } else {
            let together = ids.count == 2 ? "both" : "all"
            message =
                "\(Self.ruleList(ids)) of \(kind) '\(table.name)' \(together) match when \(when)"
                + (table.hitPolicy == .unique ? "" : ", with different outputs")
            (pointed, others) = (group.rules[group.rules.count - 1], group.rules.dropLast())
        }
        return Finding(
            Diagnostic(
                .error, code: .overlap, message, at: table.rules[pointed].location,
                notes: others.prefix(5).map { Note("rule '\(table.rules[$0].id)' is here", at: table.rules[$0].location) }),
            table: table.name, rules: ids, witness: input, hub: group.hub.map { table.rules[$0].id })
    }

    private func subsumedFindings(_ pair: OverlapGroups.Pair, _ space: AnalysisSpace) -> [Finding] {
        let (a, b) = (pair.first, pair.second)
        let inner: Int
        let outer: Int
        if space.isContained(b, in: a) {
            (inner, outer) = (b, a)
        } else if space.isContained(a, in: b) {
            (inner, outer) = (a, b)
        } else {
            return []
        }
        let (small, large) = (table.rules[inner], table.rules[outer])
        return [
            Finding(
                Diagnostic(
                    .warning, code: .subsumed,
                    "rule '\(small.id)' is subsumed by rule '\(large.id)': every input it matches, '\(large.id)' matches with the same outputs",
                    at: small.location, notes: [Note("rule '\(large.id)' is here", at: large.location)]),
                table: table.name, rules: [small.id, large.id])
        ]
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
            Diagnostic(
                .error, code: .duplicateRule,
                "rule '\(b.id)' has the same conditions as rule '\(a.id)' \(agreement)",
                at: b.location, notes: [Note("rule '\(a.id)' is here", at: a.location)]),
            table: table.name, rules: [a.id, b.id])
    }

    // MARK: Shadowed rules

    /// The rules that can never win, grouped by what shadows them: the best-ranked better rule
    /// that holds all of a rule's box when there is one, else every better rule that meets it.
    private func shadowedFindings(_ losers: [Int], keys: [Int], space: AnalysisSpace, index: IntersectionIndex) -> [Finding] {
        var groups: [[Int]: [Int]] = [:]
        var order: [[Int]] = []
        for r in losers {
            let better = index.rulesMeeting(r).filter { keys[$0] < keys[r] && !space.unreachable.contains($0) }
            let cover = better.filter { space.isContained(r, in: $0) }.min { keys[$0] < keys[$1] }.map { [$0] } ?? better
            if groups[cover] == nil { order.append(cover) }
            groups[cover, default: []].append(r)
        }
        let which = table.hitPolicy == .first ? "earlier" : "higher-priority"
        return order.map { cover in
            let shadowed = groups[cover]!
            let ids = cover.map { table.rules[$0].id }
            let one = shadowed.count == 1
            let verb = ids.count == 1 ? "matches" : "match"
            return Finding(
                Diagnostic(
                    .error, code: .shadowed,
                    "\(Self.ruleList(shadowed.map { table.rules[$0].id })) can never win: \(which) \(Self.ruleList(ids)) "
                        + "\(verb) every input \(one ? "it matches" : "they match")",
                    at: table.rules[shadowed[0]].location,
                    notes: cover.prefix(5).map { Note("rule '\(table.rules[$0].id)' is here", at: table.rules[$0].location) }),
                table: table.name, rules: shadowed.map { table.rules[$0].id }, coveredBy: ids)
        }
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
                findings.append(
                    Finding(
                        Diagnostic(
                            .warning, code: .unusedValue,
                            "input '\(input.name)' is tested by no rule of table '\(table.name)'", at: input.location),
                        table: table.name))
                continue
            }
            // A value no wildcard reaches either is a gap, or for a chained input a value no rule
            // accepts; those findings say so, and "only wildcards reach it" would be untrue.
            guard case .enumeration(let names) = input.domain, anyWildcard[i] else { continue }
            // A free string column's last value stands for every other string: no rule can name it.
            let named = input.coding == nil ? names.count : names.count - 1
            for (value, name) in names.prefix(named).enumerated() where mentioned[i][value >> 6] & (1 << UInt64(value & 63)) == 0 {
                if case .values(let bits)? = producible[i], !bits.contains(value) { continue }
                findings.append(
                    Finding(
                        Diagnostic(
                            .warning, code: .unusedValue,
                            "value '\(name)' of input '\(input.name)' is named by no rule of table '\(table.name)'; only wildcards reach it",
                            at: input.location),
                        table: table.name))
            }
        }
        return findings
    }

    /// `rule 'a'`, `rules 'a' and 'b'`, `rules 'a', 'b', … and 120 more` (at most ten named).
    static func ruleList(_ ids: [String]) -> String {
        if ids.count > 10 {
            return "rules " + ids.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + " and \(ids.count - 10) more"
        }
        let quoted = ids.map { "'\($0)'" }
        switch quoted.count {
        case 0: return "no rules"
        case 1: return "rule " + quoted[0]
        default: return "rules " + quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        }
    }
}

/// Whether two rules that match together break the hit policy, by the policy's own
/// definition (``TableDefinition/decide(matching:ranks:)``: always for `unique`, with
/// different outputs for `any`). The answer depends only on whether the two rules' outputs
/// agree, so the policy is asked twice at most: a table whose every rule has outputs of its
/// own has millions of meeting pairs, each of distinct outputs.
private struct Conflicts {
    let table: TableDefinition
    /// Each rule's outputs, as an index into the distinct ones.
    private var outputIDs: [Int] = []
    /// The answers for rules whose outputs agree (0) and differ (1).
    private var answers: [Bool?] = [nil, nil]

    init(table: TableDefinition) {
        self.table = table
        var ids: [[Value]: Int] = [:]
        outputIDs = table.rules.indices.map { r in
            let values = table.rules[r].values
            if let id = ids[values] { return id }
            ids[values] = ids.count
            return ids.count - 1
        }
    }

    /// Whether rules `a` and `b` give the same outputs.
    func sameOutputs(_ a: Int, _ b: Int) -> Bool { outputIDs[a] == outputIDs[b] }

    mutating func conflict(_ a: Int, _ b: Int) -> Bool {
        let key = outputIDs[a] == outputIDs[b] ? 0 : 1
        if let answer = answers[key] { return answer }
        let answer = if case .conflict = table.decide(matching: [a, b], ranks: []) { true } else { false }
        answers[key] = answer
        return answer
    }
}
