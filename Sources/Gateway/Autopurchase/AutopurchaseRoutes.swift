import HTTPServer

/// Routes for exporting orders to the provider, synchronising them, and background activities.
enum AutopurchaseRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
