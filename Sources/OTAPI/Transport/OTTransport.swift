/// One HTTP exchange with the OT API, described without reference to libcurl so that the
/// protocol layer can be tested over any transport.
public struct TransportRequest: Sendable {
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Limit on the whole exchange, from the start of the connection to the last body byte.
    public var timeout: Duration
    /// Limit on establishing the connection (including TLS).
    public var connectTimeout: Duration
    /// A demand for a new connection instead of a cached one. Set it for writes that must not
    /// be repeated, because when a reused connection turns out to be dead before any response
    /// byte arrives, libcurl sends the same request again on a new connection by itself.
    public var requiresFreshConnection: Bool

    public init(
        url: String,
        headers: [(name: String, value: String)],
        body: [UInt8],
        timeout: Duration,
        connectTimeout: Duration,
        requiresFreshConnection: Bool = false
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.requiresFreshConnection = requiresFreshConnection
    }
}

/// The final response of an exchange. Interim `100 Continue` responses are never returned.
public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body after any `Content-Encoding` was removed.
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return self.headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// The reason an exchange produced no usable response.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case invalidURL
        case couldNotResolve
        case couldNotConnect
        case tlsFailed
        case timedOut
        case sendFailed
        case receiveFailed
        case responseTooLarge
        case badContentEncoding
        case cancelled
        case other
    }

    public var kind: Kind
    /// False only when the failure happened before any request byte could reach OT (bad URL,
    /// name resolution, TCP connect, TLS handshake). A write that failed with this true has
    /// an unknown outcome and must be reconciled, never sent again blindly.
    public var requestMayHaveBeenSent: Bool
    /// A description of the failure for logs, never shown to API clients.
    public var message: String
    /// libcurl's `CURLcode`, when the failure came from libcurl.
    public var curlCode: Int32?

    public init(kind: Kind, requestMayHaveBeenSent: Bool, message: String, curlCode: Int32? = nil) {
        self.kind = kind
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String {
        "TransportError.\(self.kind.rawValue): \(self.message)"
    }
}

/// Sends exchanges to the OT API. Implementations must be safe to call from many tasks at
/// once, must throw `TransportError` for every failure (kind `.cancelled` when the calling
/// task was cancelled), and must stop the exchange when the calling task is cancelled.
public protocol OTTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}
