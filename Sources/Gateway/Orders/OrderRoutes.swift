import HTTPServer
import OTAPI
import Store

/// Routes for placing, reading and cancelling orders. Every route needs the bearer token.
enum OrderRoutes {
    /// The maximum number of orders `GET /orders?externalId=` returns (the newest ones).
    static let maxOrdersPerExternalID = 50

    static func register(into router: inout Router, context: RouteContext) {
        let customer = CustomerAccount(otapi: context.services.otapi)
        let reservations = ExternalIDReservations()
        let placements = context.services.metrics.counter(
            "otgw_order_placements_total",
            help: "POST /orders outcomes (created, partial_accepted, partial_cancelled, nothing_ordered, "
                + "tmall_rejected, adopted, outcome_unknown).",
            labelNames: ["result"]
        )

        router.post("/orders", maxBodyBytes: OrderLimits.maxBodyBytes) { request in
            let caller = try context.authenticator.authenticate(request)
            let key = try IdempotencyKey.parse(request)
            let members = try JSONRequestBody.object(request)
            let order = try OrderRequestValidator.validate(members)
            let logger = context.logger(for: request)
            let placement = OrderPlacement(
                services: context.services,
                otapi: context.services.otapi.withLogger(logger),
                customer: customer,
                reservations: reservations,
                logger: logger,
                placements: placements
            )
            return try await context.idempotency.perform(
                request,
                key: key,
                scope: IdempotencyScope(tokenHash: caller.tokenHash, method: "POST", route: "/orders"),
                requestHash: RequestFingerprint.hash(members)
            ) { attempt in
                try await placement.place(order, attempt: attempt)
            }
        }

        router.get("/orders") { request in
            _ = try context.authenticator.authenticate(request)
            let externalID = try self.externalIDQuery(request)
            let otapi = context.services.otapi.withLogger(context.logger(for: request))
            let reader = OrderReader(otapi: otapi, store: context.services.store)
            let records = try await context.services.store.gatewayOrders(externalID: externalID)
            var orders: [JSONValue] = []
            for record in records.suffix(self.maxOrdersPerExternalID) {
                orders.append(try await reader.json(record.orderID))
            }
            return Response.json(.object([("orders", .array(orders))]))
        }

        router.get("/orders/{id}") { request in
            _ = try context.authenticator.authenticate(request)
            let orderID = try self.orderID(request)
            let otapi = context.services.otapi.withLogger(context.logger(for: request))
            return Response.json(try await OrderReader(otapi: otapi, store: context.services.store).json(orderID))
        }

        router.post("/orders/{id}/cancel", maxBodyBytes: OrderLimits.maxBodyBytes) { request in
            let caller = try context.authenticator.authenticate(request)
            let orderID = try self.orderID(request)
            let key = try IdempotencyKey.parse(request)
            let members = try JSONRequestBody.object(request)
            if let unknown = members.first {
                throw Problem.badRequest(
                    "The cancel request takes no fields.",
                    fieldErrors: [Problem.FieldError(field: unknown.key, message: "is not a known field")]
                )
            }
            let otapi = context.services.otapi.withLogger(context.logger(for: request))
            return try await context.idempotency.perform(
                request,
                key: key,
                scope: IdempotencyScope(
                    tokenHash: caller.tokenHash,
                    method: "POST",
                    route: "/orders/\(orderID)/cancel"
                ),
                requestHash: RequestFingerprint.hash(members)
            ) { _ in
                try await OrderCancellation(services: context.services, otapi: otapi).cancel(orderID)
            }
        }
    }

    static func orderID(_ request: Request) throws(Problem) -> String {
        let text = request.pathParameters["id"] ?? ""
        guard let orderID = OrderID.normalize(text) else {
            throw OrderProblems.invalidOrderID(text)
        }
        return orderID
    }

    static func externalIDQuery(_ request: Request) throws(Problem) -> String {
        let items = request.rawQuery.flatMap { PercentDecoding.queryItems($0) }
        guard let externalID = items?.first(where: { $0.name == "externalId" })?.value else {
            throw Problem.badRequest(
                "GET /orders needs the externalId query parameter, as in /orders?externalId=SHOP-1001.",
                fieldErrors: [Problem.FieldError(field: "externalId", message: "is required")]
            )
        }
        guard OrderLimits.externalIDLength.contains(externalID.utf8.count),
            externalID.utf8.allSatisfy(OrderRequestValidator.isVisibleASCII)
        else {
            throw Problem.badRequest(
                "The externalId query parameter is invalid.",
                fieldErrors: [
                    Problem.FieldError(
                        field: "externalId",
                        message: "must be 1 to \(OrderLimits.externalIDLength.upperBound) visible ASCII characters"
                    )
                ]
            )
        }
        return externalID
    }
}
