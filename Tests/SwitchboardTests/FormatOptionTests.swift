import Testing

/// `--format` names the formats its subcommand offers, in its help and in its usage error,
/// never those of the others.
@Suite struct FormatOptionTests {
    @Test(
        "a format the subcommand does not offer is a usage error naming the ones it does",
        arguments: [
            (["validate", "--format", "markdown", "Examples/contact.yaml"], "--format <human|json>", "human or json"),
            (["validate", "--format", "text", "Examples/contact.yaml"], "--format <human|json>", "human or json"),
            (["table", "--format", "json", "Examples/contact.yaml"], "--format <markdown|html>", "markdown or html"),
            (["diff", "--format", "html", "Examples/contact.yaml", "Examples/contact.yaml"], "--format <human|json>", "human or json"),
        ])
    func refused(arguments: [String], option: String, choices: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init)
        #expect(firstLine == "Error: The value '\(arguments[2])' is invalid for '\(option)': choose \(choices)")
    }

    @Test("the help lists the subcommand's formats and its default, and no other")
    func help() throws {
        let validate = try CommandRunner.run(["validate", "--help"]).stdout
        #expect(validate.contains("--format <human|json>"))
        #expect(validate.contains("Output format: human or json (default: human)."))
        #expect(!validate.contains("markdown"))
        let table = try CommandRunner.run(["table", "--help"]).stdout
        #expect(table.contains("Output format: markdown or html (default: markdown)."))
        #expect(!table.contains("json"))
    }

    @Test("an offered format is taken")
    func taken() throws {
        let result = try CommandRunner.run(["validate", "--format", "json", "Examples/contact.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\"diagnostics\": []"))
    }
}
