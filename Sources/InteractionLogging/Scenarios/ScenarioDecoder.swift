import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading
import JSONLines

/// Turns the YAML tree of a scenario file into checked scenarios, reporting every problem
/// with its position: unknown keys (with a "did you mean"), facts the rules do not take,
/// values outside a fact's domain or an output's type, ids the directory lacks, and files
/// that cannot be read. Paths are relative to the scenario file.
final class ScenarioDecoder {
    /// The scenario file's path, as diagnostics name it.
    let path: String
    let sink = DiagnosticSink()
    /// Diagnostics from the files the scenario file names (rules, directory).
    private(set) var included: [Diagnostic] = []
    /// The text of those files, for excerpts.
    private(set) var sources: [String: String] = [:]

    static let fileKeys = ["rules", "directory", "scenarios"]
    static let scenarioKeys = ["name", "description", "facts", "table", "event", "directory", "company", "assignments", "expect"]
    static let companyKeys = ["log_on_all_projects"]
    static let assignmentKeys = ["contact", "team_member", "projects"]
    static let actions = ["assign_projects", "assign_contact", "assign_team_member"]

    /// What the command line puts in place of the file's own choices.
    let overrides: ScenarioFile.Overrides

    /// Reads the rules file a scenario file names (YAML by default; the command line also
    /// reads DMN models).
    let loadRules: ScenarioFile.RulesLoader

    init(
        path: String, overrides: ScenarioFile.Overrides = ScenarioFile.Overrides(),
        loadRules: @escaping ScenarioFile.RulesLoader = ScenarioFile.yamlRules
    ) {
        self.path = path
        self.overrides = overrides
        self.loadRules = loadRules
    }

    /// Every diagnostic found, in the scenario file and the files it names.
    var diagnostics: [Diagnostic] { sink.diagnostics + included }
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The checked file, or nil when ``diagnostics`` holds errors.
    func decode(_ root: YAMLNode) -> ScenarioFile? {
        guard let file = MappingReader(root, what: "a scenario file", allowed: Self.fileKeys, sink: sink) else { return nil }
        let rules = loadRules(file)
        let items = file.list("scenarios") ?? []
        if let list = file["scenarios"], case .sequence(let nodes) = list.content, nodes.isEmpty {
            sink.error(.emptyScenarios, "'scenarios' lists no scenario", at: list.location)
        }
        guard let rules else { return nil }
        var defaultDirectory: SparkDirectory??
        var names: [String: SourceLocation] = [:]
        var scenarios: [Scenario] = []
        for item in items {
            let scenario = decodeScenario(item, rules: rules, names: &names) { () -> SparkDirectory?? in
                // The file's directory, loaded once and only if an event scenario needs it.
                if let directory = self.overrides.directory { return .some(directory) }
                guard let node = file["directory"] else { return .none }
                if defaultDirectory == nil { defaultDirectory = .some(self.loadDirectory(node)) }
                return defaultDirectory!
            }
            if let scenario { scenarios.append(scenario) }
        }
        guard !hasErrors else { return nil }
        let warnings = DiagnosticsError(diagnostics.filter { $0.severity == .warning }).diagnostics
        let files = Set(warnings.map(\.location.file))
        return ScenarioFile(
            path: path, rules: rules, scenarios: scenarios, warnings: warnings,
            warningSources: sources.filter { files.contains($0.key) })
    }

    // MARK: - Files the scenario file names

