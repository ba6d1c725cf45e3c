// Lines of facts evaluated in-process, as `switchboard evaluate` evaluates them, by the
// byte-to-byte path and by the general path (parse, name the facts, evaluate, render) on the
// same lines, in one run: lines per second of each and a check that both wrote the same bytes.
// Built and run by Benchmarks/Evaluate/run.
import DecisionTable
import DecisionTableReports
import Foundation
import JSONLines

@main
enum EvaluateLines {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 4, let rounds = Int(arguments[3]) else {
            print("usage: evaluate-lines RULES FACTS.jsonl ROUNDS [fast|general]")
            exit(64)
        }
        let tables = try DecisionTables(contentsOf: URL(filePath: arguments[1]))
        let input = try [UInt8](Data(contentsOf: URL(filePath: arguments[2])))
        // Split with memchr, as the command's reader does, so that instruction counts are the
        // paths' own rather than a slow split's.
        var lines: [Range<Int>] = []
        input.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if end > start { lines.append(start..<end) }
                start = end + 1
            }
            if start < buffer.count { lines.append(start..<buffer.count) }
        }
        let only = arguments.count > 4 ? arguments[4] : nil
        let plainLines = JSONFactsEvaluator(tables)

        func fast(_ out: inout [UInt8]) {
            input.withUnsafeBufferPointer { buffer in
                for range in lines {
                    guard plainLines.appendResult(ofPlainLine: UnsafeBufferPointer(rebasing: buffer[range]), into: &out) else {
                        fatalError("line \(range) is not plain")
                    }
                }
            }
        }
        func general(_ out: inout [UInt8]) {
            input.withUnsafeBufferPointer { buffer in
                for range in lines {
                    guard let json = try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range])),
                          let facts = try? tables.facts(fromJSON: json),
                          let evaluation = try? tables.evaluate(facts) else { fatalError("line \(range) fails") }
                    out.append(contentsOf: (evaluation.json.rendered + "\n").utf8)
                }
            }
        }
        var outputs: [String: [UInt8]] = [:]
        for (name, path) in [("fast", fast), ("general", general)] where only == nil || only == name {
            var best = Double.infinity
            var out: [UInt8] = []
            for _ in 0..<rounds {
                out.removeAll(keepingCapacity: true)
                let start = ContinuousClock.now
                path(&out)
                let elapsed = ContinuousClock.now - start
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            outputs[name] = out
            let perSecond = Double(lines.count) / best
            print("\(name): \(lines.count) lines in \(String(format: "%.3f", best)) s (best of \(rounds)), "
                + "\(Int(perSecond)) lines/s, \(String(format: "%.0f", best / Double(lines.count) * 1e9)) ns per line")
        }
        if let fast = outputs["fast"], let general = outputs["general"] {
            guard fast == general else { fatalError("the paths wrote different bytes") }
            print("both paths wrote the same \(fast.count) bytes")
        }
    }
}
