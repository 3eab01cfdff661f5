import Testing

@testable import HTTPServer

private func helloRoute(_ router: inout Router) {
    router.get("/hello") { _ in Response(contentType: "text/plain", body: "hello") }
    router.post("/hello") { _ in Response(contentType: "text/plain", body: "posted") }
}

/// One request the server must reject, with the status it must send before closing.
struct LoopbackRejection: CustomTestStringConvertible, Sendable {
    var name: String
    var request: String
    var status: Int
    var code: String

    var testDescription: String { self.name }
}

let loopbackRejections: [LoopbackRejection] = [
    .init(
        name: "413 body",
        request: rawRequest("POST", "/hello", body: String(repeating: "z", count: 1024 * 1024 + 1)),
        status: 413,
        code: "payload_too_large"
    ),
    .init(
        name: "414 request line",
        request: rawRequest("GET", "/" + String(repeating: "a", count: 9000)),
        status: 414,
        code: "uri_too_long"
    ),
    .init(
        name: "431 one 64 KB header",
        request: rawRequest("GET", "/hello", headers: ["X-Big: " + String(repeating: "b", count: 64 * 1024)]),
        status: 431,
        code: "header_fields_too_large"
    ),
    .init(
        name: "431 many headers",
        request: rawRequest("GET", "/hello", headers: (0..<10_000).map { "X-\($0): v" }),
        status: 431,
        code: "header_fields_too_large"
    ),
    .init(
        name: "505 version",
        request: "GET /hello HTTP/2.0\r\nHost: a\r\n\r\n",
        status: 505,
        code: "http_version_not_supported"
    ),
    .init(
        name: "501 coding",
        request: "POST /hello HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        status: 501,
        code: "not_implemented"
    ),
    .init(
        name: "400 smuggling",
        request: "POST /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\nGET /hello HTTP/1.1\r\nHost: a\r\n\r\n",
        status: 400,
        code: "invalid_request"
    ),
]

@Suite(.serialized) struct LimitsLoopbackTests {
    @Test(arguments: loopbackRejections)
    func rejectionIsProblemAndClose(_ fixture: LoopbackRejection) async throws {
        let server = try TestServer.start(routes: helloRoute)
        let client = try await server.connect()
        // Send on a separate task, because the server may respond and stop reading before all is sent.
        let request = fixture.request
        let sender = Task { try? await client.send(request) }
        let response = try await client.readResponse()
        #expect(response.status == fixture.status)
        #expect(response.headers["Connection"] == "close")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.bodyText.contains("\"code\":\"\(fixture.code)\""))
        #expect(response.headers["X-Request-Id"] != nil)
        // Nothing follows the error response, so the smuggled request gets no response.
        #expect(try await client.readUntilClosed().isEmpty)
        _ = await sender.value
        await server.stop()
    }

    @Test func connectionCapAnswers503() async throws {
        let server = try TestServer.start(configure: { $0.maxConnections = 1 }, routes: helloRoute)
        let first = try await server.connect()
        try await first.send(rawRequest("GET", "/hello"))
        #expect(try await first.readResponse().status == 200)

        let second = try await server.connect()
        let rejected = try await second.readResponse()
        #expect(rejected.status == 503)
        #expect(rejected.headers["Connection"] == "close")
        #expect(rejected.headers["Retry-After"] == "1")
        #expect(rejected.bodyText.contains("\"code\":\"server_busy\""))
        #expect(try await second.readUntilClosed().isEmpty)

        // The first connection is unaffected.
        try await first.send(rawRequest("GET", "/hello"))
        #expect(try await first.readResponse().bodyText == "hello")
        #expect(server.metrics.render().contains("http_server_rejected_connections_total 1"))
        await server.stop()
    }

    @Test func requestsPerConnectionLimitCloses() async throws {
        let server = try TestServer.start(configure: { $0.maxRequestsPerConnection = 2 }, routes: helloRoute)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/hello") + rawRequest("GET", "/hello"))
        #expect(try await client.readResponse().headers["Connection"] == nil)
        #expect(try await client.readResponse().headers["Connection"] == "close")
        #expect(try await client.readUntilClosed().isEmpty)
        await server.stop()
    }

    @Test func headerTimeoutAnswers408() async throws {
        let server = try TestServer.start(configure: { $0.headerReadTimeout = .milliseconds(200) }, routes: helloRoute)
        let client = try await server.connect()
        try await client.send("GET /hello HTTP/1.1\r\nHost:")
        let response = try await client.readResponse()
        #expect(response.status == 408)
        #expect(response.headers["Connection"] == "close")
        await server.stop()
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        let server = try TestServer.start(
            configure: { $0.keepAliveIdleTimeout = .milliseconds(200) },
            routes: helloRoute
        )
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/hello"))
        #expect(try await client.readResponse().status == 200)
        #expect(try await client.readUntilClosed().isEmpty)
        await server.stop()
    }
}
