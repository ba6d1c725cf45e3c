import Diagnostics

/// A decision table as written in a rules file, with every literal checked against its
/// column's domain and interned.
///
/// Only the loader builds and changes tables (their properties are read-only outside this
/// package), so the invariants the compiler, the validator and the diff rely on hold.
public struct TableDefinition: Hashable, Sendable {
    /// Unique in the file; `[a-z0-9_-]+`.
    public package(set) var name: String
    /// What the table decides, for people.
    public package(set) var description: String?
    /// Where the table's mapping starts.
    public package(set) var location: SourceLocation
    /// How matching rules become the result.
    public package(set) var hitPolicy: HitPolicy
    /// Whether combinations that no rule matches are expected (`gaps: allowed`).
    public package(set) var gapsAllowed: Bool
    /// The condition columns, in declared order.
    public package(set) var inputs: [InputDefinition]
    /// The result columns, in declared order.
    public package(set) var outputs: [OutputDefinition]
    /// The rows, in file order.
    public package(set) var rules: [RuleDefinition]

    /// Creates a table; front ends other than the YAML loader (the DMN reader) build tables
    /// with this and check them as the loader does.
    package init(
        name: String, description: String?, location: SourceLocation, hitPolicy: HitPolicy,
        gapsAllowed: Bool, inputs: [InputDefinition], outputs: [OutputDefinition], rules: [RuleDefinition]
    ) {
        self.name = name
        self.description = description
        self.location = location
        self.hitPolicy = hitPolicy
        self.gapsAllowed = gapsAllowed
        self.inputs = inputs
        self.outputs = outputs
        self.rules = rules
    }

    /// Every output's default, in declared order, when every output has one: what the table
    /// decides where no rule matches. Nil when some output has no default (no rule matching
    /// is then an error, or a gap).
    public var defaults: [Value]? {
        let values = outputs.compactMap(\.defaultValue)
        return values.count == outputs.count ? values : nil
    }
}

/// A condition column.
public struct InputDefinition: Hashable, Sendable {
    /// The fact's name, shared by every table that reads it.
    public package(set) var name: String
    /// What the fact means, for people.
    public package(set) var description: String?
    /// Where the input is declared.
    public package(set) var location: SourceLocation
    /// The values the fact can take.
    public package(set) var domain: Domain
    /// The table whose output feeds this input, when the input is chained.
    public package(set) var producer: String?
    /// Words for values in generated documentation (`true: ON`), by value.
    public package(set) var labels: [String: String] = [:]
    /// For `number` and free `string` columns, how values map to the integer or enumeration
    /// `domain` the engine analyses; nil for plain integers, booleans and enumerations.
    public package(set) var coding: ColumnCoding? = nil

    /// Creates an input column.
    package init(
        name: String, description: String?, location: SourceLocation, domain: Domain,
        producer: String?, labels: [String: String] = [:], coding: ColumnCoding? = nil
    ) {
        self.name = name
        self.description = description
        self.location = location
        self.domain = domain
        self.producer = producer
        self.labels = labels
        self.coding = coding
    }
}

/// A result column.
public struct OutputDefinition: Hashable, Sendable {
    /// The output's name, unique across the file.
    public package(set) var name: String
    /// What the output means, for people.
    public package(set) var description: String?
    /// Where the output is declared.
    public package(set) var location: SourceLocation
    /// The values it can take.
    public package(set) var type: OutputType
    /// The value used when no rule matches, or when a rule leaves the output out.
    public package(set) var defaultValue: Value?
    /// Where the default is written, so that a problem with it points there.
    public package(set) var defaultLocation: SourceLocation? = nil
    /// Words for values in generated documentation (`true: yes`), by value; inputs reading
    /// this output show the same words.
    public package(set) var labels: [String: String] = [:]

    /// Creates an output column.
    package init(
        name: String, description: String?, location: SourceLocation, type: OutputType,
        defaultValue: Value?, defaultLocation: SourceLocation? = nil, labels: [String: String] = [:]
    ) {
        self.name = name
        self.description = description
        self.location = location
        self.type = type
        self.defaultValue = defaultValue
        self.defaultLocation = defaultLocation
        self.labels = labels
    }
}

/// The type of an output column.
public enum OutputType: Hashable, Sendable {
    /// One of a closed list of names; the order is the priority order.
    case enumeration([String])
    case string
    case integer
    case boolean
    /// An exact decimal number.
    case number

    /// The type as a rules file writes it.
    public var summary: String {
        switch self {
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "true or false"
        case .number: "a number"
        }
    }
}

/// One row of a table.
public struct RuleDefinition: Hashable, Sendable {
    /// Unique in the table.
    public package(set) var id: String
    /// Why the rule exists, for people (where it comes from).
    public package(set) var description: String?
    /// Where the rule's mapping starts.
    public package(set) var location: SourceLocation
    /// One condition per input, in input order.
    public package(set) var conditions: [Condition]
    /// One value per output, in output order, as written; nil where the rule leaves the
    /// output out and its default applies.
    public package(set) var outputs: [Value?]
    /// One value per output, in output order, with the defaults filled in: what the rule
    /// decides. The loader guarantees that an output a rule leaves out has a default.
    public package(set) var values: [Value]
    /// Where each output cell is written, or the rule's location where it is left out.
    public package(set) var outputLocations: [SourceLocation]

    /// Creates a rule.
    package init(
        id: String, description: String?, location: SourceLocation, conditions: [Condition],
        outputs: [Value?], values: [Value], outputLocations: [SourceLocation]
    ) {
        self.id = id
        self.description = description
        self.location = location
        self.conditions = conditions
        self.outputs = outputs
        self.values = values
        self.outputLocations = outputLocations
    }
}

/// The set of values one cell of a rule matches.
public struct Condition: Hashable, Sendable {
    /// The matched values of a finite domain, by interned index, sorted; or nil for integers.
    public package(set) var values: [Int]?
    /// The matched integers, for integer columns.
    public package(set) var intervals: IntervalSet?
    /// Whether the cell was left out or written `-`: it matches the whole domain.
    public package(set) var isWildcard: Bool
    /// The finite values the cell names explicitly, in a list or under `not`; empty for
    /// integer columns and wildcards. The validator reports values no rule names.
    public package(set) var mentioned: [Int] = []
    /// The cell as written, for explanations (`">= 2"`, `[call, message]`, `-`).
    public package(set) var text: String
    /// Where the cell is, or the rule's location when it was left out.
    public package(set) var location: SourceLocation

    /// Creates a cell (front ends other than the YAML loader, such as the DMN reader).
    package init(
        values: [Int]?, intervals: IntervalSet?, isWildcard: Bool, mentioned: [Int] = [],
        text: String, location: SourceLocation
    ) {
        self.values = values
        self.intervals = intervals
        self.isWildcard = isWildcard
        self.mentioned = mentioned
        self.text = text
        self.location = location
    }

    /// Whether the cell matches an interned finite value or an integer.
    public func matches(_ encoded: Int) -> Bool {
        if isWildcard { return true }
        if let intervals { return intervals.contains(encoded) }
        return values?.contains(encoded) ?? false
    }
}
