import Foundation
import Observability
import Store
import Synchronization

/// Rules for payments that need an operator.
enum UnresolvedPayments {
    /// The journal states a payment that needs an operator can be in.
    static let candidateStates: [PaymentState] = [
        .incomplete, .reconciling, .depositPending, .deposited, .reservePending, .reserved,
    ]

    /// Returns whether `payment` needs an operator: it is incomplete, or money moved and no
    /// request is finishing it, or its deposit's outcome is still unknown past the settle time.
    static func needsOperator(_ payment: PaymentRecord, isRunning: Bool, now: Int64, settleMilliseconds: Int64) -> Bool
    {
        if isRunning {
            return false
        }
        switch payment.state {
        case .incomplete, .deposited, .reservePending, .reserved:
            return true
        case .reconciling, .depositPending:
            return now - (payment.depositStartedAt ?? payment.updatedAt) >= settleMilliseconds
        case .started, .verified:
            return false
        }
    }
}

/// Remembers when each unresolved payment was last warned about, so that a payment stuck for
/// days logs one warning per interval, not one per request.
final class UnresolvedWarnings: Sendable {
    private let lastWarned = Mutex<[String: Int64]>([:])

    /// Returns the ids among `paymentIDs` that are due a warning at `now`, and drops the ids
    /// that are no longer unresolved.
    func due(_ paymentIDs: [String], now: Int64, interval: Int64) -> [String] {
        self.dueAndNew(paymentIDs, now: now, interval: interval).due
    }

    /// Like `due`, and also returns the ids this process had not seen unresolved before.
    func dueAndNew(_ paymentIDs: [String], now: Int64, interval: Int64) -> (due: [String], new: [String]) {
        self.lastWarned.withLock { lastWarned in
            let current = Set(paymentIDs)
            lastWarned = lastWarned.filter { current.contains($0.key) }
            var due: [String] = []
            var new: [String] = []
            for id in paymentIDs {
                if lastWarned[id] == nil {
                    new.append(id)
                }
                if now - (lastWarned[id] ?? Int64.min / 2) >= interval {
                    lastWarned[id] = now
                    due.append(id)
                }
            }
            return (due, new)
        }
    }
}

extension PaymentService {
    /// Lists the payments that need an operator, updates the gauge, and warns about each
    /// (at most once per `unresolvedWarningInterval`).
    @discardableResult
    func refreshUnresolved() async throws -> [PaymentRecord] {
        let now = self.nowMilliseconds()
        let candidates = try await self.store.payments(
            inStates: UnresolvedPayments.candidateStates,
            limit: PaymentLimits.maxListedPayments
        )
        let unresolved = candidates.filter {
            UnresolvedPayments.needsOperator(
                $0,
                isRunning: self.running.contains($0.paymentID),
                now: now,
                settleMilliseconds: self.settleMilliseconds
            )
        }
        self.metrics.unresolved.set(Double(unresolved.count))

        let interval = PaymentLimits.milliseconds(PaymentLimits.unresolvedWarningInterval)
        let (dueIDs, newIDs) = self.warnings.dueAndNew(unresolved.map(\.paymentID), now: now, interval: interval)
        let due = Set(dueIDs)
        let new = Set(newIDs)
        for payment in unresolved where due.contains(payment.paymentID) {
            self.services.logger.warning(
                "Payment needs an operator",
                metadata: [
                    "payment.id": .string(payment.paymentID),
                    "order.id": .string(payment.orderID),
                    "payment.state": .string(payment.state.rawValue),
                    "payment.deposited": .string(DecimalText.string(from: payment.depositedAmount)),
                    "payment.reserved": .string(DecimalText.string(from: payment.reservedAmount)),
                    "payment.last_error": .string(payment.lastError ?? ""),
                ]
            )
        }
        // NOTE: "new" is judged in memory, so after a restart a still unresolved payment
        // records its event once more; the shop de-duplicates by payment id.
        for payment in unresolved where new.contains(payment.paymentID) {
            _ = try await EventRecorder.paymentUnresolved(
                orderID: payment.orderID,
                paymentID: payment.paymentID,
                state: payment.state.rawValue,
                depositedAmount: payment.depositedAmount,
                reservedAmount: payment.reservedAmount,
                detail: payment.lastError ?? "the payment stopped before the order was paid",
                services: self.services
            )
        }
        return unresolved
    }
}
