import Foundation
import OTAPI
import Observability
import Testing

@testable import Gateway
@testable import OTSimulator

@Suite struct ConfigurationCheckTests {
    private func runCheck(
        _ harness: GatewayHarness,
        change: (inout GatewayConfiguration) -> Void = { _ in }
    ) async throws -> CheckReport {
        var configuration = harness.services.configuration
        change(&configuration)
        return try await ConfigurationCheck.run(configuration: configuration, logger: .disabled())
    }

    private func item(_ report: CheckReport, containing text: String) -> CheckItem? {
        report.items.first { $0.summary.contains(text) }
    }

    @Test func simulatorConfigurationPasses() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness)
        #expect(report.passed, "\(report.rendered())")
        #expect(self.item(report, containing: "operator login")?.status == .ok)
        #expect(self.item(report, containing: "customer login")?.status == .ok)
        #expect(self.item(report, containing: "delivery mode FREE-EXT-1 exists")?.status == .ok)
        #expect(self.item(report, containing: "orders integration for Taobao is enabled")?.status == .ok)
        #expect(self.item(report, containing: "warehouse recipient name is set")?.status == .ok)
        #expect(self.item(report, containing: "warehouse recipient mobile number is set")?.status == .ok)
        #expect(report.rendered().contains("[ok] "))
        #expect(!report.rendered().contains("[fail]"))
        await harness.stop()
    }

    @Test func wrongDeliveryModeFailsNamingVariable() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.ordering.deliveryModeID = "NO-SUCH-MODE" }
        #expect(!report.passed)
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1, "\(report.rendered())")
        #expect(failure.summary.contains("OTGW_DELIVERY_MODE_ID"))
        #expect(failure.summary.contains("FREE-EXT-1"), "lists the modes OT offers")
        #expect(failure.details.joined().contains("zero-cost external delivery"))
        await harness.stop()
    }

    @Test func disabledIntegrationFails() async throws {
        let harness = try await GatewayHarness.start()
        var flags = OrdersIntegrationFlags()
        flags.isEnabled = false
        harness.simulator.setOrdersIntegration(flags)
        let report = try await self.runCheck(harness)
        #expect(!report.passed)
        let failure = try #require(self.item(report, containing: "orders integration"))
        #expect(failure.status == .fail)
        #expect(failure.summary.contains("disabled"))
        #expect(failure.details.joined().contains("OT admin panel"))
        await harness.stop()
    }

    @Test func wrongOperatorPasswordFailsAndSkipsOperatorChecks() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.accounts.operatorPassword = "wrong-password" }
        #expect(!report.passed)
        let failure = try #require(self.item(report, containing: "operator login"))
        #expect(failure.status == .fail)
        #expect(failure.details.joined().contains("OTGW_OPERATOR_PASSWORD"))
        #expect(self.item(report, containing: "warehouse recipient: not checked")?.status == .unknown)
        #expect(self.item(report, containing: "provider sessions: not checked")?.status == .unknown)
        #expect(report.failures.count == 1, "\(report.rendered())")
        #expect(!report.rendered().contains("wrong-password"))
        await harness.stop()
    }

    @Test func wrongCustomerPasswordFails() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.accounts.customerPassword = "wrong-password" }
        let failure = try #require(self.item(report, containing: "customer login"))
        #expect(failure.status == .fail)
        #expect(failure.details.joined().contains("OTGW_CUSTOMER_LOGIN"))
        #expect(self.item(report, containing: "delivery mode: not checked")?.status == .unknown)
        await harness.stop()
    }

    @Test func unknownProfileFailsNamingVariable() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.ordering.userProfileID = "999" }
        let failure = try #require(self.item(report, containing: "OTGW_USER_PROFILE_ID"))
        #expect(failure.status == .fail)
        #expect(failure.summary.contains(String(SimulatorConfiguration.Defaults.userProfileId)))
        await harness.stop()
    }

    @Test func unreachableOTFailsNamingURL() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.otAPI.url = URL(string: "http://127.0.0.1:9/service")! }
        #expect(!report.passed)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.details.joined().contains("OTGW_OTAPI_URL") == true)
        #expect(report.items.last?.status == .unknown)
        await harness.stop()
    }

    @Test func wrongInstanceKeyFailsNamingKey() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.otAPI.instanceKey = "wrong-key" }
        #expect(!report.passed)
        #expect(report.failures.first?.details.joined().contains("OTGW_INSTANCE_KEY") == true)
        await harness.stop()
    }

    @Test func missingTokensFail() async throws {
        let harness = try await GatewayHarness.start()
        let report = try await self.runCheck(harness) { $0.access.apiTokens = [] }
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.details.joined().contains("OTGW_API_TOKENS") == true)
        await harness.stop()
    }

    @Test func sessionAgeComesFromConnects() async throws {
        let harness = try await GatewayHarness.start()
        let connectedAt = harness.simulator.now
        harness.simulator.updateState { state in
            state.providerSessions.append(
                OTSimulator.ProviderSession(
                    id: "3000000001",
                    name: "tb_buyer_1",
                    providerType: "Taobao",
                    connectedAt: connectedAt
                )
            )
        }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let check = ConfigurationCheck(
            configuration: harness.services.configuration,
            otapi: harness.services.otapi,
            accountConnects: [.init(accountName: "tb_buyer_1", lastConnectedAt: 1_800_000_000 - 21 * 3600)],
            now: { now }
        )
        let item = await check.checkProviderSessions()
        #expect(item.status == .ok)
        #expect(item.details.first?.contains("connected 21.0 h ago, reconnect soon") == true, "\(item.details)")
        await harness.stop()
    }

    @Test func noSessionsIsFlaggedButNotAFailure() async throws {
        let harness = try await GatewayHarness.start()
        let check = ConfigurationCheck(configuration: harness.services.configuration, otapi: harness.services.otapi)
        let item = await check.checkProviderSessions()
        #expect(item.status == .unknown)
        #expect(item.summary.contains("no Taobao account is connected"))
        await harness.stop()
    }

    @Test func renderedReportMarksEachLine() {
        let report = CheckReport(items: [
            CheckItem(.ok, "first"),
            CheckItem(.fail, "second", details: ["Set OTGW_X."]),
            CheckItem(.unknown, "third"),
        ])
        let lines = report.rendered().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "[ok] first")
        #expect(lines[1] == "[fail] second")
        #expect(lines[2] == "       Set OTGW_X.")
        #expect(lines[3] == "[?] third")
        #expect(report.rendered().contains("1 passed, 1 failed, 1 could not be verified"))
        #expect(!report.passed)
        #expect(CheckReport(items: [CheckItem(.ok, "a"), CheckItem(.unknown, "b")]).passed)
    }

    @Test func constantsArePinned() {
        #expect(ConfigurationCheck.defaultCountryCode == "RU")
        #expect(ConfigurationCheck.deliveryModeWeightKilograms == 1)
        #expect(WarehouseRecipientRules.nameLengthRange == 2...14)
        #expect(WarehouseRecipientRules.mobileDigitCount == 11)
    }
}
