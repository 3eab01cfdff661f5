/// Whether repeating a call is harmless.
public enum OTCallKind: String, Sendable, Equatable {
    /// Reads are retried after transport failures.
    case read
    /// Writes change state in OT and are never repeated automatically.
    case write
}

/// One OT API method invocation before common parameters, signing and the wire format.
public struct OTCall: Sendable, Equatable {
    public var method: String
    public var kind: OTCallKind
    /// The session the call runs under; nil for calls that take no `sessionId`.
    public var session: OTSessionKind?
    /// Whether the method's contract has a `language` parameter.
    public var sendsLanguage: Bool
    /// The method's own parameters, in contract order.
    public var parameters: [OTParameter]

    public init(
        method: String,
        kind: OTCallKind,
        session: OTSessionKind?,
        sendsLanguage: Bool,
        parameters: [OTParameter]
    ) {
        self.method = method
        self.kind = kind
        self.session = session
        self.sendsLanguage = sendsLanguage
        self.parameters = parameters
    }
}
