import Observability
import Testing

@testable import HTTPServer

private struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "database password is hunter2" }
}

private struct TeapotError: HTTPResponseConvertible {
    func response(for request: Request) -> Response {
        Response(status: HTTPStatus(code: 418), contentType: "text/plain", body: "teapot \(request.id)")
    }
}

@Suite(.serialized) struct ObservabilityLoopbackTests {
    private static func routes(_ router: inout Router) {
        router.get("/orders/{id}") { request in
            Response(
                contentType: "text/plain",
                body: "\(request.id)|\(request.remoteAddress)|\(request.routeTemplate ?? "")"
            )
        }
        router.get("/fail") { _ in throw SecretFailure() }
        router.get("/teapot") { _ in throw TeapotError() }
        router.get("/report") { _ in
            Response(contentType: "application/json", body: String(repeating: "{\"line\":\"value\"},", count: 200))
        }
    }

    @Test func requestIDIsAdoptedOrGeneratedAndEchoed() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/orders/1", headers: ["X-Request-Id: shop-req.42"]))
        let adopted = try await client.readResponse()
        #expect(adopted.headers["X-Request-Id"] == "shop-req.42")
        #expect(adopted.bodyText.hasPrefix("shop-req.42|127.0.0.1:"))
        #expect(adopted.bodyText.hasSuffix("|/orders/{id}"))

        try await client.send(rawRequest("GET", "/orders/2", headers: ["X-Request-Id: bad id with spaces"]))
        let generated = try await client.readResponse()
        let id = try #require(generated.headers["X-Request-Id"])
        #expect(id != "bad id with spaces")
        #expect(RequestIDGenerator.isAcceptable(id))
        #expect(generated.bodyText.hasPrefix(id + "|"))
        await server.stop()
    }

    @Test func unknownErrorBecomesBare500AndIsLogged() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/fail"))
        let response = try await client.readResponse()
        let id = try #require(response.headers["X-Request-Id"])
        #expect(response.status == 500)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(response.bodyText.contains("\"code\":\"internal_error\""))
        #expect(response.bodyText.contains("\"requestId\":\"\(id)\""))
        #expect(!response.bodyText.contains("hunter2"))
        #expect(!response.bodyText.contains("SecretFailure"))

        let errors = server.logs.records.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.metadata["http.request_id"] == .string(id))
        await server.stop()
    }

    @Test func responseConvertibleErrorUsesItsResponse() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/teapot", headers: ["X-Request-Id: tea-1"]))
        let response = try await client.readResponse()
        #expect(response.status == 418)
        #expect(response.bodyText == "teapot tea-1")
        await server.stop()
    }

    @Test func accessLogCarriesTemplateNeverRawIDs() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(
            rawRequest("GET", "/orders/ORD-0000000123") + rawRequest("GET", "/unknown/ORD-0000000999/x")
        )
        _ = try await client.readResponse()
        _ = try await client.readResponse()
        await server.stop()

        let lines = server.logs.records.filter { $0.message == "request completed" }
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.level == .info })
        let matched = try #require(lines.first)
        #expect(matched.metadata["http.route"] == "/orders/{id}")
        #expect(matched.metadata["http.method"] == "GET")
        #expect(matched.metadata["http.status"] == .integer(200))
        #expect(matched.metadata["http.request_id"] != nil)
        #expect(matched.metadata["http.duration_ms"] != nil)
        #expect(matched.metadata["http.response_bytes"] != nil)
        #expect(matched.metadata["net.peer.address"]?.description.hasPrefix("127.0.0.1:") == true)
        let unmatched = try #require(lines.last)
        #expect(unmatched.metadata["http.path_shape"] == "/unknown/*/x")
        #expect(unmatched.metadata["http.status"] == .integer(404))
        let allText = server.logs.records.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!allText.contains("0000000123"))
        #expect(!allText.contains("0000000999"))
    }

    @Test func metricsUseRouteTemplates() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(
            rawRequest("GET", "/orders/1") + rawRequest("GET", "/orders/2") + rawRequest("GET", "/nope")
        )
        for _ in 0..<3 { _ = try await client.readResponse() }

        let text = server.metrics.render()
        #expect(text.contains("http_server_requests_total{method=\"GET\",route=\"/orders/{id}\",status=\"200\"} 2"))
        #expect(text.contains("http_server_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"))
        #expect(text.contains("http_server_request_duration_seconds_count{method=\"GET\",route=\"/orders/{id}\"} 2"))
        #expect(text.contains("http_server_open_connections 1"))
        #expect(text.contains("http_server_active_requests 0"))
        await server.stop()
        #expect(server.metrics.render().contains("http_server_open_connections 0"))
    }

    @Test func gzipOverTheWire() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/report", headers: ["Accept-Encoding: gzip, deflate"]))
        let compressed = try await client.readResponse()
        #expect(compressed.headers["Content-Encoding"] == "gzip")
        #expect(compressed.headers["Vary"] == "Accept-Encoding")
        let plain = try #require(inflate(compressed.body))
        #expect(plain == Array(String(repeating: "{\"line\":\"value\"},", count: 200).utf8))

        try await client.send(rawRequest("HEAD", "/report", headers: ["Accept-Encoding: gzip"]))
        let head = try await client.readResponse(forHead: true)
        #expect(head.headers["Content-Length"] == String(compressed.body.count))

        try await client.send(rawRequest("GET", "/report", headers: ["Accept-Encoding: gzip;q=0"]))
        let identity = try await client.readResponse()
        #expect(identity.headers["Content-Encoding"] == nil)
        #expect(identity.body == plain)
        await server.stop()
    }
}
