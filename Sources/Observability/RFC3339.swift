import Foundation

/// UTC timestamps in RFC 3339 form, built by hand so that no locale or time zone setting
/// of the process can change them.
public enum RFC3339 {
    /// Formats `date` as `2026-12-04T10:00:00.123Z`.
    public static func format(_ date: Date, fractionalSeconds: Bool = true) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let milliseconds = Int((interval - Double(seconds)) * 1000) % 1000
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec)
        )
        if fractionalSeconds {
            text += String(format: ".%03d", max(0, milliseconds))
        }
        return text + "Z"
    }
}
