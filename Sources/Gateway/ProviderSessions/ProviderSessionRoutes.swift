import HTTPServer

/// Routes for Taobao provider sessions, the return URL and the console.
enum ProviderSessionRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        // TODO: register the routes of this group.
    }
}
