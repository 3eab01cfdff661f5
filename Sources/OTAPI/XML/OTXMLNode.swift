/// One element of a parsed XML document: the local name (any `prefix:` removed), its
/// attributes, its own text (character data and CDATA joined, then trimmed once) and its
/// child elements in document order.
public struct OTXMLNode: Sendable, Equatable {
    public var name: String
    public var attributes: [String: String]
    public var text: String
    public var children: [OTXMLNode]

    public init(name: String, attributes: [String: String] = [:], text: String = "", children: [OTXMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// Returns the first child element with this local name.
    public func child(_ name: String) -> OTXMLNode? {
        self.children.first { $0.name == name }
    }

    /// Returns every child element with this local name, in document order.
    public func children(named name: String) -> [OTXMLNode] {
        self.children.filter { $0.name == name }
    }

    /// Returns the element reached by following child names, e.g. `["Result", "SalesOrderInfo"]`.
    public func descendant(_ path: [String]) -> OTXMLNode? {
        var node = self
        for name in path {
            guard let next = node.child(name) else { return nil }
            node = next
        }
        return node
    }

    /// Returns the text of a child element, or nil when the child is absent.
    public func childText(_ name: String) -> String? {
        self.child(name)?.text
    }
}
