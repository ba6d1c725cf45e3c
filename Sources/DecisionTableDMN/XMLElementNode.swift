import DecisionTable
import Diagnostics

/// An XML element as the DMN reader sees it: local name, namespace, attributes, text and
/// children, with the position of its start tag.
struct XMLElementNode: Sendable {
    /// The local name (`decisionTable`), without prefix.
    var name: String
    /// The namespace URI, or "" when none.
    var namespace: String
    var attributes: [String: String]
    /// The element's own character data, concatenated.
    var text: String
    var children: [XMLElementNode]
    /// Where the start tag's `<` is.
    var location: SourceLocation

    /// The children with a local name.
    func children(_ name: String) -> [XMLElementNode] { children.filter { $0.name == name } }

    /// The first child with a local name.
    func child(_ name: String) -> XMLElementNode? { children.first { $0.name == name } }

    /// The text of the `<text>` child, as DMN holds expressions.
    var expressionText: String? { child("text")?.text }
}
