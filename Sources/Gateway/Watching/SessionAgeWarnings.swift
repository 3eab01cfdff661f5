import Foundation
import OTAPI
import Store

/// Decides which provider sessions get a `provider_session.expiring` event: those whose
/// account was connected through the gateway at least `OTGW_SESSION_WARN_HOURS` ago, once
/// per account connect and day.
public struct SessionAgeWarnings: Sendable, Equatable {
    static let dayMilliseconds: Int64 = 24 * 3_600_000

    /// The day index last warned about, by account name and connect time.
    public private(set) var warned: [Key: Int64] = [:]

    public struct Key: Sendable, Hashable {
        public var accountName: String
        public var connectedAt: Int64
    }

    public init() {}

    /// Days since the warning age was reached: 0 on the first day, nil before it.
    static func dayIndex(connectedAt: Int64, now: Int64, warnAge: Int64) -> Int64? {
        let overdue = now - connectedAt - warnAge
        return overdue < 0 ? nil : overdue / self.dayMilliseconds
    }

    /// Returns the events to record now and remembers them as sent.
    public mutating func events(
        connects: [ProviderAccountConnect],
        sessions: [ProviderSession]?,
        now: Int64,
        warnAge: Int64
    ) -> [EventDraft] {
        var drafts: [EventDraft] = []
        for connect in connects {
            guard let day = Self.dayIndex(connectedAt: connect.lastConnectedAt, now: now, warnAge: warnAge) else {
                continue
            }
            let session = sessions?.first { $0.name == connect.accountName }
            // An account OT no longer lists has no session to expire.
            if sessions != nil, session == nil { continue }
            let key = Key(accountName: connect.accountName, connectedAt: connect.lastConnectedAt)
            if let last = self.warned[key], last >= day { continue }
            self.warned[key] = day
            let ageHours = Double(now - connect.lastConnectedAt) / 3_600_000
            drafts.append(
                EventDraft(
                    type: .providerSessionExpiring,
                    orderID: nil,
                    data: .object([
                        ("sessionId", session.map { .string($0.id) } ?? .null),
                        ("accountName", .string(connect.accountName)),
                        (
                            "lastConnectedAt",
                            .string(EventRepresentation.timestamp(milliseconds: connect.lastConnectedAt))
                        ),
                        ("lastConnectedAtMs", .number(String(connect.lastConnectedAt))),
                        ("ageHours", .number(String(format: "%.1f", ageHours))),
                        ("warnAfterHours", .number(String(warnAge / 3_600_000))),
                    ])
                )
            )
        }
        return drafts
    }

    /// Remembers a warning found in the outbox, so a restart does not repeat it the same day.
    public mutating func remember(_ event: OutboxEvent, warnAge: Int64) {
        guard event.type == EventType.providerSessionExpiring.rawValue,
            let data = try? JSONParser.parse(Array(event.dataJSON.utf8)),
            case .string(let name)? = data["accountName"],
            case .number(let text)? = data["lastConnectedAtMs"], let connectedAt = Int64(text),
            let day = Self.dayIndex(connectedAt: connectedAt, now: event.occurredAt, warnAge: warnAge)
        else { return }
        let key = Key(accountName: name, connectedAt: connectedAt)
        self.warned[key] = max(self.warned[key] ?? day, day)
    }
}
