import Observability

/// The payment metric families, registered once in the gateway's registry.
struct PaymentMetrics: Sendable {
    static let outcomesName = "otgw_payments_total"
    static let unresolvedName = "otgw_payments_unresolved"

    /// Drives of a payment by the state they ended in: `verified`, `incomplete`, `reconciling`.
    let outcomes: CounterFamily
    let unresolved: GaugeFamily

    init(registry: MetricsRegistry) {
        self.outcomes = registry.counter(
            Self.outcomesName,
            help: "Payment runs by the state they ended in (verified, incomplete, reconciling).",
            labelNames: ["state"]
        )
        self.unresolved = registry.gauge(
            Self.unresolvedName,
            help:
                "Payments that need an operator: incomplete, deposited and left unreserved, or reconciling past the settle time."
        )
    }
}
