import Foundation

/// The stage of a payment in `started → deposited → reserved → verified`, with the pending
/// states written before each OT money call.
public enum PaymentState: String, Sendable, CaseIterable {
    case started
    /// A deposit call was (or is about to be) sent; its outcome is not known yet.
    case depositPending = "deposit_pending"
    case deposited
    /// A reserve call was (or is about to be) sent; its outcome is not known yet.
    case reservePending = "reserve_pending"
    case reserved
    case verified
    /// A step failed and the payment stopped; the amounts show how far it got.
    case incomplete
    /// A deposit's outcome is unknown and is being looked up in the customer's statement.
    case reconciling

    /// The states an operator has to look at (`GET /payments?state=unresolved`).
    public static let unresolved: [PaymentState] = [.incomplete, .reconciling]
}

/// One payment of one order, as the journal last recorded it.
public struct PaymentRecord: Sendable, Equatable {
    /// Unique per payment; also written into the deposit comment to find the deposit in OT.
    public var paymentID: String
    public var orderID: String
    /// The OT customer whose account balance the payment uses.
    public var customerID: String
    public var state: PaymentState
    /// The amount to pay toward the order.
    public var amount: Decimal
    /// The top-up the deposit step sends, once decided (what the account lacks).
    public var depositAmount: Decimal?
    public var depositedAmount: Decimal
    public var reservedAmount: Decimal
    public var currency: String
    public var depositComment: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// When the deposit call was first sent, to know when its settle time has passed.
    public var depositStartedAt: Int64?
    public var lastError: String?

    public init(
        paymentID: String,
        orderID: String,
        customerID: String,
        state: PaymentState,
        amount: Decimal,
        depositAmount: Decimal? = nil,
        depositedAmount: Decimal = 0,
        reservedAmount: Decimal = 0,
        currency: String,
        depositComment: String? = nil,
        createdAt: Int64,
        updatedAt: Int64,
        depositStartedAt: Int64? = nil,
        lastError: String? = nil
    ) {
        self.paymentID = paymentID
        self.orderID = orderID
        self.customerID = customerID
        self.state = state
        self.amount = amount
        self.depositAmount = depositAmount
        self.depositedAmount = depositedAmount
        self.reservedAmount = reservedAmount
        self.currency = currency
        self.depositComment = depositComment
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.depositStartedAt = depositStartedAt
        self.lastError = lastError
    }
}

public enum PaymentStepPhase: String, Sendable {
    /// Written before the OT call of the step.
    case before
    /// Written after the OT call returned, whatever the outcome.
    case after
}

/// An entry of the append-only step log of a payment.
public struct PaymentStepEntry: Sendable, Equatable {
    /// Assigned by the store; increases with every entry.
    public var id: Int64?
    public var paymentID: String
    /// The step name, for example `deposit`, `reserve`, `verify` or `reconcile`.
    public var step: String
    public var phase: PaymentStepPhase
    public var detail: String?
    public var at: Int64

    public init(id: Int64? = nil, paymentID: String, step: String, phase: PaymentStepPhase, detail: String?, at: Int64)
    {
        self.id = id
        self.paymentID = paymentID
        self.step = step
        self.phase = phase
        self.detail = detail
        self.at = at
    }
}

extension Store {
    private static let paymentColumns = """
        payment_id, order_id, customer_id, state, amount, deposit_amount, deposited_amount,
        reserved_amount, currency, deposit_comment, created_at, updated_at, deposit_started_at, last_error
        """

    /// Inserts a new payment and, when given, its first step, committing with `synchronous=FULL`.
    /// Throws a constraint violation when the payment id is already journaled.
    public func insertPayment(_ payment: PaymentRecord, step: PaymentStepEntry? = nil) throws {
        try self.connection.transaction(.immediate, synchronous: .full) {
            try self.connection.run(
                "INSERT INTO payments (\(Self.paymentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                try Self.paymentBindings(payment)
            )
            if let step {
                try self.appendPaymentStep(step, for: payment.paymentID)
            }
        }
    }

