import Foundation
import Testing

@testable import OTAPI

/// Every typed method: the parameters it sends (names and values) and the session it uses.
@Suite("Method requests")
struct MethodRequestTests {
    static let operatorSession = "0d3f6c52-operator-session-0001"
    static let customerSession = "9a1b2c3d-customer-session-0001"

    /// Runs `body` against fixture answers and returns the request of `method`.
    func request(
        _ method: OTMethod,
        _ body: (OTAPIClient) async throws -> Void
    ) async throws -> RecordedRequest {
        let transport = ScriptedTransport.fixtures()
        try await body(TestConfiguration.client(transport))
        let requests = transport.requests(for: method.rawValue)
        try #require(requests.count == 1)
        return requests[0]
    }

    func expectParameters(
        _ request: RecordedRequest,
        _ expected: [(String, String)],
        session: OTSessionKind?,
        language: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var all: [String: String] = ["instanceKey": TestConfiguration.instanceKey]
        if language { all["language"] = "en" }
        switch session {
        case .operator: all["sessionId"] = Self.operatorSession
        case .customer: all["sessionId"] = Self.customerSession
        case nil: break
        }
        for (name, value) in expected { all[name] = value }
        #expect(request.parameters == all, sourceLocation: sourceLocation)
        #expect(request.parameterList.count == all.count, "no parameter is sent twice", sourceLocation: sourceLocation)
        #expect(request.url == "http://127.0.0.1:9/service/" + request.method, sourceLocation: sourceLocation)
    }

    @Test("AuthenticateInstanceOperator")
    func operatorLogin() async throws {
        let request = try await self.request(.authenticateInstanceOperator) { client in
            let id = try await client.authenticateInstanceOperator(login: "op", password: "p&ss w+rd")
            #expect(id == Self.operatorSession)
        }
        self.expectParameters(
            request,
            [("userLogin", "op"), ("userPassword", "p&ss w+rd")],
            session: nil,
            language: true
        )
    }

    @Test("Authenticate")
    func customerLogin() async throws {
        let request = try await self.request(.authenticate) { client in
            let id = try await client.authenticate(login: "buyer", password: "pw", rememberMe: true)
            #expect(id == Self.customerSession)
        }
        self.expectParameters(
            request,
            [("sessionId", ""), ("userLogin", "buyer"), ("userPassword", "pw"), ("rememberMe", "true")],
            session: nil,
            language: false
        )
    }

    @Test("GetUserInfo and GetUserProfileInfoList use the customer session")
    func customerReads() async throws {
        let info = try await self.request(.getUserInfo) { _ = try await $0.getUserInfo() }
        self.expectParameters(info, [], session: .customer, language: false)
        let profiles = try await self.request(.getUserProfileInfoList) { _ = try await $0.getUserProfileInfoList() }
        self.expectParameters(profiles, [], session: .customer, language: false)
    }

    @Test("BatchGetItemFullInfo and GetItemFullInfo")
    func itemInfo() async throws {
        let batch = try await self.request(.batchGetItemFullInfo) {
            _ = try await $0.batchGetItemFullInfo(itemId: "abb-560724366248", blockList: ["Vendor", "RootPath"])
        }
        self.expectParameters(
            batch,
            [("sessionId", ""), ("itemId", "abb-560724366248"), ("blockList", "Vendor,RootPath")],
            session: nil,
            language: true
        )
        let single = try await self.request(.getItemFullInfo) {
            _ = try await $0.getItemFullInfo(itemId: "600000000002")
        }
        self.expectParameters(single, [("itemId", "600000000002")], session: nil, language: true)
    }

    @Test("AddOrder sends escaped xmlAddData with the customer session")
    func addOrder() async throws {
        let data = OrderAddData(
            deliveryModeId: "FREE-EXT-1",
            userProfileId: "2574758",
            comment: "Tom & Jerry <b>",
            items: [OrderAddItem(itemId: "600000000001", configurationId: "4000000000001", quantity: 2)]
        )
        let request = try await self.request(.addOrder) { _ = try await $0.addOrder(data) }
        self.expectParameters(request, [("xmlAddData", try data.xmlString())], session: .customer, language: true)
        #expect(request.parameters["xmlAddData"]?.contains("<Comment>Tom &amp; Jerry &lt;b&gt;</Comment>") == true)
    }

