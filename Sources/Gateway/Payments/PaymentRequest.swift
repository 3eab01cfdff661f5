import Foundation
import HTTPServer
import Store

/// The validated body of `POST /orders/{id}/pay`: `{"amount": "118.00", "comment": "..."}`,
/// both optional.
public struct PaymentRequest: Sendable, Equatable {
    /// The amount to pay; nil pays what remains of the order.
    public var amount: Decimal?
    public var comment: String?

    public init(amount: Decimal? = nil, comment: String? = nil) {
        self.amount = amount
        self.comment = comment
    }

    /// Validates the members of the body; every invalid field is listed in one 400 problem.
    public static func parse(_ members: [(key: String, value: JSONValue)]) throws(Problem) -> PaymentRequest {
        var request = PaymentRequest()
        var errors: [Problem.FieldError] = []
        for (key, value) in members {
            switch key {
            case "amount":
                switch self.parseAmount(value) {
                case .valid(let amount): request.amount = amount
                case .invalid(let error): errors.append(error)
                }
            case "comment":
                switch self.parseComment(value) {
                case .valid(let comment): request.comment = comment
                case .invalid(let error): errors.append(error)
                }
            default:
                errors.append(
                    Problem.FieldError(field: key, message: "is not a field of a payment; use amount or comment")
                )
            }
        }
        guard errors.isEmpty else {
            throw Problem.badRequest("The payment request has invalid fields.", fieldErrors: errors)
        }
        return request
    }

    /// Parses a money string strictly: digits, an optional `.` and at most two decimals, greater
    /// than zero. Numbers, exponents, signs and `,` are rejected so that no amount passes
    /// through binary floating point or a locale.
    static func parseAmount(_ value: JSONValue) -> FieldCheck<Decimal?> {
        let field = "amount"
        let text: String
        switch value {
        case .null:
            return .valid(nil)
        case .string(let string):
            text = string
        default:
            return .invalid(
                Problem.FieldError(
                    field: field,
                    message: "must be a decimal string such as \"118.00\", got \(value.typeName)"
                )
            )
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !text.hasPrefix("-"), let amount = DecimalText.decimal(from: text) else {
            return .invalid(
                Problem.FieldError(
                    field: field,
                    message: "must be a positive decimal such as \"118.00\", got \"\(text)\""
                )
            )
        }
        if parts.count == 2, parts[1].count > PaymentLimits.amountFractionDigits {
            return .invalid(
                Problem.FieldError(
                    field: field,
                    message: "must have at most \(PaymentLimits.amountFractionDigits) decimals, got \"\(text)\""
                )
            )
        }
        if parts[0].drop(while: { $0 == "0" }).count > PaymentLimits.maxAmountIntegerDigits {
            return .invalid(
                Problem.FieldError(
                    field: field,
                    message: "must have at most \(PaymentLimits.maxAmountIntegerDigits) integer digits"
                )
            )
        }
        guard amount > 0 else {
            return .invalid(Problem.FieldError(field: field, message: "must be greater than zero, got \"\(text)\""))
        }
        return .valid(amount)
    }

    /// Accepts up to `maxCommentLength` characters without control characters other than
    /// line feed and tab.
    static func parseComment(_ value: JSONValue) -> FieldCheck<String?> {
        let field = "comment"
        switch value {
        case .null:
            return .valid(nil)
        case .string(let text):
            guard text.count <= PaymentLimits.maxCommentLength else {
                return .invalid(
                    Problem.FieldError(
                        field: field,
                        message: "must have at most \(PaymentLimits.maxCommentLength) characters, got \(text.count)"
                    )
                )
            }
            let forbidden = text.unicodeScalars.first { scalar in
                scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
            }
            if let forbidden {
                let code = "U+" + String(forbidden.value, radix: 16, uppercase: true)
                return .invalid(
                    Problem.FieldError(field: field, message: "must not contain the control character \(code)")
                )
            }
            return .valid(text.isEmpty ? nil : text)
        default:
            return .invalid(Problem.FieldError(field: field, message: "must be a string, got \(value.typeName)"))
        }
    }

    /// Encodes the request in one canonical form (amount with two decimals, fixed member order), so
    /// that `"118"` and `"118.00"` hash alike for `Idempotency-Key` comparisons.
    func canonicalJSON() -> [UInt8] {
        JSONWriter.encode(
            .object([
                ("amount", self.amount.map { .string(DecimalText.string(from: $0, fractionDigits: 2)) } ?? .null),
                ("comment", self.comment.map(JSONValue.string) ?? .null),
            ])
        )
    }
}

/// The result of checking one field.
enum FieldCheck<Value: Sendable>: Sendable {
    case valid(Value)
    case invalid(Problem.FieldError)
}
