import OTAPI

/// Whether an order may be exported to the provider, judged from OT's order details.
public enum ExportEligibility: Sendable, Equatable {
    case exportable
    case notPaid
    /// The order is cancelled, or every line is cancelled (13) or impossible to supply (12).
    case cancelled(reason: String)

    public init(_ details: OrderDetails) {
        let order = details.order
        if order.isCancelled == true {
            self = .cancelled(reason: "Order \(order.id) is cancelled.")
        } else if order.isPaid != true {
            self = .notPaid
        } else if !details.lines.isEmpty, details.lines.allSatisfy(\.isCancelledStatus) {
            self = .cancelled(
                reason: "Every line of order \(order.id) is cancelled (status 13) or impossible to supply "
                    + "(status 12), so nothing is left to buy at the provider."
            )
        } else {
            self = .exportable
        }
    }
}
