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
        if configuration.access.insecureNoAuth {
            logger.warning("--insecure-no-auth is set: the JSON endpoints accept requests without a bearer token")
        }
        let services: GatewayServices
        do {
            services = try GatewayServices(configuration: configuration, logger: logger, metrics: MetricsRegistry())
        } catch {
            logger.critical("failed to start", metadata: ["error": "\(error)"])
            Console.error("failed to start: \(error)")
            return 1
        }
        let application = GatewayApplication(services: services)
        let server = HTTPServer(
            configuration: application.serverConfiguration(),
            router: application.makeRouter(),
            logger: logger,
            metrics: services.metrics
        )
        do {
            try server.start()
        } catch {
            logger.critical(
                "failed to listen",
                metadata: ["listen": "\(configuration.server.listen)", "error": "\(error)"]
            )
            await services.shutdown()
            return 1
        }
        logger.info(
            "otgateway is serving",
            metadata: ["listen": "\(server.localAddress ?? "?")", "version": "\(GatewayCommand.versionString)"]
        )

        let signalName = await ShutdownSignal.wait()
        logger.info("shutting down", metadata: ["signal": "\(signalName)"])
        await server.shutdown(gracePeriod: self.shutdownGracePeriod)
        await services.shutdown()
        logger.info("stopped")
        return 0
    }
}

/// Plain-text messages for a person at a terminal.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("otgateway: \(message)\n".utf8))
    }
}
