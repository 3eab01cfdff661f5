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

    /// Runs the periodic upkeep of the request-facing parts; the background work calls it.
    ///
    /// It lists the payments that need an operator (updating their gauge, logging a rate-limited
    /// warning and recording a `payment.unresolved` event for each newly unresolved one) and
    /// deletes idempotency records whose `OTGW_IDEMPOTENCY_TTL` has passed.
    public func runMaintenance() async {
        do {
            try await self.context.payments.refreshUnresolved()
        } catch {
            self.services.logger.error("failed to list unresolved payments", metadata: ["error": .string("\(error)")])
        }
        do {
            let purged = try await self.context.idempotency.purgeExpired()
            if purged > 0 {
                self.services.logger.debug("expired idempotency records deleted", metadata: ["count": .integer(purged)])
            }
        } catch {
            self.services.logger.error(
                "failed to delete expired idempotency records",
                metadata: ["error": .string("\(error)")]
            )
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
