import Foundation

extension GatewayConfiguration {
    /// The text shown in place of a secret that is set.
    public static let maskedValue = "***"
    /// The text shown for a variable that is not set.
    public static let unsetValue = "(unset)"

    /// Returns the effective value of each variable as text, with secrets masked.
    public func printableValues() -> [ConfigurationVariable: String] {
        var values: [ConfigurationVariable: String] = [:]
        for variable in ConfigurationVariable.allCases {
            values[variable] = self.printableValue(of: variable)
        }
        return values
    }

    /// Renders the configuration for `--print-config`: one `NAME=value` line per variable,
    /// sorted by name, with every secret shown as `***` or `(unset)`.
    public func printable() -> String {
        ConfigurationVariable.allCases.sorted()
            .map { "\($0.name)=\(self.printableValue(of: $0))" }
            .joined(separator: "\n")
    }

    private func printableValue(of variable: ConfigurationVariable) -> String {
        let value = self.effectiveValue(of: variable)
        guard let value, !value.isEmpty else { return Self.unsetValue }
        return variable.isSecret ? Self.maskedValue : value
    }

    /// Returns the value as it would be written in the environment, or nil when unset.
    private func effectiveValue(of variable: ConfigurationVariable) -> String? {
        switch variable {
        case .listen: self.server.listen.description
        case .publicURL: self.server.publicURL.absoluteString
        case .maxConnections: String(self.server.maxConnections)
        case .otAPIURL: self.otAPI.isURLSet ? self.otAPI.url.absoluteString : "(unset)"
        case .otAPIBinding: self.otAPI.binding.rawValue
        case .soapNamespace: self.otAPI.soapNamespace
        case .instanceKey: self.otAPI.instanceKey
        case .apiSecret: self.otAPI.apiSecret
        case .language: self.otAPI.language
        case .caFile: self.otAPI.caFile
        case .otAPIMaxConnections: String(self.otAPI.maxConnections)
        case .otAPIReadTimeout: String(self.otAPI.readTimeout.components.seconds)
        case .otAPIWriteTimeout: String(self.otAPI.writeTimeout.components.seconds)
        case .operatorLogin: self.accounts.operatorLogin
        case .operatorPassword: self.accounts.operatorPassword
        case .customerLogin: self.accounts.customerLogin
        case .customerPassword: self.accounts.customerPassword
        case .deliveryModeID: self.ordering.deliveryModeID
        case .userProfileID: self.ordering.userProfileID
        case .providerType: self.ordering.providerType
        case .rejectTmall: String(self.ordering.rejectTmall)
        case .autoExport: String(self.ordering.autoExport)
        case .idempotencyTTL: String(self.ordering.idempotencyTTL.components.seconds / 3600)
        case .apiTokens: self.access.apiTokens.isEmpty ? nil : self.access.apiTokens.joined(separator: ",")
        case .consolePassword: self.access.consolePassword
        case .dataDirectory: self.dataDirectory
        case .sessionWarnHours: String(self.background.sessionWarnAge.components.seconds / 3600)
        case .watchInterval: String(self.background.watchInterval.components.seconds)
        case .syncInterval: String(self.background.syncInterval.components.seconds)
        case .otCallsPerMinute: String(self.background.otCallsPerMinute)
        case .webhookURL: self.webhook?.url.absoluteString
        case .webhookSecret: self.webhook?.secret
        case .logLevel: self.logLevel.description
        }
    }
}
