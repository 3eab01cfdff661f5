import HTTPServer
import Observability
import Store

/// Routes for paying orders: `POST /orders/{id}/pay` and `GET /payments?state=unresolved`.
enum PaymentRoutes {
    static let payTemplate = "/orders/{id}/pay"
    /// A payment body is two short fields; anything larger is not a payment request.
    static let maxPayBodyBytes = 16 * 1024

    static func register(into router: inout Router, context: RouteContext) {
        let service = context.payments
        let idempotency = StorePaymentIdempotency(
            store: context.services.store,
            timeToLive: context.services.configuration.ordering.idempotencyTTL,
            now: context.services.now
        )
        let handler = PayHandler(context: context, service: service, idempotency: idempotency)
        router.post(self.payTemplate, maxBodyBytes: self.maxPayBodyBytes) { request in
            try await handler.handle(request)
        }
        router.get("/payments") { request in
            _ = try context.authenticator.authenticate(request)
            try Self.requireUnresolvedFilter(request)
            let payments = try await service.refreshUnresolved()
            return Response.json(.object([("payments", .array(payments.map(PaymentRepresentation.listEntry)))]))
        }
    }

    /// `GET /payments` lists only unresolved payments, so `state=unresolved` is required.
    static func requireUnresolvedFilter(_ request: Request) throws(Problem) {
        let items = request.rawQuery.map { PercentDecoding.queryItems($0) } ?? []
        guard let items else {
            throw Problem.badRequest("The query string has an invalid percent escape.")
        }
        let states = items.filter { $0.name == "state" }.map(\.value)
        guard states == ["unresolved"] else {
            throw Problem.badRequest(
                "Ask for GET /payments?state=unresolved; other states are not listed.",
                fieldErrors: [.init(field: "state", message: "must be unresolved")]
            )
        }
    }
}
