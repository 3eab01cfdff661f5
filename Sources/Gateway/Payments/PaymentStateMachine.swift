import Foundation
import Store

/// The next thing a payment needs, decided from its journal record and fresh OT facts.
enum PaymentAction: Sendable, Equatable {
    /// Top the account up by this amount (`PostTransaction`, `isDebit=true`).
    case deposit(Decimal)
    /// A deposit's outcome is unknown: search the statement for its comment token.
    case lookUpDeposit
    /// Pay this amount of the order from the account (`SalesPaymentReserve`).
    case reserve(Decimal)
    /// A reserve's outcome is unknown: compare `SalesPaid` with its value before the call.
    case settleReserve
    /// Re-read the order and check that it is paid.
    case verify
    /// The payment is verified; nothing is left to do.
    case finished
    /// The payment cannot go on; the reason is journaled and the payment is incomplete.
    case stop(String)
}

/// The payment state machine `started → deposited → reserved → verified`, as a value: it
/// decides the next action and applies the outcome of each OT call to the journal record.
/// The I/O shell (`PaymentService`) journals each new record before and after the call.
struct PaymentStateMachine: Sendable {
    var record: PaymentRecord
    /// Set while `record.state` is `reservePending`, read from the journal's steps.
    var pendingReserve: PendingReserve?
    /// Milliseconds after which a money call with an unknown outcome counts as not carried out.
    let settleMilliseconds: Int64

    init(record: PaymentRecord, pendingReserve: PendingReserve? = nil, settleMilliseconds: Int64) {
        self.record = record
        self.pendingReserve = pendingReserve
        self.settleMilliseconds = settleMilliseconds
    }

    func nextAction(facts: PaymentFacts) -> PaymentAction {
        switch self.record.state {
        case .verified: .finished
        case .depositPending, .reconciling: .lookUpDeposit
        case .reservePending: .settleReserve
        case .reserved: .verify
        case .started, .deposited, .incomplete: self.plan(facts)
        }
    }

    /// Decides between deposit, reserve and verify. A payment deposits at most once unless its
    /// deposit is known not to have happened: if the account still lacks money after its own
    /// deposit, it reserves what there is and ends incomplete rather than deposit again.
    private func plan(_ facts: PaymentFacts) -> PaymentAction {
        let owed = self.record.amount - self.record.reservedAmount
        if owed <= 0 || facts.remaining <= 0 {
            return .verify
        }
        let target = min(owed, facts.remaining)
        let own = facts.ownBalance
        if own >= target {
            return .reserve(target)
        }
        if self.record.depositedAmount == 0 {
            return .deposit(Self.roundUpToMinorUnit(target - own))
        }
        if own > 0 {
            return .reserve(own)
        }
        return .stop(
            "The account lacks \(Self.text(target)) for this payment, which already deposited "
                + "\(Self.text(self.record.depositedAmount)); other payments hold \(Self.text(facts.heldForOthers))."
        )
    }

    // MARK: Deposit

    /// Records the deposit about to be sent. `comment` starts with the attempt's token, so the
    /// statement can show whether the deposit happened.
    mutating func beginDeposit(amount: Decimal, comment: String, now: Int64) {
        self.record.state = .depositPending
        self.record.depositAmount = amount
        self.record.depositComment = comment
        self.record.depositStartedAt = now
        self.record.updatedAt = now
    }

    mutating func depositSucceeded(now: Int64) {
        self.record.depositedAmount += self.record.depositAmount ?? 0
        self.record.state = .deposited
        self.record.lastError = nil
        self.record.updatedAt = now
    }

    /// OT rejected the deposit or it never left the gateway, so no money moved.
    mutating func depositFailed(_ reason: String, now: Int64) {
        self.record.state = .incomplete
        self.record.depositAmount = nil
        self.record.depositComment = nil
        self.record.depositStartedAt = nil
        self.record.lastError = reason
        self.record.updatedAt = now
    }

    mutating func depositOutcomeUnknown(_ reason: String, now: Int64) {
        self.record.state = .reconciling
        self.record.lastError = reason
        self.record.updatedAt = now
    }

    enum LookupOutcome: Sendable, Equatable {
        case found
        /// Not in the statement after the settle time: known not to have happened.
        case absent
        /// Not in the statement yet, and it may still appear.
        case stillUnknown
    }

