/// Turns a handler's ``Response`` into the bytes sent on the wire, adding the headers the
/// server owns: `Date`, `Content-Length`, `Connection`, `X-Request-Id` and, where it applies,
/// `Content-Encoding: gzip` with `Vary: Accept-Encoding`.
struct ResponseEncoder {
    /// The facts about the request that shape its response.
    struct RequestContext {
        var method: HTTPMethod
        var version: HTTPVersion
        var headers: HTTPHeaders
        var requestID: String
        var keepAlive: Bool
    }

    struct Encoded {
        var bytes: [UInt8]
        /// Body bytes as the client receives them (0 for HEAD), for the access log.
        var bodyBytes: Int
    }

    /// Header fields the server sets itself; a handler's values for them are dropped.
    private static let serverOwnedHeaders = [
        "Content-Length", "Transfer-Encoding", "Connection", "Date", "X-Request-Id",
    ]

    let gzipMinimumBytes: Int
    let dates: HTTPDateCache

    func encode(_ response: Response, for request: RequestContext) -> Encoded {
        var headers = HTTPHeaders()
        for field in response.headers where Self.isValidField(field) {
            if !Self.serverOwnedHeaders.contains(where: { HTTPHeaders.namesMatch($0, field.name) }) {
                headers.add(field.name, field.value)
            }
        }

        let status = response.status
        let bodyAllowed = !(100..<200).contains(status.code) && status.code != 204 && status.code != 304
        var body = bodyAllowed ? response.body : []
        if bodyAllowed {
            self.compressIfUseful(&body, headers: &headers, request: request)
            headers.add("Content-Length", String(body.count))
        }
        headers.add("Date", self.dates.now())
        if !request.requestID.isEmpty {
            headers.add("X-Request-Id", request.requestID)
        }
        if !request.keepAlive {
            headers.add("Connection", "close")
        } else if request.version == .http1_0 {
            headers.add("Connection", "keep-alive")
        }

        // HEAD gets the headers of GET, Content-Length included, but never the body.
        let sentBody = request.method == .head ? [] : body
        var bytes = Self.head(status: status, headers: headers)
        bytes.append(contentsOf: sentBody)
        return Encoded(bytes: bytes, bodyBytes: sentBody.count)
    }

    /// The interim response that lets a client waiting on `Expect: 100-continue` send its body.
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func head(status: HTTPStatus, headers: HTTPHeaders) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for field in headers {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Compresses bodies over the threshold when the media type gains from it and the client
    /// accepts gzip. HEAD runs the same steps, so its Content-Length matches what GET sends.
    private func compressIfUseful(_ body: inout [UInt8], headers: inout HTTPHeaders, request: RequestContext) {
        guard body.count >= self.gzipMinimumBytes, !headers.contains("Content-Encoding"),
            ContentNegotiation.isCompressible(contentType: headers["Content-Type"])
        else { return }
        // The body depends on Accept-Encoding whether or not this client gets gzip.
        if !headers.containsToken("accept-encoding", in: "Vary") && !headers.containsToken("*", in: "Vary") {
            headers.add("Vary", "Accept-Encoding")
        }
        guard ContentNegotiation.acceptsGzip(request.headers), let compressed = Gzip.compress(body),
            compressed.count < body.count
        else { return }
        body = compressed
        headers.add("Content-Encoding", "gzip")
    }

    /// Drops handler header fields that would break the response framing: a name that is not a
    /// token, or a value with CR, LF or another control character (response splitting).
    private static func isValidField(_ field: (name: String, value: String)) -> Bool {
        ByteClasses.isToken(field.name.utf8) && field.value.utf8.allSatisfy(ByteClasses.isFieldValueCharacter)
    }
}
