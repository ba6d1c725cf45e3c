import ArgumentParser

/// Every output format a subcommand can print; each subcommand offers some of them
/// (``FormatOption``).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
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
    @Option(
        help: ArgumentHelp(
            "Output format: \(Formats.offered.map(\.rawValue).joined(separator: " or ")).",
            valueName: Formats.offered.map(\.rawValue).joined(separator: "|")))
    var format: OutputFormat = Formats.offered[0]

    func validate() throws {
        guard !Formats.offered.contains(format) else { return }
        throw ValidationError("--format \(format.rawValue) is not offered here; choose \(Formats.offered.map(\.rawValue).joined(separator: " or "))")
    }
}
