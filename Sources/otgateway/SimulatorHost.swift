import Foundation
import Gateway
import HTTPServer
import OTSimulator
import Observability

/// The OT API simulator on the project's HTTP server: what `simulator` runs alone and
/// `demo` runs next to the gateway.
struct SimulatorHost: Sendable {
    /// A reason the simulator failed to start; the caller reports it and exits with status 1.
    enum StartFailure: Error, CustomStringConvertible {
        case stateFile(path: String, reason: String)
        case listen(address: ListenAddress, cause: any Error)

        var description: String {
            switch self {
            case .stateFile(let path, let reason):
                "the simulator state file \(path) cannot be used: \(reason)"
            case .listen(let address, let cause):
                "the simulator failed to listen on \(address): \(cause); choose another --listen address"
            }
        }
    }

    let simulator: Simulator
    let server: HTTPServer
    /// `http://HOST:PORT` of the bound socket.
    let baseURL: String

    /// The form binding's base URL, the value for `OTGW_OTAPI_URL`.
    var serviceURL: String { self.baseURL + "/service" }
    /// The SOAP 1.1 binding's address, the value for `OTGW_OTAPI_URL` with `OTGW_OTAPI_BINDING=soap11`.
    var soapURL: String { self.baseURL + "/OtapiWebService2.asmx" }

    /// Loads the state file when it exists, binds `listen` and points the simulator's own links
    /// (the fake Taobao login page) at the bound address.
    static func start(listen: ListenAddress, stateFile: URL?, logger: Logger) throws(StartFailure) -> SimulatorHost {
        if let stateFile {
            let folder = stateFile.deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw .stateFile(path: stateFile.path, reason: "its folder \(folder) does not exist; create it first")
            }
        }

        var configuration = SimulatorConfiguration()
        configuration.stateFile = stateFile
        configuration.logger = logger
        let simulator: Simulator
        do {
            simulator = try Simulator(configuration: configuration)
        } catch {
            throw .stateFile(path: stateFile?.path ?? "", reason: "\(error)")
        }

        let server = HTTPServer(
            configuration: ServerConfiguration(host: listen.host, port: Int(listen.port)),
            router: simulator.makeRouter(),
            logger: logger,
            metrics: MetricsRegistry()
        )
        do {
            try server.start()
        } catch {
            throw .listen(address: listen, cause: error)
        }
        let baseURL = "http://\(server.localAddress ?? listen.description)"
        simulator.baseURL = baseURL
        return SimulatorHost(simulator: simulator, server: server, baseURL: baseURL)
    }

    func stop(gracePeriod: Duration) async {
        await self.server.shutdown(gracePeriod: gracePeriod)
    }
}
