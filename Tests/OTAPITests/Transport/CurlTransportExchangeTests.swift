import Observability
import Testing

@testable import OTAPI

/// `CurlTransport` against the loopback fixture server. Serialized, so that the thread count
/// measured by the concurrency test is not inflated by the other cases.
@Suite(.serialized) struct CurlTransportTests {
    init() {
        CurlGlobal.initialize()
    }
}

extension CurlTransportTests {
    @Test func postBodyAndHeadersArriveIntact() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(FixtureResponse(headers: [(name: "X-Fixture", value: "seen")], text: "ok"))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let body = Array("instanceKey=k&xmlParameters=%3COrder%2F%3E".utf8) + [0, 255, 13, 10]
        let headers = [
            (name: "Content-Type", value: "application/x-www-form-urlencoded"),
            (name: "X-Request-Id", value: "req-42"),
        ]
        let response = try await transport.send(
            makeRequest(server.url("/service/AddOrder"), body: body, headers: headers)
        )

        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(response.header("x-fixture") == "seen")
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.path == "/service/AddOrder")
        #expect(received.body == body)
        #expect(received.headerValues("Content-Type") == ["application/x-www-form-urlencoded"])
        #expect(received.headerValues("X-Request-Id") == ["req-42"])
        #expect(received.headerValues("Expect").isEmpty)
        #expect(received.headerValues("Accept-Encoding").first?.contains("gzip") == true)
    }

    @Test func emptyBodyIsSentAsEmptyPost() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(FixtureResponse(text: "ok")) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let response = try await transport.send(makeRequest(server.url("/empty"), body: []))

        #expect(response.status == 200)
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.body.isEmpty)
        #expect(received.headerValues("Content-Length") == ["0"])
    }

    @Test func gzipBodyIsDecodedOnce() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(
                FixtureResponse(headers: [(name: "Content-Encoding", value: "gzip")], body: FixtureBodies.gzipBytes)
            )
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let response = try await transport.send(makeRequest(server.url("/gzip")))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == FixtureBodies.gzipPlainText)
    }

    @Test func plainBodyLabelledGzipFails() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(
                FixtureResponse(headers: [(name: "Content-Encoding", value: "gzip")], text: "<Answer>plain</Answer>")
            )
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest(server.url("/bad-gzip"))))

        #expect(error.kind == .badContentEncoding)
        #expect(error.requestMayHaveBeenSent)
        #expect(error.curlCode == 61)
    }

    @Test func interimContinueIsNotReturned() async throws {
        let server = try LoopbackHTTPServer { _ in
            .continueThen(FixtureResponse(headers: [(name: "X-Final", value: "yes")], text: "final"))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let response = try await transport.send(makeRequest(server.url("/continue")))

        #expect(response.status == 200)
        #expect(response.body == Array("final".utf8))
        #expect(response.header("X-Final") == "yes")
        #expect(response.header("X-Interim") == nil)
    }

    @Test func largeBodyIsSentWithoutExpect() async throws {
        // A server (or proxy) that responds with 417 to any `Expect` header.
        let server = try LoopbackHTTPServer { request in
            if request.headerValues("Expect").isEmpty {
                return .respond(FixtureResponse(text: "accepted"))
            }
            return .respond(FixtureResponse(status: 417, reason: "Expectation Failed", text: ""))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        // libcurl adds `Expect: 100-continue` on its own to bodies over 1 MiB.
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 2 * 1024 * 1024)
        let response = try await transport.send(makeRequest(server.url("/large"), body: body))

        #expect(response.status == 200)
        #expect(server.requests.first?.body.count == body.count)
    }

    @Test func errorPageIsReturnedAsResponse() async throws {
        let page = "<html><body>502 Bad Gateway</body></html>"
        let server = try LoopbackHTTPServer { _ in
            .respond(
                FixtureResponse(
                    status: 502,
                    reason: "Bad Gateway",
                    headers: [(name: "Content-Type", value: "text/html")],
                    text: page
                )
            )
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let response = try await transport.send(makeRequest(server.url("/proxy-error")))

        #expect(response.status == 502)
        #expect(String(decoding: response.body, as: UTF8.self) == page)
        #expect(response.header("Content-Type") == "text/html")
    }

    @Test func bodyOverCapFailsAsTooLarge() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(FixtureResponse(body: [UInt8](repeating: 65, count: 4096)))
        }
        defer { server.stop() }
        let transport = try CurlTransport(configuration: CurlTransportConfiguration(maxResponseBytes: 1024))
        defer { transport.shutdown() }

        let error = try #require(await transportError(transport, makeRequest(server.url("/big"))))

        #expect(error.kind == .responseTooLarge)
        #expect(error.requestMayHaveBeenSent)
    }

    @Test func bodyAtCapIsAccepted() async throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(FixtureResponse(body: [UInt8](repeating: 65, count: 1024)))
        }
        defer { server.stop() }
        let transport = try CurlTransport(configuration: CurlTransportConfiguration(maxResponseBytes: 1024))
        defer { transport.shutdown() }

        let response = try await transport.send(makeRequest(server.url("/exact")))

        #expect(response.body.count == 1024)
    }

    @Test func transferIsLoggedWithHostOnly() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(FixtureResponse(text: "ok")) }
        defer { server.stop() }
        let sink = InMemoryLogSink()
        let logger = Logger(label: "otapi", logLevel: .debug, sink: sink)
        let transport = try CurlTransport(logger: logger)
        defer { transport.shutdown() }

        let request = makeRequest(
            server.url("/service/Get?sessionId=secret-session"),
            body: Array("password=hunter2".utf8)
        )
        _ = try await transport.send(request)

        let record = try #require(sink.records.first { $0.message == "OT API transfer finished" })
        #expect(record.level == .debug)
        #expect(record.metadata["otapi.url_host"] == "127.0.0.1")
        #expect(record.metadata["otapi.status"] == 200)
        #expect(record.metadata["curl.code"] == 0)
        #expect(record.metadata["otapi.duration_ms"] != nil)
        for logged in sink.records {
            let text = logged.message + logged.metadata.values.map(\.description).joined(separator: " ")
            #expect(!text.contains("secret-session"))
            #expect(!text.contains("hunter2"))
        }
    }
}
