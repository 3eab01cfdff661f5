import Foundation

extension SimulatorState {
    /// Starts an export of an order's paid lines; the lines are booked when the activity
    /// finishes.
    mutating func startExport(
        orderId: String,
        lineIds: [String],
        providerSessionId: String,
        now: Date,
        behaviour: ActivityBehaviour
    ) throws(OTFailure) -> Activity {
        guard let order = order(orderId) else {
            throw .notFound("Order \(orderId) does not exist.")
        }
        if order.isCancelled {
            throw .validation("Order \(orderId) is cancelled and cannot be exported.")
        }
        guard order.isPaid else {
            throw .validation("Order \(orderId) is not paid; only paid lines can be exported to the provider.")
        }
        let unknown = lineIds.filter { id in !order.lines.contains { $0.id == id } }
        if !unknown.isEmpty {
            throw .invalidInput(
                "xmlParameters",
                "names lines that are not in order \(orderId): \(unknown.joined(separator: ", "))"
            )
        }
        let exportable = order.lines.filter { line in
            line.statusId == LineStatus.paid && (lineIds.isEmpty || lineIds.contains(line.id))
        }
        guard !exportable.isEmpty else {
            throw .validation("Order \(orderId) has no paid lines waiting for export.")
        }
        return startActivity(
            kind: .exporting,
            orderIds: [orderId],
            lineIds: lineIds,
            providerSessionId: providerSessionId,
            now: now,
            behaviour: behaviour
        )
    }

    /// Starts a synchronisation; booked lines get their waybill when it finishes.
    mutating func startSynchronization(
        orderIds: [String],
        providerSessionId: String,
        now: Date,
        behaviour: ActivityBehaviour
    ) throws(OTFailure) -> Activity {
        for id in orderIds where order(id) == nil {
            throw .notFound("Order \(id) does not exist.")
        }
        let targets = orderIds.isEmpty ? orders.filter(\.isExported).map(\.id) : orderIds
        return startActivity(
            kind: .synchronizing,
            orderIds: targets,
            lineIds: [],
            providerSessionId: providerSessionId,
            now: now,
            behaviour: behaviour
        )
    }

    private mutating func startActivity(
        kind: Activity.Kind,
        orderIds: [String],
        lineIds: [String],
        providerSessionId: String,
        now: Date,
        behaviour: ActivityBehaviour
    ) -> Activity {
        var activity = Activity(
            id: makeActivityId(),
            kind: kind,
            orderIds: orderIds,
            lineIds: lineIds,
            providerSessionId: providerSessionId,
            startedAt: now,
            behaviour: behaviour,
            segmentStartedAt: now
        )
        activity.steps.append(
            Activity.Step(type: "Info", message: "Started for \(orderIds.joined(separator: ", "))", secondsFromStart: 0)
        )
        activities.append(activity)
        return activity
    }

    /// Moves timed activities forward to `now`, and the activity `polledId` by one step when it
    /// progresses per poll. Returns whether anything changed.
    @discardableResult
    mutating func advanceActivities(now: Date, polledId: String? = nil) -> Bool {
        var changed = false
        for index in activities.indices {
            let before = activities[index]
            if before.isFinished || before.isAwaitingAction { continue }
            var target: Int
            switch before.behaviour.progress {
            case .timed(let milliseconds):
                let elapsed = now.timeIntervalSince(before.segmentStartedAt) * 1000
                let share = milliseconds > 0 ? elapsed / Double(milliseconds) : 1
                target = before.segmentStartPercent + Int((share * 100).rounded(.down))
            case .perPoll(let steps):
                guard before.id == polledId else { continue }
                target = before.progressPercent + max(1, 100 / max(1, steps))
                if steps <= 1 { target = 100 }
            }
            target = min(100, max(before.progressPercent, target))
            if let stopAt = before.behaviour.awaitActionAtPercent, !before.actionAnswered, target >= stopAt {
                activities[index].progressPercent = stopAt
                activities[index].isAwaitingAction = true
                addStep(
                    index,
                    type: "AwaitingAction",
                    message: "Waiting for the operator to choose an action",
                    now: now
                )
            } else if target >= 100 {
                activities[index].progressPercent = 100
                finishActivity(index, now: now)
            } else {
                activities[index].progressPercent = target
            }
            changed = changed || activities[index] != before
        }
        return changed
    }

