import Foundation
import Store
import Testing

@testable import Gateway

/// Drives the console and the whole Taobao connect flow in headless Chromium through
/// chromedriver, and saves screenshots of both pages in both languages.
@Suite struct ConsoleBrowserTests {
    static let screenshotFolder = ProviderTestGateway.repositoryRoot.appendingPathComponent(".build/screenshots").path

    @Test(
        .enabled(
            if: ChromeDriver.executablePath != nil,
            "skipped: chromedriver is not installed; install chromium and chromium-driver (make test does)"
        )
    )
    func consoleAndConnectFlowInChromium() async throws {
        try FileManager.default.createDirectory(atPath: Self.screenshotFolder, withIntermediateDirectories: true)
        let clock = ManualClock(Date())
        let gateway = try await ProviderTestGateway.start(clock: clock)
        try await self.seedOrders(gateway, now: clock.now())
        let driver = try await ChromeDriver.start()
        var session: WebDriverSession?
        do {
            let browser = try await WebDriverSession.open(driver, browserPath: ChromeDriver.browserPath)
            session = browser
            try await self.run(browser, gateway: gateway, clock: clock)
        } catch {
            await session?.close()
            driver.stop()
            await gateway.stop()
            throw error
        }
        await session?.close()
        driver.stop()
        await gateway.stop()
    }

    private func run(_ browser: WebDriverSession, gateway: ProviderTestGateway, clock: ManualClock) async throws {
        // The operator's sign-in goes as a header on every request: Chromium does not reuse
        // credentials written into a URL for the page's own fetch calls, while credentials an
        // operator types into the Basic prompt are reused, which this header stands in for.
        try await browser.setExtraHeaders(["Authorization": ProviderTestGateway.basicAuthorization])
        let base = "http://\(gateway.address)"
        let loaded = "return document.body && document.body.dataset.loaded === 'true'"

        // The console before any account is connected.
        try await browser.navigate(base + "/console/?lang=en")
        try await browser.wait(until: loaded, what: "the console to load")
        #expect(try await browser.text("#connect") == "Connect Taobao account")
        #expect(try await browser.text("#integration") == "Autopurchase enabled")
        #expect(try await browser.text("#orders tbody").contains("ORD-0000000101"))

        // Connect: the console's button, the fake Taobao page, back to the return page.
        try await browser.click("#connect")
        try await browser.wait(
            until: "return !!document.querySelector('input[name=account]')",
            what: "the Taobao login"
        )
        try await browser.type("tb_browser_1", into: "input[name=account]")
        try await browser.click("button[value=allow]")
        try await browser.wait(
            until: "return location.pathname.startsWith('/taobao/return/') && !!document.querySelector('h1')",
            what: "the return page"
        )
        #expect(try await browser.text("h1") == "Taobao account connected")
        #expect(try await browser.text("main").contains("tb_browser_1"))
        try await browser.screenshot(to: Self.screenshotFolder + "/return-en.png")
        let returnURL = try await browser.currentURL()
        #expect(!returnURL.contains("?"))

        try await browser.navigate(returnURL + "?lang=ru")
        try await browser.wait(until: "return document.documentElement.lang === 'ru'", what: "the Russian return page")
        #expect(try await browser.text("h1") == "Аккаунт Taobao подключён")
        try await browser.screenshot(to: Self.screenshotFolder + "/return-ru.png")

        // The fresh session shows OK. After 21 hours the same session carries the reconnect mark.
        try await browser.navigate(base + "/console/?lang=en")
        try await browser.wait(until: loaded, what: "the console to load")
        let fresh = try await browser.text("#sessions tbody")
        #expect(fresh.contains("tb_browser_1"))
        #expect(fresh.contains("OK"))
        try await browser.screenshot(to: Self.screenshotFolder + "/console-en.png")

        clock.advance(by: 21 * 3600)
        try await browser.navigate(base + "/console/?lang=ru")
        try await browser.wait(until: loaded, what: "the Russian console to load")
        #expect(try await browser.text("#connect") == "Подключить аккаунт Taobao")
        let stale = try await browser.text("#sessions tbody")
        #expect(stale.contains("Скоро переподключить"))
        #expect(stale.contains("Переподключить"))
        try await browser.screenshot(to: Self.screenshotFolder + "/console-ru.png")

        // Reconnect from the row's button; the return page confirms the same account.
        try await browser.click("#sessions tbody a.button")
        try await browser.wait(
            until: "return !!document.querySelector('input[name=account]')",
            what: "the Taobao login"
        )
        try await browser.type("tb_browser_1", into: "input[name=account]")
        try await browser.click("button[value=allow]")
        try await browser.wait(
            until: "return location.pathname.startsWith('/taobao/return/') && !!document.querySelector('h1')",
            what: "the return page after reconnect"
        )
        #expect(try await browser.text("h1") == "Аккаунт Taobao подключён")
        try await browser.navigate(base + "/console/")
        try await browser.wait(until: loaded, what: "the console after reconnect")
        #expect(!(try await browser.text("#sessions tbody")).contains("Скоро переподключить"))
    }

    private func seedOrders(_ gateway: ProviderTestGateway, now: Date) async throws {
        let store = gateway.services.store
        let time = UnixTime.milliseconds(from: now)
        let orders: [(String, String, String, PaymentState?)] = [
            ("ORD-0000000101", "shop-1001", "Processing", .verified),
            ("ORD-0000000102", "shop-1002", "Waiting for payment", .incomplete),
        ]
        for (offset, (id, externalID, status, paymentState)) in orders.enumerated() {
            let created = time - Int64(offset + 1) * 600_000
            try await store.insertGatewayOrder(
                GatewayOrderRecord(
                    orderID: id,
                    externalID: externalID,
                    attemptID: "attempt-\(id)",
                    state: .live,
                    snapshotJSON: #"{"status":{"id":1,"name":"\#(status)"},"totalAmount":"118.50","currency":"CNY"}"#,
                    createdAt: created,
                    updatedAt: created
                )
            )
            if let paymentState {
                try await store.insertPayment(
                    PaymentRecord(
                        paymentID: "pay-\(id)",
                        orderID: id,
                        customerID: "customer-1",
                        state: paymentState,
                        amount: Decimal(string: "118.50")!,
                        depositedAmount: Decimal(string: "118.50")!,
                        reservedAmount: paymentState == .verified ? Decimal(string: "118.50")! : 0,
                        currency: "CNY",
                        createdAt: created,
                        updatedAt: created,
                        lastError: paymentState == .incomplete ? "SalesPaymentReserve timed out" : nil
                    )
                )
            }
        }
    }
}
