import Foundation
import Gateway
import HTTPServer
import Observability

/// `otgateway serve`: loads the configuration, starts the server and runs until SIGTERM/SIGINT.
enum ServeCommand {
    /// Seconds that in-flight requests get to finish after a shutdown signal.
    static let shutdownGracePeriod: Duration = .seconds(10)

    static func run(_ options: GatewayCommand.ServeOptions) async -> Int32 {
        let loader = GatewayConfigurationLoader(
            environment: ProcessInfo.processInfo.environment,
            configFilePath: options.configFile,
            requireOTCredentials: !options.printConfig,
            insecureNoAuth: options.insecureNoAuth
        )
        let configuration: GatewayConfiguration
        do {
            configuration = try loader.load()
        } catch {
            Console.error("the configuration is invalid:\n\(error.description)")
            return 1
        }
        if options.printConfig {
            print(configuration.printable())
            return 0
        }

        let logger = Logger(label: "otgateway", logLevel: configuration.logLevel, sink: JSONLineLogSink())
        for name in ConfigurationVariable.unknownNames(in: ProcessInfo.processInfo.environment) {
            logger.warning(
                "the environment sets \(name), which the gateway does not read; check its spelling",
                metadata: ["variable": .string(name)]
            )
        }
        if configuration.access.insecureNoAuth {
            logger.warning("--insecure-no-auth is set: the JSON endpoints accept requests without a bearer token")
        }
        let runtime: GatewayRuntime
        do {
            runtime = try await GatewayRuntime.start(configuration: configuration, logger: logger)
        } catch {
            switch error {
            case .services(let cause):
                logger.critical("failed to start", metadata: ["error": "\(cause)"])
                Console.error(
                    "failed to start: \(cause). Check that OTGW_DATA_DIR (\(configuration.dataDirectory)) "
                        + "is a writable folder"
                )
            case .listen(let cause):
                logger.critical(
                    "failed to listen",
                    metadata: ["listen": "\(configuration.server.listen)", "error": "\(cause)"]
                )
                Console.error(
                    "failed to listen on \(configuration.server.listen) (\(cause)); "
                        + "free the port or set OTGW_LISTEN to another address"
                )
            }
            return 1
        }
        logger.info(
            "otgateway is serving",
            metadata: ["listen": "\(runtime.localAddress)", "version": "\(GatewayCommand.versionString)"]
        )

        let signalName = await ShutdownSignal.wait()
        logger.info("shutting down", metadata: ["signal": "\(signalName)"])
        await runtime.stop(gracePeriod: self.shutdownGracePeriod)
        logger.info("stopped")
        return 0
    }
}
