/// A complete request as handlers see it: the head, the whole body, and what routing added.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as received (origin form: path and optional query).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The request id: the client's `X-Request-Id` when acceptable, otherwise generated.
    public var id: String
    /// Path parameters filled by the router, percent-decoded, keyed by the template's names.
    public var pathParameters: [String: String]
    /// The matched route template, such as `/orders/{id}`; used as the metrics label.
    public var routeTemplate: String?
    /// Address of the peer, for logs (`127.0.0.1:53412`).
    public var remoteAddress: String

    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        id: String = "",
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.id = id
        self.pathParameters = [:]
        self.routeTemplate = nil
        self.remoteAddress = remoteAddress
    }

    /// The raw path: the target up to `?`, not percent-decoded.
    public var rawPath: Substring {
        if let index = self.target.firstIndex(of: "?") {
            return self.target[..<index]
        }
        return self.target[...]
    }

    /// The raw query string after `?`, or nil when there is none.
    public var rawQuery: Substring? {
        guard let index = self.target.firstIndex(of: "?") else { return nil }
        return self.target[self.target.index(after: index)...]
    }
}
