import Foundation
import Observability

/// The variables of each configuration section, read and checked.
extension ConfigurationValueReader {
    typealias Defaults = GatewayConfiguration.Defaults

    mutating func readConfiguration(requireOTCredentials: Bool, insecureNoAuth: Bool) -> GatewayConfiguration {
        GatewayConfiguration(
            server: self.readServer(),
            otAPI: self.readOTAPI(requireOTCredentials: requireOTCredentials),
            accounts: self.readAccounts(requireOTCredentials: requireOTCredentials),
            ordering: self.readOrdering(requireOTCredentials: requireOTCredentials),
            access: self.readAccess(
                requireTokens: requireOTCredentials && !insecureNoAuth,
                insecureNoAuth: insecureNoAuth
            ),
            dataDirectory: self.text(.dataDirectory, expected: "a folder path") ?? Defaults.dataDirectory,
            background: self.readBackground(),
            webhook: self.readWebhook(),
            logLevel: self.readLogLevel()
        )
    }

    private mutating func readServer() -> GatewayConfiguration.Server {
        var listen = ListenAddress(parsing: Defaults.listen)!
        if let text = self.trimmed(.listen) {
            if let parsed = ListenAddress(parsing: text) {
                listen = parsed
            } else {
                self.report(
                    .listen,
                    "expected HOST:PORT with a port from 0 to 65535, such as 127.0.0.1:8080 or [::1]:8080, "
                        + self.got(.listen)
                )
            }
        }
        let defaultPublicURL = URL(string: "http://\(listen)")!
        return GatewayConfiguration.Server(
            listen: listen,
            publicURL: self.httpURL(.publicURL) ?? defaultPublicURL,
            maxConnections: self.integer(
                .maxConnections,
                default: Defaults.maxConnections,
                range: Defaults.maxConnectionsRange
            )
        )
    }

    private mutating func readOTAPI(requireOTCredentials: Bool) -> GatewayConfiguration.OTAPI {
        var binding = Defaults.otAPIBinding
        if let text = self.trimmed(.otAPIBinding) {
            if let parsed = GatewayConfiguration.OTAPIBinding(rawValue: text.lowercased()) {
                binding = parsed
            } else {
                self.report(.otAPIBinding, "expected xml or soap11, \(self.got(.otAPIBinding))")
            }
        }

        var soapNamespace = Defaults.soapNamespace
        if let text = self.trimmed(.soapNamespace) {
            if URLComponents(string: text)?.scheme != nil {
                soapNamespace = text
            } else {
                self.report(
                    .soapNamespace,
                    "expected an absolute URI such as http://tempuri.org/, \(self.got(.soapNamespace))"
                )
            }
        }

        var language = Defaults.language
        if let text = self.trimmed(.language) {
            if Self.isLanguageTag(text) {
                language = text
            } else {
                self.report(.language, "expected a language code such as en, ru or zh-CN, \(self.got(.language))")
            }
        }

        var caFile: String?
        if let path = self.trimmed(.caFile) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isReadableFile(atPath: path)
            {
                caFile = path
            } else {
                self.report(
                    .caFile,
                    "expected a readable PEM file, \(self.got(.caFile)), which is missing or unreadable"
                )
            }
        }

