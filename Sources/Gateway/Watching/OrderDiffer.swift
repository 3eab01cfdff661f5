/// Turns two reads of an order into the events of the interface.
///
/// Without a previous read only milestones are reported (paid, cancelled, booked, tracking
/// numbers), because status changes need a status to change from.
public enum OrderDiffer {
    public static func events(from old: OrderSnapshot?, to new: OrderSnapshot) -> [EventDraft] {
        var events: [EventDraft] = []
        func add(_ type: EventType, _ data: [(key: String, value: JSONValue)]) {
            events.append(EventDraft(type: type, orderID: new.orderID, data: .object(data)))
        }

        if let old, old.status.id != new.status.id {
            add(
                .orderStatusChanged,
                [("from", OrderSnapshot.json(old.status)), ("to", OrderSnapshot.json(new.status))]
            )
        }
        if new.isPaid, old?.isPaid != true {
            add(.orderPaid, [("status", OrderSnapshot.json(new.status))])
        }
        if new.isCancelled, old?.isCancelled != true {
            add(.orderCancelled, [("status", OrderSnapshot.json(new.status))])
        }

        for line in new.lines {
            let before = old?.lines.first { $0.id == line.id }
            if let before, before.status.id != line.status.id {
                add(
                    .orderLineStatusChanged,
                    [
                        ("lineId", .string(line.id)), ("from", OrderSnapshot.json(before.status)),
                        ("to", OrderSnapshot.json(line.status)),
                    ]
                )
            }
            if let providerOrderID = line.providerOrderID, providerOrderID != before?.providerOrderID {
                add(.orderLineBooked, [("lineId", .string(line.id)), ("providerOrderId", .string(providerOrderID))])
            }
            if let trackingNumber = line.trackingNumber, trackingNumber != before?.trackingNumber {
                add(
                    .orderLineTrackingAssigned,
                    [("lineId", .string(line.id)), ("trackingNumber", .string(trackingNumber))]
                )
            }
        }

        for package in new.packages {
            let before = old?.packages.first { $0.id == package.id }
            if let trackingNumber = package.trackingNumber, trackingNumber != before?.trackingNumber {
                add(
                    .orderPackageTrackingAssigned,
                    [("packageId", .string(package.id)), ("trackingNumber", .string(trackingNumber))]
                )
            }
        }
        return events
    }
}
