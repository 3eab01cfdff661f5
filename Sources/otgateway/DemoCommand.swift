import Foundation
import Gateway
import OTSimulator
import Observability

/// `otgateway demo`: the simulator and the gateway in one process, wired to each other, with
/// generated secrets, a temporary data directory and a printed walkthrough. Runs until
/// SIGTERM/SIGINT, then stops both and deletes the data directory.
enum DemoCommand {
    /// The gateway's address without `--listen`: loopback, on a free port.
    static let defaultListen = "127.0.0.1:0"
    static let shutdownGracePeriod: Duration = .seconds(5)

    static func run(listen: String?) async -> Int32 {
        let listenText = listen ?? self.defaultListen
        guard var gatewayAddress = ListenAddress(parsing: listenText) else {
            Console.error("--listen must be HOST:PORT such as 127.0.0.1:8080 or [::1]:8080, got '\(listenText)'")
            return 2
        }
        let logger = Logger(label: "otgateway", logLevel: CommandLogLevel.fromEnvironment(), sink: JSONLineLogSink())

        let simulatorHost: SimulatorHost
        do {
            simulatorHost = try SimulatorHost.start(
                listen: ListenAddress(host: "127.0.0.1", port: 0),
                stateFile: nil,
                logger: logger.with(["component": "otsimulator"])
            )
        } catch {
            logger.critical("failed to start", metadata: ["error": "\(error)"])
            Console.error("\(error)")
            return 1
        }
        let providerAccount = SimulatorConfiguration.Defaults.providerAccountName
        simulatorHost.simulator.connectProviderAccount(providerAccount)

        let dataDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("otgateway-demo-\(UUID().uuidString.prefix(8).lowercased())")
        let secrets = DemoSecrets.generate()
        let runtime: GatewayRuntime
        do {
            if gatewayAddress.port == 0 {
                gatewayAddress.port = UInt16(try await FreePort.find(host: gatewayAddress.host))
            }
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            let configuration = try DemoEnvironment.configuration(
                listen: gatewayAddress,
                simulator: simulatorHost,
                secrets: secrets,
                dataDirectory: dataDirectory.path
            )
            runtime = try await GatewayRuntime.start(configuration: configuration, logger: logger)
        } catch {
            logger.critical("failed to start", metadata: ["error": "\(error)"])
            Console.error("the demo failed to start: \(error)")
            await simulatorHost.stop(gracePeriod: .zero)
            try? FileManager.default.removeItem(at: dataDirectory)
            return 1
        }
        logger.info(
            "otgateway demo is serving",
            metadata: [
                "listen": "\(runtime.localAddress)", "otapi_url": "\(simulatorHost.serviceURL)",
                "data_dir": "\(dataDirectory.path)", "version": "\(GatewayCommand.versionString)",
            ]
        )
        let walkthrough = DemoWalkthrough(
            gatewayURL: "http://\(runtime.localAddress)",
            gatewayHostPort: runtime.localAddress,
            secrets: secrets,
            simulatorServiceURL: simulatorHost.serviceURL,
            simulatorBaseURL: simulatorHost.baseURL,
            dataDirectory: dataDirectory.path,
            providerAccount: providerAccount
        )
        Console.print(walkthrough.text)

        let signalName = await ShutdownSignal.wait()
        logger.info("shutting down", metadata: ["signal": "\(signalName)"])
        await runtime.stop(gracePeriod: self.shutdownGracePeriod)
        await simulatorHost.stop(gracePeriod: self.shutdownGracePeriod)
        do {
            try FileManager.default.removeItem(at: dataDirectory)
        } catch {
            logger.warning(
                "failed to delete the demo data directory; delete it by hand",
                metadata: ["data_dir": "\(dataDirectory.path)", "error": "\(error)"]
            )
        }
        logger.info("stopped")
        return 0
    }
}