    /// `a/b.yaml` from `rules/x.scenarios.yaml` is `rules/a/b.yaml`; absolute paths stay.
    func resolve(_ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let folder = (path as NSString).deletingLastPathComponent
        return Self.normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// Removes `.` and resolvable `..` segments, so that one file has one name in reports.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "." || (part.isEmpty && !parts.isEmpty) { continue }
            if part == "..", let last = parts.last, last != "..", !last.isEmpty {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// A path written in the file, resolved, or nil after reporting a path that names no file.
    private func existingFile(_ node: YAMLNode, _ key: String, what: String) -> String? {
        guard case .scalar(let text, _) = node.content, !node.isNull else {
            sink.error(.expectedText, "'\(key)' must be the path of \(what), found \(node.kindDescription)", at: node.location)
            return nil
        }
        let resolved = resolve(text)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), !isFolder.boolValue else {
            sink.error(.unreadable, "cannot read \(what) '\(resolved)'", at: node.location)
            return nil
        }
        return resolved
    }

    private func include(_ error: DiagnosticsError) {
        included += error.diagnostics
        sources.merge(error.sources) { first, _ in first }
    }

    private func loadRules(_ file: MappingReader) -> DecisionTables? {
        if let rules = overrides.rules { return rules }
        guard let node = file["rules"] else {
            do { return try ShippedRules.tables() } catch {
                include(error)
                return nil
            }
        }
        guard let resolved = existingFile(node, "rules", what: "the rules file") else { return nil }
        do { return try loadRules(resolved) } catch {
            include(error)
            return nil
        }
    }

    /// A directory given as a path or inline; nil after reporting a problem.
    private func loadDirectory(_ node: YAMLNode) -> SparkDirectory? {
        if case .mapping = node.content {
            let decoder = DirectoryDecoder()
            let parts = decoder.decode(node)
            included += decoder.sink.diagnostics
            return parts.map {
                SparkDirectory(
                    company: $0.company, projects: $0.projects, teamMembers: $0.teamMembers, lines: $0.lines,
                    contacts: $0.contacts)
            }
        }
        guard case .scalar = node.content, !node.isNull else {
            sink.error(
                .expectedDirectory,
                "'directory' must be the path of a Spark directory file or the directory as a mapping, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        guard let resolved = existingFile(node, "directory", what: "the Spark directory") else { return nil }
        do {
            let directory = try SparkDirectory(contentsOf: URL(filePath: resolved))
            include(DiagnosticsError(directory.warnings, sources: directory.warningSources))
            return directory
        } catch {
            include(error)
            return nil
        }
    }

    // MARK: - Scenarios

    private func decodeScenario(
        _ node: YAMLNode, rules: DecisionTables, names: inout [String: SourceLocation],
        defaultDirectory: () -> SparkDirectory??
    ) -> Scenario? {
        guard let reader = MappingReader(node, what: "a scenario", allowed: Self.scenarioKeys, sink: sink) else { return nil }
        let name = reader.text("name", required: true)
        if let name, let nameNode = reader["name"] {
            if let first = names[name] {
                sink.error(
                    .duplicateScenario, "another scenario is named '\(name)'", at: nameNode.location,
                    notes: [Note("the first is here", at: first)])
            } else {
                names[name] = nameNode.location
            }
        }
        let expectNode = reader.required("expect")
        let input: Scenario.Input?
        let expectations: [Scenario.Expectation]?
        switch (reader["facts"], reader["event"]) {
        case (let facts?, let event?):
            let first = facts.location < event.location ? "facts" : "event"
            sink.error(
                .conflictingKeys, "a scenario has 'facts' or an 'event', not both",
                at: first == "facts" ? event.location : facts.location)
            return nil
        case (nil, nil):
            sink.error(
                .missingKey, "a scenario needs 'facts' (evaluated by the rules' tables) or an 'event' (an Aircall webhook, routed)",
                at: node.location)
            return nil
        case (let facts?, nil):
            for key in ["directory", "company", "assignments"] {
                if let value = reader[key] {
                    sink.error(
                        .unexpectedKey, "'\(key)' applies to event scenarios; this scenario gives facts",
                        at: keyLocation(of: key, in: node) ?? value.location)
                }
            }
            let tables = scopedTables(reader, rules: rules)
            let values = tables.flatMap { decodeFacts(facts, tables: $0) }
            let table = reader["table"] == nil ? nil : tables?.tables.first?.name
            input = values.map { .facts($0, table: table) }
            expectations = tables.flatMap { tables in expectNode.flatMap { decodeOutputs($0, tables: tables) } }
        case (nil, let event?):
            if reader["table"] != nil {
                sink.error(
                    .unexpectedKey, "'table' applies to facts scenarios; an event is routed through every table",
                    at: keyLocation(of: "table", in: node) ?? node.location)
            }
            let webhook = decodeEvent(event)
            var directory: SparkDirectory?
            if let node = reader["directory"] {
                directory = loadDirectory(node)
            } else if let fileDirectory = defaultDirectory() {
                // Nil when the file's directory has problems, which are reported once.
                directory = fileDirectory
            } else {
                sink.error(.missingKey, "an event scenario needs a 'directory', here or at the top of the file", at: node.location)
            }
            if let flag = overrides.logOnAllProjects {
                directory = directory?.overridingLogOnAllProjects(flag)
            }
            // The scenario's own setting is what it tests: it stays.
            if let company = reader["company"], let base = directory {
                directory = applyCompany(company, to: base)
            }
            // Without a directory (reported), ids are not checked, but everything else is.
            let assignments = reader["assignments"].map { decodeAssignments($0, directory: directory) } ?? ManualAssignments()
            expectations = expectNode.flatMap { decodeRoute($0, directory: directory, rules: rules) }
            if let webhook, let directory, let assignments {
                input = .event(Scenario.EventInput(webhook: webhook, directory: directory, assignments: assignments))
                checkRouting(rules: rules, directory: directory, at: event.location)
            } else {
                input = nil
            }
        }
        guard let name, let input, let expectations else { return nil }
        return Scenario(name: name, location: node.location, input: input, expectations: expectations)
    }

    private func keyLocation(of key: String, in node: YAMLNode) -> SourceLocation? {
        guard case .mapping(let pairs) = node.content else { return nil }
        return pairs.first { $0.key == key }?.keyLocation
    }

    /// Whether the router can act on the rules; reported once per file, at the first event.
    private var routingChecked = false
    private func checkRouting(rules: DecisionTables, directory: SparkDirectory, at location: SourceLocation) {
        guard !routingChecked else { return }
        routingChecked = true
        do {
            _ = try Router(rules: rules, directory: directory)
        } catch {
            sink.error(
                .rulesCannotRoute,
                "the rules '\(rules.file)' cannot route Aircall events: "
                    + error.problems.joined(separator: "; "), at: location)
        }
    }

    // MARK: - Facts scenarios

    /// All the rules' tables, or the one `table:` names, compiled on its own with its inputs as facts.
    private func scopedTables(_ reader: MappingReader, rules: DecisionTables) -> DecisionTables? {
        guard reader["table"] != nil else { return rules }
        guard let name = reader.text("table"), let node = reader["table"] else { return nil }
        guard let table = rules.checked.table(named: name) else {
            let names = rules.tables.map(\.name)
            sink.error(
                .unknownTable,
                "no table '\(name)' in '\(rules.file)'\(Suggestion.clause(for: name, in: names))"
                    + " (its tables: \(names.joined(separator: ", ")))", at: node.location)
            return nil
        }
        return table.compiled()
    }

    private func decodeFacts(_ node: YAMLNode, tables: DecisionTables) -> [String: Value]? {
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "'facts' must be a mapping of fact names to values, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        let names = tables.facts.map(\.name)
        var values: [String: Value] = [:]
        var failed = false
        for pair in pairs {
            guard let input = tables.facts.first(where: { $0.name == pair.key }) else {
                failed = true
                if let producer = tables.tables.first(where: { $0.outputs.contains { $0.name == pair.key } }) {
                    sink.error(
                        .notAFact, "'\(pair.key)' is decided by table '\(producer.name)' and cannot be given as a fact",
                        at: pair.keyLocation)
                } else {
                    sink.error(
                        .unknownFact,
                        "unknown fact '\(pair.key)'\(Suggestion.clause(for: pair.key, in: names))"
                            + " (the facts are: \(names.joined(separator: ", ")))", at: pair.keyLocation)
                }
                continue
            }
            if let value = factValue(pair.value, input: input, what: "fact '\(input.name)'") {
                values[input.name] = value
            } else {
                failed = true
            }
        }
        // A fact an unknown name is a near miss of is reported there, not again as missing.
        let misspelt = Set(pairs.filter { pair in !names.contains(pair.key) }.compactMap { Suggestion.nearest(to: $0.key, in: names) })
        let missing = tables.facts.filter { input in !pairs.contains { $0.key == input.name } && !misspelt.contains(input.name) }
        if !missing.isEmpty {
            sink.error(
                .missingFact, "the facts lack " + missing.map { "\($0.name) (\($0.domain.summary))" }.joined(separator: ", "),
                at: node.location)
            failed = true
        }
        return failed ? nil : values
    }

    /// A value inside a fact's domain, or nil after reporting it.
    private func factValue(_ node: YAMLNode, input: InputDefinition, what: String) -> Value? {
        let domain = input.domain
        // Number and free string facts are checked when the rules encode them.
        switch (input.coding, node.content) {
        case (.numbers?, .scalar(let text, _)):
            if let number = DecimalNumber(exactly: text.trimmingCharacters(in: .whitespaces)) { return .number(number) }
            sink.error(.expectedNumber, "\(what) must be a number, found \(node.kindDescription)", at: node.location)
            return nil
        case (.strings?, .scalar(let text, _)) where !node.isNull:
            return .string(text)
        case (.some, _):
            sink.error(.expectedText, "\(what) must be \(input.domainSummary), found \(node.kindDescription)", at: node.location)
            return nil
        case (nil, _):
            break
        }
        switch domain {
        case .integer:
            guard let number = Self.integer(node) else {
                sink.error(.expectedInteger, "\(what) must be \(domain.summary), found \(node.kindDescription)", at: node.location)
                return nil
            }
            guard domain.integerBounds.contains(number) else {
                sink.error(.outOfDomain, "\(what) must be \(domain.summary), found \(number)", at: node.location)
                return nil
            }
            return .integer(number)
        case .boolean:
            guard let flag = boolean(node, what: what) else { return nil }
            return .boolean(flag)
        case .enumeration(let values):
            guard case .scalar(let text, _) = node.content, !node.isNull else {
                sink.error(.expectedText, "\(what) must be \(domain.summary), found \(node.kindDescription)", at: node.location)
                return nil
            }
            guard values.contains(text) else {
                sink.error(
                    .unknownValue, "'\(text)' is not a value of \(what) (\(domain.summary))\(Suggestion.clause(for: text, in: values))",
                    at: node.location)
                return nil
            }
            return .string(text)
        }
    }

    private func decodeOutputs(_ node: YAMLNode, tables: DecisionTables) -> [Scenario.Expectation]? {
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "'expect' must be a mapping of outputs to values, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        if pairs.isEmpty { sink.error(.emptyExpectation, "'expect' names no output, so the scenario checks nothing", at: node.location) }
        let names = tables.outputs.map(\.name)
        var expectations: [Scenario.Expectation] = []
        var failed = false
        for pair in pairs {
            guard let table = tables.tables.first(where: { $0.outputs.contains { $0.name == pair.key } }),
                let output = table.outputs.first(where: { $0.name == pair.key })
            else {
                failed = true
                let isFact = tables.facts.contains { $0.name == pair.key }
                sink.error(
                    .unknownOutput,
                    isFact
                        ? "'\(pair.key)' is a fact, not an output of the rules"
                        : "unknown output '\(pair.key)'\(Suggestion.clause(for: pair.key, in: names)) (the outputs are: \(names.joined(separator: ", ")))",
                    at: pair.keyLocation)
                continue
            }
            let what = "output '\(output.name)'"
            let value: JSONValue?
            if table.hitPolicy.yieldsLists {
                if case .sequence(let items) = pair.value.content {
                    let values = items.map { outputValue($0, type: output.type, what: what) }
                    value = values.contains { $0 == nil } ? nil : .array(values.map { $0! })
                } else {
                    sink.error(
                        .expectedList,
                        "\(what) of the '\(table.hitPolicy)' table '\(table.name)' is a list of values, found \(pair.value.kindDescription)",
                        at: pair.value.location)
                    value = nil
                }
            } else {
                value = outputValue(pair.value, type: output.type, what: what)
            }
            if let value {
                expectations.append(Scenario.Expectation(field: output.name, value: value, location: pair.value.location))
            } else {
                failed = true
            }
        }
        return failed ? nil : expectations
    }

    private func outputValue(_ node: YAMLNode, type: OutputType, what: String) -> JSONValue? {
        switch type {
        case .integer:
            guard let number = Self.integer(node) else {
                sink.error(.expectedInteger, "\(what) must be an integer, found \(node.kindDescription)", at: node.location)
                return nil
            }
            return .integer(number)
        case .boolean:
            return boolean(node, what: what).map(JSONValue.bool)
        case .number:
            guard case .scalar(let text, _) = node.content, let number = DecimalNumber(exactly: text) else {
                sink.error(.expectedNumber, "\(what) must be a number, found \(node.kindDescription)", at: node.location)
                return nil
            }
            return JSONValue(.number(number))
        case .string, .enumeration:
            guard case .scalar(let text, _) = node.content, !node.isNull else {
                sink.error(.expectedText, "\(what) must be \(type.summary), found \(node.kindDescription)", at: node.location)
                return nil
            }
            if case .enumeration(let values) = type, !values.contains(text) {
                sink.error(
                    .unknownValue, "'\(text)' is not a value of \(what) (\(type.summary))\(Suggestion.clause(for: text, in: values))",
                    at: node.location)
                return nil
            }
            return .string(text)
        }
    }

    // MARK: - Event scenarios

    private func decodeEvent(_ node: YAMLNode) -> AircallWebhook? {
        let json: JSONValue
        switch node.content {
        case .mapping:
            json = JSONValue(yaml: node)
        case .scalar(let text, _) where !node.isNull:
            guard let resolved = existingFile(node, "event", what: "the webhook file"),
                let data = FileManager.default.contents(atPath: resolved)
            else { return nil }
            do {
                json = try JSONParser.parse(String(decoding: data, as: UTF8.self))
            } catch {
                sink.error(.invalidJson, "'\(text)' is not one JSON webhook: \(error)", at: node.location)
                return nil
            }
        default:
            sink.error(
                .expectedEvent,
                "'event' must be an Aircall webhook body as a mapping, or the path of a JSON file holding one, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        do {
            return try AircallWebhook(json: json)
        } catch {
            sink.error(.invalidEvent, "the event cannot be routed: \(error.description)", at: node.location)
            return nil
        }
    }

    private func applyCompany(_ node: YAMLNode, to directory: SparkDirectory) -> SparkDirectory? {
        guard let reader = MappingReader(node, what: "company", allowed: Self.companyKeys, sink: sink) else { return nil }
        guard let flag = reader.boolean("log_on_all_projects") else { return directory }
        // The scenario's own setting, on the same indexes.
        var scoped = directory
        scoped.company.logOnAllProjects = flag
        return scoped
    }

    private func decodeAssignments(_ node: YAMLNode, directory: SparkDirectory?) -> ManualAssignments? {
        guard let reader = MappingReader(node, what: "the assignments", allowed: Self.assignmentKeys, sink: sink) else { return nil }
        let before = sink.diagnostics.count
        let contact = reader.text("contact")
        if let contact, let value = reader["contact"] { checkID(contact, kind: .contact, in: directory, at: value.location) }
        let teamMember = reader.text("team_member")
        if let teamMember, let value = reader["team_member"] { checkID(teamMember, kind: .teamMember, in: directory, at: value.location) }
        let projects = texts(reader, "projects")
        if let projects, projects.isEmpty, let value = reader["projects"] {
            sink.error(.emptyList, "assigned projects must name at least one project", at: value.location)
        }
        for (project, location) in projects ?? [] { checkID(project, kind: .projects, in: directory, at: location) }
        guard sink.diagnostics.count == before else { return nil }
        return ManualAssignments(contact: contact, teamMember: teamMember, projects: projects?.map(\.0))
    }

    private func decodeRoute(_ node: YAMLNode, directory: SparkDirectory?, rules: DecisionTables) -> [Scenario.Expectation]? {
        guard let reader = MappingReader(node, what: "'expect' of an event scenario", allowed: Scenario.routeFields, sink: sink) else {
            return nil
        }
        guard case .mapping(let pairs) = node.content, !pairs.isEmpty else {
            sink.error(.emptyExpectation, "'expect' names no route field, so the scenario checks nothing", at: node.location)
            return nil
        }
        let before = sink.diagnostics.count
        var expectations: [Scenario.Expectation] = []
        func expect(_ field: String, _ value: JSONValue) {
            if let node = reader[field] { expectations.append(Scenario.Expectation(field: field, value: value, location: node.location)) }
        }
        if let direction = reader.text("direction"), let value = reader["direction"] {
            let directions = ["inbound", "outbound"]
            if directions.contains(direction) {
                expect("direction", .string(direction))
            } else {
                sink.error(
                    .unknownValue,
                    "'\(direction)' is not a direction (inbound or outbound)"
                        + Suggestion.clause(for: direction, in: directions), at: value.location)
            }
        }
        if let status = reader.text("status"), let value = reader["status"] {
            let statuses = ["logged", "unassigned", "not_logged", "ignored", "duplicate", "error"]
            if statuses.contains(status) {
                expect("status", .string(status))
            } else {
                sink.error(
                    .unknownValue,
                    "'\(status)' is not a route status (one of \(statuses.joined(separator: ", ")))"
                        + Suggestion.clause(for: status, in: statuses), at: value.location)
            }
        }
        for (field, kind) in [("contact", ManualAssignments.Action.contact), ("team_member", .teamMember)] {
            guard let value = reader[field] else { continue }
            if value.isNull {
                expect(field, .null)
            } else if let id = reader.text(field) {
                checkID(id, kind: kind, in: directory, at: value.location)
                expect(field, .string(id))
            }
        }
        if let projects = texts(reader, "projects") {
            for (project, location) in projects { checkID(project, kind: .projects, in: directory, at: location) }
            expect("projects", .array(projects.map { .string($0.0) }))
        }
        for field in ["actions", "refused"] {
            guard let actions = texts(reader, field) else { continue }
            for (action, location) in actions where !Self.actions.contains(action) {
                sink.error(
                    .unknownValue,
                    "'\(action)' is not an action (one of \(Self.actions.joined(separator: ", ")))"
                        + Suggestion.clause(for: action, in: Self.actions), at: location)
            }
            expect(field, .array(actions.map { .string($0.0) }))
        }
        if let value = reader["candidates"] {
            if value.isNull {
                expect("candidates", .null)
            } else if let candidates = decodeCandidates(value, directory: directory) {
                expect("candidates", candidates)
            }
        }
        if let value = reader["button"] {
            if value.isNull {
                expect("button", .null)
            } else if let button = reader.text("button") {
                let labels = rules.outputs.first { $0.name == "button" }.flatMap { output -> [String]? in
                    if case .enumeration(let values) = output.type { values.filter { $0 != "none" } } else { nil }
                }
                if let labels, !labels.contains(button) {
                    let hint = button == "none" ? "; write null for no button" : Suggestion.clause(for: button, in: labels)
                    sink.error(
                        .unknownValue, "'\(button)' is not a button the rules show (one of \(labels.joined(separator: ", ")), or null)\(hint)",
                        at: value.location)
                } else {
                    expect("button", .string(button))
                }
            }
        }
        return sink.diagnostics.count == before ? expectations : nil
    }

    /// `candidates:` as the route prints it: a list of ids per action, in action order.
    private func decodeCandidates(_ node: YAMLNode, directory: SparkDirectory?) -> JSONValue? {
        let keys = ManualAssignments.Action.allCases.map(\.key)
        guard let reader = MappingReader(node, what: "'candidates'", allowed: keys, sink: sink) else { return nil }
        var pairs: [(String, JSONValue)] = []
        for action in ManualAssignments.Action.allCases {
            guard let ids = texts(reader, action.key) else { continue }
            for (id, location) in ids { checkID(id, kind: action, in: directory, at: location) }
            pairs.append((action.key, .array(ids.map { .string($0.0) })))
        }
        return .object(pairs)
    }

    private func checkID(_ id: String, kind: ManualAssignments.Action, in directory: SparkDirectory?, at location: SourceLocation) {
        if let problem = directory?.unknownID(id, for: kind) { sink.error(.unknownId, problem, at: location) }
    }

    // MARK: - Scalars

    /// A list of texts with their places; nil when absent or after reporting a problem.
    private func texts(_ reader: MappingReader, _ key: String) -> [(String, SourceLocation)]? {
        guard let items = reader.list(key, required: false) else { return nil }
        var texts: [(String, SourceLocation)] = []
        for item in items {
            guard case .scalar(let text, _) = item.content, !item.isNull else {
                sink.error(.expectedText, "each item of '\(key)' must be text, found \(item.kindDescription)", at: item.location)
                return nil
            }
            texts.append((text, item.location))
        }
        return texts
    }

    private func boolean(_ node: YAMLNode, what: String) -> Bool? {
        if case .scalar(let text, quoted: false) = node.content, text == "true" || text == "false" { return text == "true" }
        let hint: String
        switch node.scalarText?.lowercased() {
        case "yes", "y", "on", "true": hint = "; did you mean true?"
        case "no", "n", "off", "false": hint = "; did you mean false?"
        default: hint = ""
        }
        sink.error(.expectedBoolean, "\(what) must be true or false, found \(node.kindDescription)\(hint)", at: node.location)
        return nil
    }

    /// A plain scalar spelling `-?[0-9]+` that fits in `Int`, as rules files write integers.
    static func integer(_ node: YAMLNode) -> Int? {
        guard case .scalar(let text, quoted: false) = node.content else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
