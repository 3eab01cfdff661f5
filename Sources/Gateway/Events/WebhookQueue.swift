import Store

/// Picks the pending events that may be pushed now: an event of an order waits while an
/// older event of the same order is still pending, so each order's events arrive in order.
enum WebhookQueue {
    /// `pending` must be in id order, oldest first, as the store returns it.
    static func deliverable(_ pending: [OutboxEvent], now: Int64) -> [OutboxEvent] {
        var blockedOrders: Set<String> = []
        var result: [OutboxEvent] = []
        for event in pending {
            if let orderID = event.orderID {
                if blockedOrders.contains(orderID) { continue }
                blockedOrders.insert(orderID)
            }
            if let due = event.nextAttemptAt, due <= now {
                result.append(event)
            }
        }
        return result
    }
}
