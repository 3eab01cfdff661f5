import OTAPI
import Store

/// The activity object of the interface: `GET /activities/{type}/{id}` and `activity` in the
/// `202` of export and sync.
public enum ActivityRepresentation {
    public static func json(_ info: BackgroundActivityInfo, id: BackgroundActivityID, orderID: String?) -> JSONValue {
        .object([
            ("type", .string(info.type ?? id.type)),
            ("id", .string(info.id ?? id.id)),
            ("orderId", orderID.map(JSONValue.string) ?? .null),
            ("state", .string(ActivityTracking.state(of: info).rawValue)),
            ("isFinished", .bool(info.isFinished)),
            ("isCancelled", .bool(info.isCancelled)),
            ("isAwaitingAction", .bool(info.isAwaitingAction)),
            ("progressPercent", info.progressPercent.map { .number(String($0)) } ?? .null),
            ("actions", .array(info.actions.map(self.action))),
            (
                "steps",
                .array(
                    info.steps.map { step in
                        .object([
                            ("type", step.type.map(JSONValue.string) ?? .null),
                            ("message", step.message.map(JSONValue.string) ?? .null),
                            ("actions", .array(step.actions.map(self.action))),
                        ])
                    }
                )
            ),
        ])
    }

    /// A just-started activity, before its first read: `Run*` returns only the type and id.
    public static func started(_ id: BackgroundActivityID, orderID: String?) -> JSONValue {
        .object([
            ("type", .string(id.type)),
            ("id", .string(id.id)),
            ("orderId", orderID.map(JSONValue.string) ?? .null),
            ("state", .string(GatewayActivityState.running.rawValue)),
            ("isFinished", .bool(false)),
            ("isCancelled", .bool(false)),
            ("isAwaitingAction", .bool(false)),
            ("progressPercent", .number("0")),
            ("actions", .array([])),
            ("steps", .array([])),
        ])
    }

    static func action(_ action: BackgroundActivityAction) -> JSONValue {
        .object([
            ("id", .string(action.id)),
            ("displayName", action.displayName.map(JSONValue.string) ?? .null),
        ])
    }
}
