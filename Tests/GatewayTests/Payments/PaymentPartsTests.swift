import Foundation
import HTTPServer
import OTAPI
import Store
import Testing

@testable import Gateway

@Suite struct PaymentPartsTests {
    @Test func limitsArePinned() {
        #expect(PaymentLimits.amountFractionDigits == 2)
        #expect(PaymentLimits.maxAmountIntegerDigits == 12)
        #expect(PaymentLimits.maxCommentLength == 1000)
        #expect(PaymentLimits.settleMargin == .seconds(30))
        #expect(PaymentLimits.settleTime(writeTimeout: .seconds(60)) == .seconds(90))
        #expect(PaymentLimits.milliseconds(.seconds(90)) == 90_000)
        #expect(PaymentLimits.depositCommentMarker == "otgw-pay:")
        #expect(PaymentLimits.maxStepsPerRequest == 12)
        #expect(PaymentLimits.maxPaymentsPerRequest == 3)
        #expect(PaymentLimits.unresolvedWarningInterval == .seconds(300))
        #expect(PaymentRoutes.maxPayBodyBytes == 16 * 1024)
        #expect(IdempotencyKeyHeader.maxLength == 255)
    }

    @Test(arguments: [
        ("0.29", "0.29"), ("19.99", "19.99"), ("100.10", "100.1"), ("118", "118"), ("007.5", "7.5"),
    ])
    func amountAccepted(text: String, expected: String) throws {
        let request = try PaymentRequest.parse([("amount", .string(text))])
        #expect(request.amount == Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test(arguments: ["1e2", "-5", "0", "0.00", "100.105", "1,50", " 1", "+1", "", "1.", ".5", "NaN", "1234567890123"])
    func amountRejected(text: String) {
        #expect(throws: Problem.self) { try PaymentRequest.parse([("amount", .string(text))]) }
    }

    @Test func amountAsNumberRejected() throws {
        let problem = try #require(throws: Problem.self) { try PaymentRequest.parse([("amount", .number("118.00"))]) }
        #expect(problem.fieldErrors.first?.field == "amount")
    }

    @Test func unknownFieldRejected() throws {
        let problem = try #require(throws: Problem.self) {
            try PaymentRequest.parse([("amount", .string("1.00")), ("currency", .string("CNY"))])
        }
        #expect(problem.status.code == 400)
        #expect(problem.fieldErrors.map(\.field) == ["currency"])
    }

    @Test func commentRules() throws {
        let ok = try PaymentRequest.parse([("comment", .string("line one\n\tline two"))])
        #expect(ok.comment == "line one\n\tline two")
        #expect(throws: Problem.self) { try PaymentRequest.parse([("comment", .string("bell\u{07}"))]) }
        #expect(throws: Problem.self) { try PaymentRequest.parse([("comment", .string("cr\r"))]) }
        #expect(throws: Problem.self) {
            try PaymentRequest.parse([("comment", .string(String(repeating: "x", count: 1001)))])
        }
        let longest = try PaymentRequest.parse([("comment", .string(String(repeating: "é", count: 1000)))])
        #expect(longest.comment?.count == 1000)
    }

    @Test func canonicalFormIgnoresTrailingZeros() throws {
        let short = try PaymentRequest.parse([("amount", .string("118"))])
        let long = try PaymentRequest.parse([("amount", .string("118.00"))])
        #expect(short.canonicalJSON() == long.canonicalJSON())
        #expect(String(decoding: long.canonicalJSON(), as: UTF8.self) == #"{"amount":"118.00","comment":null}"#)
    }

    @Test func idempotencyKeySyntax() {
        #expect(IdempotencyKeyHeader.isValid("order-1001-pay"))
        #expect(IdempotencyKeyHeader.isValid(String(repeating: "k", count: 255)))
        #expect(!IdempotencyKeyHeader.isValid(""))
        #expect(!IdempotencyKeyHeader.isValid("has space"))
        #expect(!IdempotencyKeyHeader.isValid("ключ"))
        #expect(!IdempotencyKeyHeader.isValid(String(repeating: "k", count: 256)))
    }

    @Test func depositTokenMatchesWholeWordOnly() {
        let token = DepositComment.token(paymentID: "pay-ab", attempt: 17)
        #expect(token == "otgw-pay:pay-ab.17")
        let comment = DepositComment.make(token: token, orderID: "ORD-0000000001", shopComment: "gift")
        #expect(comment == "otgw-pay:pay-ab.17 ORD-0000000001 gift")
        #expect(DepositComment.token(in: comment) == token)
        #expect(DepositComment.token(in: "manual top-up") == nil)
    }

    @Test func unresolvedRules() {
        func record(_ state: PaymentState, startedAt: Int64? = nil) -> PaymentRecord {
            PaymentRecord(
                paymentID: "pay-1",
                orderID: "ORD-0000000001",
                customerID: "1",
                state: state,
                amount: 1,
                currency: "CNY",
                createdAt: 0,
                updatedAt: 0,
                depositStartedAt: startedAt
            )
        }
        let settle: Int64 = 1000
        #expect(
            UnresolvedPayments.needsOperator(record(.incomplete), isRunning: false, now: 0, settleMilliseconds: settle)
        )
        #expect(
            UnresolvedPayments.needsOperator(record(.deposited), isRunning: false, now: 0, settleMilliseconds: settle)
        )
        #expect(
            !UnresolvedPayments.needsOperator(record(.deposited), isRunning: true, now: 0, settleMilliseconds: settle)
        )
        #expect(
            !UnresolvedPayments.needsOperator(
                record(.reconciling, startedAt: 0),
                isRunning: false,
                now: 999,
                settleMilliseconds: settle
            )
        )
        #expect(
            UnresolvedPayments.needsOperator(
                record(.reconciling, startedAt: 0),
                isRunning: false,
                now: 1000,
                settleMilliseconds: settle
            )
        )
        #expect(
            !UnresolvedPayments.needsOperator(record(.verified), isRunning: false, now: 0, settleMilliseconds: settle)
        )
        #expect(
            !UnresolvedPayments.needsOperator(record(.started), isRunning: false, now: 0, settleMilliseconds: settle)
        )
    }

    @Test func warningsAreRateLimited() {
        let warnings = UnresolvedWarnings()
        #expect(warnings.due(["a", "b"], now: 0, interval: 100) == ["a", "b"])
        #expect(warnings.due(["a", "b"], now: 50, interval: 100).isEmpty)
        #expect(warnings.due(["a"], now: 100, interval: 100) == ["a"])
        // "b" was resolved and forgotten, so it warns at once when it comes back.
        #expect(warnings.due(["a", "b"], now: 120, interval: 100) == ["b"])
    }
}
