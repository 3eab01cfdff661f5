import Foundation
import Testing

@testable import Store

@Suite struct DecimalTextTests {
    @Test(arguments: [
        ("1234.50", "1234.5"),
        ("0.05", "0.05"),
        ("-0.000123", "-0.000123"),
        ("100", "100"),
        ("0", "0"),
        ("-12.5", "-12.5"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
    ])
    func formatsExactly(input: String, expected: String) throws {
        let value = try #require(DecimalText.decimal(from: input))
        #expect(DecimalText.string(from: value) == expected)
    }

    @Test func formatsLargeExponentWithoutScientificNotation() {
        let value = Decimal(sign: .plus, exponent: 5, significand: 12)
        #expect(DecimalText.string(from: value) == "1200000")
    }

    @Test(arguments: [
        ("118", 2, "118.00"),
        ("1234.5", 2, "1234.50"),
        ("2.345", 2, "2.35"),
        ("-2.345", 2, "-2.35"),
        ("0.004", 2, "0.00"),
        ("7.5", 0, "8"),
    ])
    func formatsWithFractionDigits(input: String, digits: Int, expected: String) throws {
        let value = try #require(DecimalText.decimal(from: input))
        #expect(DecimalText.string(from: value, fractionDigits: digits) == expected)
    }

    @Test(arguments: ["", "-", "1.", ".5", "1,5", "1e5", "+1", " 1", "1 ", "12abc", "NaN", "1.2.3", "١٢"])
    func rejectsMalformedText(input: String) {
        #expect(DecimalText.decimal(from: input) == nil)
    }

    @Test func rejectsMoreDigitsThanDecimalHolds() {
        #expect(DecimalText.maximumSignificantDigits == 38)
        #expect(DecimalText.decimal(from: String(repeating: "9", count: 39)) == nil)
        #expect(DecimalText.decimal(from: "0.000" + String(repeating: "1", count: 38)) != nil)
    }

    @Test func nanIsNotStorable() {
        #expect(throws: StoreError.self) {
            _ = try SQLiteValue.decimal(Decimal.nan)
        }
    }
}
