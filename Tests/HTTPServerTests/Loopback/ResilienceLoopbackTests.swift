import Synchronization
import Testing

@testable import HTTPServer

/// A one-shot signal between a test and a handler, awaited without blocking a thread.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let ready = self.state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

/// Returns the byte at `index` of the large test body, a pattern that shows reordered or lost bytes.
private func patternByte(_ index: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: index &* 31 &+ index / 251)
}

private let oneMebibyte = (0..<(1024 * 1024)).map(patternByte)

@Suite(.serialized) struct ResilienceLoopbackTests {
    private static func routes(_ router: inout Router) {
        router.get("/big") { _ in Response(headers: ["Content-Type": "application/octet-stream"], body: oneMebibyte) }
        router.get("/hello") { _ in Response(contentType: "text/plain", body: "hello") }
    }

    @Test func slowReaderWithSmallBufferGetsEveryByte() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let client = try await server.connect(receiveBufferSize: 4096)
        try await client.send(rawRequest("GET", "/big"))
        var received: [UInt8] = []
        // Read the head and then the body in small pieces with pauses, as a slow client would.
        let first = try await client.receive(maxBytes: 1024)
        received += first
        while true {
            let chunk = try await client.receive(maxBytes: 8192)
            if chunk.isEmpty { break }
            received += chunk
            try await Task.sleep(for: .milliseconds(1))
            if let end = received.firstRange(of: Array("\r\n\r\n".utf8)),
                received.count - end.upperBound >= oneMebibyte.count
            {
                break
            }
        }
        let end = try #require(received.firstRange(of: Array("\r\n\r\n".utf8)))
        let head = String(decoding: received[..<end.lowerBound], as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 200 OK"))
        #expect(head.contains("Content-Length: 1048576"))
        #expect(Array(received[end.upperBound...]) == oneMebibyte)
        await server.stop()
    }

    @Test func clientResetMidResponseLeavesServerServing() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let quitter = try await server.connect(receiveBufferSize: 4096)
        try await quitter.send(rawRequest("GET", "/big"))
        let partial = try await quitter.receive(maxBytes: 4096)
        #expect(!partial.isEmpty)
        quitter.reset()

        let next = try await server.connect()
        try await next.send(rawRequest("GET", "/hello"))
        #expect(try await next.readResponse().bodyText == "hello")
        #expect(await eventually { server.metrics.render().contains("http_server_open_connections 1") })
        await server.stop()
    }

    @Test func slowlorisDoesNotDelayOtherClients() async throws {
        let server = try TestServer.start(routes: Self.routes)
        let slow = try await server.connect()
        try await slow.send("GET /hello HTTP/1.1\r\nHo")

        let other = try await server.connect()
        try await other.send(rawRequest("GET", "/hello"))
        #expect(try await other.readResponse().bodyText == "hello")

        // The slow client is still connected and can finish its request afterwards.
        try await slow.send("st: a\r\n\r\n")
        #expect(try await slow.readResponse().bodyText == "hello")
        await server.stop()
    }

    @Test func gracefulShutdownFinishesInFlightRequest() async throws {
        let started = Gate()
        let release = Gate()
        let server = try TestServer.start { router in
            router.get("/slow") { _ in
                started.open()
                await release.wait()
                return Response(contentType: "text/plain", body: "finished")
            }
            router.get("/hello") { _ in Response(contentType: "text/plain", body: "hello") }
        }
        let busy = try await server.connect()
        try await busy.send(rawRequest("GET", "/slow"))
        let idle = try await server.connect()
        try await idle.send(rawRequest("GET", "/hello"))
        #expect(try await idle.readResponse().status == 200)
        await started.wait()

        let shutdown = Task { await server.server.shutdown(gracePeriod: .seconds(30)) }
        // The idle keep-alive connection is closed at once.
        #expect(try await idle.readUntilClosed().isEmpty)
        // New connections are refused once the listener is closed.
        let refused = await eventually {
            do {
                _ = try await server.connect()
                return false
            } catch {
                return true
            }
        }
        #expect(refused)

        release.open()
        let response = try await busy.readResponse()
        #expect(response.bodyText == "finished")
        #expect(response.headers["Connection"] == "close")
        await shutdown.value
        #expect(server.server.localPort != nil)
    }

    @Test func shutdownForceClosesAfterGracePeriod() async throws {
        let release = Gate()
        let started = Gate()
        let server = try TestServer.start { router in
            router.get("/stuck") { _ in
                started.open()
                await release.wait()
                return Response()
            }
        }
        let client = try await server.connect()
        try await client.send(rawRequest("GET", "/stuck"))
        await started.wait()
        await server.server.shutdown(gracePeriod: .milliseconds(100))
        // The connection was dropped without a response.
        #expect((try? await client.readUntilClosed())?.isEmpty ?? true)
        release.open()
    }
}
