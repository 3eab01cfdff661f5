import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

/// `POST /orders` after validation: checks, `AddOrder` with a marker, reconciliation of an
/// unknown outcome, and the line-by-line check of what OT ordered.
struct OrderPlacement: Sendable {
    /// Item lookups run at most this many at a time when Tmall items are refused.
    static let itemLookupConcurrency = 8

    let services: GatewayServices
    let otapi: OTAPIClient
    let customer: CustomerAccount
    let reservations: ExternalIDReservations
    let logger: Logger
    let placements: CounterFamily

    var reader: OrderReader { OrderReader(otapi: self.otapi, store: self.services.store) }
    var search: OrderMarkerSearch { OrderMarkerSearch(otapi: self.otapi, customer: self.customer) }

    /// How long after an attempt started a missing marker proves that its `AddOrder` never
    /// took effect: twice the OT read and write timeouts, which bound the calls of an attempt.
    var settleTime: TimeInterval {
        let configuration = self.services.configuration.otAPI
        return 2 * (Self.seconds(configuration.writeTimeout) + Self.seconds(configuration.readTimeout))
    }

    func place(_ request: OrderRequest, attempt: IdempotencyAttempt) async throws -> Response {
        var logger = self.logger.with(["order.attempt_id": .string(attempt.id)])
        if let externalID = request.externalID {
            logger = logger.with(["order.external_id": .string(externalID)])
        }

        if attempt.isResumed, let orderID = try await self.findEarlierOrder(request, attempt: attempt, logger: logger) {
            return try await self.verify(orderID, request: request, logger: logger)
        }

        if let externalID = request.externalID {
            guard self.reservations.reserve(externalID) else {
                throw OrderProblems.duplicateExternalID(externalID, orderID: nil)
            }
            defer { self.reservations.release(externalID) }
            let live = try await self.services.store.liveGatewayOrders(externalID: externalID)
            if let existing = live.first(where: { $0.attemptID != attempt.id }) {
                throw OrderProblems.duplicateExternalID(externalID, orderID: existing.orderID)
            }
            let orderID = try await self.add(request, attempt: attempt, logger: logger)
            return try await self.verify(orderID, request: request, logger: logger)
        }
        let orderID = try await self.add(request, attempt: attempt, logger: logger)
        return try await self.verify(orderID, request: request, logger: logger)
    }

    // MARK: Reconciliation

    /// Finds the order of a resumed attempt: in the store, or by its marker in OT. Throws 503
    /// `outcome_unknown` while the attempt may still take effect; returns nil once it cannot,
    /// so the order is placed (with the same marker).
    private func findEarlierOrder(
        _ request: OrderRequest,
        attempt: IdempotencyAttempt,
        logger: Logger
    ) async throws -> String? {
        if let recorded = try await self.services.store.gatewayOrder(attemptID: attempt.id) {
            return recorded.orderID
        }
        if let found = try await self.search.find(attemptID: attempt.id, since: attempt.startedAt) {
            try await self.adopt(found, request: request, attempt: attempt, logger: logger)
            return found
        }
        let elapsed = self.services.now().timeIntervalSince(attempt.startedAt)
        guard elapsed >= self.settleTime else {
            logger.notice(
                "no order with the attempt's marker yet; responding with outcome_unknown",
                metadata: ["order.attempt_age_s": .double(elapsed)]
            )
            self.placements.increment(["outcome_unknown"])
            throw OrderProblems.outcomeUnknown(method: OTMethod.addOrder.rawValue)
        }
        logger.notice(
            "no order with the attempt's marker after the settle time; placing the order",
            metadata: ["order.attempt_age_s": .double(elapsed)]
        )
        return nil
    }

    /// Records an order found by its marker as placed by this attempt.
    private func adopt(_ orderID: String, request: OrderRequest, attempt: IdempotencyAttempt, logger: Logger)
        async throws
    {
        logger.notice("found the attempt's order by its marker", metadata: ["order.id": .string(orderID)])
        self.placements.increment(["adopted"])
        try await self.record(orderID, request: request, attempt: attempt)
    }

    // MARK: Adding

