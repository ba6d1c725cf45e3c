// `switchboard evaluate`'s byte-to-byte path: on every line it takes, it writes exactly what
// the general path writes (parse, name the facts, evaluate, render); a line it leaves gets
// nothing from it.
import DecisionTable
import DecisionTableReports
import Foundation
import JSONLines

let tables: DecisionTables = {
    guard let tables = try? DecisionTables(contentsOf: URL(filePath: "Examples/contact.yaml")) else {
        fatalError("run from the package's folder: Examples/contact.yaml is needed")
    }
    return tables
}()
let plainLines = JSONFactsEvaluator(tables)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFactsLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        var fast: [UInt8] = []
        let handled = Array(line).withUnsafeBufferPointer { plainLines.appendResult(ofPlainLine: $0, into: &fast) }
        guard handled else {
            if !fast.isEmpty { fatalError("a line left to the general path got \(fast.count) bytes") }
            continue
        }
        let general = Array(line).withUnsafeBufferPointer { line -> [UInt8]? in
            guard let json = try? JSONParser.parse(line), let facts = try? tables.facts(fromJSON: json),
                  let evaluation = try? tables.evaluate(facts) else { return nil }
            return Array((evaluation.json.rendered + "\n").utf8)
        }
        if general != fast {
            fatalError("'\(String(decoding: line, as: UTF8.self))': fast \(String(decoding: fast, as: UTF8.self)) general \(general.map { String(decoding: $0, as: UTF8.self) } ?? "fails")")
        }
    }
    return 0
}
