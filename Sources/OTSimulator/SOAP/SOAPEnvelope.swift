/// Writes SOAP 1.1 answers in the ASMX shape: `soap:Envelope/soap:Body/{Method}Response`
/// in the service namespace, containing `{Method}Result` with the usual answer fields.
enum SOAPEnvelope {
    static let envelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/"

    static func answer(method: String, namespace: String, fields: [XMLNode]) -> String {
        let response = XMLNode(
            method + "Response",
            attributes: [.init(name: "xmlns", value: namespace)],
            children: [XMLNode(method + "Result", children: fields)]
        )
        return document(body: response)
    }

    static func fault(_ fault: SOAPFault) -> String {
        let element = XMLNode(
            "soap:Fault",
            children: [
                XMLNode("faultcode", text: fault.code),
                XMLNode("faultstring", text: fault.message),
                XMLNode("detail"),
            ]
        )
        return document(body: element)
    }

    private static func document(body: XMLNode) -> String {
        let envelope = XMLNode(
            "soap:Envelope",
            attributes: [
                .init(name: "xmlns:soap", value: envelopeNamespace),
                .init(name: "xmlns:xsi", value: "http://www.w3.org/2001/XMLSchema-instance"),
                .init(name: "xmlns:xsd", value: "http://www.w3.org/2001/XMLSchema"),
            ],
            children: [XMLNode("soap:Body", children: [body])]
        )
        var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        envelope.render(into: &output)
        return output
    }
}
