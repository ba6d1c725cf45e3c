import Foundation
import Testing

/// The import rule of ARCHITECTURE.md, checked on every source file: a module imports only the
/// modules its row allows (and the toolchain's and dependencies' modules listed here).
@Suite struct ImportRuleTests {
    /// Each of this package's modules and the package modules it may import.
    static let allowed: [String: Set<String>] = [
        "Diagnostics": [],
        "YAMLLoading": ["CYAML", "Diagnostics"],
        "JSONLines": ["Diagnostics"],
        "DecisionTable": ["Diagnostics", "YAMLLoading"],
        "DecisionTableReports": ["DecisionTable", "Diagnostics", "JSONLines"],
        "DecisionTableDMN": ["DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines"],
        "InteractionLogging": ["DecisionTable", "DecisionTableReports", "Diagnostics", "YAMLLoading", "JSONLines"],
        "phone-normalize": ["InteractionLogging"],
        "InteractionStore": ["InteractionLogging", "JSONLines"],
        "SwitchboardService": ["DecisionTable", "Diagnostics", "JSONLines", "InteractionLogging", "InteractionStore"],
        "switchboard": [
            "Diagnostics", "YAMLLoading", "JSONLines", "DecisionTable", "DecisionTableReports", "DecisionTableDMN",
            "InteractionLogging", "InteractionStore", "SwitchboardService",
        ],
    ]

    /// Modules from outside the package that a module may import besides the toolchain's.
    static let external: [String: Set<String>] = [
        "InteractionStore": ["GRDB", "PostgresNIO", "Logging"],
        "SwitchboardService": ["Hummingbird", "ServiceLifecycle", "UnixSignals", "Logging", "Metrics", "CoreMetrics", "Prometheus"],
        "switchboard": ["ArgumentParser", "Logging", "Metrics", "Prometheus"],
    ]

    /// The toolchain's own modules, which any module may import.
    static let toolchain: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "Glibc", "Darwin", "Dispatch", "Synchronization"]

    static var packageRoot: URL {
        URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Every package module in `Sources/` (folders other than the C shims) is in the rule.
    @Test func everyModuleHasARow() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.packageRoot.appending(path: "Sources").path)
            .filter { !$0.hasPrefix(".") && $0 != "CYAML" }
        for folder in folders {
            #expect(Self.allowed[folder] != nil, "Sources/\(folder) is not in ARCHITECTURE.md's import rule")
        }
    }

    @Test(arguments: allowed.keys.sorted())
    func importsFollowTheRule(module: String) throws {
        let folder = Self.packageRoot.appending(path: "Sources/\(module)")
        guard let files = FileManager.default.enumerator(atPath: folder.path) else {
            Issue.record("cannot list \(folder.path)")
            return
        }
        let ownModules = Set(Self.allowed.keys).union(["CYAML"])
        var checked = 0
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let imported = Self.importedModule(line) else { continue }
                checked += 1
                if ownModules.contains(imported) {
                    #expect(
                        Self.allowed[module]?.contains(imported) == true,
                        "Sources/\(module)/\(file):\(number + 1): \(module) must not import \(imported)")
                } else {
                    #expect(
                        Self.toolchain.contains(imported) || Self.external[module]?.contains(imported) == true,
                        "Sources/\(module)/\(file):\(number + 1): \(module) imports \(imported), which ARCHITECTURE.md does not allow")
                }
            }
        }
        // A module allowed to import others does import something: the scan found its files.
        if Self.allowed[module]?.isEmpty == false { #expect(checked > 0, "no imports found in Sources/\(module)") }
    }

    /// The rule itself: the engine stays below the domain and the reports.
    @Test func engineImportsNoHigherLayer() {
        let engine = Self.allowed["DecisionTable"] ?? []
        #expect(engine.isDisjoint(with: ["InteractionLogging", "DecisionTableReports", "JSONLines", "switchboard"]))
    }

    @Test(arguments: [
        ("import DecisionTable", "DecisionTable"),
        ("internal import CYAML", "CYAML"),
        ("@testable import YAMLLoading", "YAMLLoading"),
        ("import struct Foundation.URL", "Foundation"),
        ("// import InteractionLogging", nil),
        ("let important = 1", nil),
    ])
    func readsImportLines(line: String, module: String?) {
        #expect(Self.importedModule(Substring(line)) == module)
    }

    /// The module an `import` line names, or nil for any other line.
    static func importedModule(_ line: Substring) -> String? {
        var words = line.split(separator: " ").map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "package", "internal", "private", "fileprivate"].contains(first) {
            words.removeFirst()
        }
        guard words.count >= 2, words[0] == "import" else { return nil }
        let path =
            words.count >= 3 && ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(words[1]) ? words[2] : words[1]
        return path.split(separator: ".").first.map(String.init)
    }
}
