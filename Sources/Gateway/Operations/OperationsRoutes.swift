import HTTPServer

/// Routes for readiness, problem pages and the OpenAPI document.
enum OperationsRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
