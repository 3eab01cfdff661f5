import Foundation

/// Adding, reading, searching and cancelling orders.
enum OrderMethods {
    static let all: [(String, MethodSpec)] = [
        ("AddOrder", MethodSpec(answerType: "OtapiOrderInfoAnswer", session: .customer, run: addOrder)),
        (
            "GetSalesOrderDetails",
            MethodSpec(answerType: "OtapiSalesOrderDetailsAnswer", session: .customer, run: details)
        ),
        (
            "GetSalesOrderDetailsForOperator",
            MethodSpec(answerType: "OtapiSalesOrderDetailsAnswer", session: .operator, run: detailsForOperator)
        ),
        (
            "GetSalesPackageList",
            MethodSpec(answerType: "OtapiPackageAdminInfoListAnswer", session: .any, run: packages)
        ),
        ("SearchOrders", MethodSpec(answerType: "OtapiSalesOrderInfoListFrameAnswer", session: .operator, run: search)),
        ("CancelSalesOrder", MethodSpec(answerType: "VoidOtapiAnswer", session: .customer, run: cancel)),
        ("CancelSalesOrderForOperator", MethodSpec(answerType: "VoidOtapiAnswer", session: .operator, run: cancel)),
    ]

    static func addOrder(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let data = try context.parameters.requiredXML("xmlAddData", root: "OrderAddData")
        let order = try state.addOrder(data, now: context.now)
        return [OrderXML.orderInfo(order, state: state, name: "Result")]
    }

    static func details(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let order = try existingOrder(state, context)
        return [OrderXML.details(order, state: state)]
    }

    static func detailsForOperator(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode]
    {
        var order = try existingOrder(state, context)
        switch context.parameters.optional("queryType").map({ Int($0) }) {
        case nil, .some(.some(0)):
            break
        case .some(.some(1)):
            order.lines = order.lines.filter { $0.statusId == LineStatus.paid || $0.statusId == 3 }
        case .some(.some(2)):
            order.lines = order.lines.filter { (6...10).contains($0.statusId) }
        default:
            throw .invalidInput("queryType", "must be 0, 1 or 2")
        }
        return [OrderXML.details(order, state: state)]
    }

    static func packages(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let order = try existingOrder(state, context)
        let items = order.packages.map { OrderXML.package($0, order: order) }
        return [XMLNode("Result", children: [XMLNode("Content", children: items)])]
    }

    static func search(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        var parameters: InputXMLElement?
        if context.parameters.optional("xmlSearchParameters") != nil {
            parameters = try context.parameters.requiredXML("xmlSearchParameters", root: "OrderSearchParameters")
        }
        let found = try state.searchOrders(parameters)
        let position = max(0, context.parameters.optional("framePosition").flatMap { Int($0) } ?? 0)
        let size = context.parameters.optional("frameSize").flatMap { Int($0) } ?? found.count
        let frame = found.dropFirst(position).prefix(max(0, size))
        let items = frame.map { OrderXML.orderInfo($0, state: state, name: "Item") }
        return [XMLNode("Result", children: [XMLNode("Content", children: items), XMLNode("TotalCount", found.count)])]
    }

    static func cancel(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let orderId = try context.parameters.requiredOrderId()
        try state.cancelOrder(orderId, now: context.now)
        return []
    }

    static func existingOrder(_ state: SimulatorState, _ context: CallContext) throws(OTFailure) -> Order {
        let orderId = try context.parameters.requiredOrderId()
        guard let order = state.order(orderId) else {
            throw .notFound("Order \(orderId) does not exist.")
        }
        return order
    }
}
