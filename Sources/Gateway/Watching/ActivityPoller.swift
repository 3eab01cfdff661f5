import Foundation
import OTAPI
import Observability
import Store

/// Reads the unfinished activities the gateway started until they finish, with back-off, and
/// records `activity.finished` and `activity.awaiting_action`. Its schedule is in the store,
/// so polling survives restarts.
public final class ActivityPoller: Sendable {
    /// Activities read in one run at most.
    static let activitiesPerRun = 50

    let services: GatewayServices
    let budget: CallBudget
    let logger: Logger

    public init(services: GatewayServices, budget: CallBudget) {
        self.services = services
        self.budget = budget
        self.logger = services.logger.with(["component": "activity_poller"])
    }

    /// Reads the activities due at `now`; returns how many were read.
    @discardableResult
    public func runOnce(now: Date) async -> Int {
        let nowMilliseconds = UnixTime.milliseconds(from: now)
        let due: [GatewayActivityRecord]
        do {
            due = try await self.services.store.dueGatewayActivities(now: nowMilliseconds, limit: Self.activitiesPerRun)
        } catch {
            self.logger.error("reading due activities failed", metadata: ["error": .string("\(error)")])
            return 0
        }
        var read = 0
        for record in due {
            if Task.isCancelled { break }
            guard self.budget.take(1, now: now) else { break }
            let id = BackgroundActivityID(type: record.type, id: record.id)
            let metadata: LogMetadata = [
                "activity.type": .string(record.type), "activity.id": .string(record.id),
                "order.id": .string(record.orderID ?? ""),
            ]
            do {
                let info = try await self.services.otapi.getBackgroundActivityInfo(id)
                try await ActivityUpdates.apply(info, id: id, services: self.services, now: now)
                read += 1
                let state = ActivityTracking.state(of: info)
                if state != record.state {
                    self.logger.info("activity changed state to \(state.rawValue)", metadata: metadata)
                }
            } catch let error as OTAPIError {
                var activityIsGone = false
                if case .ot(let code, _, _, _, _) = error.code, code == "NotFound" {
                    activityIsGone = true
                }
                let next = ActivityTracking.failedRead(record, now: nowMilliseconds, activityIsGone: activityIsGone)
                self.logger.warning(
                    next.state == .abandoned
                        ? "reading an activity failed; it is no longer polled"
                        : "reading an activity failed; will retry",
                    metadata: metadata.merging(["error": .string(error.description)]) { _, new in new }
                )
                try? await self.services.store.saveGatewayActivity(next)
            } catch {
                self.logger.error(
                    "storing an activity read failed",
                    metadata: metadata.merging(["error": .string("\(error)")]) { _, new in new }
                )
            }
        }
        return read
    }
}
