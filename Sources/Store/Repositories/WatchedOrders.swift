/// An order the gateway re-reads from OT to notice changes and emit events.
public struct WatchedOrderRecord: Sendable, Equatable {
    public var orderID: String
    /// The order as last read, as JSON; nil before the first read.
    public var snapshotJSON: String?
    public var nextCheckAt: Int64
    /// When the last provider synchronisation of the order was started.
    public var lastSyncAt: Int64?
    public var createdAt: Int64

    public init(orderID: String, snapshotJSON: String?, nextCheckAt: Int64, lastSyncAt: Int64?, createdAt: Int64) {
        self.orderID = orderID
        self.snapshotJSON = snapshotJSON
        self.nextCheckAt = nextCheckAt
        self.lastSyncAt = lastSyncAt
        self.createdAt = createdAt
    }
}

extension Store {
    private static let watchedOrderColumns = "order_id, snapshot_json, next_check_at, last_sync_at, created_at"

    /// Starts watching an order; returns `false`, changing nothing, when it is already watched.
    @discardableResult
    public func watchOrder(orderID: String, snapshotJSON: String?, nextCheckAt: Int64, now: Int64) throws -> Bool {
        try self.connection.run(
            """
            INSERT INTO watched_orders (\(Self.watchedOrderColumns)) VALUES (?, ?, ?, NULL, ?)
            ON CONFLICT (order_id) DO NOTHING
            """,
            [.text(orderID), SQLiteValue(snapshotJSON), .integer(nextCheckAt), .integer(now)]
        ) == 1
    }

    /// Stops watching an order; returns `false` when it was not watched.
    @discardableResult
    public func unwatchOrder(orderID: String) throws -> Bool {
        try self.connection.run("DELETE FROM watched_orders WHERE order_id = ?", [.text(orderID)]) == 1
    }

    public func watchedOrder(orderID: String) throws -> WatchedOrderRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.watchedOrderColumns) FROM watched_orders WHERE order_id = ?",
            [.text(orderID)],
            Self.watchedOrder(from:)
        )
    }

    /// Returns the orders due for a re-read at `now`, earliest first.
    public func dueWatchedOrders(now: Int64, limit: Int) throws -> [WatchedOrderRecord] {
        try self.connection.query(
            """
            SELECT \(Self.watchedOrderColumns) FROM watched_orders WHERE next_check_at <= ?
            ORDER BY next_check_at, order_id LIMIT ?
            """,
            [.integer(now), .integer(Int64(max(0, limit)))],
            Self.watchedOrder(from:)
        )
    }

    /// Stores the result of a re-read and when to read again; returns `false` when the order
    /// is not watched.
    @discardableResult
    public func recordWatchedOrderCheck(orderID: String, snapshotJSON: String, nextCheckAt: Int64) throws -> Bool {
        try self.connection.run(
            "UPDATE watched_orders SET snapshot_json = ?, next_check_at = ? WHERE order_id = ?",
            [.text(snapshotJSON), .integer(nextCheckAt), .text(orderID)]
        ) == 1
    }

    /// Moves the next re-read of a watched order to `nextCheckAt`, keeping its snapshot;
    /// returns `false` when the order is not watched.
    @discardableResult
    public func rescheduleWatchedOrder(orderID: String, nextCheckAt: Int64) throws -> Bool {
        try self.connection.run(
            "UPDATE watched_orders SET next_check_at = ? WHERE order_id = ?",
            [.integer(nextCheckAt), .text(orderID)]
        ) == 1
    }

    /// Records that a provider synchronisation of the order started at `time`; returns `false`
    /// when the order is not watched.
    @discardableResult
    public func recordWatchedOrderSync(orderID: String, at time: Int64) throws -> Bool {
        try self.connection.run(
            "UPDATE watched_orders SET last_sync_at = ? WHERE order_id = ?",
            [.integer(time), .text(orderID)]
        ) == 1
    }

    private static func watchedOrder(from row: SQLiteRow) throws -> WatchedOrderRecord {
        WatchedOrderRecord(
            orderID: try row.string(0),
            snapshotJSON: row.optionalString(1),
            nextCheckAt: try row.int64(2),
            lastSyncAt: row.optionalInt64(3),
            createdAt: try row.int64(4)
        )
    }
}
