import OTAPI
import Store

/// Picks the provider session for an export or synchronisation when the caller names none.
public enum ProviderSessionChoice {
    /// The session of the account connected most recently through the gateway; when no
    /// listed account was connected through the gateway, the first session OT lists.
    public static func freshest(_ sessions: [ProviderSession], connects: [ProviderAccountConnect]) -> ProviderSession? {
        let connectedAt = Dictionary(connects.map { ($0.accountName, $0.lastConnectedAt) }, uniquingKeysWith: max)
        var best: (session: ProviderSession, at: Int64)?
        for session in sessions {
            guard let name = session.name, let at = connectedAt[name] else { continue }
            if best == nil || at > best!.at {
                best = (session, at)
            }
        }
        return best?.session ?? sessions.first
    }
}
