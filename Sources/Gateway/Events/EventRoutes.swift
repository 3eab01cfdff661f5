import HTTPServer

/// Routes for reading order events from the outbox.
enum EventRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
