import Observability
import Testing

@testable import HTTPServer

private struct DropThisConnection: HTTPConnectionAbortingError {}

/// Handlers that throw an `HTTPConnectionAbortingError` make the server close the connection
/// without a response byte.
@Suite(.serialized) struct AbortLoopbackTests {
    private static func routes(_ router: inout Router) {
        router.post("/drop/{id}") { _ in throw DropThisConnection() }
        router.get("/hello") { _ in Response(contentType: "text/plain", body: "hello") }
    }

    @Test func abortClosesWithZeroResponseBytes() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("POST", "/drop/7", headers: ["X-Request-Id: drop-req-1"], body: "x=1"))

        let received = try await client.readUntilClosed()
        #expect(received.isEmpty, "got \(received.count) bytes: \(String(decoding: received, as: UTF8.self))")
        await server.stop()
    }

    @Test func abortIsLoggedAndCounted() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("POST", "/drop/7", headers: ["X-Request-Id: drop-req-2"], body: "x=1"))
        _ = try await client.readUntilClosed()
        #expect(await eventually { server.metrics.render().contains("http_server_open_connections 0") })

        let text = server.metrics.render()
        #expect(text.contains("http_server_aborted_requests_total{method=\"POST\",route=\"/drop/{id}\"} 1"))
        #expect(text.contains("http_server_active_requests 0"))
        #expect(!text.contains("route=\"/drop/{id}\",status="), "an aborted request has no status")

        let aborts = server.logs.records.filter { $0.message.hasPrefix("request aborted") }
        #expect(aborts.count == 1)
        #expect(aborts.first?.level == .debug)
        #expect(aborts.first?.metadata["http.request_id"] == "drop-req-2")
        #expect(aborts.first?.metadata["http.route"] == "/drop/{id}")
        #expect(aborts.first?.metadata["error.type"] == "DropThisConnection")
        #expect(server.logs.records.allSatisfy { $0.level < .error })
        await server.stop()
    }

    @Test func serverKeepsServingAfterAbort() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let bystander = try await server.connect()
        try await bystander.send(rawRequest("GET", "/hello"))
        #expect(try await bystander.readResponse().bodyText == "hello")

        let dropped = try await server.connect()
        try await dropped.send(rawRequest("POST", "/drop/1", body: "x=1"))
        #expect(try await dropped.readUntilClosed().isEmpty)

        try await bystander.send(rawRequest("GET", "/hello"))
        let again = try await bystander.readResponse()
        #expect(again.status == 200)
        #expect(again.bodyText == "hello")

        let fresh = try await server.connect()
        try await fresh.send(rawRequest("GET", "/hello"))
        #expect(try await fresh.readResponse().bodyText == "hello")
        await server.stop()
    }

    @Test func earlierKeptAliveResponseIsStillDelivered() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/hello"))
        let first = try await client.readResponse()
        #expect(first.bodyText == "hello")

        try await client.send(rawRequest("POST", "/drop/2", body: "x=1"))
        #expect(try await client.readUntilClosed().isEmpty)
        await server.stop()
    }
}
