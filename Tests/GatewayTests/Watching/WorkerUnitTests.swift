import Foundation
import OTAPI
import Store
import Testing

@testable import Gateway

@Suite struct WorkerUnitTests {
    @Test func tokenBucketRefillsOverTime() {
        let start = Date(timeIntervalSince1970: 0)
        var bucket = TokenBucket(capacity: 2, refillPerSecond: 1, now: start)
        let results = [
            bucket.take(2, now: start),
            bucket.take(1, now: start),
            bucket.take(1, now: start.addingTimeInterval(0.5)),
            bucket.take(1, now: start.addingTimeInterval(1)),
            bucket.take(2, now: start.addingTimeInterval(100)),
            bucket.take(1, now: start.addingTimeInterval(100)),
        ]
        #expect(results == [true, false, false, true, true, false])
    }

    @Test func callBudgetSpreadsPerMinute() {
        let start = Date(timeIntervalSince1970: 0)
        let budget = CallBudget(callsPerMinute: 120, now: start)
        var taken = 0
        while budget.take(now: start) { taken += 1 }
        #expect(taken == 30)
        #expect(budget.take(now: start.addingTimeInterval(0.5)))
        #expect(!budget.take(now: start.addingTimeInterval(0.5)))
        #expect(CallBudget.burstShareOfMinute == 0.25)
        // A budget of 1 per minute still allows one order re-read, which takes two calls.
        #expect(CallBudget(callsPerMinute: 1, now: start).take(2, now: start))
    }

    static let hour: Int64 = 3_600_000

    @Test func sessionWarningOncePerDay() {
        var warnings = SessionAgeWarnings()
        let connect = ProviderAccountConnect(accountName: "tb_buyer_1", lastConnectedAt: 0)
        let warnAge = 20 * Self.hour
        func count(_ connect: ProviderAccountConnect, atHour hour: Int64) -> Int {
            warnings.events(connects: [connect], sessions: nil, now: hour * Self.hour, warnAge: warnAge).count
        }
        #expect(count(connect, atHour: 19) == 0)
        let first = warnings.events(connects: [connect], sessions: nil, now: 20 * Self.hour, warnAge: warnAge)
        #expect(first.map(\.type) == [.providerSessionExpiring])
        #expect(first.first?.data["accountName"] == .string("tb_buyer_1"))
        #expect(first.first?.data["ageHours"] == .number("20.0"))
        #expect(count(connect, atHour: 43) == 0)
        #expect(count(connect, atHour: 44) == 1)
        // A reconnect starts the count again.
        let again = ProviderAccountConnect(accountName: "tb_buyer_1", lastConnectedAt: 40 * Self.hour)
        #expect(count(again, atHour: 59) == 0)
        #expect(count(again, atHour: 60) == 1)
    }

    @Test func sessionWarningRemembersOutbox() throws {
        var first = SessionAgeWarnings()
        let connect = ProviderAccountConnect(accountName: "tb_buyer_1", lastConnectedAt: 0)
        let warnAge = 20 * Self.hour
        let draft = try #require(
            first.events(connects: [connect], sessions: nil, now: 21 * Self.hour, warnAge: warnAge).first
        )
        let stored = OutboxEvent(
            id: 1,
            type: draft.type.rawValue,
            orderID: nil,
            occurredAt: 21 * Self.hour,
            dataJSON: String(decoding: JSONWriter.encode(draft.data), as: UTF8.self),
            deliveryState: .notRequired,
            attempts: 0,
            nextAttemptAt: nil,
            lastError: nil,
            deliveredAt: nil
        )
        var restarted = SessionAgeWarnings()
        restarted.remember(stored, warnAge: warnAge)
        let repeated = restarted.events(connects: [connect], sessions: nil, now: 22 * Self.hour, warnAge: warnAge)
        #expect(repeated.isEmpty)
    }

    static let exporting = BackgroundActivityID(type: "ProviderOrdersIntegrationExporting", id: "9101")

    @Test func pollDelayBacksOff() {
        #expect(ActivityTracking.pollDelay(afterReads: 1) == 2_000)
        #expect(ActivityTracking.pollDelay(afterReads: 2) == 4_000)
        #expect(ActivityTracking.pollDelay(afterReads: 50) == 300_000)
        #expect(ActivityTracking.firstPollDelayMilliseconds == 2_000)
        #expect(ActivityTracking.abandonAfterMilliseconds == 7 * 24 * 3_600_000)
    }

    @Test func failedReadsEndInAbandon() {
        let record = ActivityTracking.newRecord(Self.exporting, orderID: "ORD-0000000001", now: 0)
        #expect(record.nextPollAt == 2_000)
        let retried = ActivityTracking.failedRead(record, now: 2_000, activityIsGone: false)
        #expect(retried.state == .running)
        #expect(retried.nextPollAt == 4_000)
        let gone = ActivityTracking.failedRead(record, now: 2_000, activityIsGone: true)
        #expect(gone.state == .abandoned)
        #expect(gone.nextPollAt == nil)
        let old = ActivityTracking.failedRead(
            record,
            now: ActivityTracking.abandonAfterMilliseconds,
            activityIsGone: false
        )
        #expect(old.state == .abandoned)
    }

    @Test func providerSessionFailuresAreClassified() {
        let expired = OTAPIError(
            .retryLater(
                code: "NotAvailable",
                subCode: "External_ProviderSessionExpired",
                method: "RunOrderExportingToProvider"
            )
        )
        #expect(ProviderSessionProblem.failure(of: expired) == .expired)
        let unknown = OTAPIError(
            .ot(code: "NotFound", subCode: "ProviderSession", description: nil, method: "m", requestId: nil)
        )
        #expect(ProviderSessionProblem.failure(of: unknown) == .unknown)
        let disabled = OTAPIError(.retryLater(code: "NotAvailable", subCode: "OrdersIntegrationDisabled", method: "m"))
        #expect(ProviderSessionProblem.failure(of: disabled) == .integrationDisabled)
        let other = OTAPIError(.retryLater(code: "CallLimit", subCode: nil, method: "m"))
        #expect(ProviderSessionProblem.failure(of: other) == nil)
        let order = OTAPIError(.ot(code: "NotFound", subCode: nil, description: nil, method: "m", requestId: nil))
        #expect(ProviderSessionProblem.failure(of: order) == nil)
    }
}
