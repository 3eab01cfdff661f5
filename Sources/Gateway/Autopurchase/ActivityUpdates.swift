import Foundation
import OTAPI
import Store

/// Stores what a read of an activity changed: the record, its events and, when it finished,
/// an early re-read of its order.
enum ActivityUpdates {
    /// Applies `info` to the stored record of the activity; does nothing for an activity the
    /// gateway did not start. Returns the order id of the record, if any.
    @discardableResult
    static func apply(
        _ info: BackgroundActivityInfo,
        id: BackgroundActivityID,
        services: GatewayServices,
        now: Date
    ) async throws -> String? {
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let webhookConfigured = services.configuration.webhook != nil
        return try await services.store.transaction { store in
            guard let record = try store.gatewayActivity(type: id.type, id: id.id) else { return nil }
            let transition = ActivityTracking.apply(info, to: record, now: nowMilliseconds)
            try store.saveGatewayActivity(transition.record)
            _ = try EventRecorder.append(
                transition.events,
                occurredAt: nowMilliseconds,
                webhookConfigured: webhookConfigured,
                in: store
            )
            if transition.orderMayHaveChanged, let orderID = record.orderID {
                try store.rescheduleWatchedOrder(orderID: orderID, nextCheckAt: nowMilliseconds)
            }
            return record.orderID
        }
    }

    /// Records an activity the gateway just started.
    static func started(_ id: BackgroundActivityID, orderID: String?, services: GatewayServices, now: Date) async throws
    {
        let record = ActivityTracking.newRecord(id, orderID: orderID, now: UnixTime.milliseconds(from: now))
        try await services.store.saveGatewayActivity(record)
    }
}
