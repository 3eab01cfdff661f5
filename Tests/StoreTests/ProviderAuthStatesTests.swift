import Testing

@testable import Store

@Suite struct ProviderAuthStatesTests {
    private func state(_ token: String, browser: String? = "cookie-hash", expiresAt: Int64 = 1000)
        -> ProviderAuthStateRecord
    {
        ProviderAuthStateRecord(
            stateToken: token,
            account: "tb_buyer_1",
            browserBindingHash: browser,
            sessionsSnapshotJSON: #"[{"id":"s1","name":"tb_buyer_1"}]"#,
            createdAt: 100,
            expiresAt: expiresAt
        )
    }

    @Test func insertedStateRoundTrips() async throws {
        try await withTemporaryStore { store in
            let bound = self.state("state-1")
            let unbound = self.state("state-2", browser: nil)
            try await store.insertProviderAuthState(bound)
            try await store.insertProviderAuthState(unbound)
            #expect(try await store.providerAuthState(stateToken: "state-1") == bound)
            #expect(try await store.providerAuthState(stateToken: "state-2") == unbound)
            #expect(try await store.providerAuthState(stateToken: "state-3") == nil)
        }
    }

    @Test func stateIsConsumedOnce() async throws {
        try await withTemporaryStore { store in
            try await store.insertProviderAuthState(self.state("state-1"))
            #expect(try await store.consumeProviderAuthState(stateToken: "state-1", now: 200))
            #expect(try await store.consumeProviderAuthState(stateToken: "state-1", now: 201) == false)
            #expect(try await store.providerAuthState(stateToken: "state-1")?.consumedAt == 200)
        }
    }

    @Test func expiredStateIsNotConsumed() async throws {
        try await withTemporaryStore { store in
            try await store.insertProviderAuthState(self.state("state-1", expiresAt: 1000))
            #expect(try await store.consumeProviderAuthState(stateToken: "state-1", now: 1000) == false)
            #expect(try await store.providerAuthState(stateToken: "state-1")?.consumedAt == nil)
        }
    }

    @Test func pendingStatesExcludeConsumedAndExpired() async throws {
        try await withTemporaryStore { store in
            try await store.insertProviderAuthState(self.state("open", expiresAt: 1000))
            try await store.insertProviderAuthState(self.state("used", expiresAt: 1000))
            try await store.insertProviderAuthState(self.state("late", expiresAt: 300))
            #expect(try await store.consumeProviderAuthState(stateToken: "used", now: 200))
            let pending = try await store.pendingProviderAuthStates(now: 300)
            #expect(pending.map(\.stateToken) == ["open"])
            #expect(try await store.pendingProviderAuthStates(now: 1000).isEmpty)
        }
    }

    @Test func outcomeIsStoredForRepeatedCallbacks() async throws {
        try await withTemporaryStore { store in
            try await store.insertProviderAuthState(self.state("state-1"))
            let outcome = #"{"result":"connected","account":"tb_buyer_1"}"#
            #expect(try await store.setProviderAuthStateOutcome(stateToken: "state-1", outcomeJSON: outcome))
            #expect(try await store.setProviderAuthStateOutcome(stateToken: "missing", outcomeJSON: outcome) == false)
            #expect(try await store.providerAuthState(stateToken: "state-1")?.outcomeJSON == outcome)
        }
    }

    @Test func purgeDeletesOnlyExpiredStates() async throws {
        try await withTemporaryStore { store in
            try await store.insertProviderAuthState(self.state("old", expiresAt: 500))
            try await store.insertProviderAuthState(self.state("new", expiresAt: 1500))
            #expect(try await store.purgeProviderAuthStates(expiredBefore: 1000) == 1)
            #expect(try await store.providerAuthState(stateToken: "old") == nil)
            #expect(try await store.providerAuthState(stateToken: "new") != nil)
        }
    }

    @Test func accountConnectKeepsLatestTime() async throws {
        try await withTemporaryStore { store in
            try await store.recordProviderAccountConnect(accountName: "tb_buyer_1", at: 100)
            try await store.recordProviderAccountConnect(accountName: "tb_buyer_1", at: 300)
            try await store.recordProviderAccountConnect(accountName: "продавец_2", at: 200)

            #expect(try await store.providerAccountConnect(accountName: "tb_buyer_1")?.lastConnectedAt == 300)
            #expect(try await store.providerAccountConnect(accountName: "unknown") == nil)
            let all = try await store.providerAccountConnects()
            #expect(
                all == [
                    ProviderAccountConnect(accountName: "tb_buyer_1", lastConnectedAt: 300),
                    ProviderAccountConnect(accountName: "продавец_2", lastConnectedAt: 200),
                ]
            )
        }
    }
}
