import Observability

/// Metric families of the OT API client, registered once per registry.
struct CallMetrics: Sendable {
    static let callsName = "otapi_calls_total"
    static let durationName = "otapi_call_duration_seconds"
    static let reloginsName = "otapi_relogins_total"

    let calls: CounterFamily
    let duration: HistogramFamily
    let relogins: CounterFamily

    init(registry: MetricsRegistry) {
        self.calls = registry.counter(
            Self.callsName,
            help: "OT API calls by method and result (ok, or the error's short description).",
            labelNames: ["method", "result"]
        )
        self.duration = registry.histogram(
            Self.durationName,
            help: "Time of OT API calls in seconds, including retries and re-logins.",
            labelNames: ["method"]
        )
        self.relogins = registry.counter(
            Self.reloginsName,
            help: "Logins after OT reported SessionExpired, by session kind.",
            labelNames: ["session"]
        )
    }
}

extension Duration {
    var seconds: Double {
        let parts = self.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
