import Foundation
import Observability
import Testing

@testable import OTAPI

extension CurlTransportTests {
    @Test func sequentialCallsReuseOneConnection() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(FixtureResponse(text: "ok")) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        for _ in 0..<20 {
            let response = try await transport.send(makeRequest(server.url("/reuse")))
            #expect(response.status == 200)
        }

        #expect(server.requests.count == 20)
        #expect(server.acceptedConnections == 1)
    }

    @Test func idleClosedConnectionsAreReplaced() async throws {
        // The server closes each keep-alive connection 10 ms after its response, and the client
        // waits longer than that, so every call finds its cached connection closed.
        let server = try LoopbackHTTPServer(idleClose: .milliseconds(10)) { _ in
            .respond(FixtureResponse(text: "ok"))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        var statuses: [Int] = []
        for _ in 0..<100 {
            let response = try await transport.send(makeRequest(server.url("/idle")))
            statuses.append(response.status)
            try await Task.sleep(for: .milliseconds(25))
        }

        #expect(statuses.count == 100)
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(server.acceptedConnections > 1)
    }

    @Test func cancellationRemovesRunningTransfer() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/hang" ? .neverAnswer : .respond(FixtureResponse(text: "after"))
        }
        defer { server.stop() }
        let registry = MetricsRegistry()
        let transport = try CurlTransport(metrics: registry)
        defer { transport.shutdown() }
        let inFlight = registry.gauge("otgw_otapi_transport_in_flight", help: "")

        let call = Task {
            await transportError(transport, makeRequest(server.url("/hang"), timeout: .seconds(60)))
        }
        #expect(try await waitUntil { server.requests.count == 1 })
        #expect(inFlight.value() == 1)
        call.cancel()
        let error = try #require(await call.value)

        #expect(error.kind == .cancelled)
        #expect(error.requestMayHaveBeenSent)
        #expect(try await waitUntil { inFlight.value() == 0 })
        let next = try await transport.send(makeRequest(server.url("/next")))
        #expect(next.status == 200)
        #expect(next.body == Array("after".utf8))
    }

    @Test func cancelledTaskSendsNothing() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(FixtureResponse(text: "ok")) }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }

        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await transportError(transport, makeRequest(server.url("/never")))
        }
        let error = try #require(await call.value)

        #expect(error.kind == .cancelled)
        #expect(!error.requestMayHaveBeenSent)
        _ = try await transport.send(makeRequest(server.url("/probe")))
        #expect(server.requests.map(\.path) == ["/probe"])
    }

    @Test func shutdownFailsRunningAndLaterCalls() async throws {
        let server = try LoopbackHTTPServer { _ in .neverAnswer }
        defer { server.stop() }
        let transport = try CurlTransport()

        let call = Task {
            await transportError(transport, makeRequest(server.url("/hang"), timeout: .seconds(60)))
        }
        #expect(try await waitUntil { server.requests.count == 1 })
        transport.shutdown()
        let running = try #require(await call.value)
        let later = try #require(await transportError(transport, makeRequest(server.url("/later"))))

        #expect(running.kind == .other)
        #expect(running.requestMayHaveBeenSent)
        #expect(later.kind == .other)
        #expect(!later.requestMayHaveBeenSent)
        #expect(server.requests.count == 1)
        transport.shutdown()  // a second call returns at once
    }

    // The thread count is a process-wide figure, so other suites running in parallel would
    // distort it; `make test` runs this test alone with OTGW_ISOLATED_TESTS=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["OTGW_ISOLATED_TESTS"] == "1", "needs a process of its own"))
    func thousandConcurrentCallsShareOneThread() async throws {
        let callCount = 1000
        let server = try LoopbackHTTPServer { request in
            .delay(.milliseconds(200), FixtureResponse(text: request.path))
        }
        defer { server.stop() }
        let transport = try CurlTransport()
        defer { transport.shutdown() }
        let threadsBefore = currentThreadCount()

        let sampler = Task {
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, currentThreadCount())
                try? await Task.sleep(for: .milliseconds(20))
            }
            return peak
        }
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<callCount {
                group.addTask {
                    let response = try await transport.send(
                        makeRequest(server.url("/call/\(index)"), timeout: .seconds(60))
                    )
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            var bodies: Set<String> = []
            for try await body in group {
                bodies.insert(body)
            }
            return bodies
        }
        sampler.cancel()
        let peakThreads = await sampler.value

        print("CurlTransport: \(callCount) concurrent calls, threads before \(threadsBefore), peak \(peakThreads)")
        #expect(bodies.count == callCount)
        #expect(server.requests.count == callCount)
        #expect(server.acceptedConnections <= CurlTransportConfiguration.defaultMaxConnections)
        #expect(peakThreads > 0)
        #expect(peakThreads < 64)
    }
}
