import Foundation

extension OTAPIClient {
    /// Wraps the response's root in a decoder, so paths in decoding errors start with its name.
    func root(_ envelope: OTEnvelope, _ method: OTMethod) -> OTNodeDecoder {
        OTNodeDecoder(node: envelope.node, path: envelope.node.name, method: method.rawValue)
    }

    /// Returns the required `Result` element.
    func result(_ envelope: OTEnvelope, _ method: OTMethod) throws(OTAPIError) -> OTNodeDecoder {
        try self.root(envelope, method).requiredChild("Result")
    }

    /// Items of the first shape among `shapes` that has any, e.g. `Content/Item` or a bare
    /// repeated `SalesStatusInfo`; an empty list when none has.
    func items(_ parent: OTNodeDecoder, shapes: [(wrapper: String?, item: String)]) -> [OTNodeDecoder] {
        for shape in shapes {
            let found = parent.list(wrapper: shape.wrapper, item: shape.item)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// Serialises a parameter document, or throws `invalidRequest` naming the field.
    func xml(_ parameter: some OTXMLParameter) throws(OTAPIError) -> String {
        do {
            return try parameter.xmlString()
        } catch {
            switch error {
            case .invalidCharacter(let field, let scalar):
                throw OTAPIError(
                    .invalidRequest(
                        field: field,
                        reason: "contains U+\(String(scalar, radix: 16, uppercase: true)), which XML does not allow"
                    )
                )
            case .invalidName(let name):
                throw OTAPIError(.invalidRequest(field: name, reason: "is not a valid XML element name"))
            }
        }
    }

    /// Rejects amounts OT should never receive: zero, negative, or with more than
    /// `maxFractionDigits` decimals.
    func checkAmount(_ amount: Decimal, field: String, maxFractionDigits: Int = 8) throws(OTAPIError) {
        guard amount > 0 else {
            throw OTAPIError(.invalidRequest(field: field, reason: "must be greater than zero, got \(amount)"))
        }
        guard amount.exponent >= -maxFractionDigits else {
            throw OTAPIError(.invalidRequest(field: field, reason: "has more than \(maxFractionDigits) decimals"))
        }
    }
}
