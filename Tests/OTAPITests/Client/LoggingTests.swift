import Foundation
import Observability
import Testing

@testable import OTAPI

@Suite("Logging and metrics")
struct LoggingTests {
    @Test("calls are logged at debug without secrets or session ids")
    func noSecretsLogged() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "otapi-test", logLevel: .trace, sink: sink)
        let transport = SessionTests.transport { $0 == "op-1" }
        let client = TestConfiguration.client(
            transport,
            configuration: TestConfiguration.make(secret: "signing-secret-value"),
            logger: logger
        )
        _ = try await client.getSalesPaymentInfo(salesId: "ORD-1")
        _ = try? await client.getProviderInfo(providerType: "Taobao")

        let records = sink.records
        let finished = records.filter { $0.message == "OT API call finished" }
        #expect(finished.count >= 4)
        #expect(finished.allSatisfy { $0.level == .debug })
        let methods = Set(finished.compactMap { $0.metadata["otapi.method"]?.description })
        #expect(methods.isSuperset(of: ["AuthenticateInstanceOperator", "GetSalesPaymentInfo", "GetProviderInfo"]))
        #expect(finished.allSatisfy { $0.metadata["otapi.duration_ms"] != nil })
        #expect(finished.allSatisfy { $0.metadata["otapi.result"] != nil })
        #expect(finished.contains { $0.metadata["otapi.request_id"] == "7f3c2a10-0000-4000-8000-000000000001" })
        let expiry = records.first { $0.message.contains("session expired") }
        #expect(expiry?.level == .info)

        let forbidden = [
            TestConfiguration.operatorPassword, TestConfiguration.customerPassword, TestConfiguration.instanceKey,
            "signing-secret-value", "op-1", "op-2",
        ]
        for record in records {
            let text = record.message + " " + record.metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            for secret in forbidden {
                #expect(!text.contains(secret), "log record leaks \(secret): \(text)")
            }
        }
    }

    @Test("metrics count calls by method and result and time them")
    func metrics() async throws {
        let registry = MetricsRegistry()
        let transport = ScriptedTransport { request, _ in
            request.method == "GetProviderInfo"
                ? .fixture("CallLimit.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        let client = TestConfiguration.client(transport, metrics: registry)
        _ = try await client.getOrderStatusList()
        _ = try? await client.getProviderInfo(providerType: "Taobao")

        let calls = registry.counter(CallMetrics.callsName, help: "", labelNames: ["method", "result"])
        #expect(calls.value(["GetOrderStatusList", "ok"]) == 1)
        #expect(calls.value(["AuthenticateInstanceOperator", "ok"]) == 1)
        #expect(calls.value(["GetProviderInfo", "retry_later"]) == 1)
        let duration = registry.histogram(CallMetrics.durationName, help: "", labelNames: ["method"])
        #expect(duration.count(["GetOrderStatusList"]) == 1)
        let text = registry.render()
        #expect(text.contains("otapi_calls_total{method=\"GetProviderInfo\",result=\"retry_later\"} 1"))
        #expect(text.contains("otapi_call_duration_seconds_count{method=\"GetOrderStatusList\"} 1"))
    }

    @Test("the configuration's description masks secrets")
    func configurationDescription() {
        let text = String(describing: TestConfiguration.make(secret: "signing-secret-value"))
        #expect(!text.contains(TestConfiguration.instanceKey))
        #expect(!text.contains(TestConfiguration.operatorPassword))
        #expect(!text.contains("signing-secret-value"))
        #expect(text.contains("signed: true"))
    }

    @Test("error descriptions carry no secrets")
    func errorDescriptions() async {
        let transport = ScriptedTransport { request, _ in
            request.method == "AuthenticateInstanceOperator"
                ? .fixture("LoginRejected.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        do {
            _ = try await TestConfiguration.client(transport).getOrderStatusList()
            Issue.record("expected a login failure")
        } catch {
            #expect(!error.description.contains(TestConfiguration.operatorPassword))
            #expect(error.description.contains("operator login failed"))
            #expect(error.shortDescription == "session_login_failed")
        }
    }
}
