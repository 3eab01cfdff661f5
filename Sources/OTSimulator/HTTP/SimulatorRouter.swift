import HTTPServer

extension Simulator {
    /// A router with the OT API endpoints (form and SOAP 1.1 bindings), the fake Taobao
    /// pages and the `/_sim/` control API.
    public func makeRouter() -> Router {
        var router = Router()
        registerServiceRoutes(&router)
        registerSOAPRoutes(&router)
        registerFakeTaobaoRoutes(&router)
        registerControlRoutes(&router)
        return router
    }
}
