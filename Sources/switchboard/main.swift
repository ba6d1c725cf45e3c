import DecisionTable
import Foundation
do {
    let t = try DecisionTables(contentsOf: URL(filePath: CommandLine.arguments[1]))
    print(t.facts.map(\.name))
    let r = try t.evaluate(["contact_matches": .integer(2), "kind": .string("call"), "contact_projects": .integer(3), "log_on_all_projects": .boolean(true)])
    print(r)
} catch let e as DiagnosticsError {
    print(DiagnosticsFormatter().format(e.diagnostics, sources: e.sources))
} catch { print(error) }
