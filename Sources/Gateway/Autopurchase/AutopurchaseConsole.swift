import Foundation
import Store

/// Export and activity data for the operator console.
public enum AutopurchaseConsole {
    /// The activities the gateway started, in `state` when given (for example
    /// `.awaitingAction` for the ones whose buttons the console shows), oldest first, as
    /// `{"type", "id", "orderId", "state", "attempts", "createdAt", "updatedAt"}`. The actions
    /// to offer come from `Autopurchase.activity`, which reads OT.
    public static func activities(
        state: GatewayActivityState?,
        limit: Int,
        services: GatewayServices
    ) async throws -> JSONValue {
        let states: [GatewayActivityState] =
            state.map { [$0] } ?? [.running, .awaitingAction, .finished, .cancelled, .abandoned]
        var records: [GatewayActivityRecord] = []
        for state in states {
            records += try await services.store.gatewayActivities(state: state, limit: limit)
        }
        records.sort { ($0.createdAt, $0.type, $0.id) < ($1.createdAt, $1.type, $1.id) }
        return .array(records.prefix(limit).map(self.json))
    }

    /// The export state of one order: `none` (never exported through the gateway), or the
    /// state of its latest export activity, with the provider session and the booked lines
    /// as last read by the watcher.
    public static func exportState(orderID: String, services: GatewayServices) async throws -> JSONValue {
        let activities = try await services.store.gatewayActivities(orderID: orderID)
        let export = activities.last { $0.type == Self.exportActivityType }
        let watch = try await services.store.watchedOrder(orderID: orderID)
        let state = WatchState(jsonText: watch?.snapshotJSON)
        let booked = state.order?.lines.filter { $0.providerOrderID != nil }.count ?? 0
        return .object([
            ("orderId", .string(orderID)),
            ("export", .string(export?.state.rawValue ?? "none")),
            ("activity", export.map(self.json) ?? .null),
            ("providerSessionId", state.providerSessionID.map(JSONValue.string) ?? .null),
            ("bookedLines", .number(String(booked))),
            ("watched", .bool(watch.map { $0.nextCheckAt != OrderWatching.finishedCheckAt } ?? false)),
        ])
    }

    static let exportActivityType = "ProviderOrdersIntegrationExporting"

    static func json(_ record: GatewayActivityRecord) -> JSONValue {
        .object([
            ("type", .string(record.type)),
            ("id", .string(record.id)),
            ("orderId", record.orderID.map(JSONValue.string) ?? .null),
            ("state", .string(record.state.rawValue)),
            ("attempts", .number(String(record.attempts))),
            ("createdAt", .string(EventRepresentation.timestamp(milliseconds: record.createdAt))),
            ("updatedAt", .string(EventRepresentation.timestamp(milliseconds: record.updatedAt))),
        ])
    }
}
