import DecisionTable

extension Explanation {
    /// The explanation as indented text.
    public var text: String {
        var out = ""
        for table in tables {
            out += "table '\(table.name)' (\(table.hitPolicy)) at \(table.location)\n"
            out += "  facts: " + table.facts.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "\n"
            if table.winners.isEmpty, table.usedDefaults {
                out += "  no rule matched: the outputs' defaults apply\n"
            }
            for winner in table.winners {
                out += "  won: rule '\(winner.id)' at \(winner.location)\n"
                // The rule's own words are the answer to "why?" a product owner looks for.
                if let why = winner.description { out += "    why: \(why)\n" }
            }
            let others = table.matched.filter { id in !table.winners.contains { $0.id == id.id } }
            for other in others {
                out += "  also matched: rule '\(other.id)' at \(other.location)\n"
            }
            for miss in table.nearMisses {
                out += "  did not match: rule '\(miss.rule.id)' at \(miss.rule.location)\n"
                for cell in miss.failedCells {
                    out +=
                        "    \(cell.input) is \(cell.value), but the cell at \(cell.location.line):\(cell.location.column) wants \(cell.condition)\n"
                }
            }
            if let outputs = table.outputs {
                out += "  outputs: " + outputs.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + "\n"
            }
        }
        if let error { out += "error: \(error)\n" }
        return out
    }
}
