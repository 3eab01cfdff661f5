import Foundation

/// XML shapes of orders, lines and packages, with OT's element names (`ConfigId`, `Qty`, ...).
enum OrderXML {
    static func orderInfo(_ order: Order, state: SimulatorState, name: String = "SalesOrderInfo") -> XMLNode {
        let currency = state.currencyCode
        let profile = ProfileXML.deliveryAddress(state: state)
        var children: [XMLNode] = [
            XMLNode("Id", text: order.id),
            XMLNode("DisplayId", text: order.id),
            XMLNode("CreatedDateTime", text: Timestamps.formatISO(order.createdAt)),
            XMLNode("ProviderTypeEnum", text: SimulatorConfiguration.Defaults.providerType),
            XMLNode("IsTest", false),
            XMLNode("StatusId", order.statusId),
            XMLNode("StatusCode", text: String(order.statusId)),
            XMLNode("StatusName", text: OrderStatus.name(order.statusId)),
            XMLNode("IsPaid", order.isPaid),
            XMLNode("IsCancelled", order.isCancelled),
            XMLNode("IsCompleted", false),
            XMLNode("CustId", text: String(order.customerId)),
            XMLNode("CustName", text: state.customerName),
            XMLNode("CustComment", text: order.comment),
            profile,
            XMLNode("GoodsAmount", text: Money.format(order.goodsAmount)),
            XMLNode("DeliveryAmount", text: Money.format(order.deliveryAmount)),
            XMLNode("TotalAmount", text: Money.format(order.totalAmount)),
            XMLNode("RemainAmount", text: Money.format(order.remainAmount)),
            XMLNode("PaidAmount", text: Money.format(order.paidAmount)),
            XMLNode("SalesPaid", text: Money.format(order.paidAmount)),
            XMLNode("CurrencyCode", text: currency),
            XMLNode("CurrencySign", text: currencySign(currency)),
            XMLNode("GoodsAmountInternal", text: Money.format(order.goodsAmount)),
            XMLNode("TotalAmountInternal", text: Money.format(order.totalAmount)),
            XMLNode("RemainAmountInternal", text: Money.format(order.remainAmount)),
            XMLNode("PaidAmountInternal", text: Money.format(order.paidAmount)),
            XMLNode("CurrencyCodeInternal", text: currency),
            XMLNode("UserAccountAvailableAmount", text: Money.format(state.balance)),
            XMLNode("DeliveryModeId", text: order.deliveryModeId),
            XMLNode("DeliveryModeName", text: state.deliveryModes.first { $0.id == order.deliveryModeId }?.name ?? ""),
            XMLNode("CanCancel", order.canCancel ? 1 : 0),
            XMLNode("CanConfirmShipment", 0),
            XMLNode("CanChangeAddress", 0),
            XMLNode("CanPurchaseItems", order.isPaid && !order.isExported ? 1 : 0),
        ]
        let summaries = lineStatusSummaries(order)
        if !summaries.isEmpty {
            children.append(XMLNode("LineStatusSummaries", children: summaries))
        }
        return XMLNode(name, children: children)
    }

    static func line(_ line: OrderLine, order: Order, state: SimulatorState) -> XMLNode {
        let currency = state.currencyCode
        var children: [XMLNode] = [
            XMLNode("Id", text: line.id),
            XMLNode("OrderId", text: order.id),
            XMLNode("LineNum", line.lineNumber),
            XMLNode("ItemId", text: line.itemId),
            XMLNode("ItemTaobaoId", text: line.itemId),
            XMLNode("ProviderType", text: SimulatorConfiguration.Defaults.providerType),
            XMLNode("ConfigId", text: line.configurationId),
            XMLNode("ConfigText", text: ""),
            XMLNode("Qty", line.quantity),
            XMLNode("QtyOrig", line.quantity),
            XMLNode("StatusId", line.statusId),
            XMLNode("StatusCode", text: String(line.statusId)),
            XMLNode("StatusName", text: LineStatus.name(line.statusId)),
            XMLNode("IsPaid", line.statusId != LineStatus.awaitingPayment && line.statusId != LineStatus.cancelled),
            XMLNode("IsCancelled", line.statusId == LineStatus.cancelled),
            XMLNode("IsCompleted", false),
            XMLNode("CanBePurchased", line.statusId == LineStatus.paid && !line.isTmall),
            XMLNode("PriceCust", text: Money.format(line.price)),
            XMLNode("AmountCust", text: Money.format(line.amount)),
            XMLNode("CurrencyCust", text: currency),
            XMLNode("PriceInternal", text: Money.format(line.price)),
            XMLNode("AmountInternal", text: Money.format(line.amount)),
            XMLNode("CurrencyInternal", text: currency),
            XMLNode("BriefDescrTrans", text: "Simulated item \(line.itemId)"),
        ]
        if let comment = line.comment {
            children.append(XMLNode("CustComment", text: comment))
        }
        if let providerOrderId = line.providerOrderId {
            children.append(XMLNode("VendPurchId", text: providerOrderId))
        }
        if let waybill = line.providerWaybill {
            children.append(XMLNode("VendPurchWaybill", text: waybill))
        }
        if let account = line.providerAccountName {
            children.append(XMLNode("VendPurchAccountId", text: account))
        }
        return XMLNode("SalesLine", children: children)
    }

