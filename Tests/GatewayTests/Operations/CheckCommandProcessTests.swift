import Foundation
import OTSimulator
import Testing

/// `otgateway check` run as a process against the simulator on loopback.
@Suite struct CheckCommandProcessTests {
    private func environment(_ harness: GatewayHarness) -> [String: String] {
        [
            "OTGW_OTAPI_URL": harness.simulator.baseURL + "/service",
            "OTGW_INSTANCE_KEY": SimulatorConfiguration.Defaults.instanceKey,
            "OTGW_OPERATOR_LOGIN": SimulatorConfiguration.Defaults.operatorLogin,
            "OTGW_OPERATOR_PASSWORD": SimulatorConfiguration.Defaults.operatorPassword,
            "OTGW_CUSTOMER_LOGIN": SimulatorConfiguration.Defaults.customerLogin,
            "OTGW_CUSTOMER_PASSWORD": SimulatorConfiguration.Defaults.customerPassword,
            "OTGW_DELIVERY_MODE_ID": SimulatorConfiguration.Defaults.freeDeliveryModeId,
            "OTGW_API_TOKENS": "token-1",
            "OTGW_DATA_DIR": FileManager.default.temporaryDirectory
                .appendingPathComponent("otgw-check-\(UUID().uuidString)").path,
        ]
    }

    @Test func checkPassesAgainstSimulator() async throws {
        let harness = try await GatewayHarness.start()
        let process = try GatewayProcess(arguments: ["check"], environment: self.environment(harness))
        defer { process.terminate() }
        #expect(await process.waitForExit() == 0, "output: \(process.text)")
        #expect(process.text.contains("[ok] operator login sim-operator works"))
        #expect(!process.text.contains("[fail]"))
        #expect(!process.text.contains(SimulatorConfiguration.Defaults.operatorPassword))
        await harness.stop()
    }

    @Test func checkFailsOnWrongDeliveryMode() async throws {
        let harness = try await GatewayHarness.start()
        var environment = self.environment(harness)
        environment["OTGW_DELIVERY_MODE_ID"] = "NO-SUCH-MODE"
        let process = try GatewayProcess(arguments: ["check"], environment: environment)
        defer { process.terminate() }
        #expect(await process.waitForExit() == 1)
        #expect(process.text.contains("[fail] delivery mode NO-SUCH-MODE (OTGW_DELIVERY_MODE_ID)"), "\(process.text)")
        await harness.stop()
    }

    @Test func checkReadsConfigFile() async throws {
        let harness = try await GatewayHarness.start()
        var environment = self.environment(harness)
        let password = environment.removeValue(forKey: "OTGW_OPERATOR_PASSWORD")!
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("otgw-check-\(UUID().uuidString).env")
        try Data("OTGW_OPERATOR_PASSWORD=\(password)\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = try GatewayProcess(arguments: ["check", "--config", file.path], environment: environment)
        defer { process.terminate() }
        #expect(await process.waitForExit() == 0, "output: \(process.text)")
        await harness.stop()
    }

    @Test func checkReportsInvalidConfiguration() async throws {
        let process = try GatewayProcess(arguments: ["check"], environment: ["OTGW_LISTEN": "nowhere"])
        defer { process.terminate() }
        #expect(await process.waitForExit() == 1)
        #expect(process.text.contains("OTGW_OTAPI_URL"))
        #expect(process.text.contains("OTGW_INSTANCE_KEY"))
    }
}
