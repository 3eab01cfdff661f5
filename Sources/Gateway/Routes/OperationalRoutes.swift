import HTTPServer
import Observability

/// Routes that need no authentication and make no OT call: liveness and metrics.
enum OperationalRoutes {
    static func register(into router: inout Router, metrics: MetricsRegistry) {
        router.get("/healthz") { _ in
            Response(status: .ok, contentType: "application/json", body: #"{"status":"ok"}"#)
        }
        router.get("/metrics") { _ in
            Response(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
        }
    }
}
