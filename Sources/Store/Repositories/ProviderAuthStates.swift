/// A one-time `state` of a provider (Taobao) login started by the gateway.
public struct ProviderAuthStateRecord: Sendable, Equatable {
    /// The `state` value of the return URL.
    public var stateToken: String
    /// The account being refreshed, when the operator named one.
    public var account: String?
    /// A hash of the browser cookie the state is bound to; nil for states that are not
    /// bound to a browser.
    public var browserBindingHash: String?
    /// OT's provider sessions as listed before the login, as JSON, to find the new session.
    public var sessionsSnapshotJSON: String
    /// The result shown on the return page, as JSON, once the login was checked.
    public var outcomeJSON: String?
    public var createdAt: Int64
    public var expiresAt: Int64
    /// When the return URL was first called with this state.
    public var consumedAt: Int64?

    public init(
        stateToken: String,
        account: String?,
        browserBindingHash: String?,
        sessionsSnapshotJSON: String,
        outcomeJSON: String? = nil,
        createdAt: Int64,
        expiresAt: Int64,
        consumedAt: Int64? = nil
    ) {
        self.stateToken = stateToken
        self.account = account
        self.browserBindingHash = browserBindingHash
        self.sessionsSnapshotJSON = sessionsSnapshotJSON
        self.outcomeJSON = outcomeJSON
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }
}

extension Store {
    private static let providerAuthStateColumns = """
        state_token, account, browser_binding_hash, sessions_snapshot_json, outcome_json,
        created_at, expires_at, consumed_at
        """

    /// Throws a constraint violation when the state token is already stored.
    public func insertProviderAuthState(_ state: ProviderAuthStateRecord) throws {
        try self.connection.run(
            "INSERT INTO provider_auth_states (\(Self.providerAuthStateColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(state.stateToken), SQLiteValue(state.account), SQLiteValue(state.browserBindingHash),
                .text(state.sessionsSnapshotJSON), SQLiteValue(state.outcomeJSON), .integer(state.createdAt),
                .integer(state.expiresAt), SQLiteValue(state.consumedAt),
            ]
        )
    }

    public func providerAuthState(stateToken: String) throws -> ProviderAuthStateRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.providerAuthStateColumns) FROM provider_auth_states WHERE state_token = ?",
            [.text(stateToken)],
            Self.providerAuthState(from:)
        )
    }

    private static func providerAuthState(from row: SQLiteRow) throws -> ProviderAuthStateRecord {
        ProviderAuthStateRecord(
            stateToken: try row.string(0),
            account: row.optionalString(1),
            browserBindingHash: row.optionalString(2),
            sessionsSnapshotJSON: try row.string(3),
            outcomeJSON: row.optionalString(4),
            createdAt: try row.int64(5),
            expiresAt: try row.int64(6),
            consumedAt: row.optionalInt64(7)
        )
    }

    /// Returns the states that are neither consumed nor expired at `now`, oldest first: the
    /// provider logins still under way.
    public func pendingProviderAuthStates(now: Int64) throws -> [ProviderAuthStateRecord] {
        try self.connection.query(
            """
            SELECT \(Self.providerAuthStateColumns) FROM provider_auth_states
            WHERE consumed_at IS NULL AND expires_at > ? ORDER BY created_at, state_token
            """,
            [.integer(now)],
            Self.providerAuthState(from:)
        )
    }

    /// Marks an unexpired, unconsumed state consumed; returns `true` only for the one caller
    /// that consumed it, so a state is used once.
    public func consumeProviderAuthState(stateToken: String, now: Int64) throws -> Bool {
        try self.connection.run(
            """
            UPDATE provider_auth_states SET consumed_at = ?
            WHERE state_token = ? AND consumed_at IS NULL AND expires_at > ?
            """,
            [.integer(now), .text(stateToken), .integer(now)]
        ) == 1
    }

    /// Stores the outcome shown for a state; returns `false` when the state is not stored.
    @discardableResult
    public func setProviderAuthStateOutcome(stateToken: String, outcomeJSON: String) throws -> Bool {
        try self.connection.run(
            "UPDATE provider_auth_states SET outcome_json = ? WHERE state_token = ?",
            [.text(outcomeJSON), .text(stateToken)]
        ) == 1
    }

    /// Deletes states whose `expiresAt` is at or before `before`; returns how many were deleted.
    /// Pass a time well in the past to keep recent outcomes for repeated callbacks.
    @discardableResult
    public func purgeProviderAuthStates(expiredBefore before: Int64) throws -> Int {
        try self.connection.run("DELETE FROM provider_auth_states WHERE expires_at <= ?", [.integer(before)])
    }
}
