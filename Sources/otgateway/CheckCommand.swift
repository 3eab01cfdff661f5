import Foundation
import Gateway
import Observability

/// `otgateway check`: loads the configuration like `serve`, checks it against the OT API and
/// prints the checklist. Exit status 0 only when no check failed.
enum CheckCommand {
    static func run(configFile: String?) async -> Int32 {
        // API tokens are not needed to talk to OT; the checklist reports them missing instead of
        // refusing to run.
        let loader = GatewayConfigurationLoader(
            environment: ProcessInfo.processInfo.environment,
            configFilePath: configFile,
            requireOTCredentials: true,
            insecureNoAuth: true
        )
        var configuration: GatewayConfiguration
        do {
            configuration = try loader.load()
        } catch {
            print("[fail] the configuration is invalid:\n\(error.description)")
            return 1
        }
        // The loader skipped the token requirement, so the checklist reports missing tokens itself.
        configuration.access.insecureNoAuth = false

        // Logs go to standard error at warning and above, so the checklist stays readable.
        let logger = Logger(label: "otgateway.check", logLevel: .warning, sink: JSONLineLogSink(fileDescriptor: 2))
        print("Checking the configuration against \(configuration.otAPI.url.absoluteString) ...\n")
        do {
            let report = try await ConfigurationCheck.run(configuration: configuration, logger: logger)
            print(report.rendered(), terminator: "")
            return report.passed ? 0 : 1
        } catch {
            print("[fail] the OT API client could not start: \(error)")
            return 1
        }
    }
}