    /// `Result` of the order details methods: the order info and all of its lines.
    static func details(_ order: Order, state: SimulatorState) -> XMLNode {
        XMLNode(
            "Result",
            children: [
                orderInfo(order, state: state),
                XMLNode("SalesLinesList", children: order.lines.map { line($0, order: order, state: state) }),
            ]
        )
    }

    static func package(_ package: Package, order: Order) -> XMLNode {
        XMLNode(
            "Item",
            children: [
                XMLNode("Id", text: package.id),
                XMLNode("OrderId", text: order.id),
                XMLNode("DeliveryTrackingNum", text: package.trackingNumber),
                XMLNode("StatusId", text: "1"),
                XMLNode("StatusCode", text: "Sent"),
                XMLNode("StatusName", text: "Sent"),
                XMLNode("DeliveryModeId", text: order.deliveryModeId),
                XMLNode("CreationDate", text: Timestamps.formatISO(package.createdAt)),
                XMLNode(
                    "Items",
                    children: package.lineIds.map { XMLNode("Item", children: [XMLNode("LineId", text: $0)]) }
                ),
            ]
        )
    }

    static func currencySign(_ code: String) -> String {
        switch code {
        case "CNY": "¥"
        case "USD": "$"
        case "EUR": "€"
        case "RUB": "₽"
        default: code
        }
    }

    private static func lineStatusSummaries(_ order: Order) -> [XMLNode] {
        var counts: [Int: Int] = [:]
        for line in order.lines {
            counts[line.statusId, default: 0] += 1
        }
        return counts.keys.sorted().map { status in
            XMLNode(
                "LineStatusSummary",
                children: [
                    XMLNode(
                        "Status",
                        children: [XMLNode("Id", status), XMLNode("Name", text: LineStatus.name(status))]
                    ),
                    XMLNode("Count", counts[status] ?? 0),
                ]
            )
        }
    }
}

/// XML shapes of the customer's delivery profile.
enum ProfileXML {
    static let firstName = "Ivan"
    static let lastName = "Petrov"
    static let countryCode = "RU"
    static let city = "Moscow"
    static let address = "Tverskaya 1, apt. 2"
    static let phone = "+70000000000"
    static let postalCode = "101000"

    static func profileItem(state: SimulatorState) -> XMLNode {
        XMLNode(
            "Item",
            children: [
                XMLNode("Id", text: String(state.userProfileId)),
                XMLNode("FirstName", text: firstName),
                XMLNode("LastName", text: lastName),
                XMLNode("MiddleName", text: ""),
                XMLNode("CountryCode", text: countryCode),
                XMLNode("Region", text: city),
                XMLNode("City", text: city),
                XMLNode("Address", text: address),
                XMLNode("Phone", text: phone),
                XMLNode("PostalCode", text: postalCode),
                XMLNode("ExternalDeliveryId", text: SimulatorConfiguration.Defaults.freeDeliveryModeId),
            ]
        )
    }

    static func deliveryAddress(state: SimulatorState) -> XMLNode {
        XMLNode(
            "DeliveryAddress",
            children: [
                XMLNode("Id", text: String(state.userProfileId)),
                XMLNode("Familyname", text: lastName),
                XMLNode("Name", text: firstName),
                XMLNode("CountryCode", text: countryCode),
                XMLNode("City", text: city),
                XMLNode("Address", text: address),
                XMLNode("Phone", text: phone),
                XMLNode("PostalCode", text: postalCode),
            ]
        )
    }
}
