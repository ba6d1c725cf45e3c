import DecisionTable

/// Renders decision tables for people, the way the help article shows them: one row per
/// rule in file order, conditions and results in plain words, and the rule's id and
/// description, so that the documentation is generated from the rules and cannot drift.
public enum TableDocumentation {
    /// GitHub-flavoured Markdown: per table, a heading, its description, a legend of its
    /// columns, and the rules table.
    public static func markdown(_ tables: [TableDefinition]) -> String {
        var out = ""
        for table in tables {
            out += "### `\(table.name)`\n\n"
            if let description = table.description { out += description + "\n\n" }
            for input in table.inputs {
                out +=
                    "- **\(input.name)**: "
                    + (input.description ?? input.producer.map { "the result of table `\($0)`" }
                        ?? input.domainSummary) + "\n"
            }
            for output in table.outputs {
                out += "- **\(output.name)** (result): " + (output.description ?? output.type.summary) + "\n"
            }
            out +=
                "\n| "
                + (table.inputs.map(\.name) + table.outputs.map(\.name) + ["rule", "why"])
                .map(escape).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.inputs.count + table.outputs.count + 2) + "\n"
            for rule in table.rules {
                let cells = cells(rule, table) + ["`\(rule.id)`", rule.description ?? ""]
                out += "| " + cells.map(escape).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return out
    }

    /// A standalone HTML page with the same content, for a support team reading it in a
    /// browser: a title and an introduction from the file's header, a link to its source,
    /// then per table its purpose, its columns in words and its rules.
    ///
    /// The page is plain text in HTML (no Markdown syntax), column heads in words, every
    /// value in the words its column's `labels` give (booleans read yes or no unless
    /// labelled), and tables that fit the page: the "why" column keeps a third of the width,
    /// so that it reads as prose, and values wrap only between words (or after `_`).
    /// - Parameters:
    ///   - tables: The tables, in the order to show them.
    ///   - title: The title when the header has none (the file's name).
    ///   - header: The rules file's title, introduction and source.
    public static func html(_ tables: [TableDefinition], title: String, header: RulesFileHeader = RulesFileHeader()) -> String {
        let pageTitle = header.title ?? title
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(pageTitle))</title>
            <style>
            *, *::before, *::after { box-sizing: border-box; }
            body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 0 auto; max-width: 84rem; padding: 2rem 1.25rem 4rem; }
            h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 1rem; }
            .intro p, p.lead { max-width: 46rem; }
            .intro p { font-size: 1.05rem; color: #333c4f; }
            p.source { color: #4a5263; } p.source a { color: #2456b8; }
            h2 { font-size: 1.3rem; margin: 3rem 0 .5rem; border-bottom: 1px solid #e3e6ec; padding-bottom: .3rem; }
            dl.columns { display: grid; grid-template-columns: minmax(9rem, max-content) minmax(0, 1fr); gap: .3rem 1.2rem; max-width: 62rem; font-size: .95rem; }
            dl.columns dt { font-weight: 600; } dl.columns dd { margin: 0; color: #4a5263; }
            table { border-collapse: collapse; width: 100%; margin-top: 1.2rem; font-size: .9rem; line-height: 1.45; }
            col.why { width: 32%; }
            th, td { border: 1px solid #dde1e8; padding: .45rem .55rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
            th { background: #f3f5f8; font-weight: 600; }
            th.result, td.result { background: #f1f7f2; }
            td.any { color: #8a93a6; }
            code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .82em; color: #5b3fb0; }
            tr:hover td { background: #fbfbe9; }
            </style>
            </head>
            <body>
            <h1>\(html(pageTitle))</h1>

            """
        if let description = header.description {
            out += "<div class=\"intro\">\n"
            for paragraph in paragraphs(description) { out += "<p>\(prose(paragraph))</p>\n" }
            out += "</div>\n"
        }
        if let source = header.source {
            out += "<p class=\"source\">Source: <a href=\"\(html(source))\">\(html(source))</a></p>\n"
        }
        for table in tables {
            out += "<section>\n<h2>\(html(heading(table.name)))</h2>\n"
            if let description = table.description { out += "<p class=\"lead\">\(prose(description))</p>\n" }
            out += "<dl class=\"columns\">\n"
            for input in table.inputs {
                let meaning =
                    input.description.map(prose)
                    ?? input.producer.map { "The result of the table \(html(heading($0)))." } ?? html(input.domainSummary)
                out += "<dt>\(html(heading(input.name)))</dt><dd>\(meaning)</dd>\n"
            }
            for output in table.outputs {
                out += "<dt>\(html(heading(output.name)))</dt><dd>Result: \(output.description.map(prose) ?? html(output.type.summary))</dd>\n"
            }
            out += "</dl>\n<table>\n<colgroup>"
            out += String(repeating: "<col>", count: table.inputs.count + table.outputs.count + 1)
            out += "<col class=\"why\"></colgroup>\n<thead><tr>"
            out += table.inputs.map { "<th scope=\"col\">\(html(heading($0.name)))</th>" }.joined()
            out += table.outputs.map { "<th scope=\"col\" class=\"result\">\(html(heading($0.name)))</th>" }.joined()
            out += "<th scope=\"col\">Rule</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n"
            for rule in table.rules {
                out += "<tr>"
                for (i, word) in cells(rule, table).enumerated() {
                    let isResult = i >= table.inputs.count
                    let classes = [isResult ? "result" : nil, word == "any" ? "any" : nil].compactMap { $0 }
                    let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                    out += "<td\(attribute)>\(breakable(word))</td>"
                }
                out += "<td class=\"rule\"><code>\(breakable(rule.id))</code></td><td class=\"why\">\(prose(rule.description ?? ""))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// A value or an id as HTML that may wrap after `_` (`line_member`); `-` wraps already.
    private static func breakable(_ text: String) -> String {
        html(text).replacing("_", with: "_<wbr>")
    }

    /// A column or table name in words: `log_on_all_projects` reads "Log on all projects".
    static func heading(_ name: String) -> String {
        let words = name.replacing("_", with: " ").replacing("-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A rule's conditions then its outputs, in words: each value as its column's `labels`
    /// say, booleans "yes" and "no" unless labelled.
    private static func cells(_ rule: RuleDefinition, _ table: TableDefinition) -> [String] {
        zip(table.inputs, rule.conditions).map { CellWording.words($1, input: $0) }
            + zip(table.outputs, rule.values).map { output, value in
                let name = value.description
                if let label = output.labels[name] { return label }
                if case .boolean(let flag) = value { return flag ? "yes" : "no" }
                return name
            }
    }

    /// Paragraphs of an introduction: separated by blank lines.
    private static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n\n").map { paragraph in
            String(paragraph.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        }.filter { !$0.isEmpty }
    }

    /// Text written in a rules file, as HTML: escaped, with a `code` span shown as code
    /// rather than with its backticks.
    private static func prose(_ text: String) -> String {
        var out = ""
        var inCode = false
        for part in text.split(separator: "`", omittingEmptySubsequences: false) {
            out += inCode ? "<code>\(html(String(part)))</code>" : html(String(part))
            inCode.toggle()
        }
        // An unmatched backtick is text.
        if !inCode { return html(text) }
        return out
    }

    private static func escape(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }

    private static func html(_ text: String) -> String { text.markupEscaped }
}
