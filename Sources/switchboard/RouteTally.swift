import InteractionLogging

/// Counts routes per status and per deciding rule, for `route --summary`.
struct RouteTally {
    private var statuses: [String: Int] = [:]
    private var rules: [String: Int] = [:]
    private var ruleOrder: [String] = []
    private var total = 0

    mutating func add(_ route: InteractionLogging.Route) {
        total += 1
        statuses[route.status.rawValue, default: 0] += 1
        for (table, ids) in route.rules {
            for id in ids {
                let key = "\(table)/\(id)"
                if rules[key] == nil { ruleOrder.append(key) }
                rules[key, default: 0] += 1
            }
        }
    }

    /// Two aligned tables: statuses in a fixed order, then rules in order of first use.
    var text: String {
        let statusOrder = ["logged", "unassigned", "not_logged", "ignored", "duplicate", "error"]
        var rows = [("status", "events")] + statusOrder.map { ($0, String(statuses[$0] ?? 0)) } + [("total", String(total))]
        var out = Self.table(rows)
        rows = [("rule", "events")] + ruleOrder.map { ($0, String(rules[$0]!)) }
        out += "\n" + Self.table(rows)
        return out
    }

    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        let numberWidth = rows.map(\.1.count).max() ?? 0
        return rows.map { name, count in
            name + String(repeating: " ", count: width - name.count + 2)
                + String(repeating: " ", count: numberWidth - count.count) + count
        }.joined(separator: "\n") + "\n"
    }
}
