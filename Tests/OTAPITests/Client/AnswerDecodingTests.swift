import Foundation
import Testing

@testable import OTAPI

@Suite("Answer decoding")
struct AnswerDecodingTests {
    let client = TestConfiguration.client(ScriptedTransport.fixtures())

    func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    @Test("user info and profiles")
    func users() async throws {
        let user = try await self.client.getUserInfo()
        #expect(user.id == "1234567")
        #expect(user.login == "gateway-buyer")
        #expect(user.firstName == "Анна")

        let profiles = try await self.client.getUserProfileInfoList()
        #expect(profiles.map(\.id) == ["2574758", "2574759"])
        #expect(profiles[0].externalDeliveryId == "FREE-EXT-1")
        #expect(profiles[0].city == "Москва")
        #expect(profiles[1].city == nil)
    }

    @Test("AddOrder returns the new order's info")
    func addOrder() async throws {
        let order = try await self.client.addOrder(
            OrderAddData(
                deliveryModeId: "FREE-EXT-1",
                userProfileId: "2574758",
                comment: nil,
                items: [OrderAddItem(itemId: "1", quantity: 1)]
            )
        )
        #expect(order.id == "ORD-0000000042")
        #expect(order.statusId == 10)
        #expect(order.statusCode == "10")
        #expect(order.statusName == "Awaiting payment")
        #expect(order.isPaid == false)
        #expect(order.isCancelled == false)
        #expect(order.isCompleted == false)
        #expect(order.customerId == "1234567")
        #expect(order.goodsAmount == self.decimal("39.98"))
        #expect(order.deliveryAmount == 0)
        #expect(order.totalAmount == self.decimal("39.98"))
        #expect(order.remainAmount == self.decimal("39.98"))
        #expect(order.currencyCode == "USD")
        #expect(order.customerComment == "gateway order 42 & more")
        #expect(order.createdDateTime == "2024-05-01T03:15:22")
        #expect(order.canCancel == true)
        #expect(order.canPurchaseItems == false)
    }

    @Test("order details keep cancelled lines and read CDATA and comma weights")
    func orderDetails() async throws {
        let details = try await self.client.getSalesOrderDetails(salesId: "ORD-0000000042")
        #expect(details.order.id == "ORD-0000000042")
        #expect(details.lines.map(\.id) == ["1001", "1002", "1003"])
        let first = details.lines[0]
        #expect(first.itemId == "600000000001")
        #expect(first.configId == "4000000000001")
        #expect(first.quantity == 2)
        #expect(first.priceCust == self.decimal("19.99"))
        #expect(first.amountCust == self.decimal("39.98"))
        #expect(first.weight == self.decimal("0.25"))
        #expect(first.customerComment == "a & b <i>")
        #expect(first.vendPurchId == nil)
        #expect(first.isCancelledStatus == false)
        #expect(details.lines[1].isCancelledStatus)
        #expect(details.lines[2].isCancelledStatus)
        #expect(details.lines[2].vendPurchId == "3344556677")
        #expect(details.lines[2].vendPurchWaybill == "YT1234567890")
    }

    @Test("operator order details accept ids wrapped in Value")
    func operatorDetails() async throws {
        let details = try await self.client.getSalesOrderDetailsForOperator(salesId: "ORD-0000000043")
        #expect(details.order.id == "ORD-0000000043")
        #expect(details.order.customerId == "1234567")
        #expect(details.order.isPaid == true)
        #expect(details.order.totalAmount == self.decimal("100.10"))
        #expect(details.order.remainAmount == 0)
        #expect(details.order.canCancel == false)
        #expect(details.lines.count == 1)
        #expect(details.lines[0].statusId == 2)
    }

