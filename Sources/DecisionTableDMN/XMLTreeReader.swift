import DecisionTable
import Diagnostics
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads XML bytes into ``XMLElementNode``s with positions, through Foundation's XMLParser
/// (libxml2), refusing what a DMN file has no use for.
///
/// A document type declaration is refused before parsing, wherever it appears: entities
/// (the "billion laughs" expansion, external entities that would fetch files or URLs) can
/// only be declared there, so no entity is ever expanded or fetched. Nesting deeper than
/// ``XMLLimits/maximumDepth`` and attributes or text longer than
/// ``XMLLimits/maximumTextLength`` stop the parse at their position.
enum XMLTreeReader {
    static func read(_ bytes: [UInt8], file: String, limits: XMLLimits = .modelFile) throws(DiagnosticsError) -> XMLElementNode {
        let lines = LineTable(bytes)
        if let offset = find(Array("<!DOCTYPE".utf8), in: bytes) ?? find(Array("<!ENTITY".utf8), in: bytes) {
            throw DiagnosticsError(
                [
                    Diagnostic(
                        .error, code: .xmlDoctype,
                        "document type declarations are not accepted in a DMN file (they declare entities, which are never expanded or fetched)",
                        at: lines.location(ofByte: offset, file: file))
                ], sources: [file: String(decoding: bytes, as: UTF8.self)])
        }
        let builder = TreeBuilder(lines: lines, file: file, limits: limits)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let failure = builder.failure ?? (parsed ? nil : builder.parseFailure(parser)) {
            throw DiagnosticsError([failure], sources: [file: String(decoding: bytes, as: UTF8.self)])
        }
        guard let root = builder.root else {
            throw DiagnosticsError([
                Diagnostic(
                    .error, code: .xmlMalformed, "the file holds no XML element",
                    at: SourceLocation(file: file, line: 1, column: 1))
            ])
        }
        return root
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// Byte offsets of line starts, to turn libxml2's line and byte column into a character
/// column, and to find a start tag's `<`.
struct LineTable {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.starts = starts
    }

    /// The 1-based line and character column of a byte offset.
    func location(ofByte offset: Int, file: String) -> SourceLocation {
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid } else { high = mid }
        }
        let start = starts[low]
        let end = min(max(offset, start), bytes.count)
        // Characters, not bytes: count the bytes that begin a UTF-8 sequence.
        let column = bytes[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } + 1
        return SourceLocation(file: file, line: low + 1, column: column)
    }

    /// The byte offset of libxml2's 1-based line and byte column.
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= starts.count else { return bytes.count }
        return min(starts[line - 1] + max(column - 1, 0), bytes.count)
    }

    /// Where the start tag that ends just before libxml2's position begins: the last `<` before it.
    func startTag(line: Int, column: Int, file: String) -> SourceLocation {
        var i = min(offset(line: line, column: column), bytes.count) - 1
        while i > 0, bytes[i] != UInt8(ascii: "<") { i -= 1 }
        return location(ofByte: max(i, 0), file: file)
    }
}

/// XMLParser's delegate: builds the tree with an explicit stack.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let lines: LineTable
    let file: String
    let limits: XMLLimits
    var stack: [XMLElementNode] = []
    var root: XMLElementNode?
    var failure: Diagnostic?

    init(lines: LineTable, file: String, limits: XMLLimits) {
        self.lines = lines
        self.file = file
        self.limits = limits
    }

    private func here(_ parser: XMLParser) -> SourceLocation {
        lines.location(ofByte: lines.offset(line: parser.lineNumber, column: parser.columnNumber), file: file)
    }

    private func stop(_ parser: XMLParser, _ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        if failure == nil { failure = Diagnostic(.error, code: code, message, at: location) }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        let location = lines.startTag(line: parser.lineNumber, column: parser.columnNumber, file: file)
        if stack.count >= limits.maximumDepth {
            stop(parser, .xmlTooDeep, "elements nest deeper than \(limits.maximumDepth) levels", at: location)
            return
        }
        if let (name, value) = attributeDict.first(where: { $0.value.count > limits.maximumTextLength }) {
            stop(
                parser, .xmlTooLong,
                "attribute '\(name)' is \(value.count) characters long; the limit is \(limits.maximumTextLength)",
                at: location)
            return
        }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(
            XMLElementNode(
                name: local, namespace: namespaceURI ?? "", attributes: attributeDict,
                text: "", children: [], location: location))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
        if stack[stack.count - 1].text.count > limits.maximumTextLength {
            stop(
                parser, .xmlTooLong, "the text of <\(stack[stack.count - 1].name)> is longer than \(limits.maximumTextLength) characters",
                at: stack[stack.count - 1].location)
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil, let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        stop(parser, .xmlEntity, "external entity '\(name)' is refused; it is never fetched", at: here(parser))
        return nil
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop(parser, .xmlEntity, "entity declarations are refused; '\(name)' is never expanded", at: here(parser))
    }

    /// Where libxml2 first reported an error, captured when it does (after the parse the
    /// parser's position is the end of the input).
    var errorLocation: SourceLocation?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLocation == nil { errorLocation = here(parser) }
    }

    func parseFailure(_ parser: XMLParser) -> Diagnostic {
        let code = (parser.parserError as NSError?)?.code ?? 0
        let what = Self.messages[code] ?? "the XML is malformed (libxml2 error \(code))"
        return Diagnostic(.error, code: .xmlMalformed, what, at: errorLocation ?? here(parser))
    }

    /// libxml2's error numbers for the mistakes hand-edited files make most.
    static let messages: [Int: String] = [
        4: "the file holds no XML element",
        5: "the XML ends before every element is closed",
        9: "invalid character in the XML",
        23: "'&' starts an entity reference; write '&amp;' for a literal '&'",
        26: "undefined entity (only &lt; &gt; &amp; &quot; &apos; and character references are known)",
        38: "an attribute value must be quoted",
        41: "attribute has no value",
        65: "expected a space between attributes",
        68: "'<' in text must be written '&lt;'",
        73: "expected '>' to end the tag",
        76: "the end tag does not match the start tag",
        77: "the XML ends before every element is closed",
    ]
}
