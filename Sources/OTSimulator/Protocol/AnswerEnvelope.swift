import Foundation

/// Writes OT's XML answer: the declaration, a root named after the answer type with the
/// `xsi`/`xsd` namespace declarations, the error fields, the request id and time, then the
/// payload elements (`Result`, `SessionId`, ...). `SubErrorCode` is plain text: the OT Box
/// reads it with a string cast of the element.
enum AnswerEnvelope {
    static func render(answerType: String, fields: [XMLNode]) -> String {
        let root = XMLNode(
            answerType,
            attributes: [
                .init(name: "xmlns:xsi", value: "http://www.w3.org/2001/XMLSchema-instance"),
                .init(name: "xmlns:xsd", value: "http://www.w3.org/2001/XMLSchema"),
            ],
            children: fields
        )
        var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        root.render(into: &output)
        return output
    }

    /// The children of the answer's root: the error fields, the request id and time, then the
    /// payload when the call succeeded. The SOAP binding wraps the same list in `{Method}Result`.
    static func fields(
        failure: OTFailure?,
        requestId: String,
        requestTimeMilliseconds: Double,
        payload: [XMLNode]
    ) -> [XMLNode] {
        var children: [XMLNode] = [
            XMLNode("ErrorCode", text: failure?.code ?? "Ok"),
            XMLNode("ErrorDescription", text: failure?.description ?? ""),
        ]
        if let subCode = failure?.subCode {
            children.append(XMLNode("SubErrorCode", text: subCode))
        }
        children.append(XMLNode("RequestId", text: requestId))
        children.append(XMLNode("RequestTime", text: String(format: "%.3f", requestTimeMilliseconds)))
        if failure == nil {
            children += payload
        }
        return children
    }
}
