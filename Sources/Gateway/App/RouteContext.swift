import HTTPServer
import Observability

/// What every route group receives when it registers its routes.
public struct RouteContext: Sendable {
    public let services: GatewayServices
    public let authenticator: BearerAuthenticator
    /// One gate for every route group, because it tracks which keys are running in this process.
    public let idempotency: IdempotencyGate
    /// One payment service, because its customer locks and running set must cover every request.
    let payments: PaymentService

    public init(services: GatewayServices) {
        self.services = services
        self.idempotency = IdempotencyGate(services: services)
        self.payments = PaymentService(services: services)
        self.authenticator = BearerAuthenticator(
            tokens: services.configuration.access.apiTokens,
            insecureNoAuth: services.configuration.access.insecureNoAuth
        )
    }

    /// The service logger with the request's id, for every log line about that request.
    public func logger(for request: Request) -> Logger {
        self.services.logger.with(["http.request_id": .string(request.id)])
    }
}
