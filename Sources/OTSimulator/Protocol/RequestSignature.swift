import CCrypto
import Foundation

/// OT's request signature: lowercase hex SHA-256 of the method name, the values of every
/// parameter except `signature` sorted byte-wise by name, and the secret.
enum RequestSignature {
    static func expected(method: String, parameters: [(name: String, value: String)], secret: String) -> String {
        let signed = parameters.filter { $0.name != "signature" }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var text = method
        for parameter in signed {
            text += parameter.value
        }
        text += secret
        return sha256Hex(text)
    }

    static func sha256Hex(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var digest = [UInt8](repeating: 0, count: 32)
        _ = gw_sha256(bytes, bytes.count, &digest)
        let hex = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        for byte in digest {
            output.append(hex[Int(byte >> 4)])
            output.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Checks `timestamp` and `signature` of a call; OT answers every failure with
    /// `AccessDenied` and a sub code naming the problem.
    static func verify(
        method: String,
        parameters: CallParameters,
        secret: String,
        now: Date
    ) throws(OTFailure) {
        guard let timestamp = parameters.optional("timestamp") else {
            throw .accessDenied("MissingTimestamp", "The signed call has no timestamp parameter.")
        }
        guard let signature = parameters.optional("signature") else {
            throw .accessDenied("MissingSignature", "The signed call has no signature parameter.")
        }
        guard let time = Timestamps.parseCompact(timestamp),
            abs(time.timeIntervalSince(now)) <= SimulatorConfiguration.Defaults.signatureTimestampTolerance
        else {
            throw .accessDenied(
                "InvalidTimestamp",
                "The timestamp \(timestamp) is not UTC yyyyMMddHHmmss within one hour of the server clock."
            )
        }
        let expected = expected(method: method, parameters: parameters.items, secret: secret)
        guard signature == expected else {
            throw .accessDenied("InvalidSignature", "The signature does not match the parameters and the secret.")
        }
    }
}

/// Date formats of the OT API.
enum Timestamps {
    static let utc = TimeZone(identifier: "UTC")!

    /// Parses the signing timestamp `yyyyMMddHHmmss` (UTC).
    static func parseCompact(_ text: String) -> Date? {
        guard text.count == 14, text.allSatisfy(\.isASCIIDigit) else { return nil }
        let digits = Array(text)
        func number(_ from: Int, _ length: Int) -> Int { Int(String(digits[from..<from + length]))! }
        return date(number(0, 4), number(4, 2), number(6, 2), number(8, 2), number(10, 2), number(12, 2))
    }

    static func formatCompact(_ date: Date) -> String {
        let parts = Calendar.utcGregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2)
    }

    /// Parses a search or statement date: `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ss` with an
    /// optional `Z`, read as UTC.
    static func parseLoose(_ text: String) -> Date? {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() }
        let dateAndTime = body.split(separator: "T", maxSplits: 1).flatMap { $0.split(separator: " ", maxSplits: 1) }
        guard let datePart = dateAndTime.first else { return nil }
        let ymd = datePart.split(separator: "-").map { Int($0) }
        guard ymd.count == 3, let year = ymd[0], let month = ymd[1], let day = ymd[2] else { return nil }
        var hms = [0, 0, 0]
        if dateAndTime.count == 2 {
            let parsed = dateAndTime[1].split(separator: ":").map { Int($0.prefix(2)) }
            guard parsed.count == 3, parsed.allSatisfy({ $0 != nil }) else { return nil }
            hms = parsed.map { $0! }
        }
        return date(year, month, day, hms[0], hms[1], hms[2])
    }

    /// The XML form of date-times in answers: ISO 8601 in UTC, such as `2026-12-04T10:00:00Z`.
    static func formatISO(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int)
        -> Date?
    {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let components = DateComponents(
            timeZone: utc,
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second
        )
        return Calendar.utcGregorian.date(from: components)
    }
}

extension Calendar {
    static let utcGregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Timestamps.utc
        return calendar
    }()
}
