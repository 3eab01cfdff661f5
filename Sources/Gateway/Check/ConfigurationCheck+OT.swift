import Foundation
import OTAPI

/// The checks that call OT.
extension ConfigurationCheck {
    struct ProviderResult {
        var item: CheckItem
        /// False when OT could not be reached or refused the instance key: nothing else can run.
        var reachedOT: Bool
        var info: ProviderInfo?
    }

    /// `GetProviderInfo` needs no session, so it tests the address, the instance key and the
    /// signature before any login.
    func checkProviderInfo() async -> ProviderResult {
        let providerType = self.configuration.ordering.providerType
        do {
            let info = try await self.otapi.getProviderInfo(providerType: providerType)
            return ProviderResult(
                item: CheckItem(.ok, "OT API reached and the instance key accepted (OTGW_INSTANCE_KEY)"),
                reachedOT: true,
                info: info
            )
        } catch {
            switch error.code {
            case .ot(let code, _, let description, _, _) where code != "AccessDenied":
                return ProviderResult(
                    item: CheckItem(
                        .fail,
                        "OT does not know provider \(providerType): \(code), \(description ?? "no description")",
                        details: ["Set OTGW_PROVIDER_TYPE to the provider connected to the instance, such as Taobao."]
                    ),
                    reachedOT: true,
                    info: nil
                )
            default:
                return ProviderResult(item: self.unreachableItem(error), reachedOT: false, info: nil)
            }
        }
    }

    private func unreachableItem(_ error: OTAPIError) -> CheckItem {
        switch error.code {
        case .ot, .retryLater:
            return CheckItem(
                .fail,
                "OT refused the instance: \(error.description)",
                details: [
                    "Check OTGW_INSTANCE_KEY and OTGW_API_SECRET against the OT admin panel, the server clock, "
                        + "and that OT allows calls from this server's IP address."
                ]
            )
        case .transport, .httpStatus, .badResponse, .soapFault:
            return CheckItem(
                .fail,
                "the OT API at \(self.configuration.otAPI.url.absoluteString) did not answer as OT: \(error.description)",
                details: [
                    "Check OTGW_OTAPI_URL (and OTGW_OTAPI_BINDING), the network path to it, and OTGW_CA_FILE for TLS."
                ]
            )
        default:
            return CheckItem(.fail, "the OT API call failed: \(error.description)", details: ["Check OTGW_OTAPI_URL."])
        }
    }

    func checkOperatorLogin() async -> CheckItem {
        let accounts = self.configuration.accounts
        do {
            _ = try await self.otapi.authenticateInstanceOperator(
                login: accounts.operatorLogin ?? "",
                password: accounts.operatorPassword ?? ""
            )
            return CheckItem(.ok, "operator login \(accounts.operatorLogin ?? "") works (OTGW_OPERATOR_LOGIN)")
        } catch {
            return CheckItem(
                .fail,
                "operator login \(accounts.operatorLogin ?? "") failed: \(error.description)",
                details: [
                    "Set OTGW_OPERATOR_LOGIN and OTGW_OPERATOR_PASSWORD to an OT admin panel user with operator rights."
                ]
            )
        }
    }

    func checkCustomerLogin() async -> CheckItem {
        let accounts = self.configuration.accounts
        do {
            _ = try await self.otapi.authenticate(
                login: accounts.customerLogin ?? "",
                password: accounts.customerPassword ?? ""
            )
            return CheckItem(.ok, "customer login \(accounts.customerLogin ?? "") works (OTGW_CUSTOMER_LOGIN)")
        } catch {
            return CheckItem(
                .fail,
                "customer login \(accounts.customerLogin ?? "") failed: \(error.description)",
                details: [
                    "Create the customer that places all orders in OT (a customer account of the shop's site), "
                        + "then set OTGW_CUSTOMER_LOGIN and OTGW_CUSTOMER_PASSWORD to its login and password."
                ]
            )
        }
    }

    func checkDeliveryProfile() async -> (item: CheckItem, countryCode: String?) {
        let profiles: [UserProfile]
        do {
            profiles = try await self.otapi.getUserProfileInfoList()
        } catch {
            return (CheckItem(.fail, "reading the customer's delivery profiles failed: \(error.description)"), nil)
        }
        let createStep =
            "In the OT admin panel, add a delivery profile (recipient and address) to the customer "
            + "\(self.configuration.accounts.customerLogin ?? "")."
        if let wanted = self.configuration.ordering.userProfileID {
            guard let profile = profiles.first(where: { $0.id == wanted }) else {
                let known = profiles.map(\.id).joined(separator: ", ")
                return (
                    CheckItem(
                        .fail,
                        "delivery profile \(wanted) (OTGW_USER_PROFILE_ID) is not one of the customer's profiles "
                            + "(\(known.isEmpty ? "none" : known))",
                        details: [
                            "Set OTGW_USER_PROFILE_ID to one of them, or unset it to use the first. \(createStep)"
                        ]
                    ),
                    nil
                )
            }
            return (CheckItem(.ok, "delivery profile \(wanted) exists (OTGW_USER_PROFILE_ID)"), profile.countryCode)
        }
        guard let first = profiles.first else {
            return (
                CheckItem(.fail, "the customer has no delivery profile", details: [createStep]),
                nil
            )
        }
        return (
            CheckItem(
                .ok,
                "delivery profile \(first.id), the customer's first, will be used (OTGW_USER_PROFILE_ID unset)"
            ),
            first.countryCode
        )
    }