    /// Runs the Tmall check and `AddOrder`; returns the new order's id. Failures that leave no
    /// order in OT are thrown as `NothingApplied`, so an idempotency key is not kept waiting.
    private func add(_ request: OrderRequest, attempt: IdempotencyAttempt, logger: Logger) async throws -> String {
        let data: OrderAddData
        do {
            if self.services.configuration.ordering.rejectTmall {
                let tmall = try await self.tmallLines(request)
                if !tmall.isEmpty {
                    self.placements.increment(["tmall_rejected"])
                    throw OrderProblems.tmallNotSupported(tmall)
                }
            }
            data = try await self.orderData(request, attempt: attempt)
        } catch let problem as Problem {
            throw IdempotencyGate.NothingApplied(problem)
        }

        let orderID: String
        do {
            orderID = try await self.otapi.addOrder(data).id
        } catch {
            switch error.code {
            case .outcomeUnknown:
                // Nothing is sent again blindly: look for the marker first.
                logger.warning(
                    "AddOrder outcome unknown; searching for the attempt's marker",
                    metadata: ["error": .string(error.description)]
                )
                if let found = try await self.search.find(attemptID: attempt.id, since: attempt.startedAt) {
                    try await self.adopt(found, request: request, attempt: attempt, logger: logger)
                    return found
                }
                self.placements.increment(["outcome_unknown"])
                throw OTProblemMapping.problem(for: error)
            case .ot(let code, _, let description, _, _) where code == "ValidationError":
                // OT refuses an order none of whose lines it can buy.
                // NOTE: OT does not tell that case from other invalid order fields (delivery
                // mode, profile); its description is passed on in `detail`.
                self.placements.increment(["nothing_ordered"])
                throw IdempotencyGate.NothingApplied(
                    OrderProblems.nothingOrdered(
                        rejected: OrderLineMatching.allRejected(request.lines),
                        otDetail: description,
                        cancelledOrderID: nil
                    )
                )
            default:
                // Any other failure of a write means OT did not run it (see OTAPIError).
                throw IdempotencyGate.NothingApplied(OTProblemMapping.problem(for: error))
            }
        }
        logger.info("OT added the order", metadata: ["order.id": .string(orderID)])
        try await self.record(orderID, request: request, attempt: attempt)
        return orderID
    }

    private func record(_ orderID: String, request: OrderRequest, attempt: IdempotencyAttempt) async throws {
        let store = self.services.store
        if try await store.gatewayOrder(orderID: orderID) != nil {
            return
        }
        let now = UnixTime.milliseconds(from: self.services.now())
        try await store.insertGatewayOrder(
            GatewayOrderRecord(
                orderID: orderID,
                externalID: request.externalID,
                attemptID: attempt.id,
                state: .live,
                snapshotJSON: nil,
                createdAt: now,
                updatedAt: now
            )
        )
        // The shop learns of the order through the outbox, and the watcher follows it from
        // here until it is completed or cancelled.
        _ = try await EventRecorder.orderCreated(
            orderID: orderID,
            externalID: request.externalID,
            services: self.services
        )
        _ = try await OrderWatching.watch(orderID: orderID, services: self.services)
    }

    private func orderData(_ request: OrderRequest, attempt: IdempotencyAttempt) async throws -> OrderAddData {
        let ordering = self.services.configuration.ordering
        guard let deliveryModeID = request.deliveryModeID ?? ordering.deliveryModeID else {
            throw Problem(
                status: .internalServerError,
                code: "internal_error",
                title: "No delivery mode configured",
                detail: "The gateway has no delivery mode; set OTGW_DELIVERY_MODE_ID or send deliveryModeId."
            )
        }
        let profileID: String
        if let given = request.userProfileID ?? ordering.userProfileID {
            profileID = given
        } else {
            do {
                profileID = try await self.customer.defaultProfileID(using: self.otapi)
            } catch let error as OTAPIError {
                throw OTProblemMapping.problem(for: error)
            }
        }
        let items = request.lines.map { line in
            OrderAddItem(
                itemId: line.itemID,
                configurationId: line.configurationID,
                quantity: line.quantity,
                weight: line.weight,
                comment: line.comment,
                promotionId: line.promotionID
            )
        }
        return OrderAddData(
            deliveryModeId: deliveryModeID,
            userProfileId: profileID,
            comment: OrderComment.make(attemptID: attempt.id, externalID: request.externalID, comment: request.comment),
            items: items
        )
    }

