/// A request as the fixture server received it.
struct FixtureRequest: Sendable {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Sequence number of the TCP connection it arrived on, starting at 1.
    var connectionNumber: Int

    /// Returns every value of a header, compared case-insensitively.
    func headerValues(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return self.headers.filter { $0.name.lowercased() == lowered }.map(\.value)
    }
}

/// A response the fixture server writes; `Content-Length` is added from `body`.
struct FixtureResponse: Sendable {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int = 200, reason: String = "OK", headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    init(status: Int = 200, reason: String = "OK", headers: [(name: String, value: String)] = [], text: String) {
        self.init(status: status, reason: reason, headers: headers, body: Array(text.utf8))
    }

    var bytes: [UInt8] {
        var head = "HTTP/1.1 \(self.status) \(self.reason)\r\n"
        for header in self.headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Content-Length: \(self.body.count)\r\n\r\n"
        return Array(head.utf8) + self.body
    }

    /// The interim response sent before a final one; its header must not reach the caller.
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n".utf8)
}

/// What the fixture server does with one complete request.
enum FixtureBehavior: Sendable {
    /// Writes the response at once.
    case respond(FixtureResponse)
    /// Writes the response after the delay.
    case delay(Duration, FixtureResponse)
    /// Writes the serialised response one byte per interval.
    case drip(interval: Duration, FixtureResponse)
    /// Writes `100 Continue`, then the response.
    case continueThen(FixtureResponse)
    /// Keeps the connection open and never writes anything.
    case neverAnswer
    /// Closes the connection without a response; with `reset`, SO_LINGER 0 makes it a TCP RST.
    case close(reset: Bool)
}

/// A gzip stream (made with `gzip -9n`) of `FixtureBodies.gzipPlainText`.
enum FixtureBodies {
    static let gzipPlainText = "<Answer>decoded once</Answer>"
    static let gzipBytes: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 179, 113, 204, 43, 46, 79, 45, 178, 75, 73, 77, 206, 79, 73, 77, 81, 200,
        207, 75, 78, 181, 209, 135, 10, 2, 0, 77, 222, 39, 15, 29, 0, 0, 0,
    ]
}
