/// An XML element to be written: a name, attributes, and either text or child elements.
/// Rendering escapes every text and attribute value.
public struct XMLNode: Sendable, Equatable {
    public var name: String
    public var attributes: [Attribute]
    public var text: String?
    public var children: [XMLNode]

    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public init(_ name: String, attributes: [Attribute] = [], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.text = nil
        self.children = children
    }

    public init(_ name: String, text: String) {
        self.name = name
        self.attributes = []
        self.text = text
        self.children = []
    }

    public init(_ name: String, _ value: Int) {
        self.init(name, text: String(value))
    }

    public init(_ name: String, _ value: Bool) {
        self.init(name, text: value ? "true" : "false")
    }

    /// Writes the element and its subtree, without an XML declaration.
    public func render(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + Self.escape(attribute.value, quotes: true) + "\""
        }
        if let text {
            output += ">" + Self.escape(text, quotes: false) + "</" + name + ">"
        } else if children.isEmpty {
            output += " />"
        } else {
            output += ">"
            for child in children {
                child.render(into: &output)
            }
            output += "</" + name + ">"
        }
    }

    /// Escapes markup characters. Characters XML 1.0 cannot carry at all (C0 controls other
    /// than tab, LF and CR) become U+FFFD so that the document stays well-formed.
    public static func escape(_ text: String, quotes: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&apos;"
            case "\r": output += "&#xD;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
