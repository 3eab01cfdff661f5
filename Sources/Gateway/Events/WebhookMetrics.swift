import Observability

/// The webhook series of `/metrics`.
struct WebhookMetrics: Sendable {
    /// Values of the `result` label of `otgw_webhook_deliveries_total`.
    enum Result: String {
        case delivered
        /// The push failed and will be tried again.
        case retry
        /// The push failed and its retry window has passed.
        case failed
    }

    let deliveries: CounterFamily
    let failedEvents: GaugeFamily
    let backlog: GaugeFamily

    init(registry: MetricsRegistry) {
        self.deliveries = registry.counter(
            "otgw_webhook_deliveries_total",
            help: "Webhook push attempts by result (delivered, retry, failed).",
            labelNames: ["result"]
        )
        self.failedEvents = registry.gauge(
            "otgw_webhook_failed_events",
            help: "Events whose webhook push was given up; they stay readable through GET /events."
        )
        self.backlog = registry.gauge(
            "otgw_webhook_backlog",
            help: "Events waiting for a webhook push."
        )
    }

    func count(_ result: Result) {
        self.deliveries.increment([result.rawValue])
    }
}
