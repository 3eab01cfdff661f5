import Foundation
import OTSimulator
import Testing

/// `otgateway simulator` as a child process.
@Suite struct SimulatorProcessTests {
    static let readyLine = "Stop with Ctrl-C."
    static let instanceKey = SimulatorConfiguration.Defaults.instanceKey

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otgw-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts the simulator and returns it with the `HOST:PORT` it printed.
    private func startSimulator(stateFile: URL?) async throws -> (GatewayProcess, String) {
        var arguments = ["simulator", "--listen", "127.0.0.1:0"]
        if let stateFile {
            arguments += ["--state-file", stateFile.path]
        }
        let process = try GatewayProcess(arguments: arguments, environment: [:])
        #expect(await process.waitForOutput(containing: Self.readyLine), "output: \(process.text)")
        let url = try #require(ProcessOutput.field("OT API simulator listening on", in: process.text))
        let address = try #require(ProcessOutput.address(of: url))
        return (process, address)
    }

    private func operatorSession(_ address: String) throws -> String {
        let answer = try LoopbackHTTP.otCall(
            address: address,
            method: "AuthenticateInstanceOperator",
            [
                ("instanceKey", Self.instanceKey),
                ("userLogin", SimulatorConfiguration.Defaults.operatorLogin),
                ("userPassword", SimulatorConfiguration.Defaults.operatorPassword),
            ]
        )
        return try #require(LoopbackHTTP.element("Value", in: answer), "answer: \(answer)")
    }

    @Test func simulatorPrintsAccountsAndServes() async throws {
        let (simulator, address) = try await self.startSimulator(stateFile: nil)
        defer { simulator.terminate() }
        let defaults = SimulatorConfiguration.Defaults.self
        let expectedLines = [
            "OTGW_OTAPI_URL=http://\(address)/service",
            "OTGW_INSTANCE_KEY=\(defaults.instanceKey)",
            "OTGW_OPERATOR_LOGIN=\(defaults.operatorLogin)",
            "OTGW_OPERATOR_PASSWORD=\(defaults.operatorPassword)",
            "OTGW_CUSTOMER_LOGIN=\(defaults.customerLogin)",
            "OTGW_CUSTOMER_PASSWORD=\(defaults.customerPassword)",
            "OTGW_DELIVERY_MODE_ID=\(defaults.freeDeliveryModeId)",
            "Customer id \(defaults.customerId)",
            "OTGW_OTAPI_URL=http://\(address)/OtapiWebService2.asmx",
        ]
        for line in expectedLines {
            #expect(simulator.text.contains(line), "missing \(line) in: \(simulator.text)")
        }

        #expect(try self.operatorSession(address).isEmpty == false)
        let accounts = try LoopbackHTTP.get(address: address, path: "/_sim/accounts")
        #expect(accounts.status == 200)
        #expect(accounts.body.contains("\"operatorLogin\":\"\(defaults.operatorLogin)\""))
        #expect(await simulator.waitForOutput(containing: "\"msg\":\"request completed\""), "requests are logged")

        simulator.signal(SIGTERM)
        #expect(await simulator.waitForExit() == 0)
        #expect(simulator.text.contains("\"msg\":\"stopped\""))
    }

    @Test func stateFileSurvivesRestart() async throws {
        let folder = try self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stateFile = folder.appendingPathComponent("simulator-state.json")

        let (first, firstAddress) = try await self.startSimulator(stateFile: stateFile)
        defer { first.terminate() }
        #expect(first.text.contains("0 orders loaded"))
        let login = try LoopbackHTTP.otCall(
            address: firstAddress,
            method: "Authenticate",
            [
                ("instanceKey", Self.instanceKey), ("userLogin", SimulatorConfiguration.Defaults.customerLogin),
                ("userPassword", SimulatorConfiguration.Defaults.customerPassword), ("rememberMe", "false"),
            ]
        )
        let customer = try #require(LoopbackHTTP.element("SessionId", in: login), "answer: \(login)")
        let order =
            "<OrderAddData><DeliveryModeId>FREE-EXT-1</DeliveryModeId><Items><Item><Id>abb-560724366248</Id>"
            + "<ConfigurationId>0</ConfigurationId><Quantity>2</Quantity></Item></Items></OrderAddData>"
        let added = try LoopbackHTTP.otCall(
            address: firstAddress,
            method: "AddOrder",
            [("instanceKey", Self.instanceKey), ("sessionId", customer), ("xmlAddData", order)]
        )
        #expect(LoopbackHTTP.element("ErrorCode", in: added) == "Ok", "answer: \(added)")
        #expect(LoopbackHTTP.element("Id", in: added) == "ORD-0000000001")

        // SIGKILL: the state must already be on disk, not written at a clean shutdown.
        first.terminate()

        let (second, secondAddress) = try await self.startSimulator(stateFile: stateFile)
        defer { second.terminate() }
        #expect(second.text.contains("1 orders loaded"), "output: \(second.text)")
        let details = try LoopbackHTTP.otCall(
            address: secondAddress,
            method: "GetSalesOrderDetailsForOperator",
            [
                ("instanceKey", Self.instanceKey), ("sessionId", try self.operatorSession(secondAddress)),
                ("salesId", "ORD-0000000001"), ("filter", ""), ("queryType", "0"),
            ]
        )
        #expect(LoopbackHTTP.element("ErrorCode", in: details) == "Ok", "answer: \(details)")
        #expect(details.contains("abb-560724366248"))

        second.signal(SIGINT)
        #expect(await second.waitForExit() == 0)
    }

    @Test func invalidListenExitsWithStatusTwo() async throws {
        let simulator = try GatewayProcess(arguments: ["simulator", "--listen", "nowhere"], environment: [:])
        defer { simulator.terminate() }
        #expect(await simulator.waitForExit() == 2)
        #expect(simulator.text.contains("--listen must be HOST:PORT"))
        #expect(simulator.text.contains("'nowhere'"))
    }

    @Test func missingStateFolderExitsWithStatusOne() async throws {
        let stateFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("otgw-missing-\(UUID().uuidString)/state.json")
        let simulator = try GatewayProcess(
            arguments: ["simulator", "--listen", "127.0.0.1:0", "--state-file", stateFile.path],
            environment: [:]
        )
        defer { simulator.terminate() }
        #expect(await simulator.waitForExit() == 1)
        #expect(simulator.text.contains("does not exist; create it first"), "output: \(simulator.text)")
    }

    @Test func corruptStateFileExitsWithStatusOne() async throws {
        let folder = try self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stateFile = folder.appendingPathComponent("state.json")
        try Data("{ not a state".utf8).write(to: stateFile)

        let simulator = try GatewayProcess(
            arguments: ["simulator", "--listen", "127.0.0.1:0", "--state-file", stateFile.path],
            environment: [:]
        )
        defer { simulator.terminate() }
        #expect(await simulator.waitForExit() == 1)
        #expect(simulator.text.contains("move it away to start afresh"), "output: \(simulator.text)")
    }

    @Test func defaultListenAddressIsPinned() {
        #expect(SimulatorConfiguration.Defaults.listenAddress == "127.0.0.1:9090")
        #expect(SimulatorConfiguration.Defaults.baseURL == "http://" + SimulatorConfiguration.Defaults.listenAddress)
    }
}
