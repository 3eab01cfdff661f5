import HTTPServer
import Observability

/// The composed gateway: configuration, shared services and the routes built on them.
public final class GatewayApplication: Sendable {
    public let configuration: GatewayConfiguration
    public let logger: Logger
    public let metrics: MetricsRegistry

    public init(configuration: GatewayConfiguration, logger: Logger, metrics: MetricsRegistry) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
    }

    /// Builds the router with every route of the gateway.
    public func makeRouter() -> Router {
        var router = Router()
        OperationalRoutes.register(into: &router, metrics: self.metrics)
        return router
    }

    /// The inbound server settings taken from the configuration.
    public func serverConfiguration() -> ServerConfiguration {
        var server = ServerConfiguration()
        server.host = self.configuration.server.listen.host
        server.port = Int(self.configuration.server.listen.port)
        server.maxConnections = self.configuration.server.maxConnections
        return server
    }
}
