import Glibc
import Observability
import Testing

@testable import HTTPServer

private func echoRoutes(_ router: inout Router) {
    router.get("/hello") { _ in Response(contentType: "text/plain", body: "hello") }
    router.get("/orders/{id}") { request in
        Response(
            contentType: "text/plain",
            body: "order \(request.pathParameters["id"] ?? "?") via \(request.routeTemplate ?? "?")"
        )
    }
    router.post("/echo") { request in
        Response(status: .created, headers: ["Content-Type": "application/octet-stream"], body: request.body)
    }
    router.post("/small", maxBodyBytes: 10) { request in Response(body: request.body) }
}

@Suite(.serialized) struct KeepAliveLoopbackTests {
    @Test func keepAliveServesSeveralRequests() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        for index in 0..<3 {
            try await client.send(rawRequest("GET", "/orders/\(index)"))
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "order \(index) via /orders/{id}")
            #expect(response.headers["Connection"] == nil)
            #expect(response.headers["Date"] != nil)
        }
        await server.stop()
    }

    @Test func pipelinedRequestsInOneWriteAreAnsweredInOrder() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send(
            rawRequest("POST", "/echo", body: "first") + rawRequest("GET", "/orders/2") + rawRequest("GET", "/hello")
        )
        let first = try await client.readResponse()
        let second = try await client.readResponse()
        let third = try await client.readResponse()
        #expect(first.status == 201)
        #expect(first.bodyText == "first")
        #expect(second.bodyText == "order 2 via /orders/{id}")
        #expect(third.bodyText == "hello")
        await server.stop()
    }

    @Test func connectionCloseIsHonouredAndEchoed() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/hello", headers: ["Connection: close"]))
        let response = try await client.readResponse()
        #expect(response.headers["Connection"] == "close")
        #expect(try await client.readUntilClosed().isEmpty)
        await server.stop()
    }

    @Test func http10ClosesWithoutKeepAlive() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send("GET /hello HTTP/1.0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.headers["Connection"] == "close")
        #expect(try await client.readUntilClosed().isEmpty)

        let keepAlive = try await server.connect()
        try await keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try await keepAlive.readResponse().headers["Connection"] == "keep-alive")
        try await keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try await keepAlive.readResponse().bodyText == "hello")
        await server.stop()
    }

    @Test func headGetsGetHeadersAndNoBodyThenGetWorks() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send(rawRequest("HEAD", "/orders/7") + rawRequest("GET", "/orders/7"))
        let head = try await client.readResponse(forHead: true)
        let get = try await client.readResponse()
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["Content-Length"] == String("order 7 via /orders/{id}".utf8.count))
        #expect(get.bodyText == "order 7 via /orders/{id}")
        await server.stop()
    }

    @Test func chunkedRequestSentOneBytePerWrite() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        let request =
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n"
        for byte in request.utf8 {
            try await client.send([byte])
        }
        let response = try await client.readResponse()
        #expect(response.status == 201)
        #expect(response.bodyText == "hello0123456789")
        await server.stop()
    }

    @Test func expectContinueAcceptedGets100ThenFinal() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        let body = String(repeating: "x", count: 2048)
        try await client.send(
            "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        )
        let interim = try await client.readResponse()
        #expect(interim.status == 100)
        try await client.send(body)
        let final = try await client.readResponse()
        #expect(final.status == 201)
        #expect(final.body.count == 2048)
        await server.stop()
    }

    @Test func expectContinueOverLimitGets413WithoutBody() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send("POST /small HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 413)
        #expect(response.headers["Connection"] == "close")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.bodyText.contains("\"code\":\"payload_too_large\""))
        // The client may send the body anyway; the server drains it and closes cleanly.
        try await client.send("hello world")
        #expect(try await client.readUntilClosed().isEmpty)
        await server.stop()
    }

    @Test func bodyOverServerLimitWithoutExpectGets413() async throws {
        let server = try TestServer.start(configure: { $0.maxBodyBytes = 100 }, routes: echoRoutes)
        let client = try await server.connect()
        try await client.send(rawRequest("POST", "/echo", body: String(repeating: "y", count: 101)))
        let response = try await client.readResponse()
        #expect(response.status == 413)
        #expect(response.headers["Connection"] == "close")
        await server.stop()
    }

    @Test func unknownPathAndMethodGetProblems() async throws {
        let server = try TestServer.start(routes: echoRoutes)
        let client = try await server.connect()
        try await client.send(
            rawRequest("GET", "/missing/123") + rawRequest("DELETE", "/hello") + rawRequest("GET", "/orders/a%2Fb")
        )
        let missing = try await client.readResponse()
        let wrongMethod = try await client.readResponse()
        let badPath = try await client.readResponse()
        #expect(missing.status == 404)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "GET, HEAD")
        #expect(badPath.status == 400)
        #expect(badPath.headers["Connection"] == nil)
        await server.stop()
    }

    @Test func ipv6LoopbackListener() async throws {
        signal(SIGPIPE, SIG_IGN)
        var router = Router()
        echoRoutes(&router)
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "[::1]", port: 0),
            router: router,
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        try server.start()
        let port = try #require(server.localPort)
        #expect(server.localAddress == "[::1]:\(port)")
        let client = try await RawClient.connect(host: "::1", port: port)
        try await client.send(rawRequest("GET", "/hello"))
        #expect(try await client.readResponse().bodyText == "hello")
        await server.shutdown(gracePeriod: .seconds(1))
    }

    @Test func portInUseFailsWithIOError() throws {
        let first = try TestServer.start(routes: echoRoutes)
        let second = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: first.port),
            router: Router(),
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        #expect(throws: IOError.self) { try second.start() }
    }
}
