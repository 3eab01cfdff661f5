/// Errors of writing an XML parameter.
public enum OTXMLWriteError: Error, Sendable, Equatable {
    /// A value contains a character that XML 1.0 does not allow (for example U+0001 or
    /// U+FFFE); `field` is the element path, such as `OrderAddData/Items/Item/Comment`.
    case invalidCharacter(field: String, scalar: UInt32)
    /// An element or attribute name is not a plain XML name.
    case invalidName(String)

    /// The element path or name the error is about.
    public var field: String {
        switch self {
        case .invalidCharacter(let field, _): field
        case .invalidName(let name): name
        }
    }
}

/// Serialises `OTXMLNode` trees into the XML strings that OT takes inside form fields
/// (`xmlAddData`, `xmlParameters`, `xmlSearchParameters`).
///
/// Text and attribute values escape `& < > " '`, so any user text stays text. Attributes also
/// write CR, TAB and LF as character references. A character that XML 1.0 forbids is an error
/// naming the field. No XML declaration is written, because the OT Box strips it before
/// sending. An element whose text is empty and that has no children and no attributes is
/// omitted, so an empty comment and an absent comment both produce no `Comment` element
/// (OT ignores an empty comment anyway). The output is a Swift `String`, so it is always
/// whole UTF-8.
public enum OTXMLWriter {
    public static func string(_ root: OTXMLNode) throws(OTXMLWriteError) -> String {
        var output = ""
        try self.write(root, path: root.name, into: &output)
        return output
    }

    static func isEmpty(_ node: OTXMLNode) -> Bool {
        node.text.isEmpty && node.attributes.isEmpty && node.children.allSatisfy(self.isEmpty)
    }

    private static func write(_ node: OTXMLNode, path: String, into output: inout String) throws(OTXMLWriteError) {
        guard !self.isEmpty(node) else { return }
        try self.checkName(node.name)
        output += "<" + node.name
        for name in node.attributes.keys.sorted() {
            try self.checkName(name)
            output += " " + name + "=\""
            try self.appendEscaped(node.attributes[name]!, field: path + "@" + name, attribute: true, into: &output)
            output += "\""
        }
        output += ">"
        try self.appendEscaped(node.text, field: path, attribute: false, into: &output)
        for child in node.children {
            try self.write(child, path: path + "/" + child.name, into: &output)
        }
        output += "</" + node.name + ">"
    }

    /// Returns whether XML 1.0 allows this character in a document (production `Char`).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func appendEscaped(
        _ text: String,
        field: String,
        attribute: Bool,
        into output: inout String
    ) throws(OTXMLWriteError) {
        for scalar in text.unicodeScalars {
            guard self.isAllowed(scalar) else {
                throw .invalidCharacter(field: field, scalar: scalar.value)
            }
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            // A literal CR would be normalised to LF by the reading parser.
            case "\r": output += "&#xD;"
            case "\n" where attribute: output += "&#xA;"
            case "\t" where attribute: output += "&#x9;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }

    /// Accepts ASCII names only: every name the OT contract uses is ASCII.
    private static func checkName(_ name: String) throws(OTXMLWriteError) {
        guard let first = name.unicodeScalars.first,
            first.properties.isAlphabetic || first == "_",
            first.isASCII,
            name.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
            })
        else {
            throw .invalidName(name)
        }
    }
}
