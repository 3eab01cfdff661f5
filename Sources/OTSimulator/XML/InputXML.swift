import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML parameter value (`xmlAddData`, `xmlParameters`, ...): element names, text
/// and children, enough for the simulator to read what clients send.
struct InputXMLElement: Sendable, Equatable {
    var name: String
    var attributes: [String: String] = [:]
    var text = ""
    var children: [InputXMLElement] = []

    func child(_ name: String) -> InputXMLElement? {
        children.first { $0.name == name }
    }

    func children(_ name: String) -> [InputXMLElement] {
        children.filter { $0.name == name }
    }

    /// The trimmed text of the first child `name`, or nil when it is absent or empty.
    func value(_ name: String) -> String? {
        guard let text = child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { return nil }
        return text
    }

    /// Parses `text`; nil when it is not well-formed XML or declares a DOCTYPE (entity
    /// definitions could expand without bound).
    static func parse(_ text: String) -> InputXMLElement? {
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil {
            return nil
        }
        let parser = XMLParser(data: Data(text.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        // Linux's parse() can return true on malformed input, so the delegate's error counts too.
        guard parser.parse(), !builder.failed, let root = builder.root else { return nil }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [InputXMLElement] = []
        var root: InputXMLElement?
        var failed = false

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String]
        ) {
            stack.append(InputXMLElement(name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            failed = true
        }
    }
}
