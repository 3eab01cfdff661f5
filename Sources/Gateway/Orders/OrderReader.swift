import HTTPServer
import OTAPI
import Store

/// Reads an order from OT and the gateway's store and builds the order JSON.
struct OrderReader: Sendable {
    let otapi: OTAPIClient
    let store: Store

    /// Reads the order's details with the operator session; OT's `NotFound` becomes 404.
    func details(_ orderID: String) async throws(Problem) -> OrderDetails {
        do {
            return try await self.otapi.getSalesOrderDetailsForOperator(salesId: orderID)
        } catch {
            throw OrderProblems.mapped(error, orderID: orderID)
        }
    }

    /// Builds the full order JSON: details and packages from OT, `externalId` and payment
    /// state from the store. Pass `details` when they were just read.
    func json(
        _ orderID: String,
        details known: OrderDetails? = nil,
        readPackages: Bool = true,
        rejectedLines: [OrderRepresentation.RejectedLine] = []
    ) async throws -> JSONValue {
        let details: OrderDetails
        if let known {
            details = known
        } else {
            details = try await self.details(orderID)
        }
        var packages: [SalesPackage] = []
        if readPackages {
            do {
                packages = try await self.otapi.getSalesPackageList(salesId: orderID)
            } catch {
                throw OrderProblems.mapped(error, orderID: orderID)
            }
        }
        let record = try await self.store.gatewayOrder(orderID: orderID)
        let payment = try await self.paymentJSON(orderID)
        return OrderRepresentation.json(
            details: details,
            packages: packages,
            externalID: record?.externalID,
            payment: payment,
            rejectedLines: rejectedLines
        )
    }

    /// The latest payment of the order: `{"state":"none"}` when there is none.
    func paymentJSON(_ orderID: String) async throws -> JSONValue {
        PaymentRepresentation.orderPayment(try await self.store.payments(orderID: orderID).first)
    }
}
