import Foundation

/// One requested line of an `OrderAddData` document.
struct RequestedLine: Sendable, Equatable {
    var itemId: String
    var configurationId: String
    var quantity: Int?
    var comment: String?
}

extension SimulatorState {
    /// Creates an order from `OrderAddData`, leaving out the lines OT could not order, as OT
    /// does. Fails with `ValidationError` and creates nothing when no line can be ordered.
    mutating func addOrder(_ data: InputXMLElement, now: Date) throws(OTFailure) -> Order {
        let deliveryModeId = data.value("DeliveryModeId") ?? SimulatorConfiguration.Defaults.freeDeliveryModeId
        guard let deliveryMode = deliveryModes.first(where: { $0.id == deliveryModeId }) else {
            throw .validation("Delivery mode \(deliveryModeId) does not exist.")
        }
        if let profileText = data.value("UserProfileId"), Int(profileText) != userProfileId {
            throw .validation("User profile \(profileText) does not belong to the customer.")
        }
        guard let items = data.child("Items") else {
            throw .invalidInput("xmlAddData", "has no Items element")
        }
        let requested = items.children("Item").map { item in
            RequestedLine(
                itemId: item.value("Id") ?? "",
                configurationId: item.value("ConfigurationId") ?? "0",
                quantity: item.value("Quantity").flatMap { Int($0) },
                comment: item.child("Comment")?.text
            )
        }
        guard !requested.isEmpty else {
            throw .invalidInput("xmlAddData", "lists no Item")
        }

        let orderId = makeOrderId()
        var lines: [OrderLine] = []
        for line in requested where Self.canOrder(line) {
            lines.append(
                OrderLine(
                    id: makeLineId(),
                    lineNumber: lines.count + 1,
                    itemId: line.itemId,
                    configurationId: line.configurationId,
                    quantity: line.quantity ?? 0,
                    price: Catalog.price(of: line.itemId),
                    statusId: LineStatus.awaitingPayment,
                    comment: line.comment,
                    isTmall: Catalog.isTmall(line.itemId)
                )
            )
        }
        // The dispatcher discards the state of a failed call, so the ids taken above are not lost.
        guard !lines.isEmpty else {
            throw .validation(
                "None of the items can be ordered: they are gone, their configuration or seller is gone, or a field is invalid."
            )
        }
        let order = Order(
            id: orderId,
            customerId: customerId,
            createdAt: now,
            statusId: OrderStatus.awaitingPayment,
            comment: data.child("Comment")?.text ?? "",
            deliveryModeId: deliveryMode.id,
            deliveryAmount: deliveryMode.price,
            userProfileId: userProfileId,
            lines: lines
        )
        orders.append(order)
        return order
    }

    /// Whether AddOrder can order a requested line. OT drops a line when the item, its
    /// configuration or its seller is gone, or when a field is invalid.
    static func canOrder(_ line: RequestedLine) -> Bool {
        guard Catalog.isWellFormedId(line.itemId), Catalog.isWellFormedId(line.configurationId),
            let quantity = line.quantity, (1...SimulatorConfiguration.Defaults.maxLineQuantity).contains(quantity)
        else { return false }
        return Catalog.unavailability(of: line.itemId) == nil
    }

    /// Cancels an order, returning what was reserved for it to the customer's balance.
    mutating func cancelOrder(_ orderId: String, now: Date) throws(OTFailure) {
        guard let index = orderIndex(orderId) else {
            throw .notFound("Order \(orderId) does not exist.")
        }
        if orders[index].isCancelled {
            throw .validation("Order \(orderId) is already cancelled.")
        }
        if orders[index].isExported {
            throw .validation("Order \(orderId) was exported to the provider and can no longer be cancelled.")
        }
        let refund = orders[index].paidAmount
        if refund > 0 {
            balance += refund
            transactions.append(
                AccountTransaction(
                    id: makeTransactionId(),
                    date: now,
                    kind: .orderRefund,
                    amount: refund,
                    comment: "Refund of order \(orderId)"
                )
            )
        }
        orders[index].paidAmount = 0
        orders[index].isCancelled = true
        orders[index].statusId = OrderStatus.cancelled
        for lineIndex in orders[index].lines.indices {
            orders[index].lines[lineIndex].statusId = LineStatus.cancelled
        }
    }

    /// Orders matching `OrderSearchParameters`, newest first. Unknown criteria are ignored.
    func searchOrders(_ parameters: InputXMLElement?) throws(OTFailure) -> [Order] {
        var result = orders
        if let users = parameters?.value("UserIdDelimitedList") {
            let ids = users.split(whereSeparator: { $0 == ";" || $0 == "," }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            result = result.filter { ids.contains(String($0.customerId)) }
        }
        if let from = parameters?.value("CreationDateFrom") {
            guard let date = Timestamps.parseLoose(from) else {
                throw .invalidInput("xmlSearchParameters", "has an invalid CreationDateFrom \(from)")
            }
            result = result.filter { $0.createdAt >= date }
        }
        if let to = parameters?.value("CreationDateTo") {
            guard let date = Timestamps.parseLoose(to) else {
                throw .invalidInput("xmlSearchParameters", "has an invalid CreationDateTo \(to)")
            }
            result = result.filter { $0.createdAt <= date }
        }
        var ids = parameters?.child("OrderIds")?.children("Id").map(\.text) ?? []
        if let id = parameters?.value("Id") { ids.append(id) }
        if !ids.isEmpty {
            result = result.filter { ids.contains($0.id) }
        }
        let statuses = parameters?.child("StatusIdList")?.children("Id").compactMap { Int($0.text) } ?? []
        if !statuses.isEmpty {
            result = result.filter { statuses.contains($0.statusId) }
        }
        return result.reversed()
    }
}
