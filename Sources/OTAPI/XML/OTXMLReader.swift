import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Errors of reading a body as an XML document.
public enum OTXMLReadError: Error, Sendable, Equatable {
    /// The body had no bytes, or only whitespace.
    case empty
    /// The body is not valid UTF-8.
    case notUTF8
    /// The body contains `<!DOCTYPE`; DTDs are rejected so that entity expansion cannot run.
    case doctype
    /// The XML declaration names an encoding other than UTF-8.
    case unsupportedEncoding(String)
    /// The XML parser reported an error; the text is the parser's description, for logs.
    case malformed(String)
    /// The document ended before every element was closed.
    case truncated
    /// No element was found.
    case noRootElement
    /// Elements are nested deeper than the reader's limit.
    case tooDeep(limit: Int)
}

/// Parses XML bodies into `OTXMLNode` trees, working around FoundationXML's behaviour on
/// Linux: its `XMLParser` can crash on invalid UTF-8 in a tag name, returns `true` from
/// `parse()` for truncated or empty input, and silently drops entities declared in a DOCTYPE.
public enum OTXMLReader {
    /// Nesting limit. The deepest OT response among the test fixtures nests 7 levels and SOAP
    /// adds 3, so 64 leaves ample room while bounding the tree's depth.
    public static let defaultMaxDepth = 64

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses `bytes` into the root element. Rejects, before parsing, bodies that
    /// are empty, not UTF-8, contain a DOCTYPE or declare another encoding.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(OTXMLReadError) -> OTXMLNode {
        var body = bytes[...]
        if body.starts(with: self.byteOrderMark) {
            body = body.dropFirst(self.byteOrderMark.count)
        }
        // libxml2 rejects whitespace before the XML declaration, which proxies sometimes add.
        while let first = body.first, self.isASCIIWhitespace(first) {
            body = body.dropFirst()
        }
        guard !body.isEmpty else { throw .empty }
        guard String(validating: body, as: UTF8.self) != nil else { throw .notUTF8 }
        if self.containsDoctype(body) { throw .doctype }
        if let encoding = self.declaredEncoding(body) {
            let lowered = encoding.lowercased()
            guard lowered == "utf-8" || lowered == "utf8" else { throw .unsupportedEncoding(encoding) }
        }

        let parser = XMLParser(data: Data(body))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(maxDepth: maxDepth)
        parser.delegate = builder
        let finished = parser.parse()

        // The builder's own error wins: an abort for depth also makes the parser report one.
        if let error = builder.error { throw error }
        if let parserError = parser.parserError { throw .malformed(String(describing: parserError)) }
        guard finished else { throw .malformed("the XML parser stopped without naming an error") }
        guard builder.stack.isEmpty else { throw .truncated }
        guard let root = builder.root else { throw .noRootElement }
        return root
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Scans the whole body for `<!DOCTYPE`, ignoring case.
    static func containsDoctype(_ body: ArraySlice<UInt8>) -> Bool {
        let pattern = Array("<!DOCTYPE".utf8)
        guard body.count >= pattern.count else { return false }
        var index = body.startIndex
        let last = body.endIndex - pattern.count
        while index <= last {
            if body[index] == 0x3C {  // "<"
                var matched = true
                for offset in 1..<pattern.count {
                    let byte = body[index + offset]
                    let lowered = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
                    if lowered != pattern[offset] {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }

    /// Returns the `encoding` pseudo-attribute of a leading XML declaration, if there is one.
    static func declaredEncoding(_ body: ArraySlice<UInt8>) -> String? {
        guard body.starts(with: Array("<?xml".utf8)) else { return nil }
        let window = body.prefix(256)
        guard let end = self.firstIndex(of: Array("?>".utf8), in: window) else { return nil }
        let declaration = String(decoding: window[window.startIndex..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        return String(rest.prefix { $0 != quote })
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in bytes.startIndex...(bytes.endIndex - pattern.count)
        where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }

    /// Removes a namespace prefix: `soap:Envelope` becomes `Envelope`.
    static func localName(_ qualified: String) -> String {
        // Searching the UTF-8 view avoids the grapheme breaking of a Character search (5 % of the
        // CPU time of a canned-OT order read); ':' is ASCII, so the index is a scalar boundary.
        guard let colon = qualified.utf8.lastIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(qualified[qualified.utf8.index(after: colon)...])
    }
}

/// Collects parser events into a tree. Character data is appended piece by piece (the parser
/// splits text around entities and CDATA sections) and trimmed once when the element closes.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    struct OpenElement {
        var node: OTXMLNode
        var text: String
    }

    let maxDepth: Int
    var stack: [OpenElement] = []
    var root: OTXMLNode?
    var error: OTXMLReadError?

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard self.stack.count < self.maxDepth else {
            self.error = .tooDeep(limit: self.maxDepth)
            parser.abortParsing()
            return
        }
        if self.root != nil && self.stack.isEmpty {
            // libxml2 reports a second root as an error too; this keeps the tree unambiguous.
            self.error = .malformed("a second root element follows the first")
            parser.abortParsing()
            return
        }
        var names: [String: String] = [:]
        for (name, value) in attributes {
            names[name.hasPrefix("xmlns") ? name : OTXMLReader.localName(name)] = value
        }
        let node = OTXMLNode(name: OTXMLReader.localName(elementName), attributes: names)
        self.stack.append(OpenElement(node: node, text: ""))
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?
    ) {
        guard var finished = self.stack.popLast() else { return }
        finished.node.text = Self.trimmingWhitespace(finished.text)
        if self.stack.isEmpty {
            self.root = finished.node
        } else {
            self.stack[self.stack.count - 1].node.children.append(finished.node)
        }
    }

    /// `text` without leading and trailing White_Space scalars, the same set as Foundation's
    /// `.whitespacesAndNewlines`. Foundation's `trimmingCharacters(in:)` bridges through NSString
    /// and took about 16 % of the CPU time of a `GET /orders/{id}` against a canned OT.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !Self.isWhitespace($0) })
        else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) {
            return text
        }
        return String(scalars[first...last])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || (0x09...0x0D).contains(scalar.value)
        }
        return scalar.properties.isWhitespace
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !self.stack.isEmpty else { return }
        self.stack[self.stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !self.stack.isEmpty else { return }
        self.stack[self.stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if self.error == nil {
            self.error = .malformed(String(describing: parseError))
        }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        if self.error == nil {
            self.error = .malformed(String(describing: validationError))
        }
    }
}
