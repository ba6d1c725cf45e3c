import ArgumentParser

/// Every output format a subcommand can print; each subcommand offers some of them
/// (``FormatOption``).
enum OutputFormat: String, CaseIterable {
    /// Text for people.
    case human
    /// One JSON document, for tools.
    case json
    /// A Markdown page.
    case markdown
    /// A standalone HTML page.
    case html
}

/// The formats a subcommand offers, the first being its default.
protocol OfferedFormats {
    static var offered: [OutputFormat] { get }
}

/// `human` (the default) or `json`.
enum HumanOrJSON: OfferedFormats {
    static let offered: [OutputFormat] = [.human, .json]
}

/// `markdown` (the default) or `html`.
enum Document: OfferedFormats {
    static let offered: [OutputFormat] = [.markdown, .html]
}

/// `--format`, shared by the subcommands that print a report.
struct FormatOption<Formats: OfferedFormats>: ParsableArguments {
    // Parsed here rather than by `OutputFormat`'s own conformance: argument-parser's message
    // for a value it cannot read lists every case of the type, which named formats the
    // subcommand refuses.
    @Option(
        help: ArgumentHelp(
            "Output format: \(Self.choices) (default: \(Formats.offered[0].rawValue)).",
            valueName: Formats.offered.map(\.rawValue).joined(separator: "|")),
        completion: .list(Formats.offered.map(\.rawValue)),
        transform: Self.offeredFormat)
    var format: OutputFormat = Formats.offered[0]

    private static var choices: String { Formats.offered.map(\.rawValue).joined(separator: " or ") }

    /// The format named, when the subcommand offers it.
    private static func offeredFormat(_ argument: String) throws -> OutputFormat {
        guard let format = OutputFormat(rawValue: argument), Formats.offered.contains(format) else {
            throw ValidationError("choose \(choices)")
        }
        return format
    }
}
