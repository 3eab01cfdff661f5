import Foundation
import OTAPI
import Observability
import Store

extension ConfigurationCheck {
    /// Runs the check with its own OT API connection, as `otgateway check` does, and reads the
    /// account connect times from the store when its database file already exists (the check
    /// never creates one).
    public static func run(configuration: GatewayConfiguration, logger: Logger) async throws -> CheckReport {
        let transport = try CurlTransport(
            configuration: CurlTransportConfiguration(
                maxConnections: configuration.otAPI.maxConnections,
                caFile: configuration.otAPI.caFile
            ),
            logger: logger.with(["component": "otapi.transport"])
        )
        defer { transport.shutdown() }
        let client = OTAPIClient(
            configuration: GatewayServices.otapiConfiguration(configuration),
            transport: transport,
            logger: logger.with(["component": "otapi"])
        )
        let check = ConfigurationCheck(
            configuration: configuration,
            otapi: client,
            accountConnects: await self.storedAccountConnects(configuration, logger: logger)
        )
        return await check.run()
    }

    static func storedAccountConnects(_ configuration: GatewayConfiguration, logger: Logger) async
        -> [ProviderAccountConnect]
    {
        let storeConfiguration = StoreConfiguration(dataDirectory: configuration.dataDirectory)
        guard FileManager.default.fileExists(atPath: storeConfiguration.databasePath) else { return [] }
        do {
            let store = try Store(configuration: storeConfiguration, logger: logger.with(["component": "store"]))
            let connects = try await store.providerAccountConnects()
            await store.close()
            return connects
        } catch {
            logger.warning(
                "could not read account connect times from the store; session ages are shown as unknown",
                metadata: ["store.path": .string(storeConfiguration.databasePath), "error": "\(error)"]
            )
            return []
        }
    }
}
