import Foundation

/// Item information for any well-formed item id.
enum CatalogMethods {
    static let all: [(String, MethodSpec)] = [
        (
            "BatchGetItemFullInfo",
            MethodSpec(answerType: "OtapiBatchItemFullInfoAnswer", session: .none, run: batchInfo)
        ),
        ("GetItemFullInfo", MethodSpec(answerType: "OtapiItemFullInfoAnswer", session: .none, run: info)),
    ]

    static func batchInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let item = try itemInfo(context, state: state, name: "Item")
        return [XMLNode("Result", children: [item])]
    }

    static func info(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        [try itemInfo(context, state: state, name: "OtapiItemFullInfo")]
    }

    /// Item info; a `gone-` item is `NotFound` as a removed item would be.
    static func itemInfo(_ context: CallContext, state: SimulatorState, name: String) throws(OTFailure) -> XMLNode {
        let itemId = try context.parameters.required("itemId")
        guard Catalog.isWellFormedId(itemId) else {
            throw .invalidInput("itemId", "must be 1 to 128 printable characters")
        }
        if Catalog.unavailability(of: itemId) == .itemGone {
            throw OTFailure(code: "NotFound", subCode: "ItemWithId", description: "Item \(itemId) does not exist.")
        }
        let price = Money.format(Catalog.price(of: itemId))
        let priceNode = XMLNode(
            "Price",
            children: [
                XMLNode("OriginalPrice", text: price),
                XMLNode("OriginalCurrencyCode", text: state.currencyCode),
                XMLNode("ConvertedPriceWithoutSign", text: price),
                XMLNode("CurrencySign", text: OrderXML.currencySign(state.currencyCode)),
            ]
        )
        let configurations = Catalog.configurationIds(of: itemId).map { id in
            XMLNode(
                "OtapiConfiguredItem",
                children: [XMLNode("Id", text: id), XMLNode("Quantity", 100), priceNode]
            )
        }
        let features = Catalog.isTmall(itemId) ? [XMLNode("Feature", text: "Tmall")] : []
        return XMLNode(
            name,
            children: [
                XMLNode("Id", text: itemId),
                XMLNode("ProviderType", text: SimulatorConfiguration.Defaults.providerType),
                XMLNode("Title", text: "Simulated item \(itemId)"),
                XMLNode("OriginalTitle", text: "模拟商品 \(itemId)"),
                XMLNode("VendorId", text: "vendor-" + String(Catalog.hash(itemId) % 10_000)),
                XMLNode("MasterQuantity", 100),
                priceNode,
                XMLNode("Features", children: features),
                XMLNode("IsSellAllowed", true),
                XMLNode("ConfiguredItems", children: configurations),
            ]
        )
    }
}
