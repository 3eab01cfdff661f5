import Observability

/// The server's metric families, registered once in the registry given to the server.
struct ServerMetrics: Sendable {
    /// The route label of a request that matched no route.
    static let unmatchedRoute = "unmatched"

    let requests: CounterFamily
    let requestDuration: HistogramFamily
    let openConnections: GaugeFamily
    let activeRequests: GaugeFamily
    let rejectedConnections: CounterFamily
    let abortedRequests: CounterFamily

    init(registry: MetricsRegistry) {
        self.requests = registry.counter(
            "http_server_requests_total",
            help: "HTTP responses sent, by method, route template and status.",
            labelNames: ["method", "route", "status"]
        )
        self.requestDuration = registry.histogram(
            "http_server_request_duration_seconds",
            help: "Time from a request's complete head to its response being queued, in seconds.",
            labelNames: ["method", "route"]
        )
        self.openConnections = registry.gauge(
            "http_server_open_connections",
            help: "Inbound connections currently open."
        )
        self.activeRequests = registry.gauge(
            "http_server_active_requests",
            help: "Requests whose head is read and whose response is not queued yet."
        )
        self.rejectedConnections = registry.counter(
            "http_server_rejected_connections_total",
            help: "Connections answered 503 and closed because the connection limit was reached."
        )
        self.abortedRequests = registry.counter(
            "http_server_aborted_requests_total",
            help: "Requests whose handler asked to close the connection without a response, by method and route.",
            labelNames: ["method", "route"]
        )
    }

    /// The method as a label: standard methods by name, anything else as `other`, so a client
    /// cannot create series with made-up methods.
    static func methodLabel(_ method: HTTPMethod?) -> String {
        switch method {
        case .other, nil: "other"
        case .some(let known): known.description
        }
    }
}
