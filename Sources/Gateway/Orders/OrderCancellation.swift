import HTTPServer
import OTAPI
import Store

/// `POST /orders/{id}/cancel`: reads the order, cancels it in OT when OT allows, and returns
/// the order as OT shows it afterwards.
struct OrderCancellation: Sendable {
    let services: GatewayServices
    let otapi: OTAPIClient

    func cancel(_ orderID: String) async throws -> Response {
        let reader = OrderReader(otapi: self.otapi, store: self.services.store)
        let details = try await reader.details(orderID)
        if details.order.isCancelled == true {
            throw OrderProblems.notCancellable(orderID: orderID, reason: "is already cancelled")
        }
        if details.order.canCancel == false {
            throw OrderProblems.notCancellable(
                orderID: orderID,
                reason: "is marked by OT as not cancellable (CanCancel = 0)"
            )
        }
        do {
            try await self.otapi.cancelSalesOrder(salesId: orderID)
        } catch {
            throw OrderProblems.mapped(error, orderID: orderID)
        }
        try await self.services.store.markGatewayOrderCancelled(
            orderID: orderID,
            at: UnixTime.milliseconds(from: self.services.now())
        )
        await OrderWatching.checkSoon(orderID: orderID, services: self.services)
        return Response.json(try await reader.json(orderID))
    }
}
