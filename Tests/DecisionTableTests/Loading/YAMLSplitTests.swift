import Diagnostics
import Foundation
import Testing
import YAMLLoading
import _DecisionTableTestSupport

/// A large file is read in two parts at once (libyaml on a second thread reads a long list's
/// later items): the document, every position in it and every diagnostic must be what one
/// part gives, whatever the file holds, and the split must be taken where the file allows.
@Suite struct YAMLSplitTests {
    /// What a parse gives a caller.
    private enum Outcome: Equatable {
        case document(YAMLNode, text: [UInt8])
        case failure([Diagnostic])
    }

    private func outcome(_ bytes: [UInt8], splitFrom: Int) -> Outcome {
        do {
            let document = try YAMLParser.document(bytes, file: "f.yaml", splitFrom: splitFrom)
            return .document(document.node(at: 0), text: document.bytes)
        } catch {
            return .failure(error.diagnostics)
        }
    }

    /// Parses `text` in one part and, where it can, in two; expects the same outcome and
    /// returns it with whether the split was taken.
    @discardableResult
    private func expectSame(
        _ text: String, split expected: Bool? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> (Outcome, split: Bool) {
        let bytes = Array(text.utf8)
        let one = outcome(bytes, splitFrom: .max)
        let two = outcome(bytes, splitFrom: 0)
        #expect(one == two, sourceLocation: sourceLocation)
        let split = YAMLParser.readsInTwoParts(bytes, splitFrom: 0)
        if let expected { #expect(split == expected, sourceLocation: sourceLocation) }
        return (two, split)
    }

    private func errors(_ outcome: Outcome) -> [Diagnostic] {
        if case .failure(let diagnostics) = outcome { return diagnostics }
        return []
    }

    /// A table of `count` rules, each on one line in flow style, then `after`.
    private func flowRules(_ count: Int, indent: String = "      ", after: String = "    hit: first\n") -> String {
        var text = "tables:\n  - name: t\n    rules:\n"
        for i in 0..<count {
            text += "\(indent)- { id: r\(i), when: { a: [v\(i % 7), v2], n: \"\(i)..\(i + 9)\" }, then: { out: 'x \(i)' } }\n"
        }
        return text + after
    }

    /// The same in block style, with comments, blank lines, lists and block scalars in items.
    private func blockRules(_ count: Int) -> String {
        var text = "title: block\ntables:\n  - name: t\n    rules:\n"
        for i in 0..<count {
            text += """
                      - id: r\(i)
                        # rule \(i)
                        when:
                          a:
                            - v\(i % 5)
                            - v9
                          n: "\(i)..\(i + 3)"

                        description: |
                          line one of \(i)
                          - not an item

                """
        }
        return text + "  - name: u\n    rules: []\nsource: https://example.com\n"
    }

    @Test func aLongListInFlowStyleIsReadInTwoPartsAsInOne() {
        let (outcome, _) = expectSame(flowRules(2_000), split: true)
        guard case .document(let root, _) = outcome, case .mapping(let file) = root.content,
            case .sequence(let tables) = file.first?.value.content, case .mapping(let table) = tables.first?.content,
            case .sequence(let list) = table.first(where: { $0.key == "rules" })?.value.content
        else {
            Issue.record("the table did not parse as written")
            return
        }
        #expect(list.count == 2_000)
        #expect(list[1_500].location == Diagnostics.SourceLocation(file: "f.yaml", line: 1_504, column: 9))
        #expect(table.last?.key == "hit")
        #expect(table.last?.keyLocation.line == 2_004)
    }

    @Test func aLongListInBlockStyleIsReadInTwoPartsAsInOne() {
        expectSame(blockRules(400), split: true)
    }

    @Test func listsThatEndAtTheFileOrLeftOfTheirColumnAreReadAsInOne() {
        expectSame(flowRules(500, after: ""), split: true)
        // No line break at the end: the list ends where its last item does.
        expectSame(String(flowRules(500, after: "").dropLast()))
        // A list at the top level, and one not indented under its key, end at no dedent.
        expectSame(flowRules(500, indent: "", after: ""))
        expectSame(flowRules(500, indent: "    ", after: "    hit: first\n"))
        expectSame((0..<900).map { "- item \($0)" }.joined(separator: "\n") + "\n")
    }

    @Test func textThatOnlyLooksLikeItemsIsReadAsInOne() {
        // The lines about two fifths in look like items, inside a block scalar, a quoted
        // string and a flow list.
        let items = (0..<600).map { "    - item \($0)" }.joined(separator: "\n")
        expectSame("head: x\nnote: |\n\(items)\ntail: y\n", split: false)
        expectSame("head: x\nnote: \"\n\(items)\n  \"\ntail: y\n", split: false)
        let quotedItems = items.replacingOccurrences(of: "- ", with: "'- ").replacingOccurrences(of: "\n", with: "',\n")
        expectSame("head: x\nnote: [\n\(quotedItems)'\n  ]\ntail: y\n", split: false)
        // A quoted scalar from before the middle to the end of the file, over lines that
        // look like a list, and one that ends inside the list.
        let lines = (0..<600).map { "      - item \($0)\n" }.joined()
        expectSame("title: x\ndescription: \"a\n" + lines + "  \"\n", split: false)
        expectSame("title: x\ndescription: 'a\n" + lines + "  '\nother:\n" + lines, split: false)
        // Windows line ends: libyaml's lines are not counted at `\n` alone.
        expectSame(flowRules(500).replacingOccurrences(of: "\n", with: "\r\n"), split: false)
    }

    @Test func problemsAnywhereAreReportedWhereTheyAre() {
        let rules = flowRules(1_000)
        let lines = rules.split(separator: "\n", omittingEmptySubsequences: false)
        // A syntax error, a tab, an alias, a duplicate key, and nesting too deep, each before
        // the middle part, in it and after it.
        for line in [200, 700, 1_002] {
            for bad in [
                "      - { id: broken, when: [a", "\t- { id: tabbed }", "      - { id: *alias }",
                "      - { id: a, id: b }", "      - " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
            ] {
                var edited = lines
                edited.insert(Substring(bad), at: line)
                let failure = errors(expectSame(edited.joined(separator: "\n")).0)
                // An unclosed list is found on the line after it.
                #expect((line + 1...line + 2).contains(failure.first?.location.line ?? 0), "\(bad.prefix(20)) at \(line + 1)")
            }
        }
        // A repeated top-level key after the list, its first place before it.
        let repeated: [Diagnostic] = errors(expectSame(rules + "tables: again\n", split: true).0)
        #expect(repeated.map(\.code) == ["duplicate-key"])
        #expect(repeated.first?.notes.first?.location.line == 1)
        // A second document after the list.
        #expect(errors(expectSame(rules + "---\nmore: 1\n").0).map(\.code) == ["multiple-documents"])
    }

    @Test func aFileIsSplitOnlyWhenLibyamlWouldReadItsPartsAsTheWhole() {
        // Each refused character, at several places (in words of eight bytes and between).
        let refused = ["\r", "\u{01}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{2028}", "\u{2029}", "\u{FFFE}", "\u{FFFF}"]
        let table = flowRules(500)
        for text in refused {
            for at in [3, 1_000, 40_000] {
                var edited = table
                edited.insert(contentsOf: "      # \(text)", at: edited.index(edited.startIndex, offsetBy: at))
                expectSame(edited, split: false)
            }
        }
        expectSame("%YAML 1.1\n---\n" + table, split: false)
        // Text libyaml reads alike in any pieces.
        for text in ["é", "\u{A0}", "\u{2027}", "\u{FFFD}", "🙂", "50% of", "\t"] {
            expectSame(table.replacingOccurrences(of: "'x 250'", with: "'x \(text)'"), split: true)
        }
    }

    @Test func aControlCharacterAfterTheListIsFoundAfterTheSameEvents() {
        // libyaml checks its input 16 KiB at a time, so the aliases before the control
        // character that reach the builder depend on how the text is handed over.
        let list = (0..<17_000).map { "  - item \($0)\n" }.joined()
        let tail = (0..<4_000).map { "  k\($0): \($0 % 100 == 0 ? "*a" : "v")\n" }.joined()
        let failure = errors(expectSame("list:\n" + list + "tail:\n" + tail + "  bad: x\u{01}y\n", split: false).0)
        #expect(failure.last?.code == "syntax")
        // A directive's tag handles, and a tab in the first token after the list, are in
        // `Tests/Fixtures/yaml-split/`.
    }

    @Test func theErrorCapStopsTheBuilderWithTheMiddlePartStillReading() {
        let aliases = (0..<3_000).map { "      - *a\($0)" }.joined(separator: "\n")
        let failure = errors(expectSame("tables:\n    rules:\n" + aliases + "\n").0)
        #expect(failure.count == 101)
        #expect(failure.last?.code == "too-many-errors")
    }

    /// `Tests/Fixtures/yaml-split/` holds files found read otherwise in two parts than in
    /// one, by the fuzzer (`Fuzz/run YAMLSplit`) and by review, each mended since.
    @Test func everyShippedAndFixtureFileIsReadInTwoPartsAsInOne() throws {
        let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["Tests/Fixtures", "rules", "Examples"] {
            let enumerator = FileManager.default.enumerator(at: root.appending(path: folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "yaml" { files.append(url) }
            }
        }
        #expect(files.count > 40)
        var split = 0
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            #expect(outcome(bytes, splitFrom: .max) == outcome(bytes, splitFrom: 0), "\(file.lastPathComponent)")
            if YAMLParser.readsInTwoParts(bytes, splitFrom: 0) { split += 1 }
        }
        #expect(split > 5)
    }

    @Test func filesChangedAtRandomAreReadInTwoPartsAsInOne() {
        // Seeded: the same edits every run.
        var generator = SeededGenerator(seed: 0x5EED)
        let base = Array((flowRules(300) + blockRules(40)).utf8)
        let alphabet = Array(" -:\n\t#'\"[]{}|>&*!%,?ab0".utf8)
        var splits = 0
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: at)
                case 1: bytes.remove(at: at)
                default: bytes[at] = alphabet.randomElement(using: &generator) ?? 0x20
                }
            }
            #expect(outcome(bytes, splitFrom: .max) == outcome(bytes, splitFrom: 0))
            if YAMLParser.readsInTwoParts(bytes, splitFrom: 0) { splits += 1 }
        }
        #expect(splits > 100)
    }
}