    /// Applies the operator's action to a waiting activity. `Cancel` cancels it, and any other
    /// offered action lets it continue.
    mutating func answerActivity(type: String, id: String, actionId: String, now: Date) throws(OTFailure) {
        guard let index = activities.firstIndex(where: { $0.id == id && $0.kind.rawValue == type }) else {
            throw .notFound("Background activity \(type) \(id) does not exist.")
        }
        guard activities[index].isAwaitingAction else {
            throw .validation("Background activity \(id) is not waiting for an action.")
        }
        guard activities[index].behaviour.actions.contains(where: { $0.id == actionId }) else {
            throw .invalidInput("actionId", "is not an action offered by activity \(id): \(actionId)")
        }
        activities[index].isAwaitingAction = false
        activities[index].actionAnswered = true
        if actionId == ActivityAction.cancelId {
            activities[index].isCancelled = true
            activities[index].isFinished = true
            addStep(index, type: "Cancelled", message: "Cancelled by the operator", now: now)
        } else {
            activities[index].segmentStartedAt = now
            activities[index].segmentStartPercent = activities[index].progressPercent
            addStep(index, type: "Info", message: "The operator chose \(actionId)", now: now)
        }
    }

    private mutating func addStep(_ index: Int, type: String, message: String, now: Date) {
        let seconds = Int(now.timeIntervalSince(activities[index].startedAt))
        activities[index].steps.append(Activity.Step(type: type, message: message, secondsFromStart: seconds))
    }

    private mutating func finishActivity(_ index: Int, now: Date) {
        activities[index].isFinished = true
        let activity = activities[index]
        let account = providerSessions.first { $0.id == activity.providerSessionId }?.name
        for orderId in activity.orderIds {
            guard let orderIndex = orderIndex(orderId) else { continue }
            switch activity.kind {
            case .exporting:
                bookLines(orderIndex, lineIds: activity.lineIds, account: account, activityIndex: index, now: now)
            case .synchronizing:
                shipBookedLines(orderIndex, now: now)
            }
        }
        addStep(index, type: "Finished", message: "Finished", now: now)
    }

    /// Books the paid lines at the provider. Tmall lines stay paid: autopurchase cannot buy them.
    private mutating func bookLines(
        _ orderIndex: Int,
        lineIds: [String],
        account: String?,
        activityIndex: Int,
        now: Date
    ) {
        let orderId = orders[orderIndex].id
        for lineIndex in orders[orderIndex].lines.indices {
            let line = orders[orderIndex].lines[lineIndex]
            guard line.statusId == LineStatus.paid, lineIds.isEmpty || lineIds.contains(line.id) else { continue }
            if line.isTmall {
                addStep(
                    activityIndex,
                    type: "Warning",
                    message: "Line \(line.id) is a Tmall item; autopurchase cannot buy it",
                    now: now
                )
                continue
            }
            orders[orderIndex].lines[lineIndex].statusId = LineStatus.orderedAtProvider
            orders[orderIndex].lines[lineIndex].providerOrderId = makeProviderNumber()
            orders[orderIndex].lines[lineIndex].providerAccountName = account
            orders[orderIndex].isExported = true
        }
        if orders[orderIndex].isExported {
            orders[orderIndex].statusId = OrderStatus.processing
        }
        addStep(activityIndex, type: "Info", message: "Order \(orderId) booked at the provider", now: now)
    }

    /// Gives booked lines a waybill and the shipped status, and the order a package with an
    /// international tracking number.
    private mutating func shipBookedLines(_ orderIndex: Int, now: Date) {
        var shipped: [String] = []
        for lineIndex in orders[orderIndex].lines.indices {
            let line = orders[orderIndex].lines[lineIndex]
            guard line.statusId == LineStatus.orderedAtProvider, line.providerOrderId != nil else { continue }
            orders[orderIndex].lines[lineIndex].providerWaybill = "YT" + makeProviderNumber()
            orders[orderIndex].lines[lineIndex].statusId = LineStatus.shipped
            shipped.append(line.id)
        }
        guard !shipped.isEmpty else { return }
        let number = makeProviderNumber()
        orders[orderIndex].packages.append(
            Package(id: "PKG-" + number, trackingNumber: "SIM" + number + "CN", createdAt: now, lineIds: shipped)
        )
    }
}
