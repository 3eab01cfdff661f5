import Foundation
import Testing

@testable import Store

@Suite struct IdempotencyRecordsTests {
    let scope = IdempotencyScope(tokenHash: "token-hash-1", method: "POST", route: "/orders")

    @Test func firstClaimInsertsPendingRecord() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))

        let claim = try await store.insertPendingIdempotencyRecord(
            key: "key-1",
            scope: self.scope,
            requestHash: "h1",
            createdAt: 1000,
            expiresAt: 5000
        )
        guard case .inserted(let record) = claim else {
            Issue.record("expected an inserted record, got \(claim)")
            return
        }
        #expect(record.state == .pending)
        #expect(record.response == nil)
        #expect(try await store.idempotencyRecord(key: "key-1", scope: self.scope) == record)
        await store.close()
    }

    @Test func pendingRecordKeepsAttemptID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))

        _ = try await store.insertPendingIdempotencyRecord(
            key: "key-attempt",
            scope: self.scope,
            requestHash: "h1",
            attemptID: "attempt-42",
            createdAt: 1000,
            expiresAt: 5000
        )
        _ = try await store.insertPendingIdempotencyRecord(
            key: "key-plain",
            scope: self.scope,
            requestHash: "h1",
            createdAt: 1000,
            expiresAt: 5000
        )
        #expect(try await store.idempotencyRecord(key: "key-attempt", scope: self.scope)?.attemptID == "attempt-42")
        #expect(try await store.idempotencyRecord(key: "key-plain", scope: self.scope)?.attemptID == nil)
        await store.close()
    }

    @Test func secondClaimReturnsExistingRecord() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))

        _ = try await store.insertPendingIdempotencyRecord(
            key: "key-1",
            scope: self.scope,
            requestHash: "h1",
            createdAt: 1000,
            expiresAt: 5000
        )
        let second = try await store.insertPendingIdempotencyRecord(
            key: "key-1",
            scope: self.scope,
            requestHash: "h2",
            createdAt: 2000,
            expiresAt: 6000
        )
        guard case .existing(let record) = second else {
            Issue.record("expected the existing record, got \(second)")
            return
        }
        #expect(record.requestHash == "h1")
        #expect(record.createdAt == 1000)
        await store.close()
    }

    @Test func sameKeyInAnotherScopeIsSeparate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))
        let otherToken = IdempotencyScope(tokenHash: "token-hash-2", method: "POST", route: "/orders")
        let otherRoute = IdempotencyScope(tokenHash: "token-hash-1", method: "POST", route: "/orders/ORD-1/pay")

        for scope in [self.scope, otherToken, otherRoute] {
            let claim = try await store.insertPendingIdempotencyRecord(
                key: "key-1",
                scope: scope,
                requestHash: "h",
                createdAt: 1,
                expiresAt: 100
            )
            #expect(
                claim
                    == .inserted(
                        IdempotencyRecord(
                            key: "key-1",
                            scope: scope,
                            requestHash: "h",
                            state: .pending,
                            response: nil,
                            createdAt: 1,
                            expiresAt: 100
                        )
                    )
            )
        }
        await store.close()
    }

    @Test func finalizeStoresResponseForReplay() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))
        let response = IdempotencyResponse(
            status: 201,
            headersJSON: #"{"content-type":"application/json"}"#,
            body: Array(#"{"id":"ORD-1","note":"подарок 🎁"}"#.utf8)
        )

        _ = try await store.insertPendingIdempotencyRecord(
            key: "key-1",
            scope: self.scope,
            requestHash: "h1",
            createdAt: 1000,
            expiresAt: 5000
        )
        #expect(try await store.finalizeIdempotencyRecord(key: "key-1", scope: self.scope, response: response))
        // A final record is not finalized twice.
        #expect(try await store.finalizeIdempotencyRecord(key: "key-1", scope: self.scope, response: response) == false)

        let stored = try #require(try await store.idempotencyRecord(key: "key-1", scope: self.scope))
        #expect(stored.state == .final)
        #expect(stored.response == response)
        await store.close()
    }

    @Test func deletePendingReleasesOnlyPendingRecords() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))
        let finalScope = IdempotencyScope(tokenHash: "t", method: "POST", route: "/orders/ORD-1/cancel")

        _ = try await store.insertPendingIdempotencyRecord(
            key: "pending",
            scope: self.scope,
            requestHash: "h",
            createdAt: 1,
            expiresAt: 100
        )
        _ = try await store.insertPendingIdempotencyRecord(
            key: "final",
            scope: finalScope,
            requestHash: "h",
            createdAt: 1,
            expiresAt: 100
        )
        try await store.finalizeIdempotencyRecord(
            key: "final",
            scope: finalScope,
            response: IdempotencyResponse(status: 200, headersJSON: "{}", body: [])
        )

        #expect(try await store.deletePendingIdempotencyRecord(key: "pending", scope: self.scope))
        #expect(try await store.deletePendingIdempotencyRecord(key: "final", scope: finalScope) == false)
        #expect(try await store.idempotencyRecord(key: "pending", scope: self.scope) == nil)
        #expect(try await store.idempotencyRecord(key: "final", scope: finalScope) != nil)
        await store.close()
    }

    @Test func expiredRecordIsReplacedAndPurged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))

        _ = try await store.insertPendingIdempotencyRecord(
            key: "old",
            scope: self.scope,
            requestHash: "h1",
            createdAt: 0,
            expiresAt: 100
        )
        let reclaimed = try await store.insertPendingIdempotencyRecord(
            key: "old",
            scope: self.scope,
            requestHash: "h2",
            createdAt: 100,
            expiresAt: 200
        )
        guard case .inserted(let record) = reclaimed else {
            Issue.record("an expired key should be claimable again, got \(reclaimed)")
            return
        }
        #expect(record.requestHash == "h2")

        _ = try await store.insertPendingIdempotencyRecord(
            key: "live",
            scope: self.scope,
            requestHash: "h",
            createdAt: 150,
            expiresAt: 1000
        )
        #expect(try await store.purgeExpiredIdempotencyRecords(now: 200) == 1)
        #expect(try await store.idempotencyRecord(key: "old", scope: self.scope) == nil)
        #expect(try await store.idempotencyRecord(key: "live", scope: self.scope) != nil)
        await store.close()
    }

    @Test func concurrentClaimsHaveExactlyOneWinner() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)
        // Two stores are two SQLite connections, so the race also crosses file locks.
        let stores = [try Store(configuration: configuration), try Store(configuration: configuration)]
        let scope = self.scope

        let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                let store = stores[index % 2]
                group.addTask {
                    let claim = try await store.insertPendingIdempotencyRecord(
                        key: "race",
                        scope: scope,
                        requestHash: "h\(index)",
                        createdAt: 1,
                        expiresAt: 1000
                    )
                    if case .inserted = claim { return true }
                    return false
                }
            }
            var winners = 0
            for try await won in group where won {
                winners += 1
            }
            return winners
        }

        #expect(winners == 1)
        for store in stores {
            await store.close()
        }
    }
}
