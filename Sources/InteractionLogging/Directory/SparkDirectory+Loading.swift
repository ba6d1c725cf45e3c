import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading

extension YAMLLimits {
    /// The limits for a Spark directory: 1 GiB, 64 levels. A directory grows with the
    /// company's contacts (100,000 contacts is about 20 MB; a million, 200 MB), past the 32 MiB
    /// cap of a rules file.
    public static let sparkDirectory = YAMLLimits(maximumBytes: 1 << 30, maximumDepth: 64)
}

extension SparkDirectory {
    /// Loads a directory file.
    /// - Parameters:
    ///   - url: The file.
    ///   - strict: Whether problems loading leaves out with a warning (an unreadable phone
    ///     field of a contact) are errors instead.
    /// - Throws: `DiagnosticsError` with every problem found, each with a position.
    public init(contentsOf url: URL, strict: Bool = false) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(contentsOf: url, limits: .sparkDirectory), strict: strict)
    }

    /// Loads a directory from text.
    /// - Parameters:
    ///   - yaml: The directory file's contents.
    ///   - file: The path to name in diagnostics.
    ///   - strict: Whether warnings are errors.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(yaml: String, file: String = "<directory>", strict: Bool = false) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: Array(yaml.utf8), file: file, limits: .sparkDirectory), strict: strict)
    }

    /// Loads a directory from bytes.
    ///
    /// An unreadable phone field of a contact is left out with a warning in ``warnings``
    /// naming the contact and the field, so that one typo does not stop routing; `strict`
    /// makes it an error.
    /// - Parameters:
    ///   - bytes: The directory file's contents, UTF-8.
    ///   - file: The path to name in diagnostics.
    ///   - strict: Whether warnings are errors.
    /// - Throws: `DiagnosticsError` with every problem found (warnings included).
    public init(bytes: [UInt8], file: String, strict: Bool = false) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: bytes, file: file, limits: .sparkDirectory), strict: strict)
    }

    private init(source: YAMLSource, strict: Bool) throws(DiagnosticsError) {
        let decoder = DirectoryDecoder()
        decoder.strict = strict
        // Contacts are decoded as the parser reads them, so the tree holds the rest of the
        // file only; it lives only for this expression, and the index is built after it is
        // freed. After a syntax error only the parser's diagnostics are thrown.
        let decoded = decoder.decode(try Self.tree(of: source, decoder))
        guard let decoded else { throw source.error(decoder.sink.diagnostics) }
        let warnings = decoder.sink.diagnostics
        self.init(
            company: decoded.company, projects: decoded.projects, teamMembers: decoded.teamMembers,
            lines: decoded.lines, contacts: decoded.contacts,
            warnings: DiagnosticsError(warnings).diagnostics,
            warningSources: warnings.isEmpty ? [:] : [source.file: source.text])
    }

    /// The file's tree without its contacts, which `decoder` has decoded. Contacts that come
    /// before the company or the projects are decoded on a second reading, once the first
    /// has found those: parsing the file twice costs less than holding the contacts as a
    /// tree, about six times the file's size.
    private static func tree(of source: YAMLSource, _ decoder: DirectoryDecoder) throws(DiagnosticsError) -> YAMLNode {
        let first = try source.parse(streaming: decoder.contactStream)
        guard decoder.needsSecondReading else { return first }
        decoder.decodeSections(from: first)
        // The same bytes parse the same way: the second reading finds no problem the first
        // did not.
        return try source.parse(streaming: decoder.contactStream)
    }
}
