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
                out += "- **\(input.name)**: " + (input.description ?? source(input)) + "\n"
            }
            for output in table.outputs {
                out += "- **\(output.name)** (result): " + (output.description ?? output.type.summary) + "\n"
            }
            out += "\n| " + (table.inputs.map(\.name) + table.outputs.map(\.name) + ["rule", "why"])
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

    /// A standalone HTML page with the same content, styled for a browser.
    public static func html(_ tables: [TableDefinition], title: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(html(title))</title>
            <style>
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 2rem auto; max-width: 72rem; padding: 0 1.5rem; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #e3e6ec; padding-bottom: .3rem; }
            p.lead { color: #4a5263; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .92rem; }
            dt { font-weight: 600; } dd { margin: 0; color: #4a5263; }
            table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: .92rem; }
            th, td { border: 1px solid #e3e6ec; padding: .45rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f5f7fa; } th.result, td.result { background: #f3f8f4; }
            td.any { color: #8a93a6; } code { font-size: .85rem; color: #5b3fb0; }
            tr:hover td { background: #fbfbe9; }
            </style>
            </head>
            <body>
            <h1>\(html(title))</h1>

            """
        for table in tables {
            out += "<h2><code>\(html(table.name))</code></h2>\n"
            if let description = table.description { out += "<p class=\"lead\">\(html(description))</p>\n" }
            out += "<dl>\n"
            for input in table.inputs {
                out += "<dt>\(html(input.name))</dt><dd>\(html(input.description ?? source(input)))</dd>\n"
            }
            for output in table.outputs {
                out += "<dt>\(html(output.name))</dt><dd>Result: \(html(output.description ?? output.type.summary))</dd>\n"
            }
            out += "</dl>\n<table>\n<thead><tr>"
            out += table.inputs.map { "<th>\(html($0.name))</th>" }.joined()
            out += table.outputs.map { "<th class=\"result\">\(html($0.name))</th>" }.joined()
            out += "<th>rule</th><th>why</th></tr></thead>\n<tbody>\n"
            for rule in table.rules {
                let words = cells(rule, table)
                out += "<tr>"
                for (i, word) in words.enumerated() {
                    let isResult = i >= table.inputs.count
                    let classes = [isResult ? "result" : nil, word == "any" ? "any" : nil].compactMap { $0 }
                    let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                    out += "<td\(attribute)>\(html(word))</td>"
                }
                out += "<td><code>\(html(rule.id))</code></td><td>\(html(rule.description ?? ""))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// A rule's conditions then its outputs, in words.
    private static func cells(_ rule: RuleDefinition, _ table: TableDefinition) -> [String] {
        zip(table.inputs, rule.conditions).map { CellWording.words($1, input: $0) }
            + rule.values.map { value in
                if case .boolean(let flag) = value { return flag ? "yes" : "no" }
                return value.description
            }
    }

    private static func source(_ input: InputDefinition) -> String {
        input.producer.map { "the result of table `\($0)`" } ?? input.domain.summary
    }

    private static func escape(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }

    private static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
