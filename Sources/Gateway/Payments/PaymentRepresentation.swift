import Foundation
import Observability
import Store

/// The JSON of payments: the `/pay` response, the entries of `GET /payments`, and the `payment`
/// member of the order object.
public enum PaymentRepresentation {
    /// The `payment` member of an order, from the order's latest journal record: `{"state":
    /// "none"}` without one. `state` is the journal state (`verified`, `incomplete`,
    /// `reconciling`, `deposit_pending`, …).
    public static func orderPayment(_ payment: PaymentRecord?) -> JSONValue {
        guard let payment else {
            return .object([("state", .string("none"))])
        }
        return .object([
            ("state", .string(payment.state.rawValue)),
            ("paymentId", .string(payment.paymentID)),
            ("amount", self.money(payment.amount)),
            ("depositedAmount", self.money(payment.depositedAmount)),
            ("reservedAmount", self.money(payment.reservedAmount)),
            ("updatedAt", .string(self.time(payment.updatedAt))),
            ("lastError", payment.lastError.map(JSONValue.string) ?? .null),
        ])
    }

    /// Builds the `200` body of `/pay`. `state` is `paid` when the order is paid, and
    /// `partially_paid` when an explicit amount was paid and the order still has a remainder.
    static func answer(
        orderID: String,
        payment: PaymentRecord?,
        remaining: Decimal,
        currency: String,
        order: JSONValue
    ) -> JSONValue {
        .object([
            ("orderId", .string(orderID)),
            ("state", .string(remaining > 0 ? "partially_paid" : "paid")),
            ("paymentId", payment.map { .string($0.paymentID) } ?? .null),
            ("depositedAmount", self.money(payment?.depositedAmount ?? 0)),
            ("reservedAmount", self.money(payment?.reservedAmount ?? 0)),
            ("remainAmount", self.money(remaining)),
            ("currency", .string(currency)),
            ("order", order),
        ])
    }

    /// One entry of `GET /payments`; `state` is the journal state.
    static func listEntry(_ payment: PaymentRecord) -> JSONValue {
        .object([
            ("paymentId", .string(payment.paymentID)),
            ("orderId", .string(payment.orderID)),
            ("state", .string(payment.state.rawValue)),
            ("amount", self.money(payment.amount)),
            ("depositedAmount", self.money(payment.depositedAmount)),
            ("reservedAmount", self.money(payment.reservedAmount)),
            ("currency", .string(payment.currency)),
            ("createdAt", .string(self.time(payment.createdAt))),
            ("updatedAt", .string(self.time(payment.updatedAt))),
            ("lastError", payment.lastError.map(JSONValue.string) ?? .null),
        ])
    }

    static func money(_ amount: Decimal) -> JSONValue {
        .string(DecimalText.string(from: amount, fractionDigits: PaymentLimits.amountFractionDigits))
    }

    static func time(_ milliseconds: Int64) -> String {
        RFC3339.format(UnixTime.date(fromMilliseconds: milliseconds))
    }
}
