import Foundation
import Gateway
import OTSimulator

/// The gateway configuration of `demo`, built as `OTGW_*` variables so that it passes the
/// same loader and checks as `serve`. Only `OTGW_LOG_LEVEL` is taken from the environment,
/// because any other inherited variable could point the demo away from its own simulator.
enum DemoEnvironment {
    static let inheritedVariables = ["OTGW_LOG_LEVEL"]

    static func variables(
        listen: ListenAddress,
        simulator: SimulatorHost,
        secrets: DemoSecrets,
        dataDirectory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        let accounts = simulator.simulator.initialConfiguration
        var variables = [
            "OTGW_LISTEN": listen.description,
            "OTGW_PUBLIC_URL": "http://\(listen)",
            "OTGW_OTAPI_URL": simulator.serviceURL,
            "OTGW_INSTANCE_KEY": accounts.instanceKeys.first ?? "",
            "OTGW_OPERATOR_LOGIN": accounts.operatorLogin,
            "OTGW_OPERATOR_PASSWORD": accounts.operatorPassword,
            "OTGW_CUSTOMER_LOGIN": accounts.customerLogin,
            "OTGW_CUSTOMER_PASSWORD": accounts.customerPassword,
            "OTGW_DELIVERY_MODE_ID": accounts.freeDeliveryModeId ?? "",
            "OTGW_USER_PROFILE_ID": String(accounts.userProfileId),
            "OTGW_API_TOKENS": secrets.apiToken,
            "OTGW_CONSOLE_PASSWORD": secrets.consolePassword,
            "OTGW_DATA_DIR": dataDirectory,
        ]
        for name in self.inheritedVariables {
            if let value = environment[name] {
                variables[name] = value
            }
        }
        return variables
    }

    /// Loads the demo's configuration; throws the loader's problems when one is invalid, which
    /// only an inherited variable can cause.
    static func configuration(
        listen: ListenAddress,
        simulator: SimulatorHost,
        secrets: DemoSecrets,
        dataDirectory: String
    ) throws -> GatewayConfiguration {
        let variables = self.variables(
            listen: listen,
            simulator: simulator,
            secrets: secrets,
            dataDirectory: dataDirectory
        )
        return try GatewayConfigurationLoader(environment: variables, requireOTCredentials: true).load()
    }
}