        if requireOTCredentials && self.raw(.otAPIURL) == nil {
            self.report(
                .otAPIURL,
                "required but not set; expected the OT API base URL, such as https://otapi.net/service"
            )
        }
        return GatewayConfiguration.OTAPI(
            url: self.httpURL(.otAPIURL) ?? URL(string: Defaults.otAPIURL)!,
            isURLSet: self.raw(.otAPIURL) != nil,
            binding: binding,
            soapNamespace: soapNamespace,
            instanceKey: self.requiredText(
                .instanceKey,
                expected: "the OT API instance key",
                isRequired: requireOTCredentials
            ),
            apiSecret: self.text(.apiSecret, expected: "the OT API signing secret"),
            language: language,
            caFile: caFile,
            maxConnections: self.integer(
                .otAPIMaxConnections,
                default: Defaults.otAPIMaxConnections,
                range: Defaults.otAPIMaxConnectionsRange
            ),
            readTimeout: .seconds(
                self.integer(
                    .otAPIReadTimeout,
                    default: Defaults.otAPIReadTimeoutSeconds,
                    range: Defaults.otAPITimeoutSecondsRange
                )
            ),
            writeTimeout: .seconds(
                self.integer(
                    .otAPIWriteTimeout,
                    default: Defaults.otAPIWriteTimeoutSeconds,
                    range: Defaults.otAPITimeoutSecondsRange
                )
            )
        )
    }

    private mutating func readAccounts(requireOTCredentials: Bool) -> GatewayConfiguration.Accounts {
        GatewayConfiguration.Accounts(
            operatorLogin: self.requiredText(
                .operatorLogin,
                expected: "the OT operator (admin) login",
                isRequired: requireOTCredentials
            ),
            operatorPassword: self.requiredText(
                .operatorPassword,
                expected: "the OT operator password",
                isRequired: requireOTCredentials
            ),
            customerLogin: self.requiredText(
                .customerLogin,
                expected: "the login of the OT customer that places orders",
                isRequired: requireOTCredentials
            ),
            customerPassword: self.requiredText(
                .customerPassword,
                expected: "the OT customer password",
                isRequired: requireOTCredentials
            )
        )
    }

    private mutating func readOrdering(requireOTCredentials: Bool) -> GatewayConfiguration.Ordering {
        GatewayConfiguration.Ordering(
            deliveryModeID: self.requiredText(
                .deliveryModeID,
                expected: "the id of the external zero-cost delivery mode",
                isRequired: requireOTCredentials
            ),
            userProfileID: self.text(.userProfileID, expected: "the id of the customer's delivery profile"),
            providerType: self.text(.providerType, expected: "a provider name such as Taobao") ?? Defaults.providerType,
            rejectTmall: self.boolean(.rejectTmall, default: Defaults.rejectTmall),
            autoExport: self.boolean(.autoExport, default: Defaults.autoExport),
            idempotencyTTL: .seconds(
                3600
                    * self.integer(
                        .idempotencyTTL,
                        default: Defaults.idempotencyTTLHours,
                        range: Defaults.idempotencyTTLHoursRange
                    )
            )
        )
    }

    /// RFC 6750 `token68` characters, the ones a bearer token may contain.
    static func isBearerTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-._~+/=".contains(character))
    }

    private mutating func readAccess(requireTokens: Bool, insecureNoAuth: Bool) -> GatewayConfiguration.Access {
        var tokens: [String] = []
        if let text = self.raw(.apiTokens) {
            let candidates = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            tokens = candidates.filter { !$0.isEmpty }
            if tokens.contains(where: { !$0.allSatisfy(Self.isBearerTokenCharacter) }) {
                self.report(
                    .apiTokens,
                    "expected comma-separated bearer tokens of letters, digits and -._~+/=, "
                        + "but a token contains another character (tokens are not shown)"
                )
                tokens = []
            } else if tokens.isEmpty {
                self.report(.apiTokens, "expected comma-separated bearer tokens, got only commas and spaces")
            }
        } else if requireTokens {
            self.report(
                .apiTokens,
                "required but not set; expected comma-separated bearer tokens for the shop backend, "
                    + "or start with --insecure-no-auth"
            )
        }

        return GatewayConfiguration.Access(
            apiTokens: tokens,
            insecureNoAuth: insecureNoAuth,
            consolePassword: self.text(.consolePassword, expected: "the operator console password")
        )
    }

    private mutating func readBackground() -> GatewayConfiguration.Background {
        GatewayConfiguration.Background(
            sessionWarnAge: .seconds(
                3600
                    * self.integer(
                        .sessionWarnHours,
                        default: Defaults.sessionWarnHours,
                        range: Defaults.sessionWarnHoursRange
                    )
            ),
            watchInterval: .seconds(
                self.integer(
                    .watchInterval,
                    default: Defaults.watchIntervalSeconds,
                    range: Defaults.watchIntervalSecondsRange
                )
            ),
            syncInterval: .seconds(
                self.integer(
                    .syncInterval,
                    default: Defaults.syncIntervalSeconds,
                    range: Defaults.syncIntervalSecondsRange
                )
            ),
            otCallsPerMinute: self.integer(
                .otCallsPerMinute,
                default: Defaults.otCallsPerMinute,
                range: Defaults.otCallsPerMinuteRange
            )
        )
    }

    private mutating func readWebhook() -> GatewayConfiguration.Webhook? {
        let url = self.httpURL(.webhookURL)
        let secret = self.text(.webhookSecret, expected: "the HMAC key for event pushes")
        guard self.raw(.webhookURL) != nil else { return nil }
        guard let secret else {
            if self.raw(.webhookSecret) == nil {
                self.report(
                    .webhookSecret,
                    "required when OTGW_WEBHOOK_URL is set; expected the HMAC key that signs each push"
                )
            }
            return nil
        }
        guard let url else { return nil }
        return GatewayConfiguration.Webhook(url: url, secret: secret)
    }

    private mutating func readLogLevel() -> LogLevel {
        guard let text = self.trimmed(.logLevel) else { return Defaults.logLevel }
        guard let level = LogLevel(name: text) else {
            let names = LogLevel.allCases.map(\.description).joined(separator: ", ")
            self.report(.logLevel, "expected one of \(names), \(self.got(.logLevel))")
            return Defaults.logLevel
        }
        return level
    }

    /// Accepts BCP 47 shapes such as `en`, `ru`, `zh-CN` and `zh-Hans`.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
            primary.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
