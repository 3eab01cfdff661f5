import Foundation

/// Reads typed values out of a response element, tolerating the variants public OT clients
/// see: ids as text or as `{Value}`, lists with or without a wrapper element, weights with a
/// decimal comma. Absent or empty optional elements read as nil. An element that is present
/// but unreadable, or a required element that is missing, is a `decoding` error naming its
/// path (for example `Result/SalesOrderInfo/TotalAmount`).
struct OTNodeDecoder {
    let node: OTXMLNode
    let path: String
    let method: String

    init(node: OTXMLNode, path: String, method: String) {
        self.node = node
        self.path = path
        self.method = method
    }

    func failure(_ name: String) -> OTAPIError {
        OTAPIError(.decoding(path: self.path + "/" + name, method: self.method))
    }

    func child(_ name: String) -> OTNodeDecoder? {
        self.node.child(name).map { OTNodeDecoder(node: $0, path: self.path + "/" + name, method: self.method) }
    }

    func requiredChild(_ name: String) throws(OTAPIError) -> OTNodeDecoder {
        guard let child = self.child(name) else { throw self.failure(name) }
        return child
    }

    /// Returns the first child among `names` that exists.
    func firstChild(_ names: [String]) -> OTNodeDecoder? {
        for name in names {
            if let child = self.child(name) { return child }
        }
        return nil
    }

    /// Returns a list stored either as `wrapper` with repeated `item` children, or as repeated `item`
    /// elements directly under this node. When the wrapper exists but has no child named
    /// `item`, every child of the wrapper counts (JSON-shaped XML drops the item name).
    func list(wrapper: String?, item: String) -> [OTNodeDecoder] {
        if let wrapper, let container = self.node.child(wrapper) {
            let base = self.path + "/" + wrapper
            let named = container.children(named: item)
            let items = named.isEmpty ? container.children : named
            return items.map { OTNodeDecoder(node: $0, path: base + "/" + $0.name, method: self.method) }
        }
        return self.node.children(named: item).map {
            OTNodeDecoder(node: $0, path: self.path + "/" + item, method: self.method)
        }
    }

    // MARK: Text

    /// Non-empty text of a child, or nil.
    func string(_ name: String) -> String? {
        guard let text = self.node.childText(name), !text.isEmpty else { return nil }
        return text
    }

    func requiredString(_ name: String) throws(OTAPIError) -> String {
        guard let text = self.string(name) else { throw self.failure(name) }
        return text
    }

    /// Returns an id written as `<Id>x</Id>` or `<Id><Value>x</Value></Id>`.
    func id(_ name: String) -> String? {
        guard let child = self.node.child(name) else { return nil }
        if !child.text.isEmpty { return child.text }
        if let value = child.childText("Value"), !value.isEmpty { return value }
        return nil
    }

    func requiredID(_ name: String) throws(OTAPIError) -> String {
        guard let id = self.id(name) else { throw self.failure(name) }
        return id
    }

    // MARK: Numbers and flags

    func decimal(_ name: String) throws(OTAPIError) -> Decimal? {
        guard let text = self.string(name) else { return nil }
        guard let value = OTNumberParser.decimal(text) else { throw self.failure(name) }
        return value
    }

    func requiredDecimal(_ name: String) throws(OTAPIError) -> Decimal {
        guard let value = try self.decimal(name) else { throw self.failure(name) }
        return value
    }

    /// Returns a weight, which OT sometimes writes with a decimal comma (`0,25`).
    func weight(_ name: String) throws(OTAPIError) -> Decimal? {
        guard let text = self.string(name) else { return nil }
        guard let value = OTNumberParser.decimal(text.replacingOccurrences(of: ",", with: ".")) else {
            throw self.failure(name)
        }
        return value
    }

    func int(_ name: String) throws(OTAPIError) -> Int? {
        guard let text = self.string(name) else { return nil }
        guard let value = Int(text) else { throw self.failure(name) }
        return value
    }

    /// `true`/`false` in any case, or `1`/`0` (the `Can*` flags are integers).
    func bool(_ name: String) throws(OTAPIError) -> Bool? {
        guard let text = self.string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw self.failure(name)
        }
    }
}

/// Strict number parsing: `Decimal(string:)` accepts a valid prefix (`12abc` reads as 12),
/// so the text is checked first. Money never goes through `Double`.
enum OTNumberParser {
    /// Accepts `-?digits(.digits)?`; no exponent, no grouping separators, no spaces.
    static func decimal(_ text: String) -> Decimal? {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
