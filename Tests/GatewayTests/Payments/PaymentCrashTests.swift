import Foundation
import HTTPServer
import OTSimulator
import Observability
import Synchronization
import Testing

/// Kills the gateway process with SIGKILL at each step of a payment and restarts it on the
/// same data directory: the journal must finish the payment with exactly one deposit.
///
/// The simulator runs in this test process, so it outlives the gateway and completes the call
/// that was in flight when the gateway died.
@Suite struct PaymentCrashTests {
    /// Where to kill: the method whose call is slowed, and when the kill fires.
    struct KillPoint: Sendable, CustomTestStringConvertible {
        var name: String
        var slowMethod: String
        var isReady: @Sendable (Simulator, InFlightProbe) -> Bool

        var testDescription: String { self.name }
    }

    static let killPoints: [KillPoint] = [
        KillPoint(name: "before the deposit", slowMethod: "GetSalesPaymentInfo") { simulator, probe in
            // The second read is the first round of the created payment.
            simulator.callCount("GetSalesPaymentInfo") >= 1 && probe.isRunning("GetSalesPaymentInfo")
        },
        KillPoint(name: "during the deposit", slowMethod: "PostTransaction") { _, probe in
            probe.isRunning("PostTransaction")
        },
        KillPoint(name: "between deposit and reserve", slowMethod: "GetSalesPaymentInfo") { simulator, probe in
            PaymentFixture.okCalls(simulator, "PostTransaction") == 1 && probe.isRunning("GetSalesPaymentInfo")
        },
        KillPoint(name: "during the reserve", slowMethod: "SalesPaymentReserve") { _, probe in
            probe.isRunning("SalesPaymentReserve")
        },
        KillPoint(name: "during the verification", slowMethod: "GetSalesOrderDetailsForOperator") { simulator, probe in
            PaymentFixture.okCalls(simulator, "SalesPaymentReserve") == 1
                && probe.isRunning("GetSalesOrderDetailsForOperator")
        },
    ]

    @Test(arguments: Self.killPoints)
    func killAtStepThenResume(point: KillPoint) async throws {
        let simulator = try Simulator()
        let probe = InFlightProbe()
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
            router: Self.probingRouter(simulator.makeRouter(), probe: probe),
            logger: .disabled(),
            metrics: MetricsRegistry()
        )
        try server.start()
        let simulatorAddress = try #require(server.localAddress)
        let orderID = try PaymentFixture.placeOrder(simulator)
        let total = try PaymentFixture.total(simulator, orderID)
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "otgw-crash-\(UUID().uuidString)"
        ).path
        let environment = Self.environment(simulatorAddress: simulatorAddress, dataDirectory: dataDirectory)

        simulator.setLatency(.seconds(3), method: point.slowMethod)
        let first = try GatewayProcess(arguments: ["serve"], environment: environment)
        defer { first.terminate() }
        #expect(
            await first.waitForOutput(containing: "otgateway is serving", timeout: .seconds(60)),
            "output: \(first.text)"
        )
        let firstAddress = try #require(first.servingAddress)
        let pending = Task { await ThreadedHTTP.send(address: firstAddress, "POST", "/orders/\(orderID)/pay") }

        #expect(await Self.wait { point.isReady(simulator, probe) }, "the kill point was never reached")
        first.signal(SIGKILL)
        #expect(await first.waitForExit() != nil)
        _ = await pending.value
        simulator.setLatency(nil, method: point.slowMethod)

        let second = try GatewayProcess(arguments: ["serve"], environment: environment)
        defer { second.terminate() }
        #expect(
            await second.waitForOutput(containing: "otgateway is serving", timeout: .seconds(60)),
            "output: \(second.text)"
        )
        let secondAddress = try #require(second.servingAddress)
        var reply = await ThreadedHTTP.send(address: secondAddress, "POST", "/orders/\(orderID)/pay")
        for _ in 0..<80 where reply.status == 503 {
            try await Task.sleep(for: .milliseconds(250))
            reply = await ThreadedHTTP.send(address: secondAddress, "POST", "/orders/\(orderID)/pay")
        }

        #expect(reply.status == 200, "\(reply.text)")
        // The killed process's call may still be running; a repeated write shows only after it ends.
        #expect(await Self.wait { !probe.isRunning(point.slowMethod) })
        let deposits = PaymentFixture.deposits(simulator).filter { $0.comment.contains(orderID) }
        #expect(deposits.map(\.amount) == [total])
        #expect(simulator.state.order(orderID)?.isPaid == true)
        #expect(simulator.state.balance == 0)
        // Neither write was sent twice: unknown outcomes were settled, not repeated.
        #expect(simulator.callCount("PostTransaction") == 1)
        #expect(simulator.callCount("SalesPaymentReserve") == 1)
        if point.slowMethod == "PostTransaction" {
            #expect(simulator.callCount("GetStatementForOperator") >= 1)
        }
        second.terminate()
        await server.shutdown(gracePeriod: .seconds(1))
    }

    /// Polls `condition` until it holds and returns false after 45 seconds. The bound is generous
    /// because a loaded 2-core machine runs the other suites at the same time.
    static func wait(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(45))
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    static func environment(simulatorAddress: String, dataDirectory: String) -> [String: String] {
        [
            "OTGW_LISTEN": "127.0.0.1:0",
            "OTGW_OTAPI_URL": "http://\(simulatorAddress)/service",
            "OTGW_INSTANCE_KEY": SimulatorConfiguration.Defaults.instanceKey,
            "OTGW_OPERATOR_LOGIN": SimulatorConfiguration.Defaults.operatorLogin,
            "OTGW_OPERATOR_PASSWORD": SimulatorConfiguration.Defaults.operatorPassword,
            "OTGW_CUSTOMER_LOGIN": SimulatorConfiguration.Defaults.customerLogin,
            "OTGW_CUSTOMER_PASSWORD": SimulatorConfiguration.Defaults.customerPassword,
            "OTGW_DELIVERY_MODE_ID": SimulatorConfiguration.Defaults.freeDeliveryModeId,
            "OTGW_API_TOKENS": GatewayHarness.token,
            "OTGW_DATA_DIR": dataDirectory,
            "OTGW_OTAPI_READ_TIMEOUT": "5",
            "OTGW_OTAPI_WRITE_TIMEOUT": "5",
        ]
    }

    /// Wraps the simulator's routes in one that records which OT methods are being served.
    static func probingRouter(_ inner: Router, probe: InFlightProbe) -> Router {
        var router = Router()
        let handler: RequestHandler = { request in
            let method = request.pathParameters["method"] ?? ""
            probe.begin(method)
            defer { probe.end(method) }
            guard
                case .matched(let route, let parameters) = inner.resolve(
                    method: request.method,
                    rawPath: request.rawPath
                )
            else { throw Problem.notFound() }
            var routed = request
            routed.pathParameters = parameters
            routed.routeTemplate = route.template
            return try await route.handler(routed)
        }
        router.get("/service/{method}", handler: handler)
        router.post("/service/{method}", handler: handler)
        return router
    }
}

/// OT methods whose requests the simulator is serving right now.
final class InFlightProbe: Sendable {
    private let running = Mutex<[String: Int]>([:])

    func begin(_ method: String) {
        self.running.withLock { $0[method, default: 0] += 1 }
    }

    func end(_ method: String) {
        self.running.withLock { $0[method, default: 0] -= 1 }
    }

    func isRunning(_ method: String) -> Bool {
        self.running.withLock { ($0[method] ?? 0) > 0 }
    }
}
