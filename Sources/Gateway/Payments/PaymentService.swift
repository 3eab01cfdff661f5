import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

/// The I/O shell of payments. It reads OT, gets the next action from `PaymentStateMachine`,
/// journals each step before and after its OT call, and turns the outcome into a response or a
/// problem.
///
/// Every money step of one OT customer runs under that customer's lock, because all orders
/// share the customer's balance: one payment must not spend another's deposit in flight.
final class PaymentService: Sendable {
    let services: GatewayServices
    let locks = CustomerLocks()
    /// Payment ids being driven by a request in this process.
    let running = RunningKeys()
    /// Milliseconds after which a money call with an unknown outcome counts as not carried out.
    let settleMilliseconds: Int64
    let metrics: PaymentMetrics
    let warnings: UnresolvedWarnings

    init(services: GatewayServices) {
        self.services = services
        self.settleMilliseconds = PaymentLimits.milliseconds(
            PaymentLimits.settleTime(writeTimeout: services.configuration.otAPI.writeTimeout)
        )
        self.metrics = PaymentMetrics(registry: services.metrics)
        self.warnings = UnresolvedWarnings()
    }

    var store: Store { self.services.store }
    var otapi: OTAPIClient { self.services.otapi }

    func nowMilliseconds() -> Int64 {
        UnixTime.milliseconds(from: self.services.now())
    }

    /// Pays `orderID` as `request` specifies and returns the `200` body, or throws a `Problem`
    /// (or a store error). `paymentID` is the id derived from the request's `Idempotency-Key`,
    /// nil without a key.
    func pay(orderID: String, request: PaymentRequest, paymentID: String?, logger: Logger) async throws -> JSONValue {
        let details = try await self.readOrder(orderID, payment: nil)
        let order = details.order
        guard let customerID = order.customerId, !customerID.isEmpty else {
            throw OTProblemMapping.problem(
                for: OTAPIError(.decoding(path: "SalesOrderInfo/CustId", method: "GetSalesOrderDetailsForOperator"))
            )
        }
        if order.isCancelled == true {
            throw PaymentProblems.orderCancelled(orderID)
        }
        let context = PaymentContext(
            orderID: orderID,
            customerID: customerID,
            orderCurrency: order.currencyCode,
            request: request,
            paymentID: paymentID,
            logger: logger.with(["order.id": .string(orderID), "customer.id": .string(customerID)])
        )
        let settled = try await self.locks.withLock(customerID) {
            try await self.payLocked(context)
        }
        // Built after the lock is released: only reads remain, and other payments can go on.
        return try await self.answer(context, payment: settled.payment)
    }

    /// Finishes any open payment of the order, then pays what the request specifies. OT is read
    /// again between the two, so the second sees the first's effect.
    private func payLocked(_ context: PaymentContext) async throws -> SettledPayment {
        var completed: [PaymentRecord] = []
        for _ in 0..<PaymentLimits.maxPaymentsPerRequest {
            if let open = try await self.openPayment(orderID: context.orderID) {
                completed.append(try await self.drive(open, context: context))
                continue
            }

            if let requested = context.paymentID,
                let done = try await self.verifiedPayment(requested, among: completed)
            {
                return SettledPayment(payment: done)
            }

            let info = try await self.readPaymentInfo(context, payment: nil)
            let remaining = try Self.remaining(info)
            if let amount = context.request.amount {
                guard amount <= remaining else {
                    throw PaymentProblems.amountExceedsRemaining(
                        amount: amount,
                        remaining: remaining,
                        currency: info.currencyCode ?? context.orderCurrency ?? ""
                    )
                }
            } else if remaining <= 0 {
                let latest = try await self.latestVerifiedPayment(orderID: context.orderID)
                return SettledPayment(payment: completed.last ?? latest)
            }

            let created = try await self.createPayment(
                context,
                amount: context.request.amount ?? remaining,
                currency: info.currencyCode ?? context.orderCurrency ?? ""
            )
            let finished = try await self.drive(created, context: context)
            if context.request.amount != nil {
                return SettledPayment(payment: finished)
            }
            completed.append(finished)
        }
        let last = try await self.latestPayment(orderID: context.orderID)
        throw PaymentProblems.incomplete(
            last ?? Self.placeholder(context),
            remaining: nil,
            detail: "The order was not paid after \(PaymentLimits.maxPaymentsPerRequest) payments in one request; "
                + "check the order in OT."
        )
    }

    private func createPayment(_ context: PaymentContext, amount: Decimal, currency: String) async throws
        -> PaymentRecord
    {
        let now = self.nowMilliseconds()
        let paymentID = context.paymentID ?? "pay-" + UUID().uuidString.lowercased()
        let record = PaymentRecord(
            paymentID: paymentID,
            orderID: context.orderID,
            customerID: context.customerID,
            state: .started,
            amount: amount,
            currency: currency,
            createdAt: now,
            updatedAt: now
        )
        let detail = "amount=\(DecimalText.string(from: amount)) explicit=\(context.request.amount != nil)"
        try await self.store.insertPayment(
            record,
            step: PaymentStepEntry(
                paymentID: paymentID,
                step: PaymentStep.create,
                phase: .after,
                detail: detail,
                at: now
            )
        )
        context.logger.info(
            "Payment started",
            metadata: ["payment.id": .string(paymentID), "payment.amount": .string(DecimalText.string(from: amount))]
        )
        return record
    }

    /// Builds the `200` body with the order read again from OT.
    private func answer(_ context: PaymentContext, payment: PaymentRecord?) async throws -> JSONValue {
        let details = try await self.readOrder(context.orderID, payment: payment)
        let packages: [SalesPackage]
        do {
            packages = try await self.otapi.getSalesPackageList(salesId: context.orderID)
        } catch {
            // The money is settled, so a failed package read must not turn the response into an error.
            context.logger.warning(
                "Reading the packages for the payment response failed; responding without them",
                metadata: ["otapi.error": .string(error.description)]
            )
            packages = []
        }
        let externalID = try await self.store.gatewayOrder(orderID: context.orderID)?.externalID
        let latest = try await self.latestPayment(orderID: context.orderID)
        let order = OrderRepresentation.json(
            details: details,
            packages: packages,
            externalID: externalID,
            payment: PaymentRepresentation.orderPayment(latest)
        )
        let remaining = max(0, details.order.remainAmount ?? 0)
        return PaymentRepresentation.answer(
            orderID: context.orderID,
            payment: payment,
            remaining: details.order.isPaid == true ? 0 : remaining,
            currency: details.order.currencyCode ?? payment?.currency ?? "",
            order: order
        )
    }

    static func placeholder(_ context: PaymentContext) -> PaymentRecord {
        PaymentRecord(
            paymentID: context.paymentID ?? "",
            orderID: context.orderID,
            customerID: context.customerID,
            state: .incomplete,
            amount: 0,
            currency: context.orderCurrency ?? "",
            createdAt: 0,
            updatedAt: 0
        )
    }
}

/// The payment a request reports in its response; nil when the order was paid without one.
struct SettledPayment: Sendable {
    var payment: PaymentRecord?
}

/// The order, customer and request of one `/pay` call, passed through the service's steps.
struct PaymentContext: Sendable {
    var orderID: String
    var customerID: String
    var orderCurrency: String?
    var request: PaymentRequest
    var paymentID: String?
    var logger: Logger
}
