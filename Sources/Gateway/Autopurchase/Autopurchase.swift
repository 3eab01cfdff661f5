import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

/// Exporting orders to the provider and synchronising them, shared by the routes, the payment
/// code (automatic export) and the watcher.
public enum Autopurchase {
    /// Starts `RunOrderExportingToProvider` for a paid order and records the activity.
    ///
    /// - Parameters:
    ///   - providerSessionID: the session to book with; nil picks the freshest one.
    ///   - lineIDs: the lines to export; empty exports every line OT can book.
    /// - Throws: a `Problem` for the shop (404, 409 `order_not_paid`, `order_cancelled`,
    ///   `provider_session_required`, or an OT failure), or a store error.
    public static func export(
        orderID: String,
        providerSessionID: String? = nil,
        lineIDs: [String] = [],
        services: GatewayServices,
        logger: Logger
    ) async throws -> BackgroundActivityID {
        let otapi = services.otapi.withLogger(logger)
        let configuration = services.configuration

        let details = try await self.call { () async throws(OTAPIError) in
            try await otapi.getSalesOrderDetailsForOperator(salesId: orderID)
        }
        try self.checkExportable(details, lineIDs: lineIDs)

        let info = try await self.call { () async throws(OTAPIError) in
            try await otapi.getProviderInfo(providerType: configuration.ordering.providerType)
        }
        if let integration = info.ordersIntegration, integration.isEnabled == false || integration.isAvailable == false
        {
            throw ProviderSessionProblem.problem(.integrationDisabled, configuration: configuration, sessionID: nil)
        }

        let sessionID = try await self.providerSession(providerSessionID, services: services, otapi: otapi)
        let parameters = OrderExportParameters(orderId: orderID, orderLineIds: lineIDs)
        let activity = try await self.call(sessionID: sessionID, configuration: configuration) {
            () async throws(OTAPIError) in
            try await otapi.runOrderExportingToProvider(
                providerType: configuration.ordering.providerType,
                providerSessionId: sessionID,
                parameters: parameters
            )
        }

        let now = services.now()
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let nextCheck = nowMilliseconds + OrderWatching.milliseconds(configuration.background.watchInterval)
        try await services.store.transaction { store in
            try store.saveGatewayActivity(ActivityTracking.newRecord(activity, orderID: orderID, now: nowMilliseconds))
            try OrderWatching.recordExport(
                orderID: orderID,
                providerSessionID: sessionID,
                nextCheckAt: nextCheck,
                now: nowMilliseconds,
                in: store
            )
        }
        logger.info(
            "order export started",
            metadata: [
                "order.id": .string(orderID), "activity.type": .string(activity.type),
                "activity.id": .string(activity.id), "provider.session_id": .string(sessionID),
            ]
        )
        return activity
    }

    /// Starts `RunOrdersSynchronizingWithProvider` for one order and records the activity.
    ///
    /// - Parameter providerSessionID: nil uses the session the order was exported with, else
    ///   the freshest one.
    public static func synchronize(
        orderID: String,
        providerSessionID: String? = nil,
        services: GatewayServices,
        logger: Logger
    ) async throws -> BackgroundActivityID {
        let otapi = services.otapi.withLogger(logger)
        let configuration = services.configuration
        let exportedWith = WatchState(jsonText: try await services.store.watchedOrder(orderID: orderID)?.snapshotJSON)
            .providerSessionID
        let sessionID = try await self.providerSession(
            providerSessionID ?? exportedWith,
            services: services,
            otapi: otapi
        )
        let activity = try await self.call(sessionID: sessionID, configuration: configuration) {
            () async throws(OTAPIError) in
            try await otapi.runOrdersSynchronizingWithProvider(
                providerType: configuration.ordering.providerType,
                providerSessionId: sessionID,
                parameters: OrdersSynchronizationParameters(orderIds: [orderID])
            )
        }
        let now = UnixTime.milliseconds(from: services.now())
        try await services.store.transaction { store in
            try store.saveGatewayActivity(ActivityTracking.newRecord(activity, orderID: orderID, now: now))
            try store.recordWatchedOrderSync(orderID: orderID, at: now)
        }
        logger.info(
            "order synchronisation started",
            metadata: [
                "order.id": .string(orderID), "activity.id": .string(activity.id),
                "provider.session_id": .string(sessionID),
            ]
        )
        return activity
    }

    /// Refuses unpaid and cancelled orders, and line ids that are not in the order.
    static func checkExportable(_ details: OrderDetails, lineIDs: [String]) throws(Problem) {
        switch ExportEligibility(details) {
        case .exportable:
            break
        case .notPaid:
            throw Problem(
                status: .conflict,
                code: "order_not_paid",
                title: "The order is not paid",
                detail: "Order \(details.order.id) is not paid; pay it with POST /orders/{id}/pay before exporting it."
            )
        case .cancelled(let reason):
            throw Problem(status: .conflict, code: "order_cancelled", title: "The order is cancelled", detail: reason)
        }
        let known = Set(details.lines.map(\.id))
        let errors = lineIDs.enumerated().filter { !known.contains($0.element) }.map {
            Problem.FieldError(field: "lineIds[\($0.offset)]", message: "is not a line of order \(details.order.id)")
        }
        if !errors.isEmpty {
            throw Problem.badRequest("Some lineIds are not lines of the order.", fieldErrors: errors)
        }
    }

    /// Returns the given session, or else the freshest one. Throws 409 `provider_session_required` when none exists.
    static func providerSession(_ given: String?, services: GatewayServices, otapi: OTAPIClient) async throws -> String
    {
        if let given { return given }
        let configuration = services.configuration
        let sessions = try await self.call { () async throws(OTAPIError) in
            try await otapi.getProviderOrdersIntegrationSessionInfoList(
                providerType: configuration.ordering.providerType
            )
        }
        let connects = try await services.store.providerAccountConnects()
        guard let session = ProviderSessionChoice.freshest(sessions, connects: connects) else {
            throw ProviderSessionProblem.problem(.none, configuration: configuration, sessionID: nil)
        }
        return session.id
    }

    /// Runs an OT call and turns its failure into the shop's problem: an order OT does not
    /// know is a 404, a provider-session failure a 409 when `sessionID` is given.
    static func call<Result>(
        sessionID: String? = nil,
        configuration: GatewayConfiguration? = nil,
        _ body: () async throws(OTAPIError) -> Result
    ) async throws(Problem) -> Result {
        do {
            return try await body()
        } catch {
            if let configuration, let failure = ProviderSessionProblem.failure(of: error) {
                throw ProviderSessionProblem.problem(failure, configuration: configuration, sessionID: sessionID)
            }
            if case .ot(let code, _, let description, _, _) = error.code, code == "NotFound" {
                let reason = (description ?? "NotFound").trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                throw Problem.notFound("OT does not know it: \(reason).")
            }
            throw OTProblemMapping.problem(for: error)
        }
    }
}
