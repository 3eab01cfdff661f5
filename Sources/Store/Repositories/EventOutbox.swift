public enum OutboxDeliveryState: String, Sendable {
    /// Waiting for a webhook push, at `nextAttemptAt` or later.
    case pending
    case delivered
    /// The push was given up; the event stays readable through `GET /events`.
    case failed
    /// No webhook is configured; the event is only read through `GET /events`.
    case notRequired = "not_required"
}

/// An order event in the outbox. Ids come from `AUTOINCREMENT`, so they increase strictly and
/// are never reused, also across restarts and after deletions.
public struct OutboxEvent: Sendable, Equatable {
    public var id: Int64
    /// The event type, for example `order.paid`.
    public var type: String
    /// Nil for events about no order, such as `provider_session.expiring`.
    public var orderID: String?
    public var occurredAt: Int64
    public var dataJSON: String
    public var deliveryState: OutboxDeliveryState
    public var attempts: Int
    public var nextAttemptAt: Int64?
    public var lastError: String?
    public var deliveredAt: Int64?

    public init(
        id: Int64,
        type: String,
        orderID: String?,
        occurredAt: Int64,
        dataJSON: String,
        deliveryState: OutboxDeliveryState,
        attempts: Int,
        nextAttemptAt: Int64?,
        lastError: String?,
        deliveredAt: Int64?
    ) {
        self.id = id
        self.type = type
        self.orderID = orderID
        self.occurredAt = occurredAt
        self.dataJSON = dataJSON
        self.deliveryState = deliveryState
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}

extension Store {
    /// The maximum number of events `outboxEvents(after:limit:)` returns in one call.
    public static let maximumOutboxPageSize = 1000

    private static let outboxColumns = """
        id, type, order_id, occurred_at, data_json, delivery_state, attempts, next_attempt_at,
        last_error, delivered_at
        """

    /// Appends an event; a `.pending` event is due for delivery at `occurredAt`.
    public func appendOutboxEvent(
        type: String,
        orderID: String?,
        occurredAt: Int64,
        dataJSON: String,
        deliveryState: OutboxDeliveryState = .pending
    ) throws -> OutboxEvent {
        let nextAttemptAt: Int64? = deliveryState == .pending ? occurredAt : nil
        try self.connection.run(
            """
            INSERT INTO outbox_events (type, order_id, occurred_at, data_json, delivery_state, attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, 0, ?)
            """,
            [
                .text(type), SQLiteValue(orderID), .integer(occurredAt), .text(dataJSON),
                .text(deliveryState.rawValue), SQLiteValue(nextAttemptAt),
            ]
        )
        return OutboxEvent(
            id: self.connection.lastInsertRowID,
            type: type,
            orderID: orderID,
            occurredAt: occurredAt,
            dataJSON: dataJSON,
            deliveryState: deliveryState,
            attempts: 0,
            nextAttemptAt: nextAttemptAt,
            lastError: nil,
            deliveredAt: nil
        )
    }

    /// Returns up to `limit` events with an id greater than `id`, in id order. The limit is
    /// clamped to 1…`maximumOutboxPageSize`.
    public func outboxEvents(after id: Int64, limit: Int) throws -> [OutboxEvent] {
        let pageSize = min(max(limit, 1), Self.maximumOutboxPageSize)
        return try self.connection.query(
            "SELECT \(Self.outboxColumns) FROM outbox_events WHERE id > ? ORDER BY id LIMIT ?",
            [.integer(id), .integer(Int64(pageSize))],
            Self.outboxEvent(from:)
        )
    }

    /// Returns pending events due at `now`, oldest first.
    public func dueOutboxEvents(now: Int64, limit: Int) throws -> [OutboxEvent] {
        try self.connection.query(
            """
            SELECT \(Self.outboxColumns) FROM outbox_events
            WHERE delivery_state = 'pending' AND next_attempt_at <= ?
            ORDER BY id LIMIT ?
            """,
            [.integer(now), .integer(Int64(max(0, limit)))],
            Self.outboxEvent(from:)
        )
    }

    /// Returns up to `limit` pending events whether due or not, oldest first, so that a
    /// deliverer can keep the events of one order in id order.
    public func pendingOutboxEvents(limit: Int) throws -> [OutboxEvent] {
        try self.connection.query(
            "SELECT \(Self.outboxColumns) FROM outbox_events WHERE delivery_state = 'pending' ORDER BY id LIMIT ?",
            [.integer(Int64(max(0, limit)))],
            Self.outboxEvent(from:)
        )
    }

    /// Returns up to `limit` events whose push was given up, newest first.
    public func failedOutboxEvents(limit: Int) throws -> [OutboxEvent] {
        try self.connection.query(
            "SELECT \(Self.outboxColumns) FROM outbox_events WHERE delivery_state = 'failed' ORDER BY id DESC LIMIT ?",
            [.integer(Int64(max(0, limit)))],
            Self.outboxEvent(from:)
        )
    }

    /// Returns the number of events in each delivery state; states without events are left out.
    public func outboxEventCounts() throws -> [OutboxDeliveryState: Int] {
        let rows = try self.connection.query(
            "SELECT delivery_state, count(*) FROM outbox_events GROUP BY delivery_state"
        ) { row in (try row.value(0) as OutboxDeliveryState, try row.int(1)) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    public func outboxEvent(id: Int64) throws -> OutboxEvent? {
        try self.connection.queryFirst(
            "SELECT \(Self.outboxColumns) FROM outbox_events WHERE id = ?",
            [.integer(id)],
            Self.outboxEvent(from:)
        )
    }

    /// Returns the id of the newest event, or nil for an empty outbox.
    public func latestOutboxEventID() throws -> Int64? {
        try self.connection.queryFirst("SELECT max(id) FROM outbox_events") { $0.optionalInt64(0) } ?? nil
    }

    /// Marks a pushed event delivered and counts the attempt; returns `false` when no pending
    /// event has the id.
    @discardableResult
    public func markOutboxEventDelivered(id: Int64, at time: Int64) throws -> Bool {
        try self.connection.run(
            """
            UPDATE outbox_events
            SET delivery_state = 'delivered', attempts = attempts + 1, delivered_at = ?,
                next_attempt_at = NULL, last_error = NULL
            WHERE id = ? AND delivery_state = 'pending'
            """,
            [.integer(time), .integer(id)]
        ) == 1
    }

    /// Counts a failed push: the event is retried at `nextAttemptAt`, or marked `failed` when
    /// that is nil. Returns `false` when no pending event has the id.
    @discardableResult
    public func recordOutboxDeliveryFailure(id: Int64, error: String, nextAttemptAt: Int64?) throws -> Bool {
        let state: OutboxDeliveryState = nextAttemptAt == nil ? .failed : .pending
        return try self.connection.run(
            """
            UPDATE outbox_events
            SET delivery_state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?
            WHERE id = ? AND delivery_state = 'pending'
            """,
            [.text(state.rawValue), .text(error), SQLiteValue(nextAttemptAt), .integer(id)]
        ) == 1
    }

    private static func outboxEvent(from row: SQLiteRow) throws -> OutboxEvent {
        OutboxEvent(
            id: try row.int64(0),
            type: try row.string(1),
            orderID: row.optionalString(2),
            occurredAt: try row.int64(3),
            dataJSON: try row.string(4),
            deliveryState: try row.value(5),
            attempts: try row.int(6),
            nextAttemptAt: row.optionalInt64(7),
            lastError: row.optionalString(8),
            deliveredAt: row.optionalInt64(9)
        )
    }
}
