/// Turns an HTTP response into an `OTEnvelope`, or into the `OTAPIError` that explains why
/// it is not one. It does not look at `ErrorCode` values; `OTErrorClassifier` does.
enum ResponseDecoder {
    static func envelope(
        _ response: TransportResponse,
        binding: OTBinding,
        method: String
    ) throws(OTAPIError) -> OTEnvelope {
        guard response.status == 200 else {
            // An ASMX service reports SOAP faults with HTTP 500.
            if binding == .soap11, let fault = self.soapFault(response.body) {
                throw fault
            }
            throw OTAPIError(.httpStatus(status: response.status, bodySnippet: OTAPIError.snippet(response.body)))
        }
        if self.looksLikeHTML(response) {
            throw self.bad(.html, response.body)
        }

        let root: OTXMLNode
        do {
            root = try OTXMLReader.parse(response.body)
        } catch {
            throw self.bad(self.reason(for: error), response.body)
        }

        let node: OTXMLNode
        switch binding {
        case .xml:
            node = root
        case .soap11:
            node = try self.unwrapSOAP(root, method: method, body: response.body)
        }
        guard let envelope = OTEnvelope(node: node) else {
            throw self.bad(.missingErrorCode, response.body)
        }
        return envelope
    }

    static func reason(for error: OTXMLReadError) -> BadResponseReason {
        switch error {
        case .empty: .empty
        case .notUTF8: .notUTF8
        case .doctype: .doctype
        case .unsupportedEncoding(let name): .unsupportedEncoding(name)
        case .malformed(let detail): .malformed(detail)
        case .truncated: .truncated
        case .noRootElement: .malformed("no root element")
        case .tooDeep: .tooDeep
        }
    }

    static func looksLikeHTML(_ response: TransportResponse) -> Bool {
        if let type = response.header("Content-Type")?.lowercased(), type.contains("text/html") {
            return true
        }
        let start = response.body.drop { OTXMLReader.isASCIIWhitespace($0) || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        let head = String(decoding: start.prefix(16), as: UTF8.self).lowercased()
        return head.hasPrefix("<html") || head.hasPrefix("<!doctype html")
    }

    /// `Envelope/Body/<Method>Response/<Method>Result` contains the usual envelope fields.
    static func unwrapSOAP(_ root: OTXMLNode, method: String, body: [UInt8]) throws(OTAPIError) -> OTXMLNode {
        guard root.name == "Envelope", let soapBody = root.child("Body") else {
            throw self.bad(.soapShape("no Envelope/Body"), body)
        }
        if let fault = soapBody.child("Fault") {
            throw self.fault(from: fault)
        }
        guard let wrapper = soapBody.child(method + "Response") ?? soapBody.children.first else {
            throw self.bad(.soapShape("empty Body"), body)
        }
        guard let result = wrapper.child(method + "Result") else {
            throw self.bad(.soapShape("no \(method)Result in \(wrapper.name)"), body)
        }
        return result
    }

    static func soapFault(_ body: [UInt8]) -> OTAPIError? {
        guard let root = try? OTXMLReader.parse(body),
            root.name == "Envelope",
            let fault = root.child("Body")?.child("Fault")
        else { return nil }
        return self.fault(from: fault)
    }

    private static func fault(from node: OTXMLNode) -> OTAPIError {
        let code = node.childText("faultcode") ?? "unknown"
        let text = node.childText("faultstring") ?? ""
        return OTAPIError(
            .soapFault(faultCode: code, faultString: OTAPIError.snippet(Array(text.utf8)))
        )
    }

    private static func bad(_ reason: BadResponseReason, _ body: [UInt8]) -> OTAPIError {
        OTAPIError(.badResponse(reason: reason, bodySnippet: OTAPIError.snippet(body)))
    }
}
