import HTTPServer

/// Routes for orders, reading and cancelling them.
enum OrderRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
