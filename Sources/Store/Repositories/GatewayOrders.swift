public enum GatewayOrderState: String, Sendable {
    case live
    case cancelled
}

/// An order placed in OT through the gateway.
public struct GatewayOrderRecord: Sendable, Equatable {
    /// OT's order id (`ORD-0000000123`).
    public var orderID: String
    /// The shop's id for the order, when it sent one.
    public var externalID: String?
    /// The marker the gateway put on the `AddOrder` call, unique per attempt, to find the order
    /// again when OT's reply was lost.
    public var attemptID: String
    public var state: GatewayOrderState
    /// The last order document read from OT, as JSON.
    public var snapshotJSON: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        orderID: String,
        externalID: String?,
        attemptID: String,
        state: GatewayOrderState,
        snapshotJSON: String?,
        createdAt: Int64,
        updatedAt: Int64
    ) {
        self.orderID = orderID
        self.externalID = externalID
        self.attemptID = attemptID
        self.state = state
        self.snapshotJSON = snapshotJSON
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Store {
    private static let gatewayOrderColumns =
        "order_id, external_id, attempt_id, state, snapshot_json, created_at, updated_at"

    /// Records a new order; throws a constraint violation when the order id or attempt id is
    /// already recorded.
    public func insertGatewayOrder(_ order: GatewayOrderRecord) throws {
        try self.connection.run(
            "INSERT INTO gateway_orders (\(Self.gatewayOrderColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(order.orderID), SQLiteValue(order.externalID), .text(order.attemptID),
                .text(order.state.rawValue), SQLiteValue(order.snapshotJSON), .integer(order.createdAt),
                .integer(order.updatedAt),
            ]
        )
    }

    public func gatewayOrder(orderID: String) throws -> GatewayOrderRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.gatewayOrderColumns) FROM gateway_orders WHERE order_id = ?",
            [.text(orderID)],
            Self.gatewayOrder(from:)
        )
    }

    public func gatewayOrder(attemptID: String) throws -> GatewayOrderRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.gatewayOrderColumns) FROM gateway_orders WHERE attempt_id = ?",
            [.text(attemptID)],
            Self.gatewayOrder(from:)
        )
    }

    /// Returns the live (not cancelled) orders with `externalID`, oldest first.
    public func liveGatewayOrders(externalID: String) throws -> [GatewayOrderRecord] {
        try self.connection.query(
            """
            SELECT \(Self.gatewayOrderColumns) FROM gateway_orders
            WHERE external_id = ? AND state = 'live'
            ORDER BY created_at, order_id
            """,
            [.text(externalID)],
            Self.gatewayOrder(from:)
        )
    }

    /// Returns every order with `externalID`, cancelled ones included, oldest first.
    public func gatewayOrders(externalID: String) throws -> [GatewayOrderRecord] {
        try self.connection.query(
            """
            SELECT \(Self.gatewayOrderColumns) FROM gateway_orders
            WHERE external_id = ?
            ORDER BY created_at, order_id
            """,
            [.text(externalID)],
            Self.gatewayOrder(from:)
        )
    }

    /// Returns the most recently created orders, newest first.
    public func recentGatewayOrders(limit: Int) throws -> [GatewayOrderRecord] {
        try self.connection.query(
            """
            SELECT \(Self.gatewayOrderColumns) FROM gateway_orders
            ORDER BY created_at DESC, order_id DESC LIMIT ?
            """,
            [.integer(Int64(max(0, limit)))],
            Self.gatewayOrder(from:)
        )
    }

    /// Marks an order cancelled; returns `false` when the order is not recorded.
    @discardableResult
    public func markGatewayOrderCancelled(orderID: String, at time: Int64) throws -> Bool {
        try self.connection.run(
            "UPDATE gateway_orders SET state = 'cancelled', updated_at = ? WHERE order_id = ?",
            [.integer(time), .text(orderID)]
        ) == 1
    }

    /// Replaces the last seen snapshot; returns `false` when the order is not recorded.
    @discardableResult
    public func updateGatewayOrderSnapshot(orderID: String, snapshotJSON: String, at time: Int64) throws -> Bool {
        try self.connection.run(
            "UPDATE gateway_orders SET snapshot_json = ?, updated_at = ? WHERE order_id = ?",
            [.text(snapshotJSON), .integer(time), .text(orderID)]
        ) == 1
    }

    private static func gatewayOrder(from row: SQLiteRow) throws -> GatewayOrderRecord {
        GatewayOrderRecord(
            orderID: try row.string(0),
            externalID: row.optionalString(1),
            attemptID: try row.string(2),
            state: try row.value(3),
            snapshotJSON: row.optionalString(4),
            createdAt: try row.int64(5),
            updatedAt: try row.int64(6)
        )
    }
}
