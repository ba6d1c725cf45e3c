import Foundation
import JSONLines
import Testing

/// The HTML page of the shipped rules as a support reader sees it: rendered by headless
/// Chromium at 1280 px (Debian's `chromium`, which `.ci/run` installs), with the layout
/// measured in the page and checked here.
@Suite struct TableHTMLLayoutTests {
    /// Debian's headless-capable browser, when installed.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Measures every table once the page has laid out, and writes the numbers into the page
    /// as JSON, which `--dump-dom` then prints.
    static let measuring = """
        <script>
        window.addEventListener('load', () => {
          const root = document.documentElement;
          const tables = [...document.querySelectorAll('table')].map(table => {
            const box = table.getBoundingClientRect();
            const heads = [...table.querySelectorAll('thead th')];
            const cell = table.querySelector('tbody td');
            const line = parseFloat(getComputedStyle(cell).lineHeight);
            const rows = [...table.querySelectorAll('tbody tr')].map(row => row.getBoundingClientRect().height);
            return {
              heading: table.closest('section').querySelector('h2').textContent,
              right: box.right,
              width: box.width,
              why: heads[heads.length - 1].getBoundingClientRect().width,
              spilling: [...table.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
              tallestRowInLines: Math.max(...rows) / line,
            };
          });
          const out = document.createElement('pre');
          out.id = 'layout';
          out.textContent = JSON.stringify({viewport: root.clientWidth, pageWidth: root.scrollWidth, tables});
          document.body.appendChild(out);
        });
        </script>
        """

    /// Renders `html` at 1280 × 900 and returns the page's measurements.
    static func layout(of html: String, chromium: String) throws -> JSONValue {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appending(path: "rules.html")
        try Data(html.replacingOccurrences(of: "</body>", with: measuring + "\n</body>").utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(filePath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900",
            "--user-data-dir=\(folder.appending(path: "profile").path)", "--virtual-time-budget=5000",
            "--dump-dom", page.absoluteString,
        ]
        let output = folder.appending(path: "dom.html")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let dom = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        let start = try #require(dom.range(of: "<pre id=\"layout\">"), "no measurements in the rendered page")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONParser.parse(json)
    }

    static func number(_ value: JSONValue?) -> Double {
        value?.doubleValue ?? .nan
    }

    @Test(
        "At 1280 px nothing spills past the page or out of a cell, and the why column reads as prose",
        .enabled(if: chromium != nil, "needs Debian's chromium (.ci/run installs it)"))
    func theShippedRulesPageFitsTheWindow() throws {
        let result = try CommandRunner.run(["table", "--format", "html", "rules/interaction-logging.yaml"])
        #expect(result.status == 0)
        let layout = try Self.layout(of: result.stdout, chromium: try #require(Self.chromium))
        let viewport = Self.number(layout["viewport"])
        #expect(viewport == 1280)
        #expect(Self.number(layout["pageWidth"]) <= viewport, "the page scrolls sideways")
        guard case .array(let tables)? = layout["tables"] else {
            Issue.record("no tables measured: \(layout)")
            return
        }
        #expect(tables.count == 5)
        for table in tables {
            let name = table["heading"].map { "\($0)" } ?? "?"
            #expect(Self.number(table["right"]) <= viewport, "\(name) is wider than the window")
            #expect(table["spilling"] == .array([]), "\(name): text spills out of its cell")
            // About 35 characters a line: the rule's reason reads as prose, not a column of words.
            #expect(Self.number(table["why"]) >= 260, "\(name): the why column is squeezed")
            #expect(Self.number(table["tallestRowInLines"]) <= 9, "\(name): a row grows too tall")
        }
    }

    @Test("The page is plain text with a title, an introduction, words for column heads and one wording per value")
    func thePageReadsAsProse() throws {
        let result = try CommandRunner.run(["table", "--format", "html", "rules/interaction-logging.yaml"])
        let page = result.stdout
        #expect(page.contains("<title>How Spark logs Aircall calls and messages</title>"))
        #expect(page.contains("<h1>How Spark logs Aircall calls and messages</h1>\n<div class=\"intro\">\n<p>When a call ends"))
        #expect(!page.contains("`") && !page.contains("**"), "Markdown syntax in the HTML")
        #expect(page.contains("<th scope=\"col\">Log on all projects</th>"))
        #expect(!page.contains("<th scope=\"col\">log_on_all_projects</th>"))
        // The booleans read yes or no in every table, unless labelled (ON or OFF).
        let cells = page.split(separator: "<td").map { $0.prefix { $0 != "<" } }
        #expect(!cells.contains { $0.hasSuffix(">true") || $0.hasSuffix(">false") })
        #expect(page.contains("<td>no</td><td>yes</td><td>no</td><td class=\"result\">Assign Projects</td>"))
    }

    @Test("A source link appears when the file gives one")
    func sourceLink() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            title: Contact rules
            description: Which contact a call belongs to.
            source: https://example.com/article
            tables:
              - name: contact
                inputs: [{ name: matches, type: integer, min: 0 }]
                outputs: [{ name: contact, values: [none, one, many], labels: { many: several } }]
                rules:
                  - { id: none, when: { matches: 0 }, then: { contact: none } }
                  - { id: one, when: { matches: 1 }, then: { contact: one } }
                  - { id: many, when: { matches: ">= 2" }, then: { contact: many } }
            """)
        let result = try CommandRunner.run(["table", "--format", "html", rules])
        #expect(result.status == 0)
        #expect(result.stdout.contains("<p class=\"source\">Source: <a href=\"https://example.com/article\">https://example.com/article</a></p>"))
        #expect(result.stdout.contains("<td class=\"result\">several</td>"))
        let markdown = try CommandRunner.run(["table", rules])
        #expect(markdown.stdout.contains("| 2 or more | several | `many` |"))
    }
}
