import Foundation

/// The parameters of one OT call, in the order received, with typed accessors that raise
/// `ContractViolation`/`InvalidInputValue` for missing or malformed values.
struct CallParameters: Sendable {
    var items: [(name: String, value: String)]

    init(_ items: [(name: String, value: String)]) {
        self.items = items
    }

    /// The first value of `name`; parameter names are case-sensitive as in OT's clients.
    subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    func required(_ name: String) throws(OTFailure) -> String {
        guard let value = self[name], !value.isEmpty else {
            throw .invalidInput(name, "is missing")
        }
        return value
    }

    func optional(_ name: String) -> String? {
        guard let value = self[name], !value.isEmpty else { return nil }
        return value
    }

    func requiredOrderId(_ name: String = "salesId") throws(OTFailure) -> String {
        let value = try required(name)
        guard Self.isOrderId(value) else {
            throw .invalidInput(name, "must be an order id such as ORD-0000000001, got \(value)")
        }
        return value
    }

    func requiredInt(_ name: String) throws(OTFailure) -> Int {
        let value = try required(name)
        guard let number = Int(value) else {
            throw .invalidInput(name, "must be an integer, got \(value)")
        }
        return number
    }

    func requiredBool(_ name: String) throws(OTFailure) -> Bool {
        switch try required(name).lowercased() {
        case "true": return true
        case "false": return false
        default: throw .invalidInput(name, "must be true or false")
        }
    }

    func requiredAmount(_ name: String) throws(OTFailure) -> Decimal {
        let value = try required(name)
        guard let amount = Money.parsePositive(value) else {
            throw .invalidInput(name, "must be a positive amount with at most two decimals, got \(value)")
        }
        return amount
    }

    func requiredXML(_ name: String, root: String) throws(OTFailure) -> InputXMLElement {
        let value = try required(name)
        guard let element = InputXMLElement.parse(value) else {
            throw .invalidInput(name, "is not well-formed XML")
        }
        guard element.name == root else {
            throw .invalidInput(name, "must have the root element \(root), got \(element.name)")
        }
        return element
    }

    static func isOrderId(_ value: String) -> Bool {
        value.count == 14 && value.hasPrefix("ORD-") && value.dropFirst(4).allSatisfy(\.isASCIIDigit)
    }
}
