import Foundation
import OTSimulator
import Store
import Testing

@testable import Gateway

/// How payment connects to the rest of the gateway: the order's payment state, automatic
/// export, and the `payment.unresolved` event.
@Suite struct PaymentWiringTests {
    @Test func orderShowsVerifiedPaymentAfterPay() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)

        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(paid.status == 200, "\(paid.text)")

        let order = await ThreadedHTTP.send(harness, "GET", "/orders/\(orderID)")
        #expect(order.status == 200, "\(order.text)")
        let payment = try #require(order.json?["payment"] as? [String: Any])
        #expect(payment["state"] as? String == "verified")
        #expect(order.json?["isPaid"] as? Bool == true)
        await harness.stop()
    }

    @Test func autoExportStartsAfterVerifiedPayment() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_AUTO_EXPORT": "true"])
        _ = harness.simulator.connectProviderAccount("tb_buyer_1")
        let orderID = try PaymentFixture.placeOrder(harness.simulator)

        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(paid.status == 200, "\(paid.text)")
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 1)
        await harness.stop()
    }

    @Test func noAutoExportByDefault() async throws {
        let harness = try await GatewayHarness.start()
        _ = harness.simulator.connectProviderAccount("tb_buyer_1")
        let orderID = try PaymentFixture.placeOrder(harness.simulator)

        let paid = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")

        #expect(paid.status == 200, "\(paid.text)")
        #expect(harness.simulator.callCount("RunOrderExportingToProvider") == 0)
        await harness.stop()
    }

    @Test func unresolvedPaymentRecordsOneEvent() async throws {
        let harness = try await GatewayHarness.start()
        let orderID = try PaymentFixture.placeOrder(harness.simulator)
        harness.simulator.injectError(
            InjectedError(code: "InternalError", description: "Simulated failure"),
            method: "SalesPaymentReserve"
        )

        let failed = await ThreadedHTTP.send(harness, "POST", "/orders/\(orderID)/pay")
        #expect(failed.status == 502, "\(failed.text)")
        _ = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")
        _ = await ThreadedHTTP.send(harness, "GET", "/payments?state=unresolved")

        let events = await ThreadedHTTP.send(harness, "GET", "/events?after=0&limit=100")
        let list = try #require(events.json?["events"] as? [[String: Any]])
        let unresolved = list.filter { $0["type"] as? String == "payment.unresolved" }
        #expect(unresolved.count == 1)
        #expect(unresolved.first?["orderId"] as? String == orderID)
        await harness.stop()
    }
}

@Suite struct MaintenanceTests {
    @Test func maintenancePurgesExpiredIdempotencyRecords() async throws {
        let clock = PaymentTestClock()
        let harness = try await GatewayHarness.start(now: { clock.now() })
        let application = GatewayApplication(services: harness.services)
        let body = #"{"externalId":"TTL-1","lines":[{"itemId":"abb-1","configurationId":"0","quantity":1}]}"#
        let placed = await ThreadedHTTP.send(
            harness,
            "POST",
            "/orders",
            body: body,
            headers: ["Idempotency-Key": "ttl-key"]
        )
        #expect(placed.status == 201, "\(placed.text)")

        let tokenHash = SHA256Digest.hex(SHA256Digest.bytes(Array(GatewayHarness.token.utf8)))
        let scope = IdempotencyScope(tokenHash: tokenHash, method: "POST", route: "/orders")
        #expect(try await harness.services.store.idempotencyRecord(key: "ttl-key", scope: scope) != nil)

        await application.runMaintenance()
        #expect(try await harness.services.store.idempotencyRecord(key: "ttl-key", scope: scope) != nil)

        clock.advance(by: 25 * 3600)
        await application.runMaintenance()
        #expect(try await harness.services.store.idempotencyRecord(key: "ttl-key", scope: scope) == nil)
        await harness.stop()
    }
}
