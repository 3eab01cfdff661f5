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

    /// Reads the order's packages with the operator session.
    func packages(_ orderID: String) async throws(Problem) -> [SalesPackage] {
        do {
            return try await self.otapi.getSalesPackageList(salesId: orderID)
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
        var packages: [SalesPackage] = []
        if let known {
            details = known
            if readPackages {
                packages = try await self.packages(orderID)
            }
        } else if readPackages {
            // Both reads at once, so a read costs one OT round trip instead of two. A failed
            // details read wins: leaving the scope cancels and awaits the packages read.
            async let packagesRead = self.packages(orderID)
            details = try await self.details(orderID)
            packages = try await packagesRead
        } else {
            details = try await self.details(orderID)
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
