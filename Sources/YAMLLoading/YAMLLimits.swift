/// The limits the YAML loader enforces before and while libyaml reads a file.
///
/// libyaml itself has no nesting limit (deep flow nesting costs quadratic time) and no size
/// limit, so the loader owns both.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input, in bytes.
    public var maximumBytes: Int
    /// The deepest nesting of mappings and sequences.
    public var maximumDepth: Int

    /// Creates limits.
    public init(maximumBytes: Int, maximumDepth: Int) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }

    /// The limits for rules files: 32 MiB (a flattened decision tree of 100,000 rules over 15
    /// inputs is 20 MB), 64 levels.
    public static let rulesFile = YAMLLimits(maximumBytes: 32 << 20, maximumDepth: 64)
}
