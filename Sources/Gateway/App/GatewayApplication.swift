import HTTPServer
import Observability

/// The composed gateway: shared services and the routes built on them.
public final class GatewayApplication: Sendable {
    public let services: GatewayServices
    let context: RouteContext

    public init(services: GatewayServices) {
        self.services = services
        self.context = RouteContext(services: services)
    }

    /// Lists the payments that need an operator: updates their gauge, logs a rate-limited
    /// warning and records a `payment.unresolved` event for each newly unresolved one.
    /// The background work calls it periodically.
    public func refreshUnresolvedPayments() async {
        do {
            try await self.context.payments.refreshUnresolved()
        } catch {
            self.services.logger.error("failed to list unresolved payments", metadata: ["error": .string("\(error)")])
        }
    }

    public var configuration: GatewayConfiguration { self.services.configuration }

    /// Builds the router with every route of the gateway. Each group registers its own routes.
    public func makeRouter() -> Router {
        var router = Router()
        let context = self.context
        OperationalRoutes.register(into: &router, metrics: self.services.metrics)
        OrderRoutes.register(into: &router, context: context)
        PaymentRoutes.register(into: &router, context: context)
        ProviderSessionRoutes.register(into: &router, context: context)
        OperationsRoutes.register(into: &router, context: context)
        AutopurchaseRoutes.register(into: &router, context: context)
        EventRoutes.register(into: &router, context: context)
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
