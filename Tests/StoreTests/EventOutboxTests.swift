import Testing

@testable import Store

@Suite struct EventOutboxTests {
    @Test func appendedEventsAreListedAfterAnID() async throws {
        try await withTemporaryStore { store in
            var appended: [OutboxEvent] = []
            for index in 0..<5 {
                appended.append(
                    try await store.appendOutboxEvent(
                        type: "order.status_changed",
                        orderID: "ORD-\(index)",
                        occurredAt: Int64(index),
                        dataJSON: #"{"status":"Оплачен ✅"}"#
                    )
                )
            }
            let page = try await store.outboxEvents(after: appended[1].id, limit: 2)
            #expect(page == Array(appended[2...3]))
            #expect(try await store.outboxEvents(after: appended[4].id, limit: 10).isEmpty)
            #expect(try await store.latestOutboxEventID() == appended[4].id)
        }
    }

    @Test func pageSizeIsClamped() async throws {
        try await withTemporaryStore { store in
            for index in 0..<3 {
                _ = try await store.appendOutboxEvent(type: "t", orderID: nil, occurredAt: Int64(index), dataJSON: "{}")
            }
            #expect(try await store.outboxEvents(after: 0, limit: 0).count == 1)
            #expect(try await store.outboxEvents(after: 0, limit: 1_000_000).count == 3)
        }
    }

    @Test func idsIncreaseAcrossReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)

        let first = try Store(configuration: configuration)
        var ids: [Int64] = []
        for index in 0..<3 {
            ids.append(
                try await first.appendOutboxEvent(type: "t", orderID: nil, occurredAt: Int64(index), dataJSON: "{}").id
            )
        }
        // Deleting the newest row must not let its id be handed out again.
        let newestID = ids[2]
        try await first.transaction { store in
            _ = try store.connection.run("DELETE FROM outbox_events WHERE id = ?", [.integer(newestID)])
        }
        await first.close()

        let second = try Store(configuration: configuration)
        for index in 3..<6 {
            ids.append(
                try await second.appendOutboxEvent(type: "t", orderID: nil, occurredAt: Int64(index), dataJSON: "{}").id
            )
        }
        await second.close()

        for (previous, next) in zip(ids, ids.dropFirst()) {
            #expect(previous < next)
        }
    }

    @Test func deliveryLifecycle() async throws {
        try await withTemporaryStore { store in
            let event = try await store.appendOutboxEvent(
                type: "order.paid",
                orderID: "ORD-1",
                occurredAt: 100,
                dataJSON: "{}"
            )
            #expect(event.deliveryState == .pending)
            #expect(event.nextAttemptAt == 100)
            #expect(try await store.dueOutboxEvents(now: 99, limit: 10).isEmpty)
            #expect(try await store.dueOutboxEvents(now: 100, limit: 10).map(\.id) == [event.id])

            #expect(try await store.recordOutboxDeliveryFailure(id: event.id, error: "HTTP 500", nextAttemptAt: 200))
            let retried = try #require(try await store.outboxEvent(id: event.id))
            #expect(retried.deliveryState == .pending)
            #expect(retried.attempts == 1)
            #expect(retried.lastError == "HTTP 500")
            #expect(try await store.dueOutboxEvents(now: 150, limit: 10).isEmpty)

            #expect(try await store.markOutboxEventDelivered(id: event.id, at: 210))
            let delivered = try #require(try await store.outboxEvent(id: event.id))
            #expect(delivered.deliveryState == .delivered)
            #expect(delivered.attempts == 2)
            #expect(delivered.deliveredAt == 210)
            #expect(delivered.nextAttemptAt == nil)
            #expect(try await store.markOutboxEventDelivered(id: event.id, at: 220) == false)
        }
    }

    @Test func failureWithoutRetryMarksFailed() async throws {
        try await withTemporaryStore { store in
            let event = try await store.appendOutboxEvent(
                type: "order.paid",
                orderID: "ORD-1",
                occurredAt: 100,
                dataJSON: "{}"
            )
            #expect(try await store.recordOutboxDeliveryFailure(id: event.id, error: "gave up", nextAttemptAt: nil))
            let failed = try await store.outboxEvent(id: event.id)
            #expect(failed?.deliveryState == .failed)
            #expect(try await store.dueOutboxEvents(now: .max, limit: 10).isEmpty)
        }
    }

    @Test func eventWithoutWebhookIsNeverDue() async throws {
        try await withTemporaryStore { store in
            let event = try await store.appendOutboxEvent(
                type: "provider_session.expiring",
                orderID: nil,
                occurredAt: 100,
                dataJSON: "{}",
                deliveryState: .notRequired
            )
            #expect(event.nextAttemptAt == nil)
            #expect(try await store.dueOutboxEvents(now: .max, limit: 10).isEmpty)
            #expect(try await store.outboxEvents(after: 0, limit: 10) == [event])
        }
    }
}