    func checkDeliveryMode(countryCode: String?) async -> CheckItem {
        let wanted = self.configuration.ordering.deliveryModeID ?? ""
        let country = countryCode.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultCountryCode
        let modes: [DeliveryMode]
        do {
            modes = try await self.otapi.getDeliveryModesWithPrice(
                countryCode: country,
                weight: Self.deliveryModeWeightKilograms
            )
        } catch {
            return CheckItem(.fail, "listing delivery modes for \(country) failed: \(error.description)")
        }
        if modes.contains(where: { $0.id == wanted }) {
            return CheckItem(.ok, "delivery mode \(wanted) exists for delivery country \(country) (OTGW_DELIVERY_MODE_ID)")
        }
        let known = modes.map { "\($0.id) (\($0.name ?? "no name"))" }.joined(separator: ", ")
        return CheckItem(
            .fail,
            "delivery mode \(wanted) (OTGW_DELIVERY_MODE_ID) is not offered for \(country); OT offers: "
                + (known.isEmpty ? "none" : known),
            details: [
                "In the OT admin panel, create the zero-cost external delivery, note its id, "
                    + "and set OTGW_DELIVERY_MODE_ID to it."
            ]
        )
    }

    func integrationItem(_ info: ProviderInfo) -> CheckItem {
        let providerType = self.configuration.ordering.providerType
        guard let integration = info.ordersIntegration, let enabled = integration.isEnabled else {
            return CheckItem(
                .unknown,
                "orders integration for \(providerType): could not verify, because GetProviderInfo returned no "
                    + "OrdersIntegration/IsEnabled"
            )
        }
        let enableStep =
            "In the OT admin panel, enable orders integration (autopurchase) for \(providerType), "
            + "or ask OT support to make it available for the instance."
        if integration.isAvailable == false {
            return CheckItem(
                .fail,
                "orders integration for \(providerType) is not available for this instance",
                details: [enableStep]
            )
        }
        guard enabled else {
            return CheckItem(.fail, "orders integration for \(providerType) is disabled", details: [enableStep])
        }
        return CheckItem(.ok, "orders integration for \(providerType) is enabled")
    }

    func checkWarehouseRecipient() async -> [CheckItem] {
        do {
            let settings = try await self.otapi.getProviderOrdersIntegrationSettings(
                providerType: self.configuration.ordering.providerType
            )
            return WarehouseRecipientRules.items(for: settings)
        } catch {
            return [
                CheckItem(
                    .unknown,
                    "warehouse recipient: could not read the integration settings: \(error.description)"
                )
            ]
        }
    }

    func checkProviderSessions() async -> CheckItem {
        let providerType = self.configuration.ordering.providerType
        let sessions: [ProviderSession]
        do {
            sessions = try await self.otapi.getProviderOrdersIntegrationSessionInfoList(providerType: providerType)
        } catch {
            return CheckItem(.fail, "listing \(providerType) sessions failed: \(error.description)")
        }
        guard !sessions.isEmpty else {
            // Not a configuration fault, but exports need an account, so it is not shown as ok.
            return CheckItem(
                .unknown,
                "no \(providerType) account is connected yet",
                details: ["After serve starts, connect one from the console (/taobao/connect) before exporting orders."]
            )
        }
        let connects = Dictionary(self.accountConnects.map { ($0.accountName, $0.lastConnectedAt) }) { a, _ in a }
        let warnHours = Double(self.configuration.background.sessionWarnAge.components.seconds) / 3600
        let lines = sessions.map { session in
            let name = session.name ?? "unnamed"
            guard let connectedAt = connects[name] else {
                return "\(name) (session \(session.id)): age unknown, connected outside the gateway"
            }
            let hours = max(0, self.now().timeIntervalSince1970 - Double(connectedAt)) / 3600
            let age = String(format: "%.1f", hours)
            let warning = hours >= warnHours ? ", reconnect soon (OTGW_SESSION_WARN_HOURS)" : ""
            return "\(name) (session \(session.id)): connected \(age) h ago\(warning)"
        }
        return CheckItem(.ok, "\(sessions.count) \(providerType) session(s)", details: lines)
    }
}
