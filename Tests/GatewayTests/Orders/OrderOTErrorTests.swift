import Foundation
import OTSimulator
import Testing

@testable import Gateway

/// OT failures reach the shop as the problems of the interface, with OT's description in
/// `detail` and never the raw body, and never as a 2xx.
@Suite(.serialized) struct OrderOTErrorTests {
    static let body = OrderFixtures.body([OrderFixtures.line("abb-1")])

    private func placeOrder(_ harness: GatewayHarness) async throws -> String {
        let reply = try await harness.send("POST", "/orders", body: Self.body)
        #expect(reply.status == 201)
        return try #require(reply.string("id"))
    }

    @Test func accessDeniedOnAddOrder() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.injectError(
            InjectedError(code: "AccessDenied", subCode: "InvalidSignature", description: "Signature check failed."),
            method: "AddOrder"
        )
        let reply = try await harness.send("POST", "/orders", body: Self.body)
        #expect(reply.status == 502)
        #expect(reply.code == "ot_access_denied")
        #expect(reply.string("otErrorCode") == "AccessDenied")
        #expect(reply.string("otSubErrorCode") == "InvalidSignature")
        #expect(reply.string("detail")?.contains("Signature check failed.") == true)
        #expect(harness.simulator.state.orders.isEmpty)
        await harness.stop()
    }

    @Test func sessionExpiredTwiceOnAddOrder() async throws {
        let harness = try await GatewayHarness.start()
        _ = try await self.placeOrder(harness)
        harness.simulator.expireSessionsOnNextCalls(2, kind: .customer)
        let reply = try await harness.send("POST", "/orders", body: Self.body)
        #expect(reply.status == 502)
        #expect(reply.code == "ot_session_expired")
        #expect(reply.string("otErrorCode") == "SessionExpired")
        #expect(harness.simulator.state.orders.count == 1)
        await harness.stop()
    }

    @Test func sessionExpiredOnceIsRetried() async throws {
        let harness = try await GatewayHarness.start()
        _ = try await self.placeOrder(harness)
        harness.simulator.expireSessionsOnNextCalls(1, kind: .customer)
        let reply = try await harness.send("POST", "/orders", body: Self.body)
        #expect(reply.status == 201)
        #expect(harness.simulator.state.orders.count == 2)
        await harness.stop()
    }

    @Test func callLimitIsUnavailable() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.placeOrder(harness)
        harness.simulator.injectError(
            InjectedError(code: "CallLimit", description: "Call limit reached."),
            method: "GetSalesOrderDetailsForOperator"
        )
        let reply = try await harness.send("GET", "/orders/\(id)")
        #expect(reply.status == 503)
        #expect(reply.code == "ot_unavailable")
        #expect(reply.headers["retry-after"] == String(OTProblemMapping.retryAfterSeconds))
        await harness.stop()
    }

    @Test func nonXMLBodyIsBadResponse() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.placeOrder(harness)
        harness.simulator.injectResponseFault(.nonXMLBody, method: "GetSalesOrderDetailsForOperator")
        let reply = try await harness.send("GET", "/orders/\(id)")
        #expect(reply.status == 502)
        #expect(reply.code == "ot_bad_response")
        #expect(reply.text.contains("<html") == false)
        #expect(reply.text.contains("Maintenance") == false)
        await harness.stop()
    }

    @Test func proxyErrorPageIsBadResponse() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.placeOrder(harness)
        // Reads are retried on a 502, so every attempt gets the page.
        harness.simulator.injectResponseFault(.badGateway, method: "GetSalesOrderDetailsForOperator", count: 10)
        let reply = try await harness.send("GET", "/orders/\(id)")
        #expect(reply.status == 502)
        #expect(reply.code == "ot_bad_response")
        #expect(reply.text.contains("Bad Gateway</h1>") == false)
        await harness.stop()
    }

    @Test func proxyErrorPageOnAddOrderIsReconciled() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.injectResponseFault(.badGateway, method: "AddOrder", afterApplying: true)
        let reply = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-502"])
        #expect(reply.status == 201)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        #expect(harness.simulator.state.orders.count == 1)
        await harness.stop()
    }

    @Test func slowReadTimesOut() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_OTAPI_READ_TIMEOUT": "1"])
        let id = try await self.placeOrder(harness)
        harness.simulator.setLatency(.seconds(2), method: "GetSalesOrderDetailsForOperator")
        let reply = try await harness.send("GET", "/orders/\(id)")
        #expect(reply.status == 504)
        #expect(reply.code == "ot_timeout")
        harness.simulator.setLatency(nil, method: "GetSalesOrderDetailsForOperator")
        await harness.stop()
    }

    @Test func notFoundOnCancelReadIsNotFound() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("POST", "/orders/ORD-0000000777/cancel")
        #expect(reply.status == 404)
        #expect(reply.code == "not_found")
        await harness.stop()
    }

    @Test func rejectedCancelIsOTRejected() async throws {
        let harness = try await GatewayHarness.start()
        let id = try await self.placeOrder(harness)
        harness.simulator.injectError(
            InjectedError(code: "ValidationError", description: "Order is locked by an operator."),
            method: "CancelSalesOrder"
        )
        let reply = try await harness.send("POST", "/orders/\(id)/cancel")
        #expect(reply.status == 502)
        #expect(reply.code == "ot_rejected")
        #expect(reply.string("detail")?.contains("Order is locked by an operator.") == true)
        #expect(try await harness.services.store.gatewayOrder(orderID: id)?.state == .live)
        await harness.stop()
    }
}
