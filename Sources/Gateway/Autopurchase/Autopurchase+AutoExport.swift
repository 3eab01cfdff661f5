import HTTPServer
import OTAPI
import Observability

/// What `exportAfterPayment` did.
public enum AutoExportOutcome: Sendable {
    /// `OTGW_AUTO_EXPORT` is off.
    case disabled
    case started(BackgroundActivityID)
    /// The export could not start; the payment stands and the operator exports later.
    case failed(code: String, detail: String)
}

extension Autopurchase {
    /// Exports an order right after `/pay` verified it paid, when `OTGW_AUTO_EXPORT` is on.
    /// Never throws: a failed export is logged and leaves the paid order for a later export.
    @discardableResult
    public static func exportAfterPayment(orderID: String, services: GatewayServices, logger: Logger? = nil)
        async -> AutoExportOutcome
    {
        guard services.configuration.ordering.autoExport else { return .disabled }
        let logger = (logger ?? services.logger).with(["order.id": .string(orderID)])
        do {
            let activity = try await self.export(orderID: orderID, services: services, logger: logger)
            return .started(activity)
        } catch let problem as Problem {
            logger.warning(
                "automatic export after payment failed; export the order with POST /orders/{id}/export",
                metadata: ["problem.code": .string(problem.code), "problem.detail": .string(problem.detail ?? "")]
            )
            return .failed(code: problem.code, detail: problem.detail ?? problem.title)
        } catch {
            logger.error(
                "automatic export after payment failed; export the order with POST /orders/{id}/export",
                metadata: ["error": .string("\(error)")]
            )
            return .failed(code: "internal_error", detail: "\(error)")
        }
    }
}
