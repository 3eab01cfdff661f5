import Foundation
import Store
import Testing

@testable import Gateway

@Suite struct WebhookUnitTests {
    @Test func retryPolicyConstantsArePinned() {
        let policy = WebhookRetryPolicy.standard
        #expect(policy.baseDelayMilliseconds == 5_000)
        #expect(policy.maxDelayMilliseconds == 3_600_000)
        #expect(policy.retryWindowMilliseconds == 86_400_000)
        #expect(WebhookDeliverer.requestTimeout == .seconds(10))
    }

    @Test func retryDelayDoublesUpToCap() {
        let policy = WebhookRetryPolicy.standard
        let delays = (1...12).map { policy.nextAttempt(afterFailures: $0, occurredAt: 0, now: 0, jitter: 1)! }
        #expect(Array(delays.prefix(4)) == [5_000, 10_000, 20_000, 40_000])
        #expect(delays.last == 3_600_000)
        #expect(policy.nextAttempt(afterFailures: 1, occurredAt: 0, now: 0, jitter: 0.5) == 2_500)
        #expect(policy.nextAttempt(afterFailures: 1_000, occurredAt: 0, now: 0, jitter: 1) == 3_600_000)
    }

    @Test func retryGivesUpAfterWindow() {
        let policy = WebhookRetryPolicy.standard
        let day: Int64 = 86_400_000
        #expect(policy.nextAttempt(afterFailures: 30, occurredAt: 0, now: day - 1, jitter: 1) != nil)
        #expect(policy.nextAttempt(afterFailures: 30, occurredAt: 0, now: day, jitter: 1) == nil)
    }

    static func event(_ id: Int64, order: String?, due: Int64) -> OutboxEvent {
        OutboxEvent(
            id: id,
            type: "order.paid",
            orderID: order,
            occurredAt: 0,
            dataJSON: "{}",
            deliveryState: .pending,
            attempts: 0,
            nextAttemptAt: due,
            lastError: nil,
            deliveredAt: nil
        )
    }

    @Test func queueKeepsOrderEventsInOrder() {
        let pending = [
            Self.event(1, order: "A", due: 500),
            Self.event(2, order: "A", due: 0),
            Self.event(3, order: "B", due: 0),
            Self.event(4, order: nil, due: 0),
            Self.event(5, order: "B", due: 0),
            Self.event(6, order: nil, due: 0),
        ]
        #expect(WebhookQueue.deliverable(pending, now: 100).map(\.id) == [3, 4, 6])
        #expect(WebhookQueue.deliverable(pending, now: 500).map(\.id) == [1, 3, 4, 6])
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        let digest = WebhookSignature.hmac(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(SHA256Digest.hex(digest) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func signatureCoversTimestampAndBody() {
        let body = Array(#"{"id":1}"#.utf8)
        let header = WebhookSignature.header(secret: "s", timestamp: 1_800_000_000, body: body)
        #expect(header == "sha256=" + ReferenceHMAC.sha256Hex(key: [0x73], message: Array("1800000000.".utf8) + body))
        #expect(header != WebhookSignature.header(secret: "s", timestamp: 1_800_000_001, body: body))
    }
}
