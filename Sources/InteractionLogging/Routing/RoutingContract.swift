import DecisionTable
import Diagnostics

/// What a rules file must say for the router to act on it: the facts the router supplies,
/// with their values, and the outputs it reads, with the values it knows how to apply.
///
/// A rules file says it is written for routing with `routing: aircall-to-spark` at its top
/// level; `switchboard validate` then checks it against this contract, and the router checks
/// every rules file it is given. Each problem is a diagnostic at the input or output
/// declaration that breaks the contract.
public enum RoutingContract {
    /// The name a rules file gives with `routing:`.
    public static let name = "aircall-to-spark"

    /// The facts routing supplies, with the values it gives them.
    public static let facts: [String: Domain] = [
        "kind": .enumeration(["call", "message"]),
        "direction": .enumeration(["inbound", "outbound"]),
        "contact_matches": .integer(min: 0, max: nil),
        "contact_projects": .integer(min: 0, max: nil),
        "log_on_all_projects": .boolean,
        "line_team_members": .integer(min: 0, max: nil),
        "user_is_team_member": .boolean,
        "team_member_assigned": .boolean,
        "projects_assigned": .boolean,
        "shared_projects": .integer(min: 0, max: nil),
    ]

    /// An output routing reads.
    struct Output {
        /// What routing does with an output's value.
        enum Reading {
            /// Applies each of these enum values.
            case values([String])
            /// Shows the enum value as it is (`none`: nothing).
            case label
            /// Reads true or false.
            case flag
            /// Shows the value as text, whatever its type.
            case text
        }

        let name: String
        let reading: Reading
        /// Whether every rules file must produce it.
        let required: Bool

        /// The values routing applies, when it applies a fixed set.
        var values: [String]? {
            if case .values(let names) = reading { names } else { nil }
        }

        /// What routing reads, for messages.
        var expected: String {
            switch reading {
            case .values(let names): "one of " + names.joined(separator: ", ")
            case .label: "an enum of labels, 'none' for no button"
            case .flag: "true or false"
            case .text: "any value"
            }
        }
    }

    static let outputs: [Output] = [
        Output(name: "status", reading: .values(["not_logged", "logged", "unassigned"]), required: true),
        Output(name: "contact", reading: .values(["none", "matched", "choose"]), required: true),
        Output(name: "team_member", reading: .values(["assigned", "line_member", "event_user", "choose"]), required: true),
        Output(
            name: "projects", reading: .values(["none", "assigned", "contact_projects", "team_projects", "choose"]),
            required: true),
        Output(name: "assign_contact", reading: .flag, required: false),
        Output(name: "assign_projects", reading: .flag, required: false),
        Output(name: "assign_team_member", reading: .flag, required: false),
        Output(name: "button", reading: .label, required: false),
        Output(name: "reason", reading: .text, required: false),
    ]

    /// Every way `tables` break the contract, each at the declaration to fix.
    /// - Parameters:
    ///   - tables: The rules' tables, in evaluation order (as loading leaves them).
    ///   - header: The file's header; a `routing:` naming another application is reported
    ///     there, and outputs no table produces are reported at `routing:` when it is given.
    ///   - file: The rules file's path, for problems with no better place.
    /// - Returns: Errors; empty when routing can act on the rules.
    public static func diagnostics(for tables: [TableDefinition], header: RulesFileHeader, file: String) -> [Diagnostic] {
        let fileLocation = header.routingLocation ?? tables.first?.location ?? SourceLocation(file: file, line: 1, column: 1)
        if let routing = header.routing, routing != name {
            return [
                Diagnostic(
                    .error, code: .unknownRouting,
                    "'\(routing)' is not an application Switchboard routes for (it knows \(name))"
                        + Suggestion.clause(for: routing, in: [name]),
                    at: fileLocation)
            ]
        }
        var problems: [Diagnostic] = []
        let supplied = facts.keys.sorted()
        for table in tables {
            for input in table.inputs where input.producer == nil {
                guard let given = facts[input.name] else {
                    let suggestion = Suggestion.clause(for: input.name, in: supplied)
                    problems.append(
                        Diagnostic(
                            .error, code: .routingFact,
                            "input '\(input.name)' is not a fact routing supplies" + suggestion
                                + (suggestion.isEmpty ? " (it supplies \(supplied.joined(separator: ", ")))" : ""),
                            at: input.location))
                    continue
                }
                if let problem = mismatch(input, given) {
                    problems.append(Diagnostic(.error, code: .routingFact, problem, at: input.location))
                }
            }
        }
        let produced = tables.flatMap(\.outputs)
        for output in outputs {
            guard let definition = produced.first(where: { $0.name == output.name }) else {
                if output.required {
                    problems.append(
                        Diagnostic(
                            .error, code: .routingOutput,
                            "routing needs an output '\(output.name)'"
                                + (output.values.map { " (\($0.joined(separator: ", ")))" } ?? "") + ", which no table produces"
                                + Suggestion.clause(for: output.name, in: produced.map(\.name)),
                            at: fileLocation))
                }
                continue
            }
            switch (definition.type, output.reading) {
            case (.enumeration(let names), .values(let applied)):
                for value in names where !applied.contains(value) {
                    problems.append(
                        Diagnostic(
                            .error, code: .routingValue,
                            "output '\(output.name)' may be '\(value)', which routing cannot apply (it applies "
                                + applied.joined(separator: ", ") + ")" + Suggestion.clause(for: value, in: applied),
                            at: definition.location))
                }
            case (.enumeration, .label), (.boolean, .flag), (_, .text):
                break
            default:
                problems.append(
                    Diagnostic(
                        .error, code: .routingValue,
                        "output '\(output.name)' is \(definition.type.summary), which routing cannot read (it reads \(output.expected))",
                        at: definition.location))
            }
        }
        problems += orderProblems(tables)
        return problems
    }

    /// Why an input's declared values differ from the ones routing gives the fact, if they do.
    private static func mismatch(_ input: InputDefinition, _ given: Domain) -> String? {
        switch (input.domain, given) {
        case (.enumeration(let declared), .enumeration(let emitted)):
            let missing = emitted.filter { !declared.contains($0) }
            guard !missing.isEmpty else { return nil }
            return "input '\(input.name)' must accept \(emitted.joined(separator: ", ")), the values routing gives it; "
                + "it lacks \(missing.joined(separator: ", "))"
        case (.boolean, .boolean), (.integer, .integer):
            return nil
        default:
            return "input '\(input.name)' must be \(given.summary), the values routing gives it, but it is \(input.domain.summary)"
        }
    }

    /// `shared_projects` is supplied once the team member is decided: a table reading it must
    /// run after the table deciding `team_member`.
    private static func orderProblems(_ tables: [TableDefinition]) -> [Diagnostic] {
        guard let reader = tables.firstIndex(where: { $0.inputs.contains { $0.name == "shared_projects" && $0.producer == nil } }),
            let producer = tables.firstIndex(where: { $0.outputs.contains { $0.name == "team_member" } }),
            producer >= reader,
            let input = tables[reader].inputs.first(where: { $0.name == "shared_projects" })
        else { return [] }
        return [
            Diagnostic(
                .error, code: .routingFact,
                "table '\(tables[reader].name)' reads shared_projects, which routing supplies once the team member is decided, "
                    + "but it runs before table '\(tables[producer].name)' decides it; add the input team_member to it",
                at: input.location)
        ]
    }
}
