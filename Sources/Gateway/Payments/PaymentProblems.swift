import Foundation
import HTTPServer
import OTAPI
import Store

/// The problems `/pay` responds with, carrying the payment's amounts as extensions where money moved.
enum PaymentProblems {
    static func idempotencyKeyRequired() -> Problem {
        Problem(
            status: HTTPStatus(code: 428),
            code: "idempotency_key_required",
            title: "Idempotency-Key required",
            detail:
                "A payment with an explicit amount needs an Idempotency-Key header, so that a retry cannot pay twice."
        )
    }

    static func invalidIdempotencyKey() -> Problem {
        Problem.badRequest(
            "The Idempotency-Key header must be 1 to \(IdempotencyKeyHeader.maxLength) visible ASCII characters.",
            fieldErrors: [.init(field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters")]
        )
    }

    static func idempotencyKeyInUse() -> Problem {
        Problem(
            status: .conflict,
            code: "idempotency_key_in_use",
            title: "Idempotency-Key in use",
            detail: "A request with this Idempotency-Key is still running; retry when it has finished.",
            headers: ["Retry-After": String(OTProblemMapping.retryAfterSeconds)]
        )
    }

    static func idempotencyKeyReused() -> Problem {
        Problem(
            status: HTTPStatus(code: 422),
            code: "idempotency_key_reused",
            title: "Idempotency-Key reused",
            detail: "This Idempotency-Key was used for a different payment request; use a new key for a new request."
        )
    }

    static func amountExceedsRemaining(amount: Decimal, remaining: Decimal, currency: String) -> Problem {
        Problem(
            status: HTTPStatus(code: 422),
            code: "amount_exceeds_remaining",
            title: "Amount exceeds what remains",
            detail: "The amount \(PaymentStateMachine.text(amount)) \(currency) exceeds the "
                + "\(PaymentStateMachine.text(remaining)) \(currency) that remains to be paid on the order.",
            extensions: [("remainAmount", Problem.quote(PaymentStateMachine.text(remaining)))]
        )
    }

    static func orderCancelled(_ orderID: String) -> Problem {
        Problem(
            status: .conflict,
            code: "order_cancelled",
            title: "The order is cancelled",
            detail: "The order \(orderID) is cancelled and cannot be paid."
        )
    }

    static func currencyMismatch(orderID: String, orderCurrency: String, paymentCurrency: String) -> Problem {
        Problem(
            status: .conflict,
            code: "currency_mismatch",
            title: "Currency mismatch",
            detail: "OT reports the payment of \(orderID) in \(paymentCurrency) but the order in \(orderCurrency); "
                + "no money was moved. Check the currencies configured in OT."
        )
    }

    /// 502 `payment_incomplete`: a step failed or the order is not paid after the steps.
    static func incomplete(_ payment: PaymentRecord, remaining: Decimal?, detail: String) -> Problem {
        Problem(
            status: .badGateway,
            code: "payment_incomplete",
            title: "Payment incomplete",
            detail: detail,
            extensions: self.amounts(payment, state: "incomplete", remaining: remaining)
        )
    }

    /// 503 `payment_reconciling`: a money call's outcome is not known yet; nothing is sent again
    /// until it is.
    static func reconciling(_ payment: PaymentRecord, remaining: Decimal?, retryAfter: Int) -> Problem {
        Problem(
            status: .serviceUnavailable,
            code: "payment_reconciling",
            title: "Payment being reconciled",
            detail: "The outcome of a money call for payment \(payment.paymentID) is not known yet; "
                + "retry with the same Idempotency-Key. Nothing is deposited again until it is known.",
            extensions: self.amounts(payment, state: "reconciling", remaining: remaining),
            headers: ["Retry-After": String(retryAfter)]
        )
    }

    /// Maps a failed OT read like other routes do and adds the amounts when a payment exists.
    static func otFailure(_ error: OTAPIError, payment: PaymentRecord?, remaining: Decimal?) -> Problem {
        if case .ot(let code, _, _, _, _) = error.code, code == "NotFound", payment == nil {
            return Problem.notFound("OT does not know the order: \(error.description)")
        }
        var problem = OTProblemMapping.problem(for: error)
        if let payment {
            let state = payment.state == .reconciling || payment.state == .depositPending ? "reconciling" : "incomplete"
            problem.extensions += self.amounts(payment, state: state, remaining: remaining)
        }
        return problem
    }

    static func amounts(_ payment: PaymentRecord, state: String, remaining: Decimal?) -> [(name: String, json: String)]
    {
        [
            ("state", Problem.quote(state)),
            ("paymentId", Problem.quote(payment.paymentID)),
            ("depositedAmount", Problem.quote(PaymentStateMachine.text(payment.depositedAmount))),
            ("reservedAmount", Problem.quote(PaymentStateMachine.text(payment.reservedAmount))),
            ("remainAmount", remaining.map { Problem.quote(PaymentStateMachine.text($0)) } ?? "null"),
            ("currency", Problem.quote(payment.currency)),
        ]
    }
}

/// The `Idempotency-Key` header's syntax.
enum IdempotencyKeyHeader {
    static let name = "Idempotency-Key"
    static let maxLength = 255

    /// Returns whether `key` is 1 to 255 visible ASCII characters (0x21 to 0x7E).
    static func isValid(_ key: String) -> Bool {
        (1...self.maxLength).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
