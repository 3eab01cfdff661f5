import Foundation
import Observability
import Store

/// Gauges of the provider (Taobao) sessions: how many OT listed last time, and how old the
/// oldest account connected through the gateway is, so an alert can fire before it expires.
enum ProviderSessionMetrics {
    static func sessions(_ registry: MetricsRegistry) -> GaugeFamily {
        registry.gauge("otgw_provider_sessions", help: "Provider sessions OT listed at the last listing.")
    }

    static func oldestAge(_ registry: MetricsRegistry) -> GaugeFamily {
        registry.gauge(
            "otgw_provider_session_oldest_age_hours",
            help: "Hours since the least recent connect of an account through the gateway."
        )
    }

    /// Records the listing's session count and the oldest connect age.
    static func record(sessionCount: Int, connects: [ProviderAccountConnect], now: Date, registry: MetricsRegistry) {
        self.sessions(registry).set(Double(sessionCount))
        self.recordOldest(connects: connects, now: now, registry: registry)
    }

    /// Records the oldest connect age alone; the background check does this without an OT call.
    static func recordOldest(connects: [ProviderAccountConnect], now: Date, registry: MetricsRegistry) {
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let oldest = connects.map(\.lastConnectedAt).min()
        let hours = oldest.map { Double(nowMilliseconds - $0) / 3_600_000 } ?? 0
        self.oldestAge(registry).set(max(0, hours))
    }
}
