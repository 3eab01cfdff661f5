import Foundation
import Observability

/// Builds a `GatewayConfiguration` from the environment and an optional config file, where the
/// environment wins. An empty value counts as unset.
public struct GatewayConfigurationLoader: Sendable {
    public var environment: [String: String]
    /// The `--config FILE` path: a JSON object of variable names, or `KEY=VALUE` lines.
    public var configFilePath: String?
    /// Set for `serve`: the OT credentials, the delivery mode and, unless `insecureNoAuth`,
    /// `OTGW_API_TOKENS` must be set.
    public var requireOTCredentials: Bool
    /// Set by `--insecure-no-auth`: the JSON endpoints accept requests without a token.
    public var insecureNoAuth: Bool

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configFilePath: String? = nil,
        requireOTCredentials: Bool = false,
        insecureNoAuth: Bool = false
    ) {
        self.environment = environment
        self.configFilePath = configFilePath
        self.requireOTCredentials = requireOTCredentials
        self.insecureNoAuth = insecureNoAuth
    }

    /// Loads and validates the configuration, or throws every problem found, one per line.
    public func load() throws(GatewayConfigurationError) -> GatewayConfiguration {
        var problems: [ConfigurationProblem] = []
        var values: [String: String] = [:]
        if let path = self.configFilePath {
            let file = ConfigurationFile.read(path: path)
            values = file.values
            problems += file.problems
        }
        for variable in ConfigurationVariable.allCases {
            if let value = self.environment[variable.name], !value.isEmpty {
                values[variable.name] = value
            }
        }

        var reader = ConfigurationValueReader(values: values)
        let configuration = reader.readConfiguration(
            requireOTCredentials: self.requireOTCredentials,
            insecureNoAuth: self.insecureNoAuth
        )
        problems += reader.problems
        guard problems.isEmpty else {
            throw GatewayConfigurationError(problems: problems)
        }
        return configuration
    }
}
