import Foundation
import OTSimulator
import Synchronization
import Testing

@testable import Gateway

/// A clock the test moves by hand.
final class ReadinessTestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: @Sendable () -> Date { { self.current.withLock { $0 } } }

    func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 += seconds }
    }
}

@Suite struct ReadinessTests {
    @Test func readyWhenStoreAndOperatorWork() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(reply.status == 200)
        #expect(reply.text == #"{"status":"ready"}"#)
        #expect(harness.simulator.callCount("GetProviderOrdersIntegrationSessionInfoList") == 1)
        let metrics = try await harness.send("GET", "/metrics", authorization: nil)
        #expect(metrics.text.contains("otgw_ready 1"))
        #expect(metrics.text.contains("otgw_readiness_check{check=\"operator_session\"} 1"))
        await harness.stop()
    }

    @Test func wrongOperatorPasswordIsNotReady() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_OPERATOR_PASSWORD": "wrong-password"])
        let reply = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(reply.status == 503)
        let reasons = try #require(reply.json?["reasons"] as? [String])
        #expect(reply.json?["status"] as? String == "not_ready")
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("operator session: ot_access_denied") == true, "\(reasons)")
        #expect(!reply.text.contains("wrong-password"))
        let metrics = try await harness.send("GET", "/metrics", authorization: nil)
        #expect(metrics.text.contains("otgw_ready 0"))
        await harness.stop()
    }

    @Test func unreachableOTIsNotReady() async throws {
        // Port 9 (discard) on loopback has nothing listening.
        let harness = try await GatewayHarness.start(environment: ["OTGW_OTAPI_URL": "http://127.0.0.1:9/service"])
        let reply = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(reply.status == 503)
        let reasons = reply.json?["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("ot_unavailable") }, "\(reasons)")
        await harness.stop()
    }

    @Test func closedStoreIsNotReady() async throws {
        let harness = try await GatewayHarness.start()
        await harness.services.store.close()
        let reply = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(reply.status == 503)
        let reasons = reply.json?["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.hasPrefix("store: ") }, "\(reasons)")
        #expect(!reasons.contains { $0.hasPrefix("operator session") })
        await harness.stop()
    }

    @Test func storeProbeLeavesNoRow() async throws {
        let harness = try await GatewayHarness.start()
        _ = try await harness.send("GET", "/readyz", authorization: nil)
        let connects = try await harness.services.store.providerAccountConnects()
        #expect(connects.isEmpty)
        await harness.stop()
    }

    @Test func operatorCheckIsCachedBriefly() async throws {
        let clock = ReadinessTestClock()
        let harness = try await GatewayHarness.start(now: clock.now)
        let method = "GetProviderOrdersIntegrationSessionInfoList"
        _ = try await harness.send("GET", "/readyz", authorization: nil)
        _ = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(harness.simulator.callCount(method) == 1)

        clock.advance(by: ReadinessProbe.operatorCheckCacheSeconds)
        _ = try await harness.send("GET", "/readyz", authorization: nil)
        #expect(harness.simulator.callCount(method) == 2)
        await harness.stop()
    }

    @Test func cachedFailureRecovers() async throws {
        let clock = ReadinessTestClock()
        let harness = try await GatewayHarness.start(now: clock.now)
        harness.simulator.injectError(
            InjectedError(code: "NotAvailable", description: "maintenance"),
            method: "GetProviderOrdersIntegrationSessionInfoList"
        )
        #expect(try await harness.send("GET", "/readyz", authorization: nil).status == 503)
        #expect(try await harness.send("GET", "/readyz", authorization: nil).status == 503)
        clock.advance(by: ReadinessProbe.operatorCheckCacheSeconds + 1)
        #expect(try await harness.send("GET", "/readyz", authorization: nil).status == 200)
        await harness.stop()
    }

    @Test func constantsArePinned() {
        #expect(ReadinessProbe.operatorCheckCacheSeconds == 5)
        #expect(OpenAPIDocument.maxParentLevels == 4)
        #expect(OpenAPIDocument.fileName == "openapi.yaml")
    }
}
