import Foundation
import HTTPServer
import OTAPI
import Observability
import Store
import Synchronization

/// Re-reads watched orders every `OTGW_WATCH_INTERVAL` (jittered), records what changed as
/// events, stops at completed or cancelled orders, and synchronises exported orders with
/// the provider every `OTGW_SYNC_INTERVAL`.
public final class OrderWatcher: Sendable {
    /// Orders re-read in one run at most; the rest wait for the next run.
    static let ordersPerRun = 50
    /// Recent gateway orders looked at when adopting unwatched ones.
    static let adoptionWindow = 500
    static let adoptionIntervalMilliseconds: Int64 = 60_000
    /// OT calls of one re-read: the order details and its packages.
    static let callsPerCheck = 2

    let services: GatewayServices
    let budget: CallBudget
    let jitter: @Sendable () -> Double
    let logger: Logger
    private let lastAdoptionAt = Mutex<Int64?>(nil)

    /// - Parameter jitter: the factor applied to the watch interval, expected in 0.9...1.1,
    ///   so that orders placed together are not re-read together forever.
    public init(
        services: GatewayServices,
        budget: CallBudget,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0.9...1.1) }
    ) {
        self.services = services
        self.budget = budget
        self.jitter = jitter
        self.logger = services.logger.with(["component": "watcher"])
    }

    /// Re-reads the orders due at `now`; returns how many were read.
    @discardableResult
    public func runOnce(now: Date) async -> Int {
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        await self.adoptUnwatchedOrders(now: nowMilliseconds)
        let due: [WatchedOrderRecord]
        do {
            due = try await self.services.store.dueWatchedOrders(now: nowMilliseconds, limit: Self.ordersPerRun)
        } catch {
            self.logger.error("reading watched orders failed", metadata: ["error": .string("\(error)")])
            return 0
        }
        var checked = 0
        for record in due {
            if Task.isCancelled { break }
            guard self.budget.take(Self.callsPerCheck, now: now) else {
                self.logger.debug("background OT call budget used up; watched orders wait for the next run")
                break
            }
            guard let state = await self.check(record, now: now) else { continue }
            checked += 1
            await self.synchronizeIfDue(record, state: state, now: now)
        }
        return checked
    }

    /// Reads one order and stores the changes; returns the new state, or nil when the read failed.
    private func check(_ record: WatchedOrderRecord, now: Date) async -> WatchState? {
        let orderID = record.orderID
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let details: OrderDetails
        let packages: [SalesPackage]
        do {
            details = try await self.services.otapi.getSalesOrderDetailsForOperator(salesId: orderID)
            packages = try await self.services.otapi.getSalesPackageList(salesId: orderID)
        } catch {
            await self.recordFailedRead(orderID: orderID, error: error, now: nowMilliseconds)
            return nil
        }

        let snapshot = OrderSnapshot(details: details, packages: packages)
        let next = snapshot.isFinal ? OrderWatching.finishedCheckAt : nowMilliseconds + self.interval()
        let webhookConfigured = self.services.configuration.webhook != nil
        do {
            let (state, events) = try await self.services.store.transaction { store in
                // Read again inside the transaction: an export may have set the provider session meanwhile.
                let current = WatchState(jsonText: try store.watchedOrder(orderID: orderID)?.snapshotJSON)
                let drafts = OrderDiffer.events(from: current.order, to: snapshot)
                let state = WatchState(order: snapshot, providerSessionID: current.providerSessionID)
                let events = try EventRecorder.append(
                    drafts,
                    occurredAt: nowMilliseconds,
                    webhookConfigured: webhookConfigured,
                    in: store
                )
                try store.recordWatchedOrderCheck(orderID: orderID, snapshotJSON: state.jsonText, nextCheckAt: next)
                // The console shows orders from the gateway's own record, so it follows each re-read.
                if let placed = try store.gatewayOrder(orderID: orderID) {
                    let order = OrderRepresentation.json(
                        details: details,
                        packages: packages,
                        externalID: placed.externalID
                    )
                    _ = try store.updateGatewayOrderSnapshot(
                        orderID: orderID,
                        snapshotJSON: String(decoding: JSONWriter.encode(order), as: UTF8.self),
                        at: nowMilliseconds
                    )
                }
                if snapshot.isCancelled {
                    try store.markGatewayOrderCancelled(orderID: orderID, at: nowMilliseconds)
                }
                return (state, events)
            }
            for event in events {
                self.logger.info(
                    "order event recorded",
                    metadata: [
                        "order.id": .string(orderID), "event.id": .string(String(event.id)),
                        "event.type": .string(event.type),
                    ]
                )
            }
            if snapshot.isFinal {
                self.logger.info("order finished; watching stops", metadata: ["order.id": .string(orderID)])
            }
            return state
        } catch {
            self.logger.error(
                "storing a re-read order failed",
                metadata: ["order.id": .string(orderID), "error": .string("\(error)")]
            )
            return nil
        }
    }

    private func recordFailedRead(orderID: String, error: OTAPIError, now: Int64) async {
        var orderIsGone = false
        if case .ot(let code, _, _, _, _) = error.code, code == "NotFound" {
            orderIsGone = true
        }
        let next = orderIsGone ? OrderWatching.finishedCheckAt : now + self.interval()
        self.logger.warning(
            orderIsGone
                ? "watched order is unknown to OT; watching stops" : "re-reading a watched order failed; will retry",
            metadata: ["order.id": .string(orderID), "error": .string(error.description)]
        )
        do {
            try await self.services.store.rescheduleWatchedOrder(orderID: orderID, nextCheckAt: next)
        } catch {
            self.logger.error(
                "rescheduling a watched order failed",
                metadata: ["order.id": .string(orderID), "error": .string("\(error)")]
            )
        }
    }

    /// Starts a provider synchronisation of an exported order when its sync interval has passed.
    private func synchronizeIfDue(_ record: WatchedOrderRecord, state: WatchState, now: Date) async {
        guard let order = state.order, !order.isFinal, order.hasBookedLines, state.providerSessionID != nil else {
            return
        }
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let interval = OrderWatching.milliseconds(self.services.configuration.background.syncInterval)
        if let last = record.lastSyncAt, nowMilliseconds - last < interval { return }
        guard self.budget.take(1, now: now) else { return }
        do {
            _ = try await Autopurchase.synchronize(
                orderID: record.orderID,
                services: self.services,
                logger: self.logger.with(["order.id": .string(record.orderID)])
            )
        } catch {
            // Also counts a failed start, so a dead provider session is not retried on every read.
            _ = try? await self.services.store.recordWatchedOrderSync(orderID: record.orderID, at: nowMilliseconds)
            self.logger.warning(
                "background synchronisation did not start; it is tried again after OTGW_SYNC_INTERVAL",
                metadata: ["order.id": .string(record.orderID), "error": .string(Self.describe(error))]
            )
        }
    }

    /// Watches live gateway orders that no code registered for watching, at most once a minute.
    private func adoptUnwatchedOrders(now: Int64) async {
        let due = self.lastAdoptionAt.withLock { last -> Bool in
            if let last, now - last < Self.adoptionIntervalMilliseconds { return false }
            last = now
            return true
        }
        guard due else { return }
        do {
            let orders = try await self.services.store.recentGatewayOrders(limit: Self.adoptionWindow)
            for order in orders where order.state == .live {
                guard try await self.services.store.watchedOrder(orderID: order.orderID) == nil else { continue }
                let state = WatchState(jsonText: order.snapshotJSON)
                let adopted = try await self.services.store.watchOrder(
                    orderID: order.orderID,
                    snapshotJSON: state.order == nil ? nil : state.jsonText,
                    nextCheckAt: now,
                    now: now
                )
                if adopted {
                    self.logger.info(
                        "watching a gateway order that was not watched",
                        metadata: ["order.id": .string(order.orderID)]
                    )
                }
            }
        } catch {
            self.logger.error("adopting unwatched orders failed", metadata: ["error": .string("\(error)")])
        }
    }

    private func interval() -> Int64 {
        let base = Double(OrderWatching.milliseconds(self.services.configuration.background.watchInterval))
        return Int64((base * self.jitter()).rounded())
    }

    static func describe(_ error: any Error) -> String {
        if let problem = error as? Problem { return "\(problem.code): \(problem.detail ?? problem.title)" }
        return "\(error)"
    }
}
