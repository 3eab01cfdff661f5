import Foundation
import OTAPI
import Store

/// `otgateway check`: validates the configuration against the OT API and builds a checklist
/// in which every failure names the variable or the OT admin step that fixes it.
///
/// The checks run in order. A check that depends on an earlier one (the operator login for the
/// provider settings, the customer login for the delivery profile) is reported as not verified
/// when that one failed, so one cause produces one failure.
public struct ConfigurationCheck: Sendable {
    /// The country asked for delivery modes when the delivery profile has no country code.
    public static let defaultCountryCode = "RU"
    /// The parcel weight, in kg, for which delivery modes are listed.
    public static let deliveryModeWeightKilograms: Decimal = 1

    public let configuration: GatewayConfiguration
    public let otapi: OTAPIClient
    /// The gateway's record of Taobao account connects, from which session ages are counted;
    /// empty when the store does not exist yet.
    public let accountConnects: [ProviderAccountConnect]
    public let now: @Sendable () -> Date

    public init(
        configuration: GatewayConfiguration,
        otapi: OTAPIClient,
        accountConnects: [ProviderAccountConnect] = [],
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.otapi = otapi
        self.accountConnects = accountConnects
        self.now = now
    }

    public func run() async -> CheckReport {
        var report = CheckReport()
        report.items += self.localItems()

        let provider = await self.checkProviderInfo()
        report.items.append(provider.item)
        guard provider.reachedOT else {
            report.items.append(
                CheckItem(.unknown, "the remaining checks need the OT API and did not run")
            )
            return report
        }

        let operatorItem = await self.checkOperatorLogin()
        report.items.append(operatorItem)
        let customerItem = await self.checkCustomerLogin()
        report.items.append(customerItem)

        if customerItem.status == .ok {
            let profile = await self.checkDeliveryProfile()
            report.items.append(profile.item)
            report.items.append(await self.checkDeliveryMode(countryCode: profile.countryCode))
        } else {
            report.items.append(CheckItem(.unknown, "delivery profile: not checked, because the customer login failed"))
            report.items.append(
                CheckItem(.unknown, "delivery mode: not checked, because the customer login failed")
            )
        }

        if let info = provider.info {
            report.items.append(self.integrationItem(info))
        }

        if operatorItem.status == .ok {
            report.items += await self.checkWarehouseRecipient()
            report.items.append(await self.checkProviderSessions())
        } else {
            report.items.append(
                CheckItem(.unknown, "warehouse recipient: not checked, because the operator login failed")
            )
            report.items.append(
                CheckItem(.unknown, "provider sessions: not checked, because the operator login failed")
            )
        }
        return report
    }

    /// Checks that need no OT call.
    func localItems() -> [CheckItem] {
        var items: [CheckItem] = []
        items.append(CheckItem(.ok, "OT API address: \(self.configuration.otAPI.url.absoluteString) (OTGW_OTAPI_URL)"))
        if self.configuration.access.apiTokens.isEmpty {
            items.append(
                CheckItem(
                    .fail,
                    "no API token is set, so serve would not start",
                    details: [
                        "Set OTGW_API_TOKENS to one or more random tokens, comma-separated, for the shop backend."
                    ]
                )
            )
        } else {
            items.append(
                CheckItem(.ok, "\(self.configuration.access.apiTokens.count) API token(s) set (OTGW_API_TOKENS)")
            )
        }
        if self.configuration.access.consolePassword == nil {
            items.append(
                CheckItem(
                    .ok,
                    "operator console disabled (OTGW_CONSOLE_PASSWORD is not set)",
                    details: ["Set OTGW_CONSOLE_PASSWORD to use the console and its Taobao connect button."]
                )
            )
        } else {
            items.append(CheckItem(.ok, "operator console enabled (OTGW_CONSOLE_PASSWORD is set)"))
        }
        return items
    }
}
