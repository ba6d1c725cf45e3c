import DecisionTable
import JSONLines

extension JSONFactsEvaluator {
    /// Writes the evaluator's result as ``Evaluation/json`` renders it, and a newline: the
    /// outputs of every table, then every table's winning rules.
    ///
    /// Each table's part is a range of ``pieces``: the piece of its winner (or defaults),
    /// rendered the first time it is needed, or, for a table that aggregates, this line's
    /// rendering after the pieces. The parts are copied into one line, appended at once.
    func write(into out: inout [UInt8]) {
        let tableCount = decidedByWinner.count
        var length = 0
        var aggregates = false
        for t in 0..<tableCount {
            guard decidedByWinner[t] else {
                aggregates = true
                continue
            }
            let part = lineParts + 3 * t
            let winners = evaluator.winners(ofTable: t)
            let piece = pieceBounds + 3 * (pieceBase[t] + (winners.isEmpty ? 0 : Int(winners[0]) + 1))
            if piece[0] < 0 { render(ofTable: t, into: piece) }
            part.update(from: piece, count: 3)
            length += part[2] - part[0]
        }
        // Rendered after every piece kept, so that they can be dropped after the line.
        let kept = pieces.count
        if aggregates {
            for t in 0..<tableCount where !decidedByWinner[t] {
                let part = lineParts + 3 * t
                render(ofTable: t, into: part)
                length += part[2] - part[0]
            }
        }
        if length > lineCapacity {
            line.deallocate()
            lineCapacity = max(length, 2 * lineCapacity)
            line = .allocate(capacity: lineCapacity)
        }
        pieces.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return }
            var end = line
            // Every table's outputs (from its part's first offset to its second), then every
            // table's rules (from the second to the third).
            for half in 0..<2 {
                for t in 0..<tableCount {
                    let part = lineParts + 3 * t
                    let count = part[half + 1] - part[half]
                    end.update(from: base + part[half], count: count)
                    end += count
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: line, count: line.distance(to: end)))
        }
        if aggregates { pieces.removeLast(pieces.count - kept) }
    }

    /// Renders table `t`'s outputs and rule list as they are after this evaluation at the end
    /// of ``pieces``, and writes where they are to `bounds`: outputs, rules, end.
    private func render(ofTable t: Int, into bounds: UnsafeMutablePointer<Int>) {
        bounds[0] = pieces.count
        appendOutputs(ofTable: t, into: &pieces)
        bounds[1] = pieces.count
        appendRules(ofTable: t, into: &pieces)
        bounds[2] = pieces.count
    }

    /// Appends table `t`'s outputs, as they are after this evaluation.
    private func appendOutputs(ofTable t: Int, into out: inout [UInt8]) {
        for output in outputs[tableOutputs[t]] {
            out.append(contentsOf: output.key)
            let encoded = evaluator.encodedOutput(output.slot)
            if let rendered = output.rendered {
                out.append(contentsOf: rendered[encoded])
            } else if case .integer = output.definition.type {
                JSONValue.append(encoded, to: &out)
            } else {
                JSONValue(tables.decode(encoded, output: output.definition)).render(into: &out)
            }
        }
    }

    /// Appends `"<table>": [<winning rule ids>]` for table `t` after this evaluation, with
    /// what the line has before it and, for the last table, after it.
    private func appendRules(ofTable t: Int, into out: inout [UInt8]) {
        out.append(contentsOf: tableKeys[t])
        for (k, rule) in evaluator.winners(ofTable: t).enumerated() {
            if k > 0 { JSONValue.append(", ", to: &out) }
            out.append(contentsOf: ruleIDs[t][Int(rule)])
        }
        out.append(UInt8(ascii: "]"))
        if t == tableKeys.count - 1 { JSONValue.append("}}\n", to: &out) }
    }
}