    /// Returns the request lines whose items OT marks as Tmall items. An item OT does not
    /// know (`NotFound`) is left for `AddOrder` to reject.
    private func tmallLines(_ request: OrderRequest) async throws -> [(index: Int, itemID: String)] {
        let itemIDs = Array(Set(request.lines.map(\.itemID))).sorted()
        var tmallItems: Set<String> = []
        for chunkStart in stride(from: 0, to: itemIDs.count, by: Self.itemLookupConcurrency) {
            let chunk = itemIDs[chunkStart..<min(chunkStart + Self.itemLookupConcurrency, itemIDs.count)]
            let otapi = self.otapi
            let results = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for itemID in chunk {
                    group.addTask {
                        do throws(OTAPIError) {
                            return (itemID, try await otapi.batchGetItemFullInfo(itemId: itemID).isTmall)
                        } catch {
                            if case .ot(let code, _, _, _, _) = error.code, code == "NotFound" {
                                return (itemID, false)
                            }
                            throw OTProblemMapping.problem(for: error)
                        }
                    }
                }
                var collected: [(String, Bool)] = []
                for try await result in group {
                    collected.append(result)
                }
                return collected
            }
            for (itemID, isTmall) in results where isTmall {
                tmallItems.insert(itemID)
            }
        }
        return request.lines.enumerated()
            .filter { tmallItems.contains($0.element.itemID) }
            .map { (index: $0.offset, itemID: $0.element.itemID) }
    }

    // MARK: Verifying

    /// Reads the order back with the operator session, compares its lines with the request
    /// and applies the partial-order policy.
    private func verify(_ orderID: String, request: OrderRequest, logger: Logger) async throws -> Response {
        let details = try await self.reader.details(orderID)
        let ordered = details.lines.filter { !$0.isCancelledStatus }.map(OrderLineMatching.OrderedLine.init)
        let rejected = OrderLineMatching.rejectedLines(requested: request.lines, ordered: ordered)
        let isCancelled = details.order.isCancelled ?? false

        if rejected.count == request.lines.count {
            logger.warning("OT created an order without lines; cancelling it", metadata: ["order.id": .string(orderID)])
            try await self.cancel(orderID, alreadyCancelled: isCancelled)
            self.placements.increment(["nothing_ordered"])
            throw OrderProblems.nothingOrdered(rejected: rejected, otDetail: nil, cancelledOrderID: orderID)
        }
        if !rejected.isEmpty && request.onPartial == .cancel {
            logger.notice(
                "OT left lines out; cancelling the order",
                metadata: ["order.id": .string(orderID), "order.rejected_lines": .integer(rejected.count)]
            )
            try await self.cancel(orderID, alreadyCancelled: isCancelled)
            self.placements.increment(["partial_cancelled"])
            throw OrderProblems.partialOrderCancelled(orderID: orderID, rejected: rejected)
        }

        let json = try await self.reader.json(orderID, details: details, readPackages: false, rejectedLines: rejected)
        _ = try? await self.services.store.updateGatewayOrderSnapshot(
            orderID: orderID,
            snapshotJSON: OrderProblems.json(json),
            at: UnixTime.milliseconds(from: self.services.now())
        )
        try? await OrderWatching.setFirstSnapshot(orderID: orderID, order: json, services: self.services)
        self.placements.increment([rejected.isEmpty ? "created" : "partial_accepted"])
        return Response.json(json, status: .created, headers: ["Location": "/orders/\(orderID)"])
    }

    private func cancel(_ orderID: String, alreadyCancelled: Bool) async throws {
        if !alreadyCancelled {
            do {
                try await self.otapi.cancelSalesOrder(salesId: orderID)
            } catch {
                throw OrderProblems.mapped(error, orderID: orderID)
            }
        }
        try await self.services.store.markGatewayOrderCancelled(
            orderID: orderID,
            at: UnixTime.milliseconds(from: self.services.now())
        )
        // The shop saw order.created for it, so it must also see order.cancelled promptly.
        await OrderWatching.checkSoon(orderID: orderID, services: self.services)
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
