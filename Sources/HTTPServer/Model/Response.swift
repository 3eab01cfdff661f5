/// A complete response. The server adds `Date`, `Content-Length`, `Connection`,
/// `X-Request-Id` and, where it applies, `Content-Encoding: gzip` with `Vary`.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a UTF-8 text body and the given content type.
    public init(status: HTTPStatus = .ok, contentType: String, body: String) {
        self.status = status
        self.headers = ["Content-Type": contentType]
        self.body = Array(body.utf8)
    }
}
