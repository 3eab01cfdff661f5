import Glibc
import Synchronization

/// Formats the `Date` header (IMF-fixdate, RFC 9110 section 5.6.7), reusing the text for all
/// responses within the same second.
final class HTTPDateCache: Sendable {
    private let cached = Mutex<(second: Int, text: String)>((-1, ""))

    init() {}

    /// Returns the current time as `Sun, 06 Nov 1994 08:49:37 GMT`.
    func now() -> String {
        let second = Int(time(nil))
        return self.cached.withLock { cached in
            if cached.second != second {
                cached = (second, Self.format(epochSeconds: second))
            }
            return cached.text
        }
    }

    static func format(epochSeconds: Int) -> String {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = days[Int(parts.tm_wday)]
        let month = months[Int(parts.tm_mon)]
        let year = Int(parts.tm_year) + 1900
        return "\(day), \(Self.twoDigits(parts.tm_mday)) \(month) \(year) "
            + "\(Self.twoDigits(parts.tm_hour)):\(Self.twoDigits(parts.tm_min)):\(Self.twoDigits(parts.tm_sec)) GMT"
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
