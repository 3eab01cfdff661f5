import Store

/// Webhook delivery state for the operator console.
public enum WebhookStatus {
    /// The most failed events `json(services:)` lists.
    public static let failedEventsListed = 50

    /// `{"configured", "backlog", "failedCount", "failedEvents": [event + attempts and lastError]}`.
    public static func json(services: GatewayServices) async throws -> JSONValue {
        let counts = try await services.store.outboxEventCounts()
        let failed = try await services.store.failedOutboxEvents(limit: self.failedEventsListed)
        let failedJSON: [JSONValue] = failed.map { event in
            .object([
                ("event", EventRepresentation.json(event)),
                ("attempts", .number(String(event.attempts))),
                ("lastError", event.lastError.map(JSONValue.string) ?? .null),
            ])
        }
        return .object([
            ("configured", .bool(services.configuration.webhook != nil)),
            ("backlog", .number(String(counts[.pending] ?? 0))),
            ("failedCount", .number(String(counts[.failed] ?? 0))),
            ("failedEvents", .array(failedJSON)),
        ])
    }
}
