/// The fields every OT response carries, plus the element that contains them and the payload
/// (`Result`, `SessionId`, `UserInfo`, ...). The root element's name is never relied on.
public struct OTEnvelope: Sendable, Equatable {
    public static let okCode = "Ok"
    /// Partial success of `Batch*` methods: the result is present and per-block `...Error`
    /// elements carry the failures, so the call itself succeeded.
    public static let batchErrorCode = "BatchError"

    public var errorCode: String
    public var errorDescription: String?
    public var subErrorCode: String?
    public var requestId: String?
    public var node: OTXMLNode

    public var isSuccess: Bool {
        self.errorCode == Self.okCode || self.errorCode == Self.batchErrorCode
    }

    /// Reads the envelope fields of `node`; nil when it has no non-empty `ErrorCode`.
    public init?(node: OTXMLNode) {
        guard let code = node.childText("ErrorCode"), !code.isEmpty else { return nil }
        self.errorCode = code
        self.errorDescription = node.childText("ErrorDescription").flatMap { $0.isEmpty ? nil : $0 }
        // SubErrorCode is plain text in some responses and wraps a `Value` element in others.
        if let sub = node.child("SubErrorCode") {
            let text = sub.text.isEmpty ? (sub.childText("Value") ?? "") : sub.text
            self.subErrorCode = text.isEmpty ? nil : text
        } else {
            self.subErrorCode = nil
        }
        self.requestId = node.childText("RequestId").flatMap { $0.isEmpty ? nil : $0 }
        self.node = node
    }
}
