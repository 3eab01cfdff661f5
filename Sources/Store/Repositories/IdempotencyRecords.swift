/// The owner of an `Idempotency-Key`: the same key under another token, method or route is a
/// different record.
public struct IdempotencyScope: Sendable, Hashable {
    /// A hash of the bearer token, so that the token itself is never stored.
    public var tokenHash: String
    public var method: String
    /// The route the request matched, for example `POST /orders/{id}/pay` with the id filled in.
    public var route: String

    public init(tokenHash: String, method: String, route: String) {
        self.tokenHash = tokenHash
        self.method = method
        self.route = route
    }
}

public enum IdempotencyState: String, Sendable {
    /// The first request with the key is still running.
    case pending
    /// The response is stored and is replayed for the key.
    case final
}

/// The stored response of a finished idempotent request.
public struct IdempotencyResponse: Sendable, Equatable {
    public var status: Int
    /// The replayed headers as a JSON document chosen by the caller.
    public var headersJSON: String
    public var body: [UInt8]

    public init(status: Int, headersJSON: String, body: [UInt8]) {
        self.status = status
        self.headersJSON = headersJSON
        self.body = body
    }
}

public struct IdempotencyRecord: Sendable, Equatable {
    public var key: String
    public var scope: IdempotencyScope
    /// A hash of the request, to tell a retry from a different request reusing the key.
    public var requestHash: String
    /// The id of the attempt the first request made (for example the marker written into an OT
    /// order comment), so that a retry continues that attempt; nil when none was recorded.
    public var attemptID: String?
    public var state: IdempotencyState
    /// Set once `state` is `.final`.
    public var response: IdempotencyResponse?
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(
        key: String,
        scope: IdempotencyScope,
        requestHash: String,
        attemptID: String? = nil,
        state: IdempotencyState,
        response: IdempotencyResponse?,
        createdAt: Int64,
        expiresAt: Int64
    ) {
        self.key = key
        self.scope = scope
        self.requestHash = requestHash
        self.attemptID = attemptID
        self.state = state
        self.response = response
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The result of claiming an idempotency key.
public enum IdempotencyClaim: Sendable, Equatable {
    /// No live record had the key: this caller owns it and must finalize or release it.
    case inserted(IdempotencyRecord)
    /// A live record already has the key; it may be pending or final.
    case existing(IdempotencyRecord)
}

extension Store {
    private static let idempotencyColumns = """
        idempotency_key, token_hash, method, route, request_hash, state,
        response_status, response_headers_json, response_body, created_at, expires_at, attempt_id
        """

    /// Claims `key` in `scope` with a pending record, or returns the record that already has it.
    ///
    /// A record past its `expiresAt` counts as absent and is replaced, so a key is remembered
    /// for its time to live and no longer.
    public func insertPendingIdempotencyRecord(
        key: String,
        scope: IdempotencyScope,
        requestHash: String,
        attemptID: String? = nil,
        createdAt: Int64,
        expiresAt: Int64
    ) throws -> IdempotencyClaim {
        try self.connection.transaction(.immediate) {
            if let existing = try self.idempotencyRecord(key: key, scope: scope), existing.expiresAt > createdAt {
                return .existing(existing)
            }
            try self.connection.run(
                """
                DELETE FROM idempotency_records
                WHERE token_hash = ? AND method = ? AND route = ? AND idempotency_key = ?
                """,
                [.text(scope.tokenHash), .text(scope.method), .text(scope.route), .text(key)]
            )
            try self.connection.run(
                "INSERT INTO idempotency_records (\(Self.idempotencyColumns)) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)",
                [
                    .text(key), .text(scope.tokenHash), .text(scope.method), .text(scope.route),
                    .text(requestHash), .text(IdempotencyState.pending.rawValue), .integer(createdAt),
                    .integer(expiresAt), SQLiteValue(attemptID),
                ]
            )
            return .inserted(
                IdempotencyRecord(
                    key: key,
                    scope: scope,
                    requestHash: requestHash,
                    attemptID: attemptID,
                    state: .pending,
                    response: nil,
                    createdAt: createdAt,
                    expiresAt: expiresAt
                )
            )
        }
    }

    /// Returns the record of `key` in `scope`, expired or not.
    public func idempotencyRecord(key: String, scope: IdempotencyScope) throws -> IdempotencyRecord? {
        try self.connection.queryFirst(
            """
            SELECT \(Self.idempotencyColumns) FROM idempotency_records
            WHERE token_hash = ? AND method = ? AND route = ? AND idempotency_key = ?
            """,
            [.text(scope.tokenHash), .text(scope.method), .text(scope.route), .text(key)],
            Self.idempotencyRecord(from:)
        )
    }

    /// Stores the response of a pending record; returns `false` when no pending record had the key.
    @discardableResult
    public func finalizeIdempotencyRecord(
        key: String,
        scope: IdempotencyScope,
        response: IdempotencyResponse
    ) throws -> Bool {
        let changed = try self.connection.run(
            """
            UPDATE idempotency_records
            SET state = 'final', response_status = ?, response_headers_json = ?, response_body = ?
            WHERE token_hash = ? AND method = ? AND route = ? AND idempotency_key = ? AND state = 'pending'
            """,
            [
                .integer(Int64(response.status)), .text(response.headersJSON), .blob(response.body),
                .text(scope.tokenHash), .text(scope.method), .text(scope.route), .text(key),
            ]
        )
        return changed == 1
    }

    /// Releases a key whose request ended without a response worth replaying; returns `false`
    /// when no pending record had the key. Final records are kept.
    @discardableResult
    public func deletePendingIdempotencyRecord(key: String, scope: IdempotencyScope) throws -> Bool {
        let changed = try self.connection.run(
            """
            DELETE FROM idempotency_records
            WHERE token_hash = ? AND method = ? AND route = ? AND idempotency_key = ? AND state = 'pending'
            """,
            [.text(scope.tokenHash), .text(scope.method), .text(scope.route), .text(key)]
        )
        return changed == 1
    }

    /// Deletes records whose `expiresAt` is at or before `now`; returns how many were deleted.
    @discardableResult
    public func purgeExpiredIdempotencyRecords(now: Int64) throws -> Int {
        try self.connection.run("DELETE FROM idempotency_records WHERE expires_at <= ?", [.integer(now)])
    }

    private static func idempotencyRecord(from row: SQLiteRow) throws -> IdempotencyRecord {
        let state: IdempotencyState = try row.value(5)
        var response: IdempotencyResponse?
        if let status = row.optionalInt64(6) {
            response = IdempotencyResponse(
                status: Int(status),
                headersJSON: row.optionalString(7) ?? "{}",
                body: row.optionalBlob(8) ?? []
            )
        }
        return IdempotencyRecord(
            key: try row.string(0),
            scope: IdempotencyScope(tokenHash: try row.string(1), method: try row.string(2), route: try row.string(3)),
            requestHash: try row.string(4),
            attemptID: row.optionalString(11),
            state: state,
            response: response,
            createdAt: try row.int64(9),
            expiresAt: try row.int64(10)
        )
    }
}
