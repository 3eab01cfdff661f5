import Observability

/// Metric families of the libcurl transport, registered once per registry.
struct CurlTransportMetrics: Sendable {
    /// Seconds from submission to completion, labelled by `outcome`: `ok` for any HTTP
    /// response (whatever its status) or the `TransportError.Kind` name.
    let duration: HistogramFamily
    /// Transfers currently added to the multi handle.
    let inFlight: GaugeFamily

    init(registry: MetricsRegistry) {
        self.duration = registry.histogram(
            "otgw_otapi_transport_duration_seconds",
            help: "Duration of OT API exchanges over libcurl, by outcome.",
            labelNames: ["outcome"]
        )
        self.inFlight = registry.gauge(
            "otgw_otapi_transport_in_flight",
            help: "OT API exchanges currently running in the libcurl multi handle."
        )
    }
}
