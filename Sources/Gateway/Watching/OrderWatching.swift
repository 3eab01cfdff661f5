import Foundation
import Store

/// Starting and ending the watch of an order. The orders code calls `watch` for every order it
/// places; the watcher also adopts gateway orders that are not watched.
public enum OrderWatching {
    /// Watches an order from now on; the first re-read comes one watch interval later.
    /// `order` is the order object returned to the shop, used as the first snapshot when given.
    /// Returns false, changing nothing, when the order is already watched.
    @discardableResult
    public static func watch(orderID: String, order: JSONValue? = nil, services: GatewayServices) async throws -> Bool {
        let now = UnixTime.milliseconds(from: services.now())
        let interval = self.milliseconds(services.configuration.background.watchInterval)
        let snapshot = order.flatMap(OrderSnapshot.init(json:)).map { WatchState(order: $0, providerSessionID: nil) }
        return try await services.store.watchOrder(
            orderID: orderID,
            snapshotJSON: snapshot?.jsonText,
            nextCheckAt: now + interval,
            now: now
        )
    }

    /// Sets the snapshot of a watched order that has none yet, so the first re-read reports
    /// every change since the order was placed, status changes included.
    public static func setFirstSnapshot(orderID: String, order: JSONValue, services: GatewayServices) async throws {
        guard let snapshot = OrderSnapshot(json: order).map({ WatchState(order: $0, providerSessionID: nil) }) else {
            return
        }
        try await services.store.transaction { store in
            guard let record = try store.watchedOrder(orderID: orderID), record.snapshotJSON == nil else { return }
            try store.recordWatchedOrderCheck(
                orderID: orderID,
                snapshotJSON: snapshot.jsonText,
                nextCheckAt: record.nextCheckAt
            )
        }
    }

    /// Moves the next re-read of a watched order to now, after the gateway itself changed the
    /// order (paid, cancelled, exported), so its events follow within a watcher tick instead of
    /// a whole watch interval.
    public static func checkSoon(orderID: String, services: GatewayServices) async {
        let now = UnixTime.milliseconds(from: services.now())
        do {
            try await services.store.transaction { store in
                guard let record = try store.watchedOrder(orderID: orderID),
                    record.nextCheckAt != Self.finishedCheckAt
                else { return }
                try store.rescheduleWatchedOrder(orderID: orderID, nextCheckAt: now)
            }
        } catch {
            services.logger.warning(
                "failed to schedule an early re-read of the order",
                metadata: ["order.id": .string(orderID), "error": .string("\(error)")]
            )
        }
    }

    /// Records the provider session an order was exported with, watching the order when it is
    /// not watched yet, inside the caller's transaction.
    static func recordExport(
        orderID: String,
        providerSessionID: String,
        nextCheckAt: Int64,
        now: Int64,
        in store: isolated Store
    ) throws {
        if let record = try store.watchedOrder(orderID: orderID) {
            var state = WatchState(jsonText: record.snapshotJSON)
            state.providerSessionID = providerSessionID
            // A finished watch (next check at the end of time) resumes: the order is active again.
            let nextCheck = record.nextCheckAt == Self.finishedCheckAt ? nextCheckAt : record.nextCheckAt
            try store.recordWatchedOrderCheck(orderID: orderID, snapshotJSON: state.jsonText, nextCheckAt: nextCheck)
        } else {
            let state = WatchState(order: nil, providerSessionID: providerSessionID)
            try store.watchOrder(orderID: orderID, snapshotJSON: state.jsonText, nextCheckAt: nextCheckAt, now: now)
        }
        try store.recordWatchedOrderSync(orderID: orderID, at: now)
    }

    /// The next check of an order that is no longer re-read (completed or cancelled). The row
    /// stays, so the order is not adopted again and its last snapshot remains readable.
    public static let finishedCheckAt = Int64.max

    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
