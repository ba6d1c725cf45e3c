/// A diagnostic's stable identity: its kebab-case id (what tools and tests match on), the
/// severity it usually has, and one line that explains it. Every code Switchboard reports is
/// defined once, in this catalog; `switchboard explain CODE` prints the explanation.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    /// The kebab-case id printed with each diagnostic (`duplicate-key`).
    public let id: String
    /// The severity the code usually has; a few codes are reported as warnings where a file
    /// allows them (a gap in a table with `gaps: allowed`).
    public let severity: Severity
    /// Which kind of input the code is about, for grouping the catalog.
    public let area: String
    /// One sentence: what the code means.
    public let summary: String

    private init(_ id: String, _ severity: Severity, _ area: String, _ summary: String) {
        self.id = id
        self.severity = severity
        self.area = area
        self.summary = summary
    }

    public var description: String { id }

    /// The catalog entry with this id, if there is one.
    public static func named(_ id: String) -> DiagnosticCode? { byID[id] }

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    // MARK: Reading files

    /// The file cannot be read: it is missing, a folder, or not readable.
    public static let unreadable = DiagnosticCode(
        "unreadable", .error, "Reading files", "The file cannot be read: it is missing, a folder, or not readable.")
    /// The file is over the loader's size limit, checked before reading it.
    public static let tooLarge = DiagnosticCode(
        "too-large", .error, "Reading files", "The file is over the loader's size limit, checked before reading it.")

    // MARK: YAML

    /// The file holds no YAML document.
    public static let emptyFile = DiagnosticCode("empty-file", .error, "YAML", "The file holds no YAML document.")

    // MARK: Reading files

    /// The file is not valid UTF-8; the position is the first bad byte.
    public static let invalidUtf8 = DiagnosticCode(
        "invalid-utf8", .error, "Reading files", "The file is not valid UTF-8; the position is the first bad byte.")

    // MARK: YAML

    /// The YAML cannot be parsed (libyaml's message, with where the construct began).
    public static let yamlSyntax = DiagnosticCode(
        "syntax", .error, "YAML", "The YAML cannot be parsed (libyaml's message, with where the construct began).")
    /// The file holds more than one YAML document; a rules file is one document.
    public static let multipleDocuments = DiagnosticCode(
        "multiple-documents", .error, "YAML", "The file holds more than one YAML document; a rules file is one document.")
    /// Mappings and lists nest deeper than the loader's limit.
    public static let tooDeep = DiagnosticCode("too-deep", .error, "YAML", "Mappings and lists nest deeper than the loader's limit.")
    /// So many problems were found that the rest are not listed.
    public static let tooManyErrors = DiagnosticCode("too-many-errors", .error, "YAML", "So many problems were found that the rest are not listed.")
    /// A mapping names the same key twice; the note points at the first.
    public static let duplicateKey = DiagnosticCode(
        "duplicate-key", .error, "YAML", "A mapping names the same key twice; the note points at the first.")
    /// YAML anchors (&name) are not allowed: every value is written where it is used.
    public static let anchor = DiagnosticCode(
        "anchor", .error, "YAML", "YAML anchors (&name) are not allowed: every value is written where it is used.")
    /// YAML aliases (*name) are not allowed: every value is written where it is used.
    public static let alias = DiagnosticCode(
        "alias", .error, "YAML", "YAML aliases (*name) are not allowed: every value is written where it is used.")
    /// YAML tags (!tag) are not allowed: a value's type comes from its column.
    public static let tag = DiagnosticCode("tag", .error, "YAML", "YAML tags (!tag) are not allowed: a value's type comes from its column.")
    /// A mapping key is a list or a mapping; keys must be plain text.
    public static let complexKey = DiagnosticCode("complex-key", .error, "YAML", "A mapping key is a list or a mapping; keys must be plain text.")
    /// libyaml failed in a way the loader does not expect.
    public static let libyamlFailure = DiagnosticCode("internal", .error, "YAML", "libyaml failed in a way the loader does not expect.")

    // MARK: The shape of a file

    /// A mapping (key: value pairs) was expected here.
    public static let expectedMapping = DiagnosticCode(
        "expected-mapping", .error, "The shape of a file", "A mapping (key: value pairs) was expected here.")
    /// A list was expected here.
    public static let expectedList = DiagnosticCode("expected-list", .error, "The shape of a file", "A list was expected here.")
    /// A single text value was expected here.
    public static let expectedText = DiagnosticCode("expected-text", .error, "The shape of a file", "A single text value was expected here.")
    /// A whole number was expected here.
    public static let expectedInteger = DiagnosticCode("expected-integer", .error, "The shape of a file", "A whole number was expected here.")
    /// true or false was expected here.
    public static let expectedBoolean = DiagnosticCode("expected-boolean", .error, "The shape of a file", "true or false was expected here.")
    /// A required key is missing.
    public static let missingKey = DiagnosticCode("missing-key", .error, "The shape of a file", "A required key is missing.")
    /// A key that this place does not know; the message suggests the nearest known key.
    public static let unknownKey = DiagnosticCode(
        "unknown-key", .error, "The shape of a file", "A key that this place does not know; the message suggests the nearest known key.")
    /// A key that is known but not allowed in this combination.
    public static let unexpectedKey = DiagnosticCode(
        "unexpected-key", .error, "The shape of a file", "A key that is known but not allowed in this combination.")
    /// Two keys that exclude each other are both given.
    public static let conflictingKeys = DiagnosticCode(
        "conflicting-keys", .error, "The shape of a file", "Two keys that exclude each other are both given.")

    // MARK: Rules files

    /// A table, input, output or rule name is not lowercase letters, digits, '-' and '_'.
    public static let invalidName = DiagnosticCode(
        "invalid-name", .error, "Rules files", "A table, input, output or rule name is not lowercase letters, digits, '-' and '_'.")
    /// Two tables, inputs or outputs share a name.
    public static let duplicateName = DiagnosticCode("duplicate-name", .error, "Rules files", "Two tables, inputs or outputs share a name.")
    /// Two tables produce the same output.
    public static let duplicateOutput = DiagnosticCode("duplicate-output", .error, "Rules files", "Two tables produce the same output.")
    /// Two rules of a table share an id.
    public static let duplicateRuleId = DiagnosticCode("duplicate-rule-id", .error, "Rules files", "Two rules of a table share an id.")
    /// An input's values, type, min or max do not describe a set of values.
    public static let invalidDomain = DiagnosticCode(
        "invalid-domain", .error, "Rules files", "An input's values, type, min or max do not describe a set of values.")
    /// The hit policy or its aggregation is not one the engine knows.
    public static let invalidHitPolicy = DiagnosticCode(
        "invalid-hit-policy", .error, "Rules files", "The hit policy or its aggregation is not one the engine knows.")
    /// A rule's cell is not a value, list, comparison, range or 'not' of its input's domain.
    public static let invalidCondition = DiagnosticCode(
        "invalid-condition", .error, "Rules files", "A rule's cell is not a value, list, comparison, range or 'not' of its input's domain.")
    /// A cell matches no value at all (an empty range or a comparison outside the domain).
    public static let emptyCondition = DiagnosticCode(
        "empty-condition", .error, "Rules files", "A cell matches no value at all (an empty range or a comparison outside the domain).")
    /// A list that must name at least one value is empty.
    public static let emptyList = DiagnosticCode("empty-list", .error, "Rules files", "A list that must name at least one value is empty.")
    /// A value is not in its input's or output's declared values; the message suggests the nearest.
    public static let unknownValue = DiagnosticCode(
        "unknown-value", .error, "Rules files", "A value is not in its input's or output's declared values; the message suggests the nearest.")
    /// An integer is outside its input's min and max.
    public static let outOfRange = DiagnosticCode("out-of-range", .error, "Rules files", "An integer is outside its input's min and max.")
    /// A value's type differs from its column's (a string for an integer, for instance).
    public static let typeMismatch = DiagnosticCode(
        "type-mismatch", .error, "Rules files", "A value's type differs from its column's (a string for an integer, for instance).")
    /// A rule names an input or output the table does not declare.
    public static let unknownColumn = DiagnosticCode(
        "unknown-column", .error, "Rules files", "A rule names an input or output the table does not declare.")
    /// A rule leaves out an output that has no default.
    public static let missingOutput = DiagnosticCode("missing-output", .error, "Rules files", "A rule leaves out an output that has no default.")
    /// A name that is not an output of any table.
    public static let unknownOutput = DiagnosticCode("unknown-output", .error, "Rules files", "A name that is not an output of any table.")
    /// A name that is not a table of the file.
    public static let unknownTable = DiagnosticCode("unknown-table", .error, "Rules files", "A name that is not a table of the file.")
    /// Tables read each other's outputs in a cycle, so no evaluation order exists.
    public static let chainCycle = DiagnosticCode(
        "chain-cycle", .error, "Rules files", "Tables read each other's outputs in a cycle, so no evaluation order exists.")
    /// A table reads an output that is a list (collect or rule-order), which a condition cannot test.
    public static let chainList = DiagnosticCode(
        "chain-list", .error, "Rules files", "A table reads an output that is a list (collect or rule-order), which a condition cannot test.")
    /// An input reading another table's output declares a domain that differs from that output's values.
    public static let domainMismatch = DiagnosticCode(
        "domain-mismatch", .error, "Rules files", "An input reading another table's output declares a domain that differs from that output's values.")

    /// A rules file's `source` is not a web address, so documentation cannot link to it.
    public static let invalidLink = DiagnosticCode(
        "invalid-link", .error, "Rules files", "A rules file's 'source' is not a web address (https://...), so documentation cannot link to it.")

    // MARK: Validation

    /// Some combination of inputs matches no rule (a warning where the table allows gaps).
    public static let gap = DiagnosticCode(
        "gap", .error, "Validation", "Some combination of inputs matches no rule (a warning where the table allows gaps).")
    /// Rules match together where the hit policy needs exactly one, or agreeing outputs.
    public static let overlap = DiagnosticCode(
        "overlap", .error, "Validation", "Rules match together where the hit policy needs exactly one, or agreeing outputs.")
    /// A rule can never win: earlier or higher-priority rules cover every input it matches.
    public static let shadowed = DiagnosticCode(
        "shadowed", .error, "Validation", "A rule can never win: earlier or higher-priority rules cover every input it matches.")
    /// Two rules have the same conditions.
    public static let duplicateRule = DiagnosticCode("duplicate", .error, "Validation", "Two rules have the same conditions.")
    /// A rule's conditions include another's with the same outputs; the smaller rule adds nothing.
    public static let subsumed = DiagnosticCode(
        "subsumed", .warning, "Validation", "A rule's conditions include another's with the same outputs; the smaller rule adds nothing.")
    /// A declared value that no rule names; only wildcards reach it.
    public static let unusedValue = DiagnosticCode(
        "unused-value", .warning, "Validation", "A declared value that no rule names; only wildcards reach it.")
    /// A table emits a value that the table reading it never tests for.
    public static let chainUnreceived = DiagnosticCode(
        "chain-unreceived", .warning, "Validation", "A table emits a value that the table reading it never tests for.")
    /// A memory or time budget stopped an analysis; the message says what was proved.
    public static let incomplete = DiagnosticCode(
        "incomplete", .warning, "Validation",
        "A memory or time budget (--max-memory, --timeout) stopped an analysis; the message says what was proved, and every gap listed is a concrete undecided input."
    )
    /// A table tests for a value that the table producing it never emits.
    public static let chainUnproduced = DiagnosticCode(
        "chain-unproduced", .warning, "Validation", "A table tests for a value that the table producing it never emits.")
    /// A table has more inputs than the analysis handles; it is not analysed.
    public static let tooManyInputs = DiagnosticCode(
        "too-many-inputs", .error, "Validation", "A table has more inputs than the analysis handles, so its gaps and overlaps are not checked.")

    // MARK: Facts

    /// A fact's value is outside its input's domain.
    public static let outOfDomain = DiagnosticCode("out-of-domain", .error, "Facts", "A fact's value is outside its input's domain.")
    /// A fact the rules need is not given.
    public static let missingFact = DiagnosticCode("missing-fact", .error, "Facts", "A fact the rules need is not given.")
    /// A fact that no table reads; the message suggests the nearest.
    public static let unknownFact = DiagnosticCode("unknown-fact", .error, "Facts", "A fact that no table reads; the message suggests the nearest.")
    /// A value that a table decides is given as a fact.
    public static let notAFact = DiagnosticCode("not-a-fact", .error, "Facts", "A value that a table decides is given as a fact.")

    // MARK: JSON input

    /// An input line or file is not valid JSON.
    public static let invalidJson = DiagnosticCode("invalid-json", .error, "JSON input", "An input line or file is not valid JSON.")

    // MARK: The Spark directory

    /// Two projects, team members or contacts share an id.
    public static let duplicateId = DiagnosticCode(
        "duplicate-id", .error, "The Spark directory", "Two projects, team members or contacts share an id.")
    /// Two team members share an e-mail address (compared ignoring case).
    public static let duplicateEmail = DiagnosticCode(
        "duplicate-email", .error, "The Spark directory", "Two team members share an e-mail address (compared ignoring case).")
    /// Two Aircall lines share a phone number.
    public static let duplicateLine = DiagnosticCode("duplicate-line", .error, "The Spark directory", "Two Aircall lines share a phone number.")
    /// A project or team member id that the directory does not define.
    public static let unknownId = DiagnosticCode(
        "unknown-id", .error, "The Spark directory", "A project or team member id that the directory does not define.")
    /// A team member's e-mail is not an address.
    public static let invalidEmail = DiagnosticCode("invalid-email", .error, "The Spark directory", "A team member's e-mail is not an address.")
    /// A phone field is not a phone number Switchboard can read.
    public static let invalidPhone = DiagnosticCode(
        "invalid-phone", .error, "The Spark directory", "A phone field is not a phone number Switchboard can read.")
    /// An Aircall line has no phone number.
    public static let noNumber = DiagnosticCode("no-number", .error, "The Spark directory", "An Aircall line has no phone number.")
    /// A country code is not one the phone normaliser knows.
    public static let unknownCountry = DiagnosticCode(
        "unknown-country", .error, "The Spark directory", "A country code is not one the phone normaliser knows.")

    // MARK: Scenario files

    /// A scenario needs a Spark directory to route an event.
    public static let expectedDirectory = DiagnosticCode(
        "expected-directory", .error, "Scenario files", "A scenario needs a Spark directory to route an event.")
    /// A scenario's event must be a webhook body or the path of a JSON file holding one.
    public static let expectedEvent = DiagnosticCode(
        "expected-event", .error, "Scenario files", "A scenario's event must be a webhook body or the path of a JSON file holding one.")
    /// A scenario's event cannot be decoded as an Aircall webhook.
    public static let invalidEvent = DiagnosticCode(
        "invalid-event", .error, "Scenario files", "A scenario's event cannot be decoded as an Aircall webhook.")
    /// A scenario file lists no scenarios.
    public static let emptyScenarios = DiagnosticCode("empty-scenarios", .error, "Scenario files", "A scenario file lists no scenarios.")
    /// Two scenarios share a name.
    public static let duplicateScenario = DiagnosticCode("duplicate-scenario", .error, "Scenario files", "Two scenarios share a name.")
    /// A scenario's 'expect' names no output, so it checks nothing.
    public static let emptyExpectation = DiagnosticCode(
        "empty-expectation", .error, "Scenario files", "A scenario's 'expect' names no output, so it checks nothing.")

    // MARK: Routing

    /// The rules file's inputs or outputs are not the vocabulary the router supplies and applies.
    public static let rulesCannotRoute = DiagnosticCode(
        "rules-cannot-route", .error, "Routing", "The rules file's inputs or outputs are not the vocabulary the router supplies and applies.")
    /// `routing:` names an application Switchboard does not know.
    public static let unknownRouting = DiagnosticCode(
        "unknown-routing", .error, "Routing",
        "The rules file's 'routing' names an application Switchboard does not know; the message suggests the nearest.")
    /// A fact the rules read that routing does not supply, or supplies with other values.
    public static let routingFact = DiagnosticCode(
        "routing-fact", .error, "Routing",
        "An input the rules read as a fact that routing does not supply, or whose values differ from the ones routing gives it.")
    /// An output value routing cannot apply, or an output of a type routing cannot read.
    public static let routingValue = DiagnosticCode(
        "routing-value", .error, "Routing", "An output value routing cannot apply, or an output of a type routing cannot read.")
    /// An output routing needs that no table produces.
    public static let routingOutput = DiagnosticCode(
        "routing-output", .error, "Routing", "An output that routing needs and no table of the rules produces.")

    // MARK: Manual assignments

    /// An assignments line is not a JSON object.
    public static let expectedObject = DiagnosticCode("expected-object", .error, "Manual assignments", "A JSON object was expected here.")
    /// An assignments line names no choice.
    public static let noChoice = DiagnosticCode(
        "no-choice", .error, "Manual assignments", "A manual assignment chooses nothing: it needs a contact, a team member or projects.")

    // MARK: DMN models

    /// A number (digits with an optional fraction, like 2.5) was expected here.
    public static let expectedNumber = DiagnosticCode(
        "expected-number", .error, "The shape of a file", "A number (digits with an optional fraction, like 2.5) was expected here.")
    /// A DMN file holds a document type declaration; entities are never expanded or fetched, so it is refused.
    public static let xmlDoctype = DiagnosticCode(
        "xml-doctype", .error, "DMN models", "A DMN file holds a document type declaration; entities are never expanded or fetched, so it is refused."
    )
    /// An XML entity declaration or external entity; it is refused, never expanded or fetched.
    public static let xmlEntity = DiagnosticCode(
        "xml-entity", .error, "DMN models", "An XML entity declaration or external entity; it is refused, never expanded or fetched.")
    /// The XML cannot be parsed (what libxml2 found, at its position).
    public static let xmlMalformed = DiagnosticCode(
        "xml-malformed", .error, "DMN models", "The XML cannot be parsed (what libxml2 found, at its position).")
    /// XML elements nest deeper than the reader's limit.
    public static let xmlTooDeep = DiagnosticCode("xml-too-deep", .error, "DMN models", "XML elements nest deeper than the reader's limit.")
    /// An XML attribute value or element text is longer than the reader's limit.
    public static let xmlTooLong = DiagnosticCode(
        "xml-too-long", .error, "DMN models", "An XML attribute value or element text is longer than the reader's limit.")
    /// The root element is not the definitions of a DMN 1.1 to 1.5 model.
    public static let dmnNamespace = DiagnosticCode(
        "dmn-namespace", .error, "DMN models", "The root element is not the definitions of a DMN 1.1 to 1.5 model.")
    /// A DMN construct the reader does not take (FEEL beyond S-FEEL cells, literal expressions, business knowledge models, dates), named at its position.
    public static let dmnUnsupported = DiagnosticCode(
        "dmn-unsupported", .error, "DMN models",
        "A DMN construct the reader does not take (FEEL beyond S-FEEL cells, literal expressions, business knowledge models, dates), named at its position."
    )
    /// A hit policy or aggregation that DMN does not define.
    public static let dmnUnknown = DiagnosticCode("dmn-unknown", .error, "DMN models", "A hit policy or aggregation that DMN does not define.")
    /// A DMN element lacks a part it needs (a table's output, the name of one of several outputs).
    public static let dmnMissing = DiagnosticCode(
        "dmn-missing", .error, "DMN models", "A DMN element lacks a part it needs (a table's output, the name of one of several outputs).")
    /// A DMN rule's entries do not match its table's inputs and outputs in number.
    public static let dmnShape = DiagnosticCode(
        "dmn-shape", .error, "DMN models", "A DMN rule's entries do not match its table's inputs and outputs in number.")
    /// A DMN entry does not fit its column's type (a string in a number column, a fraction in an integer one).
    public static let dmnType = DiagnosticCode(
        "dmn-type", .error, "DMN models", "A DMN entry does not fit its column's type (a string in a number column, a fraction in an integer one).")
    /// A DMN entry names a value outside its column's input values or output values.
    public static let dmnValue = DiagnosticCode(
        "dmn-value", .error, "DMN models", "A DMN entry names a value outside its column's input values or output values.")
    /// A DMN input entry matches no value of its column.
    public static let dmnEmpty = DiagnosticCode("dmn-empty", .error, "DMN models", "A DMN input entry matches no value of its column.")
    /// Two rules of a DMN decision table share an id.
    public static let dmnDuplicate = DiagnosticCode("dmn-duplicate", .error, "DMN models", "Two rules of a DMN decision table share an id.")
    /// A DMN table's hit policy needs what its outputs lack (output values for PRIORITY and OUTPUT ORDER, numbers for COLLECT SUM, MIN, MAX).
    public static let dmnHitPolicy = DiagnosticCode(
        "dmn-hit-policy", .error, "DMN models",
        "A DMN table's hit policy needs what its outputs lack (output values for PRIORITY and OUTPUT ORDER, numbers for COLLECT SUM, MIN, MAX).")
    /// DMN decisions require each other in a cycle, so no evaluation order exists.
    public static let dmnCycle = DiagnosticCode(
        "dmn-cycle", .error, "DMN models", "DMN decisions require each other in a cycle, so no evaluation order exists.")

    /// Every code, grouped by area in catalog order.
    public static let all: [DiagnosticCode] = [
        .unreadable,
        .tooLarge,
        .emptyFile,
        .invalidUtf8,
        .yamlSyntax,
        .multipleDocuments,
        .tooDeep,
        .tooManyErrors,
        .duplicateKey,
        .anchor,
        .alias,
        .tag,
        .complexKey,
        .libyamlFailure,
        .expectedMapping,
        .expectedList,
        .expectedText,
        .expectedInteger,
        .expectedBoolean,
        .missingKey,
        .unknownKey,
        .unexpectedKey,
        .conflictingKeys,
        .invalidName,
        .duplicateName,
        .duplicateOutput,
        .duplicateRuleId,
        .invalidDomain,
        .invalidHitPolicy,
        .invalidCondition,
        .emptyCondition,
        .emptyList,
        .unknownValue,
        .outOfRange,
        .typeMismatch,
        .unknownColumn,
        .missingOutput,
        .unknownOutput,
        .unknownTable,
        .chainCycle,
        .chainList,
        .domainMismatch,
        .invalidLink,
        .gap,
        .overlap,
        .shadowed,
        .duplicateRule,
        .subsumed,
        .unusedValue,
        .chainUnreceived,
        .chainUnproduced,
        .tooManyInputs,
        .incomplete,
        .outOfDomain,
        .missingFact,
        .unknownFact,
        .notAFact,
        .invalidJson,
        .duplicateId,
        .duplicateEmail,
        .duplicateLine,
        .unknownId,
        .invalidEmail,
        .invalidPhone,
        .noNumber,
        .unknownCountry,
        .expectedDirectory,
        .expectedEvent,
        .invalidEvent,
        .emptyScenarios,
        .duplicateScenario,
        .emptyExpectation,
        .rulesCannotRoute,
        .unknownRouting,
        .routingFact,
        .routingValue,
        .routingOutput,
        .expectedObject,
        .noChoice,
        .expectedNumber,
        .xmlDoctype,
        .xmlEntity,
        .xmlMalformed,
        .xmlTooDeep,
        .xmlTooLong,
        .dmnNamespace,
        .dmnUnsupported,
        .dmnUnknown,
        .dmnMissing,
        .dmnShape,
        .dmnType,
        .dmnValue,
        .dmnEmpty,
        .dmnDuplicate,
        .dmnHitPolicy,
        .dmnCycle,
    ]
}
