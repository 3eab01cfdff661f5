import Testing

@testable import HTTPServer

/// A point on a fake timeline, so tests move time by hand instead of waiting.
struct TestInstant: InstantProtocol {
    var offset: Duration

    static let zero = TestInstant(offset: .zero)

    func advanced(by duration: Duration) -> TestInstant { TestInstant(offset: self.offset + duration) }
    func duration(to other: TestInstant) -> Duration { other.offset - self.offset }
    static func < (lhs: TestInstant, rhs: TestInstant) -> Bool { lhs.offset < rhs.offset }

    static func seconds(_ value: Int) -> TestInstant { TestInstant(offset: .seconds(value)) }
}

@Suite struct ConnectionTimeoutsTests {
    private let limits = ConnectionTimeouts<TestInstant>.Limits(
        headerRead: .seconds(10),
        bodyRead: .seconds(30),
        keepAliveIdle: .seconds(65),
        writeStall: .seconds(30),
        linger: .seconds(2)
    )

    @Test func silentNewConnectionClosesAtHeaderDeadline() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        #expect(timeouts.deadline == .seconds(10))
        #expect(timeouts.deadlineReached(now: .seconds(9)) == .none)
        #expect(timeouts.deadlineReached(now: .seconds(10)) == .close)
        #expect(timeouts.phase == .closed)
    }

    @Test func headerDeadlineIsAbsoluteFromFirstByte() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.requestBytesArrived(now: .seconds(1))
        #expect(timeouts.deadline == .seconds(11))
        // A slow client trickling bytes does not move the deadline.
        timeouts.requestBytesArrived(now: .seconds(5))
        timeouts.requestBytesArrived(now: .seconds(10))
        #expect(timeouts.deadline == .seconds(11))
        #expect(timeouts.deadlineReached(now: .seconds(11)) == .respondRequestTimeout)
        #expect(timeouts.deadline == nil)
    }

    @Test func bodyDeadlineCountsFromHead() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.requestBytesArrived(now: .seconds(1))
        timeouts.headReceived(now: .seconds(3))
        #expect(timeouts.deadline == .seconds(33))
        timeouts.requestBytesArrived(now: .seconds(20))
        #expect(timeouts.deadlineReached(now: .seconds(32)) == .none)
        #expect(timeouts.deadlineReached(now: .seconds(33)) == .respondRequestTimeout)
    }

    @Test func handlerTimeHasNoDeadline() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.requestBytesArrived(now: .seconds(1))
        timeouts.headReceived(now: .seconds(1))
        timeouts.requestReceived()
        #expect(timeouts.deadline == nil)
        #expect(timeouts.deadlineReached(now: .seconds(10_000)) == .none)
    }

    @Test func keepAliveIdleClosesSilently() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.requestReceived()
        timeouts.responseQueued(now: .seconds(2))
        timeouts.responseSent(now: .seconds(3), keepAlive: true)
        #expect(timeouts.deadline == .seconds(68))
        #expect(timeouts.deadlineReached(now: .seconds(67)) == .none)
        #expect(timeouts.deadlineReached(now: .seconds(68)) == .close)
    }

    @Test func nextRequestStartsFreshHeaderDeadline() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.responseSent(now: .seconds(100), keepAlive: true)
        timeouts.requestBytesArrived(now: .seconds(150))
        #expect(timeouts.deadline == .seconds(160))
    }

    @Test func writeStallResetsOnProgress() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.requestReceived()
        timeouts.responseQueued(now: .seconds(10))
        #expect(timeouts.deadline == .seconds(40))
        timeouts.writeProgressed(now: .seconds(30))
        #expect(timeouts.deadline == .seconds(60))
        #expect(timeouts.deadlineReached(now: .seconds(59)) == .none)
        #expect(timeouts.deadlineReached(now: .seconds(60)) == .close)
    }

    @Test func lingerEndsWithClose() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.responseSent(now: .seconds(5), keepAlive: false)
        #expect(timeouts.phase == .lingering(deadline: .seconds(7)))
        #expect(timeouts.deadlineReached(now: .seconds(7)) == .close)
    }

    @Test func writeProgressOutsideWritingChangesNothing() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.writeProgressed(now: .seconds(5))
        #expect(timeouts.deadline == .seconds(10))
    }

    @Test func closedMachineHasNoDeadline() {
        var timeouts = ConnectionTimeouts(limits: self.limits, now: .zero)
        timeouts.closed()
        #expect(timeouts.deadline == nil)
        #expect(timeouts.deadlineReached(now: .seconds(1000)) == .none)
    }
}
