import Foundation
import Gateway
import OTSimulator
import Observability

/// `otgateway simulator`: runs the OT API simulator alone, prints its accounts and runs until
/// SIGTERM/SIGINT. Requests are logged as JSON lines on standard error.
enum SimulatorCommand {
    /// Seconds that calls in flight get to finish after a shutdown signal.
    static let shutdownGracePeriod: Duration = .seconds(5)

    static func run(listen: String?, stateFile: String?) async -> Int32 {
        let listenText = listen ?? SimulatorConfiguration.Defaults.listenAddress
        guard let address = ListenAddress(parsing: listenText) else {
            Console.error("--listen must be HOST:PORT such as 127.0.0.1:9090 or [::1]:9090, got '\(listenText)'")
            return 2
        }
        let stateURL = stateFile.map { URL(fileURLWithPath: $0) }
        let logger = Logger(label: "otsimulator", logLevel: CommandLogLevel.fromEnvironment(), sink: JSONLineLogSink())

        let host: SimulatorHost
        do {
            host = try SimulatorHost.start(listen: address, stateFile: stateURL, logger: logger)
        } catch {
            logger.critical("failed to start", metadata: ["error": "\(error)"])
            Console.error("\(error)")
            return 1
        }
        logger.info(
            "OT API simulator is serving",
            metadata: ["listen": "\(host.baseURL)", "state_file": "\(stateURL?.path ?? "none")"]
        )
        Console.print(SimulatorBanner.text(host: host, stateFile: stateURL))

        let signalName = await ShutdownSignal.wait()
        logger.info("shutting down", metadata: ["signal": "\(signalName)"])
        await host.stop(gracePeriod: self.shutdownGracePeriod)
        logger.info("stopped")
        return 0
    }
}

/// The log level of the commands that load no gateway configuration: `OTGW_LOG_LEVEL` when
/// it names a level, otherwise `info`.
enum CommandLogLevel {
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> LogLevel {
        environment["OTGW_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info
    }
}
