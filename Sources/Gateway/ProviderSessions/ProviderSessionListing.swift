import Foundation
import OTAPI
import Observability
import Store

/// The body of `GET /provider-sessions`: OT's sessions with the age of each account counted
/// from its last connect through the gateway.
struct ProviderSessionListing: Sendable {
    var providerType: String
    var integrationEnabled: Bool
    var sessions: [ProviderSession]
    var connects: [ProviderAccountConnect]
    var now: Date
    var warnAge: Duration

    var json: JSONValue {
        let connectTimes = Dictionary(
            self.connects.map { ($0.accountName, $0.lastConnectedAt) },
            uniquingKeysWith: { first, _ in first }
        )
        let nowMilliseconds = UnixTime.milliseconds(from: self.now)
        let warnMilliseconds = self.warnAge.wholeMilliseconds
        let items: [JSONValue] = self.sessions.map { session in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(session.id)),
                ("name", session.name.map(JSONValue.string) ?? .null),
                ("balance", Self.balance(session)),
            ]
            if let name = session.name, let connectedAt = connectTimes[name] {
                let ageMilliseconds = max(0, nowMilliseconds - connectedAt)
                members.append(
                    (
                        "lastConnectedAt",
                        .string(RFC3339.format(UnixTime.date(fromMilliseconds: connectedAt), fractionalSeconds: false))
                    )
                )
                members.append(("ageHours", .number(Self.hoursText(milliseconds: ageMilliseconds))))
                members.append(("expiresSoon", .bool(ageMilliseconds >= warnMilliseconds)))
            } else {
                members.append(("lastConnectedAt", .null))
                members.append(("ageHours", .null))
                // NOTE: a session made outside the gateway has no known age, so it is not
                // flagged; the console marks it "age unknown" instead.
                members.append(("expiresSoon", .bool(false)))
            }
            return .object(members)
        }
        return .object([
            ("providerType", .string(self.providerType)),
            ("integrationEnabled", .bool(self.integrationEnabled)),
            ("warnAfterHours", .number(Self.hoursText(milliseconds: warnMilliseconds))),
            ("sessions", .array(items)),
        ])
    }

    static func balance(_ session: ProviderSession) -> JSONValue {
        guard let amount = session.balanceAmount else { return .null }
        return .object([
            ("amount", OrderRepresentation.money(amount)),
            ("currency", session.balanceCurrencyCode.map(JSONValue.string) ?? .null),
        ])
    }

    /// Hours with at most two decimals, rounded down (`3.5`, `20`, `0.01`).
    static func hoursText(milliseconds: Int64) -> String {
        let hundredths = milliseconds * 100 / 3_600_000
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 {
            return String(whole)
        }
        var fractionText = fraction < 10 ? "0\(fraction)" : String(fraction)
        if fractionText.hasSuffix("0") {
            fractionText.removeLast()
        }
        return "\(whole).\(fractionText)"
    }
}
