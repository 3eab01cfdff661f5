import HTTPServer

/// Routes for paying orders.
enum PaymentRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
