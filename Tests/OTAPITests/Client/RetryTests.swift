import Foundation
import Synchronization
import Testing

@testable import OTAPI

@Suite("Retries and concurrency")
struct RetryTests {
    static let reset = TransportError(
        kind: .receiveFailed,
        requestMayHaveBeenSent: true,
        message: "connection reset by peer"
    )
    static let timeout = TransportError(kind: .timedOut, requestMayHaveBeenSent: true, message: "timed out after 60 s")
    static let refused = TransportError(
        kind: .couldNotConnect,
        requestMayHaveBeenSent: false,
        message: "connection refused"
    )

    @Test("a read whose connection resets is retried and succeeds")
    func readRetried() async throws {
        let transport = ScriptedTransport { request, index in
            if request.method == "GetSalesPaymentInfo" && index < 2 { return .failure(Self.reset) }
            return .fixture(Fixtures.defaultName(for: request.method))
        }
        let info = try await TestConfiguration.client(transport).getSalesPaymentInfo(salesId: "ORD-1")
        #expect(info.salesId == "ORD-0000000042")
        #expect(transport.requests(for: "GetSalesPaymentInfo").count == 3)
    }

    @Test("a read gives up after the configured attempts")
    func readGivesUp() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetOrderStatusList"
                ? .failure(Self.timeout) : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect {
            _ = try await TestConfiguration.client(transport).getOrderStatusList()
        } throws: { error in
            guard case .transport(let transportError) = (error as? OTAPIError)?.code else { return false }
            return transportError.kind == .timedOut
        }
        #expect(transport.requests(for: "GetOrderStatusList").count == RetryPolicy.defaultMaxAttempts)
    }

    @Test("a read answered 503 by a proxy is retried")
    func readRetriedOn503() async throws {
        let transport = ScriptedTransport { request, index in
            if request.method == "GetProviderInfo" && index == 0 { return .body("busy", status: 503) }
            return .fixture(Fixtures.defaultName(for: request.method))
        }
        _ = try await TestConfiguration.client(transport).getProviderInfo(providerType: "Taobao")
        #expect(transport.requests(for: "GetProviderInfo").count == 2)
    }

    @Test("OT errors to reads are not retried")
    func otErrorNotRetried() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetProviderInfo"
                ? .fixture("NotFound.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect(throws: OTAPIError.self) {
            _ = try await TestConfiguration.client(transport).getProviderInfo(providerType: "X")
        }
        #expect(transport.requests(for: "GetProviderInfo").count == 1)
    }

    @Test("write timeout is outcome unknown")
    func writeTimeout() async throws {
        for method in ["AddOrder", "PostTransaction", "SalesPaymentReserve"] {
            let transport = ScriptedTransport { request, _ in
                request.method == method ? .failure(Self.timeout) : .fixture(Fixtures.defaultName(for: request.method))
            }
            let client = TestConfiguration.client(transport)
            await #expect {
                switch method {
                case "AddOrder":
                    _ = try await client.addOrder(
                        OrderAddData(
                            deliveryModeId: "D",
                            userProfileId: "1",
                            comment: nil,
                            items: [OrderAddItem(itemId: "1", quantity: 1)]
                        )
                    )
                case "PostTransaction":
                    try await client.postTransaction(
                        customerId: "1",
                        amount: 5,
                        isDebit: true,
                        comment: "c",
                        transactionDate: Date()
                    )
                default:
                    _ = try await client.salesPaymentReserve(salesId: "ORD-1", amount: 5)
                }
            } throws: { error in
                guard case .outcomeUnknown(let failed, _) = (error as? OTAPIError)?.code else { return false }
                return failed == method
            }
            #expect(transport.requests(for: method).count == 1, "\(method) must be sent exactly once")
        }
    }

    @Test("a write that failed before sending is a plain transport error")
    func writeNotSent() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "CancelSalesOrderForOperator"
                ? .failure(Self.refused) : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect {
            try await TestConfiguration.client(transport).cancelSalesOrderForOperator(salesId: "ORD-1")
        } throws: { error in
            guard case .transport(let transportError) = (error as? OTAPIError)?.code else { return false }
            return transportError.kind == .couldNotConnect
        }
        #expect(transport.requests(for: "CancelSalesOrderForOperator").count == 1)
    }

    @Test("cancelled exchange is not repeated")
    func cancelledAfterSending() async throws {
        let cancelled = TransportError(kind: .cancelled, requestMayHaveBeenSent: true, message: "task cancelled")
        let transport = ScriptedTransport { request, _ in
            switch request.method {
            case "DoActionForBackgroundActivity", "GetBackgroundActivityInfo": .failure(cancelled)
            default: .fixture(Fixtures.defaultName(for: request.method))
            }
        }
        let client = TestConfiguration.client(transport)
        let activity = BackgroundActivityID(type: "ProviderOrdersIntegrationExporting", id: "act-1")
        await #expect {
            try await client.doActionForBackgroundActivity(activity, actionId: "Continue")
        } throws: { error in
            guard case .outcomeUnknown("DoActionForBackgroundActivity", _) = (error as? OTAPIError)?.code else {
                return false
            }
            return true
        }
        await #expect {
            _ = try await client.getBackgroundActivityInfo(activity)
        } throws: { error in
            guard case .transport(let transportError) = (error as? OTAPIError)?.code else { return false }
            return transportError.kind == .cancelled
        }
        #expect(transport.requests(for: "GetBackgroundActivityInfo").count == 1)
    }

    @Test("1,000 concurrent calls with a delayed transport all complete")
    func thousandConcurrentCalls() async throws {
        let transport = ScriptedTransport.fixtures(delay: .milliseconds(20))
        let client = TestConfiguration.client(transport)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<1000 {
                group.addTask {
                    do {
                        let info = try await client.getSalesPaymentInfo(salesId: "ORD-\(index)")
                        return info.salesId == "ORD-0000000042"
                    } catch {
                        return false
                    }
                }
            }
            var succeeded = 0
            for await ok in group where ok {
                succeeded += 1
            }
            return succeeded
        }
        #expect(results == 1000)
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 1)
        let salesIds = Set(transport.requests(for: "GetSalesPaymentInfo").compactMap { $0.parameters["salesId"] })
        #expect(salesIds.count == 1000, "each call carries its own parameters")
    }
}
