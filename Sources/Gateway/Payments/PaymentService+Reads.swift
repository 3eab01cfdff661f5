import Foundation
import OTAPI
import Store

/// OT reads and journal queries of the payment flow.
extension PaymentService {
    func readOrder(_ orderID: String, payment: PaymentRecord?) async throws -> OrderDetails {
        do {
            return try await self.otapi.getSalesOrderDetailsForOperator(salesId: orderID)
        } catch {
            throw PaymentProblems.otFailure(error, payment: payment, remaining: nil)
        }
    }

    /// Reads `GetSalesPaymentInfo` and checks its currency against the order's.
    func readPaymentInfo(_ context: PaymentContext, payment: PaymentRecord?) async throws -> SalesPaymentInfo {
        let info: SalesPaymentInfo
        do {
            info = try await self.otapi.getSalesPaymentInfo(salesId: context.orderID)
        } catch {
            throw PaymentProblems.otFailure(error, payment: payment, remaining: nil)
        }
        if let paymentCurrency = info.currencyCode, let orderCurrency = context.orderCurrency,
            !paymentCurrency.isEmpty, !orderCurrency.isEmpty, paymentCurrency != orderCurrency
        {
            throw PaymentProblems.currencyMismatch(
                orderID: context.orderID,
                orderCurrency: orderCurrency,
                paymentCurrency: paymentCurrency
            )
        }
        return info
    }

    /// `SalesAmount − SalesPaid`, never negative; OT must report `SalesAmount`.
    static func remaining(_ info: SalesPaymentInfo) throws -> Decimal {
        guard let amount = info.salesAmount else {
            throw OTProblemMapping.problem(
                for: OTAPIError(.decoding(path: "Result/SalesAmount", method: "GetSalesPaymentInfo"))
            )
        }
        return max(0, amount - (info.salesPaid ?? 0))
    }

    func facts(_ info: SalesPaymentInfo, payment: PaymentRecord) async throws -> PaymentFacts {
        let open = try await self.store.payments(inStates: Self.openStates)
        let sameCustomer = open.filter { $0.customerID == payment.customerID }
        return PaymentFacts(
            remaining: try Self.remaining(info),
            salesPaid: info.salesPaid ?? 0,
            balance: info.customerBalanceAvailable,
            heldForOthers: PaymentFacts.heldForOthers(sameCustomer, excluding: payment.paymentID)
        )
    }

    /// Every state but `verified`: a payment in one of them may still move money.
    static let openStates = PaymentState.allCases.filter { $0 != .verified }

    /// The order's newest payment when it is not verified: the one a retry resumes.
    func openPayment(orderID: String) async throws -> PaymentRecord? {
        guard let latest = try await self.latestPayment(orderID: orderID), latest.state != .verified else {
            return nil
        }
        return latest
    }

    func latestPayment(orderID: String) async throws -> PaymentRecord? {
        try await self.store.payments(orderID: orderID).first
    }

    func latestVerifiedPayment(orderID: String) async throws -> PaymentRecord? {
        try await self.store.payments(orderID: orderID).first { $0.state == .verified }
    }

    /// The verified payment `paymentID`, from this request's results or the journal.
    func verifiedPayment(_ paymentID: String, among completed: [PaymentRecord]) async throws -> PaymentRecord? {
        if let done = completed.first(where: { $0.paymentID == paymentID && $0.state == .verified }) {
            return done
        }
        guard let stored = try await self.store.payment(paymentID: paymentID), stored.state == .verified else {
            return nil
        }
        return stored
    }
}
