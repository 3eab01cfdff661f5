import Testing

@testable import HTTPServer

@Suite struct ResponseEncoderTests {
    private let encoder = ResponseEncoder(gzipMinimumBytes: 1024, dates: HTTPDateCache())

    private func context(
        _ method: HTTPMethod = .get,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = ["Accept-Encoding": "gzip"],
        keepAlive: Bool = true
    ) -> ResponseEncoder.RequestContext {
        ResponseEncoder.RequestContext(
            method: method,
            version: version,
            headers: headers,
            requestID: "req-1",
            keepAlive: keepAlive
        )
    }

    /// Splits encoded bytes into the head's header fields and the body.
    private func parse(_ bytes: [UInt8]) -> (statusLine: String, headers: HTTPHeaders, body: [UInt8]) {
        let separator = Array("\r\n\r\n".utf8)
        let end = (0...(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(separator) }!
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers.add(String(parts[0]), String(parts[1].dropFirst()))
        }
        return (lines[0], headers, Array(bytes[(end + 4)...]))
    }

    private var largeJSON: Response {
        Response(contentType: "application/json", body: String(repeating: "{\"a\":1},", count: 500))
    }

    @Test func serverOwnedHeadersAreSet() {
        var response = Response(contentType: "text/plain", body: "hi")
        response.headers.add("Content-Length", "999")
        response.headers.add("Connection", "upgrade")
        response.headers.add("X-Request-Id", "spoofed")
        let (statusLine, headers, body) = self.parse(self.encoder.encode(response, for: self.context()).bytes)
        #expect(statusLine == "HTTP/1.1 200 OK")
        #expect(headers.values("Content-Length") == ["2"])
        #expect(headers.values("X-Request-Id") == ["req-1"])
        #expect(!headers.contains("Connection"))
        #expect(headers["Date"]?.hasSuffix(" GMT") == true)
        #expect(body == Array("hi".utf8))
    }

    @Test func closeAndHTTP10KeepAliveAreEchoed() {
        let closing = self.parse(self.encoder.encode(Response(), for: self.context(keepAlive: false)).bytes)
        #expect(closing.headers["Connection"] == "close")
        let old = self.parse(self.encoder.encode(Response(), for: self.context(version: .http1_0)).bytes)
        #expect(old.headers["Connection"] == "keep-alive")
        #expect(old.statusLine == "HTTP/1.1 200 OK")
    }

    @Test func largeJSONIsGzippedWithVary() {
        let encoded = self.encoder.encode(self.largeJSON, for: self.context())
        let (_, headers, body) = self.parse(encoded.bytes)
        #expect(headers["Content-Encoding"] == "gzip")
        #expect(headers["Vary"] == "Accept-Encoding")
        #expect(headers["Content-Length"] == String(body.count))
        #expect(inflate(body) == self.largeJSON.body)
        #expect(encoded.bodyBytes == body.count)
    }

    @Test func gzipRefusedByClientStillVaries() {
        let (_, headers, body) = self.parse(
            self.encoder.encode(self.largeJSON, for: self.context(headers: ["Accept-Encoding": "gzip;q=0"])).bytes
        )
        #expect(!headers.contains("Content-Encoding"))
        #expect(headers["Vary"] == "Accept-Encoding")
        #expect(body == self.largeJSON.body)
    }

    @Test func smallBodyIsNotCompressed() {
        let small = Response(contentType: "application/json", body: String(repeating: "a", count: 1023))
        let (_, headers, _) = self.parse(self.encoder.encode(small, for: self.context()).bytes)
        #expect(!headers.contains("Content-Encoding"))
        #expect(!headers.contains("Vary"))
    }

    @Test func existingContentEncodingIsNotCompressedTwice() {
        var response = self.largeJSON
        response.headers.add("Content-Encoding", "br")
        let (_, headers, body) = self.parse(self.encoder.encode(response, for: self.context()).bytes)
        #expect(headers.values("Content-Encoding") == ["br"])
        #expect(body == response.body)
    }

    @Test func headGetsHeadersOfGetWithoutBody() {
        let get = self.parse(self.encoder.encode(self.largeJSON, for: self.context(.get)).bytes)
        let head = self.encoder.encode(self.largeJSON, for: self.context(.head))
        let parsedHead = self.parse(head.bytes)
        #expect(parsedHead.body.isEmpty)
        #expect(head.bodyBytes == 0)
        #expect(parsedHead.headers["Content-Length"] == get.headers["Content-Length"])
        #expect(parsedHead.headers["Content-Encoding"] == get.headers["Content-Encoding"])
    }

    @Test func noContentHasNoLengthOrBody() {
        let response = Response(status: .noContent, headers: [:], body: Array("ignored".utf8))
        let (statusLine, headers, body) = self.parse(self.encoder.encode(response, for: self.context()).bytes)
        #expect(statusLine == "HTTP/1.1 204 No Content")
        #expect(!headers.contains("Content-Length"))
        #expect(body.isEmpty)
    }

    @Test func headerInjectionIsDropped() {
        var response = Response()
        response.headers.add("X-Evil", "a\r\nSet-Cookie: x=1")
        response.headers.add("Bad Name", "v")
        response.headers.add("X-Good", "fine")
        let (_, headers, _) = self.parse(self.encoder.encode(response, for: self.context()).bytes)
        #expect(!headers.contains("X-Evil"))
        #expect(!headers.contains("Set-Cookie"))
        #expect(!headers.contains("Bad Name"))
        #expect(headers["X-Good"] == "fine")
    }

    @Test func imfFixdateFormat() {
        #expect(HTTPDateCache.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDateCache.format(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
