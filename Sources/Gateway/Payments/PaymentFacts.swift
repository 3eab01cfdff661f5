import Foundation
import Store

/// What OT reported about an order's payment just before the state machine decides.
struct PaymentFacts: Sendable, Equatable {
    /// The amount still to be paid on the order: `SalesAmount − SalesPaid` of `GetSalesPaymentInfo`.
    var remaining: Decimal
    /// `SalesPaid`: what the order has been paid so far.
    var salesPaid: Decimal
    /// `CustBalanceAvail`: the balance of the customer's account, which every order shares.
    var balance: Decimal
    /// Money on that account that other open payments of the customer deposited and have not
    /// reserved yet; this payment must not spend it.
    var heldForOthers: Decimal

    /// The part of the balance this payment may spend.
    var ownBalance: Decimal {
        max(0, self.balance - self.heldForOthers)
    }

    /// Sums what each open payment other than `paymentID` may have on the account: deposited and
    /// not reserved, plus a deposit whose outcome is still unknown (it may have landed).
    static func heldForOthers(_ payments: [PaymentRecord], excluding paymentID: String) -> Decimal {
        var held = Decimal(0)
        for payment in payments where payment.paymentID != paymentID && payment.state != .verified {
            held += max(0, payment.depositedAmount - payment.reservedAmount)
            if payment.state == .depositPending || payment.state == .reconciling {
                held += payment.depositAmount ?? 0
            }
        }
        return held
    }
}

/// A reserve call that was sent, as its "before" journal entry recorded it; used to settle a
/// reserve whose outcome is unknown by comparing `SalesPaid` afterwards.
struct PendingReserve: Sendable, Equatable {
    var amount: Decimal
    var salesPaidBefore: Decimal
    /// Milliseconds since 1970 when the call was about to be sent.
    var startedAt: Int64

    /// The step detail the journal keeps: `amount=12.34 salesPaidBefore=0.00`.
    var detail: String {
        "amount=\(DecimalText.string(from: self.amount)) salesPaidBefore=\(DecimalText.string(from: self.salesPaidBefore))"
    }

    /// Reads the last "before" entry of the `reserve` step; nil when there is none or its
    /// detail is not in the form `detail` writes.
    static func last(in steps: [PaymentStepEntry]) -> PendingReserve? {
        guard let entry = steps.last(where: { $0.step == PaymentStep.reserve && $0.phase == .before }),
            let detail = entry.detail
        else { return nil }
        var values: [String: Decimal] = [:]
        for pair in detail.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = DecimalText.decimal(from: String(parts[1])) else { return nil }
            values[String(parts[0])] = value
        }
        guard let amount = values["amount"], let before = values["salesPaidBefore"] else { return nil }
        return PendingReserve(amount: amount, salesPaidBefore: before, startedAt: entry.at)
    }
}

/// The order as the verification re-read saw it.
struct VerifiedOrder: Sendable, Equatable {
    var isPaid: Bool
    var remainAmount: Decimal
}

/// Step names of the journal's append-only log.
enum PaymentStep {
    static let create = "create"
    static let deposit = "deposit"
    static let reconcile = "reconcile"
    static let reserve = "reserve"
    static let settleReserve = "settle_reserve"
    static let verify = "verify"
}
