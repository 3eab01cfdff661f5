import Testing

@testable import Store

@Suite struct GatewayActivitiesTests {
    private func activity(_ id: String, orderID: String? = "ORD-1", nextPollAt: Int64? = 100) -> GatewayActivityRecord {
        GatewayActivityRecord(
            type: "ProviderOrdersIntegrationExporting",
            id: id,
            orderID: orderID,
            state: .running,
            nextPollAt: nextPollAt,
            createdAt: 10,
            updatedAt: 10
        )
    }

    @Test func savedActivityRoundTripsAndUpdates() async throws {
        try await withTemporaryStore { store in
            var activity = self.activity("9101")
            try await store.saveGatewayActivity(activity)
            #expect(try await store.gatewayActivity(type: activity.type, id: "9101") == activity)

            activity.state = .awaitingAction
            activity.attempts = 3
            activity.nextPollAt = nil
            activity.updatedAt = 50
            try await store.saveGatewayActivity(activity)
            #expect(try await store.gatewayActivity(type: activity.type, id: "9101") == activity)
            #expect(try await store.gatewayActivities(state: .awaitingAction, limit: 10) == [activity])
            #expect(try await store.gatewayActivities(orderID: "ORD-1") == [activity])
        }
    }

    @Test func dueActivitiesAreEarliestFirst() async throws {
        try await withTemporaryStore { store in
            try await store.saveGatewayActivity(self.activity("a", nextPollAt: 300))
            try await store.saveGatewayActivity(self.activity("b", nextPollAt: 100))
            try await store.saveGatewayActivity(self.activity("c", nextPollAt: nil))
            try await store.saveGatewayActivity(self.activity("d", nextPollAt: 900))
            let due = try await store.dueGatewayActivities(now: 300, limit: 10)
            #expect(due.map(\.id) == ["b", "a"])
        }
    }
}

@Suite struct WatchedOrdersTests {
    @Test func watchIsIdempotentAndUnwatchRemoves() async throws {
        // The explicit signature is needed because a closure whose every `try` sits inside
        // a macro is otherwise inferred as non-throwing.
        try await withTemporaryStore { (store: Store) async throws in
            #expect(try await store.watchOrder(orderID: "ORD-1", snapshotJSON: nil, nextCheckAt: 100, now: 1))
            #expect(try await store.watchOrder(orderID: "ORD-1", snapshotJSON: "{}", nextCheckAt: 999, now: 2) == false)
            #expect(
                try await store.watchedOrder(orderID: "ORD-1")
                    == WatchedOrderRecord(
                        orderID: "ORD-1",
                        snapshotJSON: nil,
                        nextCheckAt: 100,
                        lastSyncAt: nil,
                        createdAt: 1
                    )
            )
            #expect(try await store.unwatchOrder(orderID: "ORD-1"))
            #expect(try await store.unwatchOrder(orderID: "ORD-1") == false)
            #expect(try await store.watchedOrder(orderID: "ORD-1") == nil)
        }
    }

    @Test func checksAndSyncsAreRecorded() async throws {
        try await withTemporaryStore { store in
            try await store.watchOrder(orderID: "ORD-1", snapshotJSON: nil, nextCheckAt: 100, now: 1)
            try await store.watchOrder(orderID: "ORD-2", snapshotJSON: nil, nextCheckAt: 50, now: 1)
            #expect(try await store.dueWatchedOrders(now: 100, limit: 10).map(\.orderID) == ["ORD-2", "ORD-1"])

            #expect(
                try await store.recordWatchedOrderCheck(orderID: "ORD-2", snapshotJSON: #"{"s":1}"#, nextCheckAt: 400)
            )
            #expect(try await store.recordWatchedOrderSync(orderID: "ORD-2", at: 120))
            #expect(try await store.recordWatchedOrderSync(orderID: "ORD-404", at: 120) == false)

            #expect(try await store.dueWatchedOrders(now: 100, limit: 10).map(\.orderID) == ["ORD-1"])
            let checked = try await store.watchedOrder(orderID: "ORD-2")
            #expect(checked?.snapshotJSON == #"{"s":1}"#)
            #expect(checked?.nextCheckAt == 400)
            #expect(checked?.lastSyncAt == 120)
        }
    }
}