    @Test("order reads")
    func orderReads() async throws {
        let customer = try await self.request(.getSalesOrderDetails) {
            _ = try await $0.getSalesOrderDetails(salesId: "ORD-0000000042")
        }
        self.expectParameters(customer, [("salesId", "ORD-0000000042")], session: .customer, language: true)

        let operatorDetails = try await self.request(.getSalesOrderDetailsForOperator) {
            _ = try await $0.getSalesOrderDetailsForOperator(salesId: "ORD-0000000043", queryType: .readyToPurchase)
        }
        self.expectParameters(
            operatorDetails,
            [("salesId", "ORD-0000000043"), ("filter", ""), ("queryType", "1")],
            session: .operator,
            language: false
        )

        let search = OrderSearchParameters(orderIds: ["ORD-0000000042"])
        let searchRequest = try await self.request(.searchOrders) {
            _ = try await $0.searchOrders(search, framePosition: 20, frameSize: 10)
        }
        self.expectParameters(
            searchRequest,
            [("xmlSearchParameters", try search.xmlString()), ("framePosition", "20"), ("frameSize", "10")],
            session: .operator,
            language: true
        )

        let statuses = try await self.request(.getOrderStatusList) { _ = try await $0.getOrderStatusList() }
        self.expectParameters(statuses, [], session: .operator, language: true)

        let packages = try await self.request(.getSalesPackageList) {
            _ = try await $0.getSalesPackageList(salesId: "ORD-0000000042")
        }
        self.expectParameters(packages, [("salesId", "ORD-0000000042")], session: .operator, language: false)
    }

    @Test("cancels")
    func cancels() async throws {
        let customer = try await self.request(.cancelSalesOrder) { try await $0.cancelSalesOrder(salesId: "ORD-1") }
        self.expectParameters(customer, [("salesId", "ORD-1")], session: .customer, language: false)
        let operatorCancel = try await self.request(.cancelSalesOrderForOperator) {
            try await $0.cancelSalesOrderForOperator(salesId: "ORD-2")
        }
        self.expectParameters(operatorCancel, [("salesId", "ORD-2")], session: .operator, language: false)
    }

    @Test("money calls")
    func money() async throws {
        let info = try await self.request(.getSalesPaymentInfo) {
            _ = try await $0.getSalesPaymentInfo(salesId: "ORD-1")
        }
        self.expectParameters(info, [("salesId", "ORD-1")], session: .operator, language: false)

        let post = try await self.request(.postTransaction) {
            try await $0.postTransaction(
                customerId: "1234567",
                amount: Decimal(string: "100.10")!,
                isDebit: true,
                comment: "gw-pay 6f1c2e ORD-1",
                transactionDate: TestConfiguration.fixedDate
            )
        }
        self.expectParameters(
            post,
            [
                ("customerId", "1234567"), ("amount", "100.10"), ("comment", "gw-pay 6f1c2e ORD-1"), ("isDebit", "true"),
                ("transactionDate", "2021-02-12T11:43:45"),
            ],
            session: .operator,
            language: false
        )

        let reserve = try await self.request(.salesPaymentReserve) {
            _ = try await $0.salesPaymentReserve(salesId: "ORD-1", amount: Decimal(string: "39.98")!)
        }
        self.expectParameters(
            reserve,
            [("salesId", "ORD-1"), ("amount", "39.98")],
            session: .operator,
            language: false
        )

        let statement = try await self.request(.getStatementForOperator) {
            _ = try await $0.getStatementForOperator(customerId: "1234567", fromDate: TestConfiguration.fixedDate)
        }
        self.expectParameters(
            statement,
            [("customerId", "1234567"), ("fromDate", "2021-02-12T11:43:45"), ("toDate", "")],
            session: .operator,
            language: false
        )
    }

    @Test("GetDeliveryModesWithPrice sends the country code as countryId")
    func deliveryModes() async throws {
        let request = try await self.request(.getDeliveryModesWithPrice) {
            _ = try await $0.getDeliveryModesWithPrice(countryCode: "RU", weight: Decimal(string: "1.5")!)
        }
        self.expectParameters(request, [("countryId", "RU"), ("weight", "1.5")], session: nil, language: true)
    }

