import Testing

@testable import Store

@Suite struct GatewayOrdersTests {
    private func order(_ number: Int, externalID: String?, createdAt: Int64) -> GatewayOrderRecord {
        GatewayOrderRecord(
            orderID: "ORD-000000000\(number)",
            externalID: externalID,
            attemptID: "attempt-\(number)",
            state: .live,
            snapshotJSON: nil,
            createdAt: createdAt,
            updatedAt: createdAt
        )
    }

    @Test func insertedOrderIsFoundByEachKey() async throws {
        try await withTemporaryStore { store in
            let order = self.order(1, externalID: "SHOP-1001", createdAt: 10)
            try await store.insertGatewayOrder(order)
            #expect(try await store.gatewayOrder(orderID: "ORD-0000000001") == order)
            #expect(try await store.gatewayOrder(attemptID: "attempt-1") == order)
            #expect(try await store.liveGatewayOrders(externalID: "SHOP-1001") == [order])
            #expect(try await store.gatewayOrder(orderID: "ORD-0000000009") == nil)
        }
    }

    @Test func externalIDLookupSkipsCancelledOrders() async throws {
        try await withTemporaryStore { store in
            try await store.insertGatewayOrder(self.order(1, externalID: "SHOP-1", createdAt: 10))
            try await store.insertGatewayOrder(self.order(2, externalID: "SHOP-1", createdAt: 20))
            #expect(try await store.markGatewayOrderCancelled(orderID: "ORD-0000000001", at: 30))

            let live = try await store.liveGatewayOrders(externalID: "SHOP-1")
            #expect(live.map(\.orderID) == ["ORD-0000000002"])
            let cancelled = try await store.gatewayOrder(orderID: "ORD-0000000001")
            #expect(cancelled?.state == .cancelled)
            #expect(cancelled?.updatedAt == 30)
        }
    }

    @Test func allOrdersByExternalIDIncludeCancelled() async throws {
        try await withTemporaryStore { store in
            try await store.insertGatewayOrder(self.order(1, externalID: "SHOP-2", createdAt: 10))
            try await store.insertGatewayOrder(self.order(2, externalID: "SHOP-2", createdAt: 20))
            try await store.insertGatewayOrder(self.order(3, externalID: "SHOP-3", createdAt: 30))
            #expect(try await store.markGatewayOrderCancelled(orderID: "ORD-0000000001", at: 40))

            let all = try await store.gatewayOrders(externalID: "SHOP-2")
            #expect(all.map(\.orderID) == ["ORD-0000000001", "ORD-0000000002"])
            #expect(all.map(\.state) == [.cancelled, .live])
        }
    }

    @Test func snapshotUpdateIsStored() async throws {
        try await withTemporaryStore { store in
            try await store.insertGatewayOrder(self.order(1, externalID: nil, createdAt: 10))
            let snapshot = #"{"status":"Ожидает оплаты","comment":"🎁"}"#
            #expect(
                try await store.updateGatewayOrderSnapshot(orderID: "ORD-0000000001", snapshotJSON: snapshot, at: 11)
            )
            #expect(try await store.updateGatewayOrderSnapshot(orderID: "ORD-404", snapshotJSON: "{}", at: 11) == false)
            let stored = try await store.gatewayOrder(orderID: "ORD-0000000001")
            #expect(stored?.snapshotJSON == snapshot)
            #expect(stored?.externalID == nil)
        }
    }

    @Test func recentOrdersAreNewestFirst() async throws {
        try await withTemporaryStore { store in
            for number in 1...5 {
                try await store.insertGatewayOrder(self.order(number, externalID: nil, createdAt: Int64(number)))
            }
            let recent = try await store.recentGatewayOrders(limit: 3)
            #expect(recent.map(\.orderID) == ["ORD-0000000005", "ORD-0000000004", "ORD-0000000003"])
        }
    }

    @Test func duplicateOrderIDIsPrimaryKeyViolation() async throws {
        try await withTemporaryStore { store in
            try await store.insertGatewayOrder(self.order(1, externalID: nil, createdAt: 1))
            var duplicate = self.order(1, externalID: nil, createdAt: 2)
            duplicate.attemptID = "attempt-other"
            let error = await #expect(throws: StoreError.self) {
                try await store.insertGatewayOrder(duplicate)
            }
            #expect(error?.extendedResultCode == SQLiteResultCode.constraintPrimaryKey)
        }
    }

    @Test func duplicateAttemptIDIsUniqueViolation() async throws {
        try await withTemporaryStore { store in
            try await store.insertGatewayOrder(self.order(1, externalID: nil, createdAt: 1))
            var duplicate = self.order(2, externalID: nil, createdAt: 2)
            duplicate.attemptID = "attempt-1"
            let error = await #expect(throws: StoreError.self) {
                try await store.insertGatewayOrder(duplicate)
            }
            #expect(error?.extendedResultCode == SQLiteResultCode.constraintUnique)
        }
    }
}
