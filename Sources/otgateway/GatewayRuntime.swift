import Gateway
import HTTPServer
import Observability

/// The running gateway that `serve` and `demo` share: the services, the HTTP server and the
/// background workers. Start-up goes in that order and shutdown in the reverse one, so no
/// request or worker step runs on services that are already closed.
final class GatewayRuntime: Sendable {
    /// A reason the gateway failed to start; the caller reports it and exits with status 1.
    enum StartFailure: Error {
        /// The store or the OT API transport could not be set up.
        case services(any Error)
        /// The listening socket could not be bound; the services are already shut down again.
        case listen(any Error)
    }

    let services: GatewayServices
    let server: HTTPServer
    let background: BackgroundWork

    private init(services: GatewayServices, server: HTTPServer, background: BackgroundWork) {
        self.services = services
        self.server = server
        self.background = background
    }

    /// Opens the services, binds the listening socket and starts the background workers.
    static func start(
        configuration: GatewayConfiguration,
        logger: Logger,
        metrics: MetricsRegistry = MetricsRegistry()
    ) async throws(StartFailure) -> GatewayRuntime {
        let services: GatewayServices
        do {
            services = try GatewayServices(configuration: configuration, logger: logger, metrics: metrics)
        } catch {
            throw .services(error)
        }
        let application = GatewayApplication(services: services)
        let server = HTTPServer(
            configuration: application.serverConfiguration(),
            router: application.makeRouter(),
            logger: logger,
            metrics: services.metrics
        )
        do {
            try server.start()
        } catch {
            await services.shutdown()
            throw .listen(error)
        }
        let background = BackgroundWork(services: services) {
            await application.runMaintenance()
        }
        background.start()
        return GatewayRuntime(services: services, server: server, background: background)
    }

    /// The bound address, such as `127.0.0.1:8080`.
    var localAddress: String {
        self.server.localAddress ?? "\(self.services.configuration.server.listen)"
    }

    /// Stops taking requests, lets those in flight finish within `gracePeriod`, then stops the
    /// workers and closes the services.
    func stop(gracePeriod: Duration) async {
        await self.server.shutdown(gracePeriod: gracePeriod)
        await self.background.stop()
        await self.services.shutdown()
    }
}
