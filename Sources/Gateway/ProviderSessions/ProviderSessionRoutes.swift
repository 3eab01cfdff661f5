import HTTPServer

/// Routes for Taobao provider sessions, the return URL and the console.
enum ProviderSessionRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        self.register(into: &router, context: context, timing: .standard, publicDirectory: PublicDirectory.locate())
    }

    /// Registers the routes with explicit timing and console folder (tests pass short windows).
    static func register(
        into router: inout Router,
        context: RouteContext,
        timing: ProviderConnectTiming,
        publicDirectory: String?
    ) {
        let services = context.services
        let pages = OperatorPages(configuration: services.configuration)
        let starter = ProviderConnectStarter(services: services, timing: timing)
        let api = ProviderSessionAPI(context: context, starter: starter)
        let connect = TaobaoConnectPage(pages: pages, starter: starter, services: services)
        let callback = TaobaoReturnPage(
            pages: pages,
            processor: ProviderReturnProcessor(services: services, timing: timing),
            services: services
        )

        router.get("/provider-sessions") { request in try await api.list(request) }
        router.post("/provider-sessions", maxBodyBytes: ProviderSessionAPI.maxBodyBytes) { request in
            try await api.create(request)
        }
        router.get(TaobaoConnectPage.path) { request in await connect.handle(request) }
        router.get(ProviderReturnURL.pathPrefix + "{state}") { request in await callback.handle(request) }
        // A provider that adds a slash before its own query still reaches the handler.
        router.get(ProviderReturnURL.pathPrefix + "{state}/") { request in await callback.handle(request) }

        if publicDirectory == nil, pages.authenticator.isEnabled {
            services.logger.warning(
                "console files not found; set OTGW_PUBLIC_DIR to the public folder",
                metadata: ["component": "console"]
            )
        }
        let payments = context.payments
        ConsoleRoutes.register(
            into: &router,
            services: services,
            pages: pages,
            publicDirectory: publicDirectory,
            unresolvedPayments: { try await payments.refreshUnresolved() }
        )
    }
}
