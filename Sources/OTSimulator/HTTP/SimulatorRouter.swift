import HTTPServer

extension Simulator {
    /// A router with the OT API endpoints, the fake Taobao pages and the `/_sim/` control API.
    public func makeRouter() -> Router {
        var router = Router()
        registerServiceRoutes(&router)
        registerFakeTaobaoRoutes(&router)
        registerControlRoutes(&router)
        return router
    }
}