    @Test("search, statuses and packages")
    func lists() async throws {
        let found = try await self.client.searchOrders(OrderSearchParameters(orderIds: ["ORD-0000000042"]))
        #expect(found.orders.map(\.id) == ["ORD-0000000042", "ORD-0000000044"])
        #expect(found.totalCount == 2)

        let statuses = try await self.client.getOrderStatusList()
        #expect(statuses.map(\.id) == ["10", "20", "40"])
        #expect(statuses[1].name == "Paid")

        let packages = try await self.client.getSalesPackageList(salesId: "ORD-0000000042")
        #expect(packages.count == 1)
        #expect(packages[0].id == "77001")
        #expect(packages[0].deliveryTrackingNumber == "RR123456789CN")
        #expect(packages[0].statusName == "Sent")
        #expect(packages[0].weight == self.decimal("1.5"))
    }

    @Test("payment info, reserve, statement and a void answer")
    func money() async throws {
        let info = try await self.client.getSalesPaymentInfo(salesId: "ORD-0000000042")
        #expect(info.salesId == "ORD-0000000042")
        #expect(info.customerId == "1234567")
        #expect(info.customerBalanceAvailable == self.decimal("39.98"))
        #expect(info.salesAmount == self.decimal("39.98"))
        #expect(info.salesPaid == 0)
        #expect(info.currencyCode == "USD")

        let reserved = try await self.client.salesPaymentReserve(
            salesId: "ORD-0000000042",
            amount: self.decimal("39.98")
        )
        #expect(reserved.salesPaid == self.decimal("39.98"))
        #expect(reserved.customerBalanceAvailable == 0)

        try await self.client.postTransaction(
            customerId: "1234567",
            amount: self.decimal("39.98"),
            isDebit: true,
            comment: "gw-pay 6f1c2e",
            transactionDate: TestConfiguration.fixedDate
        )

        let statement = try await self.client.getStatementForOperator(customerId: "1234567")
        #expect(statement.endBalanceInternal == self.decimal("39.98"))
        #expect(statement.transactions.count == 2)
        #expect(statement.transactions[0].id == "555001")
        #expect(statement.transactions[0].date == "2024-05-01T03:15:22")
        #expect(statement.transactions[0].comment == "gw-pay 6f1c2e ORD-0000000042")
        #expect(statement.transactions[0].amountInternal == self.decimal("39.98"))
        #expect(statement.transactions[1].date == "2024-05-02")
        #expect(statement.transactions[1].amountInternal == self.decimal("-10.5"))
    }

    @Test("delivery modes and items")
    func catalog() async throws {
        let modes = try await self.client.getDeliveryModesWithPrice(countryCode: "RU", weight: 1)
        #expect(modes.map(\.id) == ["FREE-EXT-1", "EMS"])
        #expect(modes[0].name == "External zero-cost delivery")

        let tmall = try await self.client.batchGetItemFullInfo(itemId: "abb-560724366248")
        #expect(tmall.id == "abb-560724366248")
        #expect(tmall.features == ["Discount", "Tmall"])
        #expect(tmall.isTmall)

        let plain = try await self.client.getItemFullInfo(itemId: "600000000002")
        #expect(plain.id == "600000000002")
        #expect(plain.isTmall == false)
    }

    @Test("BatchError is a success with partial data")
    func batchError() async throws {
        let transport = ScriptedTransport { _, _ in .fixture("BatchGetItemFullInfo-BatchError.xml") }
        let item = try await TestConfiguration.client(transport).batchGetItemFullInfo(itemId: "600000000001")
        #expect(item.id == "600000000001")
        #expect(item.features.isEmpty)
        #expect(item.isTmall == false)
    }

