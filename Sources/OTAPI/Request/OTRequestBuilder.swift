import Foundation

/// Builds the exchange for one call: common parameters, the signature, then the binding's
/// wire format. Both bindings send exactly the parameter set that was signed.
public struct OTRequestBuilder: Sendable {
    public static let formContentType = "application/x-www-form-urlencoded"
    public static let soapContentType = "text/xml; charset=utf-8"
    static let soapEnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"

    public var configuration: OTAPIConfiguration

    public init(configuration: OTAPIConfiguration) {
        self.configuration = configuration
    }

    /// Collects every parameter that is sent, in wire order: `instanceKey`, `language`, `sessionId`,
    /// the method's own, then `timestamp` and `signature` when a secret is configured.
    /// Throws `invalidRequest` when a value contains a character XML 1.0 forbids, because OT
    /// returns stored text inside XML responses and such a value would break them.
    public func parameters(for call: OTCall, sessionId: String?, now: Date) throws(OTAPIError) -> [OTParameter] {
        var parameters = [OTParameter(OTParameterName.instanceKey, self.configuration.instanceKey)]
        if call.sendsLanguage {
            parameters.append(OTParameter(OTParameterName.language, self.configuration.language))
        }
        if call.session != nil {
            parameters.append(OTParameter(OTParameterName.sessionId, sessionId ?? ""))
        }
        parameters += call.parameters
        for parameter in parameters {
            if let bad = parameter.value.unicodeScalars.first(where: { !OTXMLWriter.isAllowed($0) }) {
                throw OTAPIError(
                    .invalidRequest(
                        field: parameter.name,
                        reason: "contains U+\(String(bad.value, radix: 16, uppercase: true)), which XML does not allow"
                    )
                )
            }
        }
        if let secret = self.configuration.secret {
            parameters.append(OTParameter(OTParameterName.timestamp, OTWireFormat.timestamp(now)))
            let signature = RequestSigner.signature(method: call.method, parameters: parameters, secret: secret)
            parameters.append(OTParameter(OTParameterName.signature, signature))
        }
        return parameters
    }

    public func transportRequest(for call: OTCall, parameters: [OTParameter]) throws(OTAPIError) -> TransportRequest {
        let timeout = call.kind == .write ? self.configuration.writeTimeout : self.configuration.readTimeout
        // libcurl silently resends a request whose reused connection died before any answer
        // byte; for a write that could apply it twice, so writes always open a new connection.
        let freshConnection = call.kind == .write
        switch self.configuration.binding {
        case .xml:
            return TransportRequest(
                url: Self.methodURL(base: self.configuration.baseURL, method: call.method),
                headers: [("Content-Type", Self.formContentType), ("Accept", "text/xml, application/xml")],
                body: Array(FormEncoding.body(parameters).utf8),
                timeout: timeout,
                connectTimeout: self.configuration.connectTimeout,
                requiresFreshConnection: freshConnection
            )
        case .soap11:
            let namespace = self.configuration.soapNamespace
            let envelope: String
            do {
                envelope = try Self.soapEnvelope(method: call.method, namespace: namespace, parameters: parameters)
            } catch {
                throw OTAPIError(.invalidRequest(field: error.field, reason: "contains a character XML does not allow"))
            }
            return TransportRequest(
                url: self.configuration.baseURL,
                headers: [
                    ("Content-Type", Self.soapContentType),
                    ("SOAPAction", "\"" + namespace + call.method + "\""),
                ],
                body: Array(envelope.utf8),
                timeout: timeout,
                connectTimeout: self.configuration.connectTimeout,
                requiresFreshConnection: freshConnection
            )
        }
    }

    /// Joins `base` + `/` + `method` with exactly one slash between them, whether or not `base`
    /// ends with slashes (`.../service`, `.../service/`, `.../OtapiWebService2.asmx`).
    public static func methodURL(base: String, method: String) -> String {
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        return trimmed + "/" + method
    }

    /// Builds a SOAP 1.1 request body: `<Method xmlns="namespace">` with one child per parameter.
    public static func soapEnvelope(
        method: String,
        namespace: String,
        parameters: [OTParameter]
    ) throws(OTXMLWriteError) -> String {
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        body += "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        body += " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"\(self.soapEnvelopeNamespace)\">"
        body += "<soap:Body><\(method) xmlns=\""
        try OTXMLWriter.appendEscaped(namespace, field: "namespace", attribute: true, into: &body)
        body += "\">"
        for parameter in parameters {
            body += "<\(parameter.name)>"
            try OTXMLWriter.appendEscaped(parameter.value, field: parameter.name, attribute: false, into: &body)
            body += "</\(parameter.name)>"
        }
        body += "</\(method)></soap:Body></soap:Envelope>"
        return body
    }
}