    /// Writes the new state of a payment and, when given, a step, committing with
    /// `synchronous=FULL` so that the entry is on disk before the caller makes the money call.
    /// Returns `false`, writing nothing, when the payment id is not journaled.
    @discardableResult
    public func updatePayment(_ payment: PaymentRecord, step: PaymentStepEntry? = nil) throws -> Bool {
        try self.connection.transaction(.immediate, synchronous: .full) {
            let bindings = try Self.paymentBindings(payment)
            let changed = try self.connection.run(
                """
                UPDATE payments SET order_id = ?, customer_id = ?, state = ?, amount = ?, deposit_amount = ?,
                    deposited_amount = ?, reserved_amount = ?, currency = ?, deposit_comment = ?,
                    created_at = ?, updated_at = ?, deposit_started_at = ?, last_error = ?
                WHERE payment_id = ?
                """,
                Array(bindings.dropFirst()) + [bindings[0]]
            )
            guard changed == 1 else { return false }
            if let step {
                try self.appendPaymentStep(step, for: payment.paymentID)
            }
            return true
        }
    }

    public func payment(paymentID: String) throws -> PaymentRecord? {
        try self.connection.queryFirst(
            "SELECT \(Self.paymentColumns) FROM payments WHERE payment_id = ?",
            [.text(paymentID)],
            Self.payment(from:)
        )
    }

    /// Returns the payments of an order, newest first.
    public func payments(orderID: String) throws -> [PaymentRecord] {
        try self.connection.query(
            "SELECT \(Self.paymentColumns) FROM payments WHERE order_id = ? ORDER BY created_at DESC, payment_id",
            [.text(orderID)],
            Self.payment(from:)
        )
    }

    /// Returns the payments in any of `states`, oldest first.
    public func payments(inStates states: [PaymentState], limit: Int = 1000) throws -> [PaymentRecord] {
        guard !states.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: states.count).joined(separator: ", ")
        return try self.connection.query(
            """
            SELECT \(Self.paymentColumns) FROM payments WHERE state IN (\(placeholders))
            ORDER BY created_at, payment_id LIMIT ?
            """,
            states.map { .text($0.rawValue) } + [.integer(Int64(max(0, limit)))],
            Self.payment(from:)
        )
    }

    /// Returns the payments an operator has to resolve (`incomplete` or `reconciling`).
    public func unresolvedPayments(limit: Int = 1000) throws -> [PaymentRecord] {
        try self.payments(inStates: PaymentState.unresolved, limit: limit)
    }

    /// Returns the step log of a payment in the order it was written.
    public func paymentSteps(paymentID: String) throws -> [PaymentStepEntry] {
        try self.connection.query(
            "SELECT id, payment_id, step, phase, detail, at FROM payment_steps WHERE payment_id = ? ORDER BY id",
            [.text(paymentID)]
        ) { row in
            PaymentStepEntry(
                id: try row.int64(0),
                paymentID: try row.string(1),
                step: try row.string(2),
                phase: try row.value(3),
                detail: row.optionalString(4),
                at: try row.int64(5)
            )
        }
    }

    private func appendPaymentStep(_ step: PaymentStepEntry, for paymentID: String) throws {
        guard step.paymentID == paymentID else {
            throw StoreError.misuse("step of payment \(step.paymentID) was passed with payment \(paymentID)")
        }
        try self.connection.run(
            "INSERT INTO payment_steps (payment_id, step, phase, detail, at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(paymentID), .text(step.step), .text(step.phase.rawValue), SQLiteValue(step.detail),
                .integer(step.at),
            ]
        )
    }

    private static func paymentBindings(_ payment: PaymentRecord) throws -> [SQLiteValue] {
        [
            .text(payment.paymentID), .text(payment.orderID), .text(payment.customerID), .text(payment.state.rawValue),
            try .decimal(payment.amount), try .decimal(payment.depositAmount),
            try .decimal(payment.depositedAmount), try .decimal(payment.reservedAmount),
            .text(payment.currency), SQLiteValue(payment.depositComment), .integer(payment.createdAt),
            .integer(payment.updatedAt), SQLiteValue(payment.depositStartedAt), SQLiteValue(payment.lastError),
        ]
    }

    private static func payment(from row: SQLiteRow) throws -> PaymentRecord {
        PaymentRecord(
            paymentID: try row.string(0),
            orderID: try row.string(1),
            customerID: try row.string(2),
            state: try row.value(3),
            amount: try row.decimal(4),
            depositAmount: try row.optionalDecimal(5),
            depositedAmount: try row.decimal(6),
            reservedAmount: try row.decimal(7),
            currency: try row.string(8),
            depositComment: row.optionalString(9),
            createdAt: try row.int64(10),
            updatedAt: try row.int64(11),
            depositStartedAt: row.optionalInt64(12),
            lastError: row.optionalString(13)
        )
    }
}