    @Test("provider calls")
    func provider() async throws {
        let info = try await self.request(.getProviderInfo) { _ = try await $0.getProviderInfo(providerType: "Taobao") }
        self.expectParameters(info, [("providerType", "Taobao")], session: nil, language: false)

        let settings = try await self.request(.getProviderOrdersIntegrationSettings) {
            _ = try await $0.getProviderOrdersIntegrationSettings(providerType: "Taobao")
        }
        self.expectParameters(
            settings,
            [("providerType", "Taobao"), ("includeMetaInfo", "false")],
            session: .operator,
            language: true
        )

        let returnURL = "http://127.0.0.1:8080/taobao/return?state=a b&x=1"
        let auth = try await self.request(.getProviderOrdersIntegrationSessionAuthenticationInfo) {
            _ = try await $0.getProviderOrdersIntegrationSessionAuthenticationInfo(
                providerType: "Taobao",
                returnUrl: returnURL
            )
        }
        self.expectParameters(
            auth,
            [("providerType", "Taobao"), ("returnUrl", returnURL)],
            session: .operator,
            language: true
        )

        let list = try await self.request(.getProviderOrdersIntegrationSessionInfoList) {
            _ = try await $0.getProviderOrdersIntegrationSessionInfoList(providerType: "Taobao")
        }
        self.expectParameters(list, [("providerType", "Taobao")], session: .operator, language: true)
    }

    @Test("autopurchase activities")
    func activities() async throws {
        let export = OrderExportParameters(orderId: "ORD-1", orderLineIds: ["1001"])
        let exportRequest = try await self.request(.runOrderExportingToProvider) {
            _ = try await $0.runOrderExportingToProvider(
                providerType: "Taobao",
                providerSessionId: "ps-0001",
                parameters: export
            )
        }
        self.expectParameters(
            exportRequest,
            [("providerType", "Taobao"), ("providerSessionId", "ps-0001"), ("xmlParameters", try export.xmlString())],
            session: .operator,
            language: true
        )

        let sync = OrdersSynchronizationParameters(orderIds: ["ORD-1", "ORD-2"])
        let syncRequest = try await self.request(.runOrdersSynchronizingWithProvider) {
            _ = try await $0.runOrdersSynchronizingWithProvider(
                providerType: "Taobao",
                providerSessionId: "ps-0002",
                parameters: sync
            )
        }
        self.expectParameters(
            syncRequest,
            [("providerType", "Taobao"), ("providerSessionId", "ps-0002"), ("xmlParameters", try sync.xmlString())],
            session: .operator,
            language: true
        )

        let activity = BackgroundActivityID(type: "ProviderOrdersIntegrationExporting", id: "act-9001")
        let infoRequest = try await self.request(.getBackgroundActivityInfo) {
            _ = try await $0.getBackgroundActivityInfo(activity)
        }
        self.expectParameters(
            infoRequest,
            [("activityType", "ProviderOrdersIntegrationExporting"), ("activityId", "act-9001")],
            session: .operator,
            language: true
        )

        let actionRequest = try await self.request(.doActionForBackgroundActivity) {
            try await $0.doActionForBackgroundActivity(activity, actionId: "Continue")
        }
        self.expectParameters(
            actionRequest,
            [
                ("activityType", "ProviderOrdersIntegrationExporting"), ("activityId", "act-9001"),
                ("actionId", "Continue"),
            ],
            session: .operator,
            language: true
        )
    }

    @Test("logs in once per session kind across calls")
    func sessionsCachedApart() async throws {
        let transport = ScriptedTransport.fixtures()
        let client = TestConfiguration.client(transport)
        _ = try await client.getSalesPaymentInfo(salesId: "ORD-1")
        _ = try await client.getOrderStatusList()
        _ = try await client.getUserInfo()
        _ = try await client.getUserProfileInfoList()
        #expect(transport.requests(for: "AuthenticateInstanceOperator").count == 1)
        #expect(transport.requests(for: "Authenticate").count == 1)
        let login = transport.requests(for: "AuthenticateInstanceOperator")[0].parameters
        #expect(login["userLogin"] == "operator")
        #expect(login["userPassword"] == TestConfiguration.operatorPassword)
    }

    @Test("rejects zero and negative amounts before sending")
    func amountChecks() async {
        let transport = ScriptedTransport.fixtures()
        let client = TestConfiguration.client(transport)
        for amount in [Decimal(0), Decimal(-1), Decimal(string: "0.000000001")!] {
            await #expect {
                try await client.salesPaymentReserve(salesId: "ORD-1", amount: amount)
            } throws: { error in
                guard case .invalidRequest(let field, _) = (error as? OTAPIError)?.code else { return false }
                return field == "amount"
            }
        }
        #expect(transport.requests.isEmpty)
    }
}
