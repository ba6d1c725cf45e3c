import DecisionTable
import _DecisionTableTestSupport
import Foundation

// Writes the validation and diff benchmarks' tables as files, to time `switchboard validate`
// and `switchboard diff` themselves:
//
//   swift run -c release analysis-workload DIR
//
// DIR/<name>.yaml for every table of AnalysisWorkloads, and DIR/<name>-old.yaml and
// DIR/<name>-new.yaml for the diff pairs.

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: analysis-workload DIR\n".utf8))
    exit(64)
}
let folder = URL(filePath: CommandLine.arguments[1])
do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for table in AnalysisWorkloads.tables {
        try Data(table.yaml().utf8).write(to: folder.appending(path: "\(table.name).yaml"))
        print("\(table.name).yaml: \(table.summary)")
    }
    for policy in [HitPolicy.unique, .first] {
        let (name, old, new) = AnalysisWorkloads.diffPair(policy)
        try Data(old.utf8).write(to: folder.appending(path: "\(name)-old.yaml"))
        try Data(new.utf8).write(to: folder.appending(path: "\(name)-new.yaml"))
        print("\(name)-old.yaml, \(name)-new.yaml: random 500 rules x 10 inputs, four rules edited, \(policy)")
    }
} catch {
    FileHandle.standardError.write(Data("analysis-workload: \(error)\n".utf8))
    exit(1)
}
