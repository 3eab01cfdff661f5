import HTTPServer
import Observability
import Store

/// `POST /orders/{id}/pay`: validation, the `Idempotency-Key` claim, and the call into
/// `PaymentService`.
struct PayHandler: Sendable {
    let context: RouteContext
    let service: PaymentService
    let idempotency: any PaymentIdempotency

    func handle(_ request: Request) async throws -> Response {
        let caller = try self.context.authenticator.authenticate(request)
        let rawID = request.pathParameters["id"] ?? ""
        guard let orderID = OrderID.normalize(rawID) else {
            throw Problem.badRequest(
                "The order id \(rawID) is invalid; use ORD- and 10 digits or a bare number.",
                fieldErrors: [.init(field: "id", message: "must be ORD-0000000123 or 123")]
            )
        }
        let payRequest = try PaymentRequest.parse(JSONRequestBody.object(request))
        let key = request.headers[IdempotencyKeyHeader.name]
        if let key, !IdempotencyKeyHeader.isValid(key) {
            throw PaymentProblems.invalidIdempotencyKey()
        }
        if payRequest.amount != nil && key == nil {
            throw PaymentProblems.idempotencyKeyRequired()
        }
        let logger = self.context.logger(for: request)
        guard let key else {
            return await self.run(request, orderID: orderID, payRequest: payRequest, paymentID: nil, logger: logger)
        }

        let scope = IdempotencyScope(tokenHash: caller.tokenHash, method: "POST", route: PaymentRoutes.payTemplate)
        let requestHash = SHA256Digest.hex(
            SHA256Digest.bytes(Array((orderID + "\n").utf8) + payRequest.canonicalJSON())
        )
        let claimedAt: Int64
        switch try await self.idempotency.begin(key: key, scope: scope, requestHash: requestHash) {
        case .replay(let stored):
            return Self.replay(stored)
        case .mismatch:
            throw PaymentProblems.idempotencyKeyReused()
        case .inProgress:
            throw PaymentProblems.idempotencyKeyInUse()
        case .proceed(let at):
            claimedAt = at
        }

        // Derived from the claim, so a retry with the same key resumes the same payment.
        let seed = [caller.tokenHash, orderID, key, String(claimedAt)].joined(separator: "\n")
        let paymentID = "pay-" + SHA256Digest.hex(SHA256Digest.bytes(Array(seed.utf8))).prefix(32)
        let response = await self.run(
            request,
            orderID: orderID,
            payRequest: payRequest,
            paymentID: paymentID,
            logger: logger
        )
        if response.status.code < 500 {
            do {
                try await self.idempotency.finish(key: key, scope: scope, response: Self.stored(response))
            } catch {
                logger.error(
                    "Storing the response for the Idempotency-Key failed; a retry will run the payment again",
                    metadata: ["error": .string("\(error)")]
                )
            }
        } else {
            await self.idempotency.suspend(key: key, scope: scope)
        }
        return response
    }

    /// Runs the payment and returns its response, a problem included.
    private func run(
        _ request: Request,
        orderID: String,
        payRequest: PaymentRequest,
        paymentID: String?,
        logger: Logger
    ) async -> Response {
        var response: Response
        do {
            let answer = try await self.service.pay(
                orderID: orderID,
                request: payRequest,
                paymentID: paymentID,
                logger: logger
            )
            response = Response.json(answer)
            await OrderWatching.checkSoon(orderID: orderID, services: self.context.services)
            if answer["state"] == .string("paid") {
                // With OTGW_AUTO_EXPORT the order goes to the provider now; a failure is logged
                // and leaves the order paid and unexported, so it never fails the payment.
                _ = await Autopurchase.exportAfterPayment(
                    orderID: orderID,
                    services: self.context.services,
                    logger: logger
                )
            }
        } catch let problem as Problem {
            response = problem.response(for: request)
        } catch {
            logger.error(
                "Payment failed on a journal error",
                metadata: ["order.id": .string(orderID), "error": .string("\(error)")]
            )
            response = Problem.internalError.response(for: request)
        }
        do {
            try await self.service.refreshUnresolved()
        } catch {
            logger.error("Listing unresolved payments failed", metadata: ["error": .string("\(error)")])
        }
        return response
    }

    /// The response as the idempotency record keeps it: status, the content headers, body.
    static func stored(_ response: Response) -> IdempotencyResponse {
        var headers: [(key: String, value: JSONValue)] = []
        for name in ["Content-Type", "Retry-After"] {
            if let value = response.headers[name] {
                headers.append((name, .string(value)))
            }
        }
        let headersJSON = String(decoding: JSONWriter.encode(.object(headers)), as: UTF8.self)
        return IdempotencyResponse(status: response.status.code, headersJSON: headersJSON, body: response.body)
    }

    static func replay(_ stored: IdempotencyResponse) -> Response {
        var headers = HTTPHeaders()
        if case .object(let members)? = try? JSONParser.parse(Array(stored.headersJSON.utf8)) {
            for (name, value) in members {
                if case .string(let text) = value {
                    headers.set(name, text)
                }
            }
        }
        headers.set("Idempotent-Replayed", "true")
        return Response(status: HTTPStatus(code: stored.status), headers: headers, body: stored.body)
    }
}
