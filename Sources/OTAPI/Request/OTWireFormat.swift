import Foundation

/// Formats of values in OT parameters, independent of the process locale.
public enum OTWireFormat {
    public static func bool(_ value: Bool) -> String {
        value ? "true" : "false"
    }

    /// Formats a decimal with `.` as the separator and no exponent (`100.1`, `0.00000001`).
    /// Trailing zeros after the point are dropped: `100.10` is written `100.1`.
    public static func decimal(_ value: Decimal) -> String {
        // Decimal.description is locale-independent and never uses an exponent (checked on
        // swift-corelibs-foundation with Swift 6.3.1); a test pins that.
        value.description
    }

    /// Formats a money amount like `decimal`, but with at least two fraction digits (`100.10`,
    /// `118.00`), so the amount sent to OT reads exactly as the shop's decimal string did.
    public static func money(_ value: Decimal) -> String {
        let text = self.decimal(value)
        guard let point = text.firstIndex(of: ".") else { return text + ".00" }
        let fractionDigits = text.distance(from: text.index(after: point), to: text.endIndex)
        return fractionDigits >= 2 ? text : text + String(repeating: "0", count: 2 - fractionDigits)
    }

    /// Formats `yyyy-MM-ddTHH:mm:ss` in UTC, used for `transactionDate`, `fromDate` and `toDate`.
    /// NOTE: OT publishes no accepted date format. The OT Box sends local time as
    /// `yyyy-MM-dd hh-mm-ss`, so ISO 8601 without a zone is a guess to verify on a live key.
    public static func dateTime(_ date: Date) -> String {
        let parts = self.utcComponents(date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d",
            parts.year!,
            parts.month!,
            parts.day!,
            parts.hour!,
            parts.minute!,
            parts.second!
        )
    }

    /// Formats the signing `timestamp`: UTC `yyyyMMddHHmmss`.
    public static func timestamp(_ date: Date) -> String {
        let parts = self.utcComponents(date)
        return String(
            format: "%04d%02d%02d%02d%02d%02d",
            parts.year!,
            parts.month!,
            parts.day!,
            parts.hour!,
            parts.minute!,
            parts.second!
        )
    }

    private static func utcComponents(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
