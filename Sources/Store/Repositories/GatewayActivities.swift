public enum GatewayActivityState: String, Sendable {
    case running
    case awaitingAction = "awaiting_action"
    case finished
    case cancelled
    /// The gateway stopped polling, for example after too many failed reads.
    case abandoned
}

/// An OT background activity (export, synchronisation) that the gateway started and polls.
public struct GatewayActivityRecord: Sendable, Equatable {
    /// OT's activity type, for example `ProviderOrdersIntegrationExporting`.
    public var type: String
    public var id: String
    public var orderID: String?
    public var state: GatewayActivityState
    /// When to read the activity again; nil when it needs no more polling.
    public var nextPollAt: Int64?
    /// Polls made so far.
    public var attempts: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        type: String,
        id: String,
        orderID: String?,
        state: GatewayActivityState,
        nextPollAt: Int64?,
        attempts: Int = 0,
        createdAt: Int64,
        updatedAt: Int64
    ) {
        self.type = type
        self.id = id
        self.orderID = orderID
        self.state = state
        self.nextPollAt = nextPollAt
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Store {
    private static let activityColumns =
        "activity_type, activity_id, order_id, state, next_poll_at, attempts, created_at, updated_at"

    /// Records an activity, or replaces the record with the same type and id.
    public func saveGatewayActivity(_ activity: GatewayActivityRecord) throws {
        try self.connection.run(
            """
            INSERT INTO gateway_activities (\(Self.activityColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (activity_type, activity_id) DO UPDATE SET
                order_id = excluded.order_id, state = excluded.state, next_poll_at = excluded.next_poll_at,
                attempts = excluded.attempts, updated_at = excluded.updated_at
            """,
            [
                .text(activity.type), .text(activity.id), SQLiteValue(activity.orderID), .text(activity.state.rawValue),
                SQLiteValue(activity.nextPollAt), .integer(Int64(activity.attempts)), .integer(activity.createdAt),
                .integer(activity.updatedAt),
            ]
        )
    }

    public func gatewayActivity(type: String, id: String) throws -> GatewayActivityRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.activityColumns) FROM gateway_activities WHERE activity_type = ? AND activity_id = ?",
            [.text(type), .text(id)],
            Self.gatewayActivity(from:)
        )
    }

    /// Returns the activities of an order, oldest first.
    public func gatewayActivities(orderID: String) throws -> [GatewayActivityRecord] {
        try self.connection.query(
            """
            SELECT \(Self.activityColumns) FROM gateway_activities WHERE order_id = ?
            ORDER BY created_at, activity_type, activity_id
            """,
            [.text(orderID)],
            Self.gatewayActivity(from:)
        )
    }

    /// Returns the activities due for a poll at `now`, earliest first.
    public func dueGatewayActivities(now: Int64, limit: Int) throws -> [GatewayActivityRecord] {
        try self.connection.query(
            """
            SELECT \(Self.activityColumns) FROM gateway_activities
            WHERE next_poll_at IS NOT NULL AND next_poll_at <= ?
            ORDER BY next_poll_at, activity_type, activity_id LIMIT ?
            """,
            [.integer(now), .integer(Int64(max(0, limit)))],
            Self.gatewayActivity(from:)
        )
    }

    /// Returns the activities in `state`, oldest first.
    public func gatewayActivities(state: GatewayActivityState, limit: Int) throws -> [GatewayActivityRecord] {
        try self.connection.query(
            """
            SELECT \(Self.activityColumns) FROM gateway_activities WHERE state = ?
            ORDER BY created_at, activity_type, activity_id LIMIT ?
            """,
            [.text(state.rawValue), .integer(Int64(max(0, limit)))],
            Self.gatewayActivity(from:)
        )
    }

    private static func gatewayActivity(from row: SQLiteRow) throws -> GatewayActivityRecord {
        GatewayActivityRecord(
            type: try row.string(0),
            id: try row.string(1),
            orderID: row.optionalString(2),
            state: try row.value(3),
            nextPollAt: row.optionalInt64(4),
            attempts: try row.int(5),
            createdAt: try row.int64(6),
            updatedAt: try row.int64(7)
        )
    }
}
