import DecisionTable
import Foundation
import Testing
import Diagnostics

/// The loader's own limits, on inputs too big to commit as fixtures: the size cap, the depth
/// cap, aliases that would expand exponentially, and files that cannot be read at all.
@Suite struct LoaderLimitTests {
    /// A fresh folder for files made by one test, removed by the caller.
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appending(path: "LoaderLimitTests-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The bound on a refusal: far above what a refusal costs (milliseconds), far below what
    /// the quadratic or unbounded behaviour these limits prevent would take, and loose enough
    /// for a loaded machine. Speed itself is measured in Benchmarks/, not here.
    static let refusalBound = Duration.seconds(10)

    /// Loads and returns the diagnostics, with how long loading took.
    private func load(
        _ load: () throws(DiagnosticsError) -> DecisionTables
    ) throws -> (diagnostics: [Diagnostic], elapsed: Duration) {
        let start = ContinuousClock.now
        let error = try #require(throws: DiagnosticsError.self) { try load() }
        return (error.diagnostics, ContinuousClock.now - start)
    }

    @Test func refusesAFileOverThirtyTwoMebibytesBeforeReadingIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "huge.yaml")
        // Sparse: the size is what the loader checks, so the test need not write 32 MiB.
        let size = 32 << 20 + 1
        try #require(FileManager.default.createFile(atPath: url.path(percentEncoded: false), contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()

        let (diagnostics, elapsed) = try load { () throws(DiagnosticsError) in try DecisionTables(contentsOf: url) }
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == "too-large")
        #expect(diagnostic.location == SourceLocation(file: url.path(percentEncoded: false), line: 1, column: 1))
        #expect(diagnostic.message.contains("\(size)") && diagnostic.message.contains("\(32 << 20)"))
        #expect(elapsed < Self.refusalBound, "took \(elapsed)")
    }

    @Test func refusesBytesOverThirtyTwoMebibytes() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 32 << 20 + 1)
        let (diagnostics, elapsed) = try load { () throws(DiagnosticsError) in try DecisionTables(bytes: bytes, file: "big.yaml") }
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == "too-large")
        #expect(diagnostic.location == SourceLocation(file: "big.yaml", line: 1, column: 1))
        #expect(elapsed < Self.refusalBound, "took \(elapsed)")
    }

    /// Nesting 100,000 levels deep, written so that each level is one or two characters.
    /// libyaml alone takes quadratic time on deep flow nesting; the loader stops at level 65.
    static let deepNesting: [(name: String, yaml: String, line: Int, column: Int)] = [
        ("flow sequences", "tables: " + String(repeating: "[", count: 100_000), 1, 9 + 63),
        ("flow mappings", "tables: " + String(repeating: "{", count: 100_000), 1, 9 + 63),
        ("block sequences", "tables:\n  " + String(repeating: "- ", count: 100_000) + "x", 2, 3 + 2 * 63),
    ]

    @Test(arguments: deepNesting.indices)
    func stopsDeepNestingQuickly(_ index: Int) throws {
        let (name, yaml, line, column) = Self.deepNesting[index]
        let (diagnostics, elapsed) = try load { () throws(DiagnosticsError) in try DecisionTables(yaml: yaml, file: "deep.yaml") }
        let diagnostic = try #require(diagnostics.only, "\(name): \(diagnostics)")
        #expect(diagnostic.code == "too-deep", "\(name)")
        #expect(diagnostic.location == SourceLocation(file: "deep.yaml", line: line, column: column), "\(name)")
        #expect(elapsed < Self.refusalBound, "\(name) took \(elapsed)")
    }

    /// The deepest nesting allowed is 64 levels, the file's own mapping included.
    @Test(arguments: [63, 64])
    func depthCapIsSixtyFourLevels(_ brackets: Int) throws {
        let yaml = "tables: " + String(repeating: "[", count: brackets) + String(repeating: "]", count: brackets)
        let (diagnostics, _) = try load { () throws(DiagnosticsError) in try DecisionTables(yaml: yaml) }
        let tooDeep = diagnostics.contains { $0.code == "too-deep" }
        #expect(tooDeep == (1 + brackets > 64), "\(diagnostics)")
    }

    /// "Billion laughs": ten levels of ten aliases each would expand to 10^10 strings.
    @Test func refusesAnAliasBombWithoutExpandingIt() throws {
        var yaml = "tables:\n  - name: bomb\n    l0: &l0 [" + Array(repeating: "\"lol\"", count: 10).joined(separator: ", ") + "]\n"
        for level in 1..<10 {
            yaml += "    l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let (diagnostics, elapsed) = try load { () throws(DiagnosticsError) in try DecisionTables(yaml: yaml, file: "bomb.yaml") }
        #expect(diagnostics.filter { $0.code == "anchor" }.count == 10)
        #expect(diagnostics.filter { $0.code == "alias" }.count == 90)
        #expect(diagnostics.allSatisfy { $0.code == "anchor" || $0.code == "alias" }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.code == "alias" && $0.message.contains("*l8") })
        #expect(elapsed < Self.refusalBound, "took \(elapsed)")
    }

    /// Each alias is an error of its own; a file of nothing else stops at the error cap
    /// instead of collecting millions.
    @Test func stopsAfterAHundredErrors() throws {
        let yaml = "tables: [" + String(repeating: "*a, ", count: 100_000) + "]\n"
        let (diagnostics, elapsed) = try load { () throws(DiagnosticsError) in try DecisionTables(yaml: yaml, file: "flood.yaml") }
        #expect(diagnostics.count == 101)
        #expect(diagnostics.dropLast().allSatisfy { $0.code == "alias" })
        let last = try #require(diagnostics.last)
        #expect(last.code == "too-many-errors")
        // Where the 101st alias is: "tables: [" and 100 times "*a, ".
        #expect(last.location == SourceLocation(file: "flood.yaml", line: 1, column: 10 + 4 * 100))
        #expect(elapsed < Self.refusalBound, "took \(elapsed)")
    }

    @Test func reportsAMissingFileAsUnreadable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "missing.yaml")
        let (diagnostics, _) = try load { () throws(DiagnosticsError) in try DecisionTables(contentsOf: url) }
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == "unreadable")
        #expect(diagnostic.location == SourceLocation(file: url.path(percentEncoded: false), line: 1, column: 1))
        #expect(!diagnostic.message.isEmpty)
    }

    @Test func reportsAFolderAsUnreadable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (diagnostics, _) = try load { () throws(DiagnosticsError) in try DecisionTables(contentsOf: folder) }
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == "unreadable")
        #expect(diagnostic.message.contains("folder"))
    }

    /// A file of zero bytes cannot carry a fixture marker, so it is made here.
    @Test func reportsAnEmptyFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appending(path: "empty.yaml")
        try Data().write(to: url)
        let (diagnostics, _) = try load { () throws(DiagnosticsError) in try DecisionTables(contentsOf: url) }
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.code == "empty-file")
        #expect(diagnostic.location == SourceLocation(file: url.path(percentEncoded: false), line: 1, column: 1))
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
