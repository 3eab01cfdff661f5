import Foundation
import OTAPI
import Observability
import Store

/// The shared services every route and background worker uses.
public final class GatewayServices: Sendable {
    public let configuration: GatewayConfiguration
    public let otapi: OTAPIClient
    public let store: Store
    public let logger: Logger
    public let metrics: MetricsRegistry
    /// The wall clock; tests inject one to move time (state expiry, session age).
    public let now: @Sendable () -> Date
    let transport: CurlTransport

    /// Opens the store and prepares the OT API client; makes no OT call.
    ///
    /// The OT credentials must be set (a loader with `requireOTCredentials` guarantees it).
    public init(
        configuration: GatewayConfiguration,
        logger: Logger,
        metrics: MetricsRegistry,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = metrics
        self.now = now
        self.store = try Store(
            configuration: StoreConfiguration(dataDirectory: configuration.dataDirectory),
            logger: logger.with(["component": "store"])
        )
        self.transport = try CurlTransport(
            configuration: CurlTransportConfiguration(
                maxConnections: configuration.otAPI.maxConnections,
                caFile: configuration.otAPI.caFile
            ),
            logger: logger.with(["component": "otapi.transport"]),
            metrics: metrics
        )
        self.otapi = OTAPIClient(
            configuration: Self.otapiConfiguration(configuration),
            transport: self.transport,
            logger: logger.with(["component": "otapi"]),
            metrics: metrics,
            now: now
        )
    }

    /// Stops the OT transport's thread; in-flight calls fail.
    public func shutdown() async {
        self.transport.shutdown()
        await self.store.close()
    }

    static func otapiConfiguration(_ configuration: GatewayConfiguration) -> OTAPIConfiguration {
        let accounts = configuration.accounts
        return OTAPIConfiguration(
            baseURL: configuration.otAPI.url.absoluteString,
            binding: configuration.otAPI.binding == .soap11 ? .soap11 : .xml,
            soapNamespace: configuration.otAPI.soapNamespace,
            instanceKey: configuration.otAPI.instanceKey ?? "",
            secret: configuration.otAPI.apiSecret,
            language: configuration.otAPI.language,
            operatorLogin: accounts.operatorLogin ?? "",
            operatorPassword: accounts.operatorPassword ?? "",
            customerLogin: accounts.customerLogin ?? "",
            customerPassword: accounts.customerPassword ?? "",
            readTimeout: configuration.otAPI.readTimeout,
            writeTimeout: configuration.otAPI.writeTimeout
        )
    }
}
