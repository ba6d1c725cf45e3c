import DecisionTable
import Diagnostics
import YAMLLoading
import Foundation

/// Reads a DMN file (DMN 1.1 to 1.5) into the engine's tables.
///
/// Each decision whose logic is a decision table becomes a table named after the decision;
/// information requirements between decisions become chained tables; `inputData`,
/// `itemDefinition` (`allowedValues`), `inputValues` and `outputValues` give the domains.
/// Input entries are S-FEEL unary tests, output entries literals. Anything else is a
/// diagnostic at its position in the XML, naming the construct.
public enum DMNReader {
    /// The model namespaces of DMN 1.1 to 1.5.
    public static let namespaces: Set<String> = [
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "https://www.omg.org/spec/DMN/20211108/MODEL/",
        "https://www.omg.org/spec/DMN/20230324/MODEL/",
    ]

    /// Reads a `.dmn` file; problems are in the model's diagnostics.
    public static func read(contentsOf path: String, limits: XMLLimits = .modelFile) -> DMNModel {
        do {
            let bytes = try SourceReader.read(path: path, limits: YAMLLimits(maximumBytes: limits.maximumBytes, maximumDepth: limits.maximumDepth))
            return read(bytes: bytes, file: path, limits: limits)
        } catch {
            return DMNModel(file: path, source: "", tables: [], decisions: [], diagnostics: error.diagnostics)
        }
    }

    /// Reads DMN XML from bytes.
    public static func read(bytes: [UInt8], file: String, limits: XMLLimits = .modelFile) -> DMNModel {
        let source = String(decoding: bytes, as: UTF8.self)
        let root: XMLElementNode
        do {
            root = try XMLTreeReader.read(bytes, file: file, limits: limits)
        } catch {
            return DMNModel(file: file, source: source, tables: [], decisions: [], diagnostics: error.diagnostics)
        }
        var builder = ModelBuilder(file: file)
        // Some modelers (Trisotech's, in TCK models) put DMN's elements in the model's own
        // default namespace and declare DMN's under a prefix: a declared DMN namespace counts.
        let declaresDMN = namespaces.contains { source.contains("\"\($0)\"") }
        let (tables, decisions) = builder.build(root, declaresDMN: declaresDMN)
        return DMNModel(
            file: file, source: source, tables: tables, decisions: decisions,
            diagnostics: builder.diagnostics.sorted { $0.location < $1.location })
    }
}
