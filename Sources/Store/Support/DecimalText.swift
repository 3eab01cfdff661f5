import Foundation

/// Decimal amounts as the store keeps them: TEXT with `.` as the separator, whatever the
/// process locale, and never a binary floating-point value.
public enum DecimalText {
    /// Foundation's `Decimal` stores at most 38 significant digits; longer input would be rounded.
    public static let maximumSignificantDigits = 38

    /// Formats `value` exactly, with no exponent and no grouping: `1234.5`, `-0.05`, `100`.
    ///
    /// Builds the text from the integer significand and the exponent, so no locale-aware
    /// formatter is involved. Returns `"NaN"` for a NaN, which `decimal(from:)` rejects.
    public static func string(from value: Decimal) -> String {
        if value.isNaN {
            return "NaN"
        }
        if value.isZero {
            return "0"
        }

        // For a finite Decimal, `significand` is a non-negative integer with exponent 0, so its
        // description is a plain run of digits.
        var digits = value.significand.description
        let exponent = value.exponent
        if exponent > 0 {
            digits += String(repeating: "0", count: exponent)
        } else if exponent < 0 {
            let fractionCount = -exponent
            if digits.count <= fractionCount {
                digits = String(repeating: "0", count: fractionCount - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fractionCount))
        }
        return value.sign == .minus ? "-" + digits : digits
    }

    /// Formats `value` rounded half away from zero to exactly `fractionDigits` places: `118.00`.
    public static func string(from value: Decimal, fractionDigits: Int) -> String {
        precondition(fractionDigits >= 0, "fractionDigits must not be negative")
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, fractionDigits, .plain)

        var text = self.string(from: rounded)
        guard fractionDigits > 0, !rounded.isNaN else { return text }
        let present = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        if let present {
            text += String(repeating: "0", count: fractionDigits - present)
        } else {
            text += "." + String(repeating: "0", count: fractionDigits)
        }
        return text
    }

    /// Parses `-?DIGITS[.DIGITS]` strictly: no exponent, no `+`, no spaces, no grouping, no `,`.
    /// Returns nil for anything else, including more than 38 significant digits.
    public static func decimal(from text: String) -> Decimal? {
        var utf8 = Substring(text).utf8[...]
        if utf8.first == UInt8(ascii: "-") {
            utf8 = utf8.dropFirst()
        }
        let parts = utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, !integerPart.isEmpty else { return nil }
        if parts.count == 2 && parts[1].isEmpty {
            return nil
        }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard parts.allSatisfy({ $0.allSatisfy(isDigit) }) else { return nil }

        let significant = parts.joined().drop { $0 == UInt8(ascii: "0") }
        guard significant.count <= self.maximumSignificantDigits else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
