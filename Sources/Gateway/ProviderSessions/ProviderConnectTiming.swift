/// The time limits of a provider (Taobao) login through the gateway.
///
/// `standard` is what the gateway runs with; tests pass shorter windows so that a login that
/// finds no session does not keep them waiting.
public struct ProviderConnectTiming: Sendable, Equatable {
    /// How long a `state` stays valid after `/taobao/connect` or `POST /provider-sessions`.
    public var stateLifetime: Duration
    /// How long the return handler keeps listing OT's sessions to find the new one.
    public var sessionPollWindow: Duration
    /// The pause between two listings while polling.
    public var sessionPollInterval: Duration
    /// How long an unchanged session of the named account must stay the only finding before it
    /// counts as the refreshed one, in case OT adds the new session a moment later.
    public var unchangedSessionSettle: Duration
    /// How long a second, parallel callback for the same state waits for the first to finish.
    public var outcomeWaitWindow: Duration
    /// How long a finished or expired state is kept, so a repeated callback still shows its outcome.
    public var stateRetention: Duration

    public init(
        stateLifetime: Duration,
        sessionPollWindow: Duration,
        sessionPollInterval: Duration,
        unchangedSessionSettle: Duration,
        outcomeWaitWindow: Duration,
        stateRetention: Duration
    ) {
        self.stateLifetime = stateLifetime
        self.sessionPollWindow = sessionPollWindow
        self.sessionPollInterval = sessionPollInterval
        self.unchangedSessionSettle = unchangedSessionSettle
        self.outcomeWaitWindow = outcomeWaitWindow
        self.stateRetention = stateRetention
    }

    public static let standard = ProviderConnectTiming(
        stateLifetime: .seconds(15 * 60),
        sessionPollWindow: .seconds(10),
        sessionPollInterval: .milliseconds(500),
        unchangedSessionSettle: .seconds(1),
        outcomeWaitWindow: .seconds(15),
        stateRetention: .seconds(7 * 24 * 3600)
    )
}

extension Duration {
    /// Whole milliseconds, rounded down; the unit of the store's timestamps.
    var wholeMilliseconds: Int64 {
        let parts = self.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