    @Test("provider info, settings, auth info and sessions")
    func provider() async throws {
        let info = try await self.client.getProviderInfo(providerType: "Taobao")
        #expect(info.type == "Taobao")
        #expect(info.ordersIntegration?.isAvailable == true)
        #expect(info.ordersIntegration?.isEnabled == true)
        #expect(info.ordersIntegration?.isSessionRequired == true)
        #expect(info.ordersIntegration?.allowCancelOrders == false)

        let settings = try await self.client.getProviderOrdersIntegrationSettings(providerType: "Taobao")
        #expect(settings.recipientName == "王小明")
        #expect(settings.mobile == "13800000000")
        #expect(settings.phone == nil)
        #expect(settings.regionCode == "330106")
        #expect(settings.postalCode == "310000")
        #expect(settings.address == "文三路 100 号 3 楼")
        #expect(settings.raw.name == "Taobao")

        let auth = try await self.client.getProviderOrdersIntegrationSessionAuthenticationInfo(
            providerType: "Taobao",
            returnUrl: "http://127.0.0.1:8080/return"
        )
        #expect(auth.redirectURL == "http://127.0.0.1:9/fake-taobao/login?ticket=abc&lang=en")

        let sessions = try await self.client.getProviderOrdersIntegrationSessionInfoList(providerType: "Taobao")
        #expect(sessions.map(\.id) == ["ps-0001", "ps-0002"])
        #expect(sessions[0].name == "tb_buyer_one")
        #expect(sessions[0].balanceAmount == self.decimal("1200.50"))
        #expect(sessions[0].balanceCurrencyCode == "CNY")
        #expect(sessions[1].balanceAmount == nil)
    }

    @Test("activity ids as text or Value, and activity info")
    func activities() async throws {
        let exported = try await self.client.runOrderExportingToProvider(
            providerType: "Taobao",
            providerSessionId: "ps-0001",
            parameters: OrderExportParameters(orderId: "ORD-0000000042")
        )
        #expect(exported == BackgroundActivityID(type: "ProviderOrdersIntegrationExporting", id: "act-9001"))

        let synced = try await self.client.runOrdersSynchronizingWithProvider(
            providerType: "Taobao",
            providerSessionId: "ps-0001",
            parameters: OrdersSynchronizationParameters(orderIds: ["ORD-0000000042"])
        )
        #expect(synced == BackgroundActivityID(type: "ProviderOrdersIntegrationSynchronizing", id: "act-9002"))

        let info = try await self.client.getBackgroundActivityInfo(exported)
        #expect(info.id == "act-9001")
        #expect(info.isFinished == false)
        #expect(info.isCancelled == false)
        #expect(info.isAwaitingAction)
        #expect(info.progressPercent == 50)
        #expect(info.actions.map(\.id) == ["Continue", "Cancel"])
        #expect(info.actions[0].displayName == "Continue")
        #expect(info.steps.count == 2)
        #expect(info.steps[0].type == "Warning")
        #expect(info.steps[0].message == "Price changed for line 1001")
        #expect(info.steps[0].actions.map(\.id) == ["AcceptPrice"])
        #expect(info.steps[1].actions.isEmpty)
    }

    @Test("a missing required element is a decoding error naming its path")
    func missingRequired() async {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetSalesOrderDetails"
                ? .fixture("OrderMissingTotals.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect {
            try await TestConfiguration.client(transport).getSalesOrderDetails(salesId: "ORD-1")
        } throws: { error in
            guard case .decoding(let path, let method) = (error as? OTAPIError)?.code else { return false }
            return path == "OtapiSalesOrderDetailsAnswer/Result/SalesOrderInfo/Id" && method == "GetSalesOrderDetails"
        }
    }

    @Test("an unreadable amount is a decoding error, never a guess")
    func badAmount() async {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetSalesOrderDetailsForOperator"
                ? .fixture("OrderBadAmount.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect {
            try await TestConfiguration.client(transport).getSalesOrderDetailsForOperator(salesId: "ORD-1")
        } throws: { error in
            guard case .decoding(let path, _) = (error as? OTAPIError)?.code else { return false }
            return path == "OtapiSalesOrderDetailsAnswer/Result/SalesOrderInfo/TotalAmount"
        }
    }

    @Test("a missing Result is a decoding error")
    func missingResult() async {
        let transport = ScriptedTransport { request, _ in
            request.method == "GetSalesPaymentInfo"
                ? .fixture("Void.xml") : .fixture(Fixtures.defaultName(for: request.method))
        }
        await #expect {
            try await TestConfiguration.client(transport).getSalesPaymentInfo(salesId: "ORD-1")
        } throws: { error in
            guard case .decoding(let path, _) = (error as? OTAPIError)?.code else { return false }
            return path == "VoidOtapiAnswer/Result"
        }
    }
}
