import HTTPServer
import Store

/// Routes for reading order events from the outbox.
enum EventRoutes {
    static let defaultLimit = 100
    static let limitRange = 1...Store.maximumOutboxPageSize

    static func register(into router: inout Router, context: RouteContext) {
        router.get("/events") { request in
            _ = try context.authenticator.authenticate(request)
            let page = try self.pageParameters(request)
            let events = try await context.services.store.outboxEvents(after: page.after, limit: page.limit)
            let next = events.last?.id ?? page.after
            return .json(
                .object([
                    ("events", .array(events.map(EventRepresentation.json))),
                    ("next", .number(String(next))),
                ])
            )
        }
    }

    /// Reads `after` (an event id, default 0) and `limit` (1 to 1000, default 100).
    static func pageParameters(_ request: Request) throws(Problem) -> (after: Int64, limit: Int) {
        var after: Int64 = 0
        var limit = self.defaultLimit
        var errors: [Problem.FieldError] = []
        var items: [(name: String, value: String)] = []
        if let query = request.rawQuery {
            guard let decoded = PercentDecoding.queryItems(query) else {
                throw Problem.badRequest("The query string is not valid percent-encoding.")
            }
            items = decoded
        }
        for item in items {
            switch item.name {
            case "after":
                if let value = Int64(item.value), value >= 0 {
                    after = value
                } else {
                    errors.append(.init(field: "after", message: "must be an event id (an integer of 0 or more)"))
                }
            case "limit":
                if let value = Int(item.value), self.limitRange.contains(value) {
                    limit = value
                } else {
                    errors.append(
                        .init(
                            field: "limit",
                            message:
                                "must be an integer from \(self.limitRange.lowerBound) to \(self.limitRange.upperBound)"
                        )
                    )
                }
            default:
                continue
            }
        }
        guard errors.isEmpty else {
            throw Problem.badRequest("The query parameters of GET /events are invalid.", fieldErrors: errors)
        }
        return (after, limit)
    }
}
