import Foundation
import OTAPI
import OTSimulator
import Store
import Testing

@testable import Gateway

/// `Idempotency-Key` on `POST /orders` and `/cancel`, end to end. The counts of `AddOrder`
/// in the simulator's call log prove that one key makes at most one OT order.
@Suite(.serialized) struct IdempotencyEndToEndTests {
    static let scope = IdempotencyScope(
        tokenHash: SHA256Digest.hex(SHA256Digest.bytes(Array(GatewayHarness.token.utf8))),
        method: "POST",
        route: "/orders"
    )
    static let body = OrderFixtures.body([OrderFixtures.line("abb-1")], externalID: "IDEM-1")

    @Test func retryReplaysFirstResponse() async throws {
        let harness = try await GatewayHarness.start()
        let first = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-1"])
        // The same body with other spacing and member order is the same request.
        let reordered =
            #"{ "lines" : [ {"quantity":1,"configurationId":"0","itemId":"abb-1"} ], "externalId":"IDEM-1" }"#
        let second = try await harness.send("POST", "/orders", body: reordered, headers: ["Idempotency-Key": "k-1"])

        #expect(first.status == 201)
        #expect(first.headers["idempotent-replayed"] == nil)
        #expect(second.status == 201)
        #expect(second.headers["idempotent-replayed"] == "true")
        #expect(second.headers["location"] == first.headers["location"])
        #expect(second.body == first.body)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func finalProblemIsReplayed() async throws {
        let harness = try await GatewayHarness.start()
        let body = OrderFixtures.body([OrderFixtures.line("gone-1")])
        let first = try await harness.send("POST", "/orders", body: body, headers: ["Idempotency-Key": "k-422"])
        let second = try await harness.send("POST", "/orders", body: body, headers: ["Idempotency-Key": "k-422"])
        #expect(first.status == 422)
        #expect(second.status == 422)
        #expect(second.headers["idempotent-replayed"] == "true")
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func keyWithOtherBodyIsReused() async throws {
        let harness = try await GatewayHarness.start()
        _ = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-2"])
        let other = OrderFixtures.body([OrderFixtures.line("abb-1", quantity: 2)], externalID: "IDEM-1")
        let reply = try await harness.send("POST", "/orders", body: other, headers: ["Idempotency-Key": "k-2"])
        #expect(reply.status == 422)
        #expect(reply.code == "idempotency_key_reused")
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func keyOfAnotherTokenIsSeparate() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_API_TOKENS": "\(GatewayHarness.token),token-2"]
        )
        let first = try await harness.send(
            "POST",
            "/orders",
            body: OrderFixtures.body([OrderFixtures.line("abb-1")]),
            headers: ["Idempotency-Key": "shared"]
        )
        let second = try await harness.send(
            "POST",
            "/orders",
            body: OrderFixtures.body([OrderFixtures.line("abb-1")]),
            headers: ["Idempotency-Key": "shared"],
            authorization: "Bearer token-2"
        )
        #expect(first.status == 201)
        #expect(second.status == 201)
        #expect(second.string("id") != first.string("id"))
        await harness.stop()
    }

    @Test func keyInUseWhileFirstRuns() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.setLatency(.seconds(2), method: "AddOrder")
        let first = Task {
            try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-3"])
        }