    /// Applies the result of searching the statement for the deposit's token.
    ///
    /// A deposit missing from the statement once the settle time has passed did not happen.
    /// The gateway's call ended within the write timeout, because curl aborts the transfer then,
    /// and the margin on top covers a request OT was still committing when the gateway gave up.
    /// Only then may the payment deposit again, with a new token.
    /// NOTE: this assumes OT applies a request while serving it and never queues it for later;
    /// no public source says either way.
    mutating func applyDepositLookup(found: Bool, now: Int64) -> LookupOutcome {
        self.record.updatedAt = now
        if found {
            self.depositSucceeded(now: now)
            return .found
        }
        let startedAt = self.record.depositStartedAt ?? now
        self.record.depositStartedAt = startedAt
        if now - startedAt >= self.settleMilliseconds {
            let token = self.record.depositComment.flatMap(DepositComment.token(in:)) ?? "?"
            self.record.state = self.record.depositedAmount > 0 ? .deposited : .started
            self.record.depositAmount = nil
            self.record.depositComment = nil
            self.record.depositStartedAt = nil
            self.record.lastError =
                "The deposit \(token) was not in the statement after the settle time, so it did not happen."
            return .absent
        }
        self.record.state = .reconciling
        return .stillUnknown
    }

    // MARK: Reserve

    mutating func beginReserve(amount: Decimal, salesPaidBefore: Decimal, now: Int64) {
        self.record.state = .reservePending
        self.pendingReserve = PendingReserve(amount: amount, salesPaidBefore: salesPaidBefore, startedAt: now)
        self.record.updatedAt = now
    }

    mutating func reserveSucceeded(now: Int64) {
        self.record.reservedAmount += self.pendingReserve?.amount ?? 0
        self.pendingReserve = nil
        self.record.state = .reserved
        self.record.lastError = nil
        self.record.updatedAt = now
    }

    /// OT rejected the reserve or it never left the gateway: the deposit stays on the account.
    mutating func reserveFailed(_ reason: String, now: Int64) {
        self.pendingReserve = nil
        self.record.state = .incomplete
        self.record.lastError = reason
        self.record.updatedAt = now
    }

    /// Keeps `reservePending` and notes why; the next round settles it from `SalesPaid`.
    mutating func reserveOutcomeUnknown(_ reason: String, now: Int64) {
        self.record.lastError = reason
        self.record.updatedAt = now
    }

    /// Settles a reserve whose outcome is unknown: it happened when `SalesPaid` grew by its
    /// amount, and did not when `SalesPaid` has not grown by the end of the settle time (the
    /// same reasoning as for deposits).
    mutating func settleReserve(facts: PaymentFacts, now: Int64) -> LookupOutcome {
        self.record.updatedAt = now
        guard let pending = self.pendingReserve else {
            // Without the "before" entry there is nothing to compare with; only a paid order
            // settles it, otherwise the payment waits for an operator.
            if facts.remaining <= 0 {
                self.record.state = .reserved
                return .found
            }
            self.record.state = .incomplete
            self.record.lastError = "The journal lacks the amount of the reserve that was sent; check the order in OT."
            return .absent
        }
        if facts.salesPaid >= pending.salesPaidBefore + pending.amount {
            self.reserveSucceeded(now: now)
            return .found
        }
        if now - pending.startedAt >= self.settleMilliseconds {
            self.pendingReserve = nil
            self.record.state = self.record.depositedAmount > 0 ? .deposited : .started
            self.record.lastError =
                "The reserve of \(Self.text(pending.amount)) did not raise SalesPaid within the settle time, so it did not happen."
            return .absent
        }
        return .stillUnknown
    }

    // MARK: Verify and stop

    /// Marks the payment verified when the order is paid or this payment reserved all it was
    /// asked to; otherwise incomplete.
    mutating func applyVerification(_ order: VerifiedOrder, now: Int64) -> Bool {
        self.record.updatedAt = now
        let orderPaid = order.isPaid || order.remainAmount <= 0
        if orderPaid || self.record.reservedAmount >= self.record.amount {
            self.record.state = .verified
            self.record.lastError = nil
            return true
        }
        self.record.state = .incomplete
        self.record.lastError =
            "The order still has \(Self.text(order.remainAmount)) to pay after reserving \(Self.text(self.record.reservedAmount))."
        return false
    }

    mutating func stop(_ reason: String, now: Int64) {
        self.record.state = .incomplete
        self.record.lastError = reason
        self.record.updatedAt = now
    }

    // MARK: Amounts

    /// Rounds up to the currency's minor unit, so that a top-up never leaves the account short
    /// by a fraction of a cent.
    static func roundUpToMinorUnit(_ value: Decimal) -> Decimal {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, PaymentLimits.amountFractionDigits, .up)
        return rounded
    }

    static func text(_ value: Decimal) -> String {
        DecimalText.string(from: value, fractionDigits: PaymentLimits.amountFractionDigits)
    }
}
