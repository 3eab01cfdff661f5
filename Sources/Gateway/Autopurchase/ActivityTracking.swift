import Foundation
import OTAPI
import Store

/// The rules for following the activities the gateway started: the record it keeps, when to
/// read an activity again, and the events a read produces.
public enum ActivityTracking {
    /// The first read of a new activity.
    public static let firstPollDelayMilliseconds: Int64 = 2_000
    /// Delay between reads of a running activity: doubled after each read from this, up to the maximum.
    public static let minPollDelayMilliseconds: Int64 = 2_000
    public static let maxPollDelayMilliseconds: Int64 = 300_000
    /// Reads of an activity that waits for the operator, to notice an answer given elsewhere.
    public static let awaitingPollDelayMilliseconds: Int64 = 60_000
    /// An activity that has not finished this long after it started is no longer polled.
    public static let abandonAfterMilliseconds: Int64 = 7 * 24 * 3_600_000

    /// The outcome of reading an activity.
    public struct Transition: Sendable, Equatable {
        public var record: GatewayActivityRecord
        public var events: [EventDraft]
        /// The activity finished, so the order it worked on may have changed.
        public var orderMayHaveChanged: Bool
    }

    public static func state(of info: BackgroundActivityInfo) -> GatewayActivityState {
        if info.isCancelled { return .cancelled }
        if info.isFinished { return .finished }
        if info.isAwaitingAction { return .awaitingAction }
        return .running
    }

    /// Returns a record for an activity the gateway just started.
    public static func newRecord(_ id: BackgroundActivityID, orderID: String?, now: Int64) -> GatewayActivityRecord {
        GatewayActivityRecord(
            type: id.type,
            id: id.id,
            orderID: orderID,
            state: .running,
            nextPollAt: now + self.firstPollDelayMilliseconds,
            attempts: 0,
            createdAt: now,
            updatedAt: now
        )
    }

    /// Applies a read of the activity to its record. Events are produced only on a change of
    /// state, so reading twice reports nothing new.
    public static func apply(_ info: BackgroundActivityInfo, to record: GatewayActivityRecord, now: Int64) -> Transition
    {
        var next = record
        next.attempts += 1
        next.updatedAt = now
        next.state = self.state(of: info)
        var events: [EventDraft] = []
        let base: [(key: String, value: JSONValue)] = [
            ("activityType", .string(record.type)), ("activityId", .string(record.id)),
        ]
        switch next.state {
        case .finished, .cancelled:
            next.nextPollAt = nil
            if record.state != next.state {
                events.append(
                    EventDraft(
                        type: .activityFinished,
                        orderID: record.orderID,
                        data: .object(base + [("isCancelled", .bool(info.isCancelled))])
                    )
                )
            }
        case .awaitingAction:
            next.nextPollAt = now + self.awaitingPollDelayMilliseconds
            if record.state != .awaitingAction {
                let actions = info.actions.map(ActivityRepresentation.action)
                events.append(
                    EventDraft(
                        type: .activityAwaitingAction,
                        orderID: record.orderID,
                        data: .object(base + [("actions", .array(actions))])
                    )
                )
            }
        case .running, .abandoned:
            // An answered action restarts the work, so the back-off starts over.
            let reads = record.state == .awaitingAction ? 1 : next.attempts
            next.nextPollAt = now + self.pollDelay(afterReads: reads)
        }
        if next.nextPollAt != nil, now - record.createdAt >= self.abandonAfterMilliseconds {
            next.state = .abandoned
            next.nextPollAt = nil
        }
        let finished = next.state == .finished || next.state == .cancelled
        return Transition(record: next, events: events, orderMayHaveChanged: finished && record.state != next.state)
    }

    /// Returns the record after a failed read: read again later, or abandoned when too old.
    public static func failedRead(_ record: GatewayActivityRecord, now: Int64, activityIsGone: Bool)
        -> GatewayActivityRecord
    {
        var next = record
        next.attempts += 1
        next.updatedAt = now
        if activityIsGone || now - record.createdAt >= self.abandonAfterMilliseconds {
            next.state = .abandoned
            next.nextPollAt = nil
        } else {
            next.nextPollAt = now + self.pollDelay(afterReads: next.attempts)
        }
        return next
    }

    /// 2 s doubled per read, capped at 5 minutes.
    public static func pollDelay(afterReads reads: Int) -> Int64 {
        let exponent = min(max(reads - 1, 0), 20)
        return min(self.minPollDelayMilliseconds << Int64(exponent), self.maxPollDelayMilliseconds)
    }
}
