import HTTPServer
import Observability

/// Finds a free TCP port by binding port 0 and releasing it again.
///
/// NOTE: another process could take the port between the release and the gateway's own bind;
/// the gateway then fails to listen and `demo` reports it. `demo` takes this small risk because
/// the gateway needs its final address before it starts, to build `OTGW_PUBLIC_URL`.
enum FreePort {
    static func find(host: String) async throws -> Int {
        let probe = HTTPServer(
            configuration: ServerConfiguration(host: host, port: 0),
            router: Router(),
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        try probe.start()
        let port = probe.localPort ?? 0
        await probe.shutdown(gracePeriod: .zero)
        return port
    }
}
