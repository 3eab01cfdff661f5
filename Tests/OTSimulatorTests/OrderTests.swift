import Foundation
import Testing

@testable import OTSimulator

@Suite struct OrderTests {
    static let comment = "Tom & Jerry <b>gift</b> — подарок 🎁 \"quoted\""

    @Test func addedOrderReadsBackWithAmountsAndLines() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let added = try await harness.addOrder(
            [("600000000001", "4000000000001", 2), ("abb-560724366248", "0", 1)],
            comment: Self.comment,
            session: customer
        )
        #expect(added.root.name == "OtapiOrderInfoAnswer")
        #expect(added.errorCode == "Ok")
        let orderId = try #require(added.text("Result/Id"))
        #expect(orderId == "ORD-0000000001")

        let operatorSession = try await harness.operatorSession()
        let details = try await harness.call(
            "GetSalesOrderDetailsForOperator",
            [("sessionId", operatorSession), ("salesId", orderId), ("filter", ""), ("queryType", "0")]
        )
        #expect(details.root.name == "OtapiSalesOrderDetailsAnswer")
        let price1 = Catalog.price(of: "600000000001")
        let price2 = Catalog.price(of: "abb-560724366248")
        let goods = Money.format(price1 * 2 + price2)
        #expect(details.text("Result/SalesOrderInfo/GoodsAmount") == goods)
        #expect(details.text("Result/SalesOrderInfo/DeliveryAmount") == "0.00")
        #expect(details.text("Result/SalesOrderInfo/TotalAmount") == goods)
        #expect(details.text("Result/SalesOrderInfo/RemainAmount") == goods)
        #expect(details.text("Result/SalesOrderInfo/SalesPaid") == "0.00")
        #expect(details.text("Result/SalesOrderInfo/CurrencyCode") == "CNY")
        #expect(details.text("Result/SalesOrderInfo/StatusId") == "10")
        #expect(details.text("Result/SalesOrderInfo/IsPaid") == "false")
        #expect(details.text("Result/SalesOrderInfo/CanCancel") == "1")
        #expect(details.text("Result/SalesOrderInfo/CustId") == "100001")
        #expect(details.text("Result/SalesOrderInfo/CustComment") == Self.comment)

