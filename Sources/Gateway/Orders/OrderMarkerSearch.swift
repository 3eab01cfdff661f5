import Foundation
import HTTPServer
import OTAPI

/// Finds the order an attempt placed by the marker at the start of its comment, among the
/// customer's orders created since shortly before the attempt.
struct OrderMarkerSearch: Sendable {
    /// Orders per `SearchOrders` page.
    static let pageSize = 100
    /// Pages read at most; the customer rarely gets more orders than this in the window.
    static let maxPages = 10
    /// How far before the attempt the search starts, because OT's clock and time zone may
    /// differ from the gateway's.
    static let clockMargin: TimeInterval = 24 * 3600

    let otapi: OTAPIClient
    let customer: CustomerAccount

    /// Returns the id of the order whose comment starts with the attempt's marker, or nil.
    func find(attemptID: String, since: Date) async throws(Problem) -> String? {
        do {
            let customerID = try await self.customer.customerID(using: self.otapi)
            let parameters = OrderSearchParameters(
                creationDateFrom: since.addingTimeInterval(-Self.clockMargin),
                userIds: [customerID]
            )
            for page in 0..<Self.maxPages {
                let result = try await self.otapi.searchOrders(
                    parameters,
                    framePosition: page * Self.pageSize,
                    frameSize: Self.pageSize
                )
                if let order = result.orders.first(where: {
                    OrderComment.hasMarker($0.customerComment, attemptID: attemptID)
                }) {
                    return order.id
                }
                if result.orders.count < Self.pageSize {
                    return nil
                }
            }
            // NOTE: a customer with more orders in the window than the pages read is not fully
            // searched; the order may then be reported as not found.
            return nil
        } catch {
            throw OTProblemMapping.problem(for: error)
        }
    }
}
