import Foundation

/// Times in the store are `Int64` milliseconds since 1970-01-01T00:00:00Z.
public enum UnixTime {
    public static func nowMilliseconds() -> Int64 {
        self.milliseconds(from: Date())
    }

    public static func milliseconds(from date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public static func date(fromMilliseconds milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