        let lines = details.elements("Result/SalesLinesList/SalesLine")
        #expect(lines.count == 2)
        #expect(lines[0].text("ItemId") == "600000000001")
        #expect(lines[0].text("ConfigId") == "4000000000001")
        #expect(lines[0].text("Qty") == "2")
        #expect(lines[0].text("StatusId") == "1")
        #expect(lines[0].text("PriceCust") == Money.format(price1))
        #expect(lines[0].text("AmountCust") == Money.format(price1 * 2))
        #expect(lines[1].text("ConfigId") == "0")
        #expect(lines[0].text("Id") != lines[1].text("Id"))
    }

    @Test func customerReadsOwnOrder() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let added = try await harness.addOrder([("600000000001", "0", 1)], session: customer)
        let orderId = try #require(added.text("Result/Id"))
        let details = try await harness.call("GetSalesOrderDetails", [("sessionId", customer), ("salesId", orderId)])
        #expect(details.text("Result/SalesOrderInfo/Id") == orderId)
        let missing = try await harness.call(
            "GetSalesOrderDetails",
            [("sessionId", customer), ("salesId", "ORD-0000009999")]
        )
        #expect(missing.errorCode == "NotFound")
    }

    @Test func pricesAreDeterministicAndInRange() {
        for id in ["1", "600000000001", "abb-560724366248", String(repeating: "x", count: 128)] {
            let price = Catalog.price(of: id)
            #expect(price == Catalog.price(of: id))
            #expect(price >= 10)
            #expect(price <= 500)
        }
        #expect(Catalog.isWellFormedId(String(repeating: "x", count: 129)) == false)
        #expect(Catalog.isWellFormedId("a\u{1}b") == false)
    }

    @Test func unorderableLinesAreLeftOut() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let added = try await harness.addOrder(
            [
                ("600000000001", "0", 1), ("gone-111", "0", 1), ("noconf-2", "5", 1), ("noseller-3", "0", 1),
                ("badfield-4", "0", 1), ("600000000002", "0", 0), ("tmall-77", "0", 3),
            ],
            session: customer
        )
        #expect(added.errorCode == "Ok")
        let orderId = try #require(added.text("Result/Id"))
        let order = try #require(harness.simulator.state.order(orderId))
        #expect(order.lines.map(\.itemId) == ["600000000001", "tmall-77"])
        #expect(order.lines.map(\.lineNumber) == [1, 2])
    }

    @Test func nothingOrderableCreatesNoOrder() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let added = try await harness.addOrder([("gone-1", "0", 1), ("badfield-2", "0", 1)], session: customer)
        #expect(added.errorCode == "ValidationError")
        #expect(harness.simulator.state.orders.isEmpty)
        let next = try await harness.addOrder([("600000000001", "0", 1)], session: customer)
        #expect(next.text("Result/Id") == "ORD-0000000001")
    }

    @Test func badOrderXMLIsContractViolation() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        for xml in ["<OrderAddData><Items>", "<Other/>", "<!DOCTYPE x [<!ENTITY a \"b\">]><OrderAddData/>"] {
            let answer = try await harness.call("AddOrder", [("sessionId", customer), ("xmlAddData", xml)])
            #expect(answer.errorCode == "ContractViolation", "\(xml)")
        }
        #expect(harness.simulator.state.orders.isEmpty)
    }

    @Test func unknownDeliveryModeIsValidationError() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let xml = Harness.orderXML([("1", "0", 1)]).replacingOccurrences(of: "FREE-EXT-1", with: "NOPE")
        let answer = try await harness.call("AddOrder", [("sessionId", customer), ("xmlAddData", xml)])
        #expect(answer.errorCode == "ValidationError")
    }

    @Test func searchListsNewestFirstWithComment() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        _ = try await harness.addOrder([("1", "0", 1)], comment: "first", session: customer)
        _ = try await harness.addOrder([("2", "0", 1)], comment: "second & more", session: customer)
        let operatorSession = try await harness.operatorSession()
        let search = """
            <OrderSearchParameters><UserIdDelimitedList>100001</UserIdDelimitedList>\
            <CreationDateFrom>2000-01-01</CreationDateFrom></OrderSearchParameters>
            """
        let answer = try await harness.call(
            "SearchOrders",
            [
                ("sessionId", operatorSession), ("xmlSearchParameters", search), ("framePosition", "0"),
                ("frameSize", "10"),
            ]
        )
        let items = answer.elements("Result/Content/Item")
        #expect(items.map { $0.text("Id") } == ["ORD-0000000002", "ORD-0000000001"])
        #expect(items.first?.text("CustComment") == "second & more")
        #expect(answer.text("Result/TotalCount") == "2")

        let otherUser = try await harness.call(
            "SearchOrders",
            [
                ("sessionId", operatorSession),
                (
                    "xmlSearchParameters",
                    "<OrderSearchParameters><UserIdDelimitedList>5</UserIdDelimitedList></OrderSearchParameters>"
                ),
            ]
        )
        #expect(otherUser.elements("Result/Content/Item").isEmpty)
    }

    @Test func itemInfoMarksTmallItems() async throws {
        let harness = try Harness()
        let tmall = try await harness.call("BatchGetItemFullInfo", [("itemId", "tmall-5"), ("blockList", "")])
        #expect(tmall.elements("Result/Item/Features/Feature").map(\.text) == ["Tmall"])
        #expect(tmall.text("Result/Item/Price/OriginalPrice") == Money.format(Catalog.price(of: "tmall-5")))
        let plain = try await harness.call("GetItemFullInfo", [("itemId", "600000000001")])
        #expect(plain.elements("OtapiItemFullInfo/Features/Feature").isEmpty)
        #expect(plain.elements("OtapiItemFullInfo/ConfiguredItems/OtapiConfiguredItem").count == 2)
        let gone = try await harness.call("GetItemFullInfo", [("itemId", "gone-5")])
        #expect(gone.errorCode == "NotFound")
    }

    @Test func profilesDeliveryModesAndProvider() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let profiles = try await harness.call("GetUserProfileInfoList", [("sessionId", customer)])
        #expect(profiles.text("Result/Content/Item/Id") == "200001")
        let modes = try await harness.call("GetDeliveryModesWithPrice", [("countryCode", "RU"), ("weight", "1")])
        let free = modes.elements("Result/DeliveryMode").first { $0.text("Id") == "FREE-EXT-1" }
        #expect(free?.text("Price") == "0.00")
        let provider = try await harness.call("GetProviderInfo", [("providerType", "Taobao")])
        #expect(provider.text("Result/OrdersIntegration/IsEnabled") == "true")
        #expect(provider.text("Result/OrdersIntegration/IsSessionRequired") == "true")
        let operatorSession = try await harness.operatorSession()
        let settings = try await harness.call(
            "GetProviderOrdersIntegrationSettings",
            [("sessionId", operatorSession), ("providerType", "Taobao")]
        )
        #expect(settings.text("Result/Taobao/PostalCode")?.isEmpty == false)
    }

    @Test func concurrentAddOrdersGetDistinctIds() async throws {
        let harness = try Harness()
        let customer = try await harness.customerSession()
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let answer = try await harness.addOrder([("item-\(index)", "0", 1)], session: customer)
                    return answer.text("Result/Id")
                }
            }
            var collected: [String] = []
            for try await id in group {
                if let id { collected.append(id) }
            }
            return collected
        }
        #expect(ids.count == 50)
        #expect(Set(ids).count == 50)
        #expect(harness.simulator.state.orders.count == 50)
    }
}
