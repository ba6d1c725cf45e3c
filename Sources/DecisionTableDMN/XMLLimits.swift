/// The caps the XML reader enforces on a `.dmn` file, so that a hostile file is refused with
/// a position instead of exhausting memory or time.
public struct XMLLimits: Sendable {
    /// The largest file read (bytes).
    public var maximumBytes: Int
    /// The deepest element nesting.
    public var maximumDepth: Int
    /// The longest attribute value or element text (characters).
    public var maximumTextLength: Int

    /// Creates limits.
    public init(maximumBytes: Int, maximumDepth: Int, maximumTextLength: Int) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumTextLength = maximumTextLength
    }

    /// The caps for model files: 16 MiB, 64 levels, 1 MiB of text in one attribute or element.
    public static let modelFile = XMLLimits(maximumBytes: 16 << 20, maximumDepth: 64, maximumTextLength: 1 << 20)
}