        // Wait until the first request has committed its pending record.
        var pending = false
        for _ in 0..<500 where !pending {
            pending = try await harness.services.store.idempotencyRecord(key: "k-3", scope: Self.scope) != nil
            if !pending { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(pending)
        let second = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-3"])
        #expect(second.status == 409)
        #expect(second.code == "idempotency_key_in_use")
        #expect(second.headers["retry-after"] != nil)

        let other = OrderFixtures.body([OrderFixtures.line("abb-9")])
        let mismatch = try await harness.send("POST", "/orders", body: other, headers: ["Idempotency-Key": "k-3"])
        #expect(mismatch.code == "idempotency_key_reused")

        #expect(try await first.value.status == 201)
        let third = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-3"])
        #expect(third.headers["idempotent-replayed"] == "true")
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    /// Inserts the pending record a process that stopped mid-request leaves behind.
    private func insertPending(_ harness: GatewayHarness, key: String, attemptID: String, age: TimeInterval)
        async throws
    {
        let members = try JSONRequestBody.object(.init(method: .post, target: "/orders", body: Array(Self.body.utf8)))
        let createdAt = UnixTime.milliseconds(from: Date().addingTimeInterval(-age))
        _ = try await harness.services.store.insertPendingIdempotencyRecord(
            key: key,
            scope: Self.scope,
            requestHash: RequestFingerprint.hash(members),
            attemptID: attemptID,
            createdAt: createdAt,
            expiresAt: createdAt + 3_600_000
        )
    }

    @Test func pendingRecordFromStoppedProcessIsSettled() async throws {
        let harness = try await GatewayHarness.start()
        try await self.insertPending(harness, key: "k-crash", attemptID: "crashedattempt", age: 600)

        let reply = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-crash"])
        #expect(reply.status == 201)
        #expect(harness.simulator.callCount("SearchOrders") == 1)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        let id = try #require(reply.string("id"))
        #expect(OrderComment.hasMarker(harness.simulatorOrder(id)?.comment, attemptID: "crashedattempt"))
        await harness.stop()
    }

    @Test func recentPendingRecordWaitsForItsOrder() async throws {
        let harness = try await GatewayHarness.start()
        try await self.insertPending(harness, key: "k-recent", attemptID: "recentattempt", age: 0)

        let reply = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-recent"])
        #expect(reply.status == 503)
        #expect(reply.code == "outcome_unknown")
        #expect(reply.headers["retry-after"] != nil)
        #expect(harness.simulator.callCount("AddOrder") == 0)

        // The lost order appears in OT with the attempt's marker; the next retry adopts it.
        let added = try await harness.services.otapi.addOrder(
            OrderAddData(
                deliveryModeId: SimulatorConfiguration.Defaults.freeDeliveryModeId,
                userProfileId: nil,
                comment: OrderComment.make(attemptID: "recentattempt", externalID: "IDEM-1", comment: nil),
                items: [OrderAddItem(itemId: "abb-1", configurationId: "0", quantity: 1)]
            )
        )
        let retry = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-recent"])
        #expect(retry.status == 201)
        #expect(retry.string("id") == added.id)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func lostAddOrderReplyIsReconciled() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.injectResponseFault(.dropConnection, method: "AddOrder", afterApplying: true)

        let first = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-lost"])
        let retry = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-lost"])

        #expect(first.status == 201)
        #expect(retry.status == 201)
        #expect(retry.string("id") == first.string("id"))
        #expect(harness.simulator.callCount("AddOrder") == 1)
        #expect(harness.simulator.state.orders.count == 1)
        await harness.stop()
    }

    @Test func lostReplyWithoutKeySearchesFirst() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.injectResponseFault(.dropConnection, method: "AddOrder", afterApplying: true)
        let reply = try await harness.send("POST", "/orders", body: Self.body)
        #expect(reply.status == 201)
        #expect(harness.simulator.callCount("SearchOrders") == 1)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        #expect(
            try await harness.services.store.gatewayOrder(orderID: reply.string("id") ?? "")?.externalID == "IDEM-1"
        )
        await harness.stop()
    }

    @Test func timedOutAddOrderIsSettledOnRetry() async throws {
        let harness = try await GatewayHarness.start(environment: ["OTGW_OTAPI_WRITE_TIMEOUT": "1"])
        // The simulator applies AddOrder only after this delay, well after the gateway's 1 s
        // timeout and its marker search, even on a loaded machine.
        harness.simulator.setLatency(.seconds(4), method: "AddOrder")

        let first = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-slow"])
        #expect(first.status == 503)
        #expect(first.code == "outcome_unknown")
        #expect(first.headers["retry-after"] != nil)

        // The simulator finishes the slow call after the gateway gave up on it.
        for _ in 0..<1000 where harness.simulator.state.orders.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        harness.simulator.setLatency(nil, method: "AddOrder")
        let retry = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-slow"])
        #expect(retry.status == 201)
        #expect(retry.string("id") == harness.simulator.state.orders.first?.id)
        #expect(harness.simulator.callCount("AddOrder") == 1)
        await harness.stop()
    }

    @Test func refusedAddOrderReleasesKey() async throws {
        let harness = try await GatewayHarness.start()
        harness.simulator.injectError(
            InjectedError(code: "CallLimit", description: "Too many calls."),
            method: "AddOrder"
        )
        let first = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-limit"])
        #expect(first.status == 503)
        #expect(first.code == "ot_unavailable")
        #expect(try await harness.services.store.idempotencyRecord(key: "k-limit", scope: Self.scope) == nil)

        let retry = try await harness.send("POST", "/orders", body: Self.body, headers: ["Idempotency-Key": "k-limit"])
        #expect(retry.status == 201)
        #expect(harness.simulator.state.orders.count == 1)
        await harness.stop()
    }

    @Test func cancelRetryIsReplayed() async throws {
        let harness = try await GatewayHarness.start()
        let placed = try await harness.send("POST", "/orders", body: Self.body)
        let id = try #require(placed.string("id"))
        let first = try await harness.send("POST", "/orders/\(id)/cancel", headers: ["Idempotency-Key": "c-1"])
        let number = String(Int(id.dropFirst(4))!)
        let second = try await harness.send("POST", "/orders/\(number)/cancel", headers: ["Idempotency-Key": "c-1"])
        #expect(first.status == 200)
        #expect(second.status == 200)
        #expect(second.headers["idempotent-replayed"] == "true")
        #expect(harness.simulator.callCount("CancelSalesOrder") == 1)
        await harness.stop()
    }
}
