/// How the length of a request body is known.
enum BodyFraming: Equatable, Sendable {
    /// No Content-Length and no Transfer-Encoding: the body is empty.
    case none
    case contentLength(Int)
    case chunked
}

/// A parsed and validated request head.
struct RequestHead: Equatable, Sendable {
    var method: HTTPMethod
    var target: String
    var version: HTTPVersion
    var headers: HTTPHeaders
    var framing: BodyFraming
    /// Whether the connection may carry another request after this one's response.
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool

    var hasBody: Bool {
        switch self.framing {
        case .none, .contentLength(0): false
        case .contentLength, .chunked: true
        }
    }
}
