import Testing

@testable import OTAPI

extension CurlTransportTests {
    @Test func silentServerTimesOutAfterSending() async throws {
        let server = try LoopbackHTTPServer { _ in .neverAnswer }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let request = makeRequest(server.url("/hang"), timeout: .milliseconds(500))
        let error = try #require(await transportError(transport, request))

        #expect(error.kind == .timedOut)
        #expect(error.requestMayHaveBeenSent)
        #expect(error.curlCode == 28)
        #expect(server.requests.count == 1)
    }

    @Test func slowDripTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in
            .drip(interval: .milliseconds(100), FixtureResponse(text: String(repeating: "x", count: 100)))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let request = makeRequest(server.url("/drip"), timeout: .seconds(1))
        let error = try #require(await transportError(transport, request))

        #expect(error.kind == .timedOut)
        #expect(error.requestMayHaveBeenSent)
    }

    @Test func lowSpeedLimitStopsStalledTransfer() async throws {
        let server = try LoopbackHTTPServer { _ in .neverAnswer }
        defer { server.stop() }
        let configuration = CurlTransportConfiguration(lowSpeedLimitBytesPerSecond: 1, lowSpeedTime: .seconds(1))
        let transport = try CurlTransport(configuration: configuration)
        defer { transport.shutdown() }

        // The total timeout is far away, so only the inactivity guard can end this call.
        let request = makeRequest(server.url("/stall"), timeout: .seconds(60))
        let error = try #require(await transportError(transport, request))

        #expect(error.kind == .timedOut)
        #expect(error.requestMayHaveBeenSent)
    }

    @Test func refusedConnectionWasNotSent() async throws {
        let refusing = try RefusingPort()
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest("http://127.0.0.1:\(refusing.port)/x")))

        #expect(error.kind == .couldNotConnect)
        #expect(!error.requestMayHaveBeenSent)
        #expect(error.curlCode == 7)
    }

    @Test func ftpURLIsInvalid() async throws {
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest("ftp://127.0.0.1/")))

        #expect(error.kind == .invalidURL)
        #expect(!error.requestMayHaveBeenSent)
    }

    @Test func resetAfterRequestFailsAsReceive() async throws {
        let server = try LoopbackHTTPServer { _ in .close(reset: true) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest(server.url("/reset"))))

        #expect(error.kind == .receiveFailed)
        #expect(error.requestMayHaveBeenSent)
        #expect(server.requests.count >= 1)
    }

    @Test func closeWithoutAnswerFailsAsReceive() async throws {
        let server = try LoopbackHTTPServer { _ in .close(reset: false) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest(server.url("/close"))))

        #expect(error.kind == .receiveFailed)
        #expect(error.requestMayHaveBeenSent)
    }

    @Test func headerWithLineBreakIsRejected() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(FixtureResponse(text: "ok")) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let headers = [(name: "X-Note", value: "a\r\nX-Injected: 1")]
        let error = try #require(await transportError(transport, makeRequest(server.url("/"), headers: headers)))

        #expect(error.kind == .other)
        #expect(!error.requestMayHaveBeenSent)
        #expect(server.requests.isEmpty)
    }

    @Test func deadReusedConnectionResendsRequest() async throws {
        // Pins libcurl's own retry: the write reaches the server twice. A change here means
        // the libcurl version changed how it retries, and `requiresFreshConnection` needs review.
        let server = try LoopbackHTTPServer { request in
            request.path == "/warm" ? .respond(FixtureResponse(text: "ok")) : .close(reset: false)
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        _ = try await transport.send(makeRequest(server.url("/warm")))
        let error = try #require(await transportError(transport, makeRequest(server.url("/write"))))

        #expect(error.kind == .receiveFailed)
        #expect(server.requests.filter { $0.path == "/write" }.count == 2)
    }

    @Test func freshConnectionWriteIsSentOnce() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/warm" ? .respond(FixtureResponse(text: "ok")) : .close(reset: false)
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        _ = try await transport.send(makeRequest(server.url("/warm")))
        var write = makeRequest(server.url("/write"))
        write.requiresFreshConnection = true
        let error = try #require(await transportError(transport, write))

        #expect(error.kind == .receiveFailed)
        #expect(error.requestMayHaveBeenSent)
        #expect(server.requests.filter { $0.path == "/write" }.count == 1)
        #expect(server.acceptedConnections == 2)
    }
}
