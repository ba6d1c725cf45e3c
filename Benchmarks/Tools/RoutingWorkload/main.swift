import _InteractionLoggingTestSupport
import Foundation

// Writes the routing benchmark's workload as files, to time `switchboard route` itself:
//
//   swift run -c release routing-workload DIR [--contacts N] [--events M] [--seed S]
//
// DIR/directory.yaml is a Spark directory of N contacts (default 100,000) and DIR/events.jsonl
// M webhook events as JSON Lines (default 1,000,000), both from RoutingWorkload.

let usage = "usage: routing-workload DIR [--contacts N] [--events M] [--seed S]"
var arguments = CommandLine.arguments.dropFirst()
var folder: String?
var contacts = 100_000
var events = 1_000_000
var seed: UInt64?
while let argument = arguments.popFirst() {
    switch argument {
    case "--contacts": contacts = arguments.popFirst().flatMap { Int($0) } ?? { fatalError(usage) }()
    case "--events": events = arguments.popFirst().flatMap { Int($0) } ?? { fatalError(usage) }()
    case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? { fatalError(usage) }()
    default:
        guard folder == nil, !argument.hasPrefix("-") else { fatalError(usage) }
        folder = argument
    }
}
guard let folder else { fatalError(usage) }

let workload = seed.map { RoutingWorkload(contacts: contacts, seed: $0) } ?? RoutingWorkload(contacts: contacts)
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let directoryPath = folder + "/directory.yaml"
try workload.directoryYAML().write(toFile: directoryPath, atomically: false, encoding: .utf8)

let eventsPath = folder + "/events.jsonl"
FileManager.default.createFile(atPath: eventsPath, contents: nil)
let file = try FileHandle(forWritingTo: URL(filePath: eventsPath))
var start = 0
while start < events {
    let end = min(events, start + 10_000)
    var text = ""
    workload.appendEvents(start..<end, to: &text)
    try file.write(contentsOf: Data(text.utf8))
    start = end
}
try file.close()
print("\(directoryPath): \(contacts) contacts; \(eventsPath): \(events) events")
