import Foundation

extension OTAPIClient {
    /// `GetUserInfo` (customer session): the customer, whose `id` money methods take as
    /// `customerId`.
    public func getUserInfo() async throws(OTAPIError) -> UserInfo {
        let method = OTMethod.getUserInfo
        let root = self.root(try await self.perform(OTCall(method, [])), method)
        guard let info = root.firstChild(["UserInfo", "Result"]) else {
            throw root.failure("UserInfo")
        }
        return try UserInfo(info)
    }

    /// `GetUserProfileInfoList` (customer session): delivery profiles.
    public func getUserProfileInfoList() async throws(OTAPIError) -> [UserProfile] {
        let method = OTMethod.getUserProfileInfoList
        let result = try self.result(await self.perform(OTCall(method, [])), method)
        var profiles: [UserProfile] = []
        for item in self.items(result, shapes: [("Content", "Item"), (nil, "Item"), (nil, "UserProfileInfo")]) {
            profiles.append(try UserProfile(item))
        }
        return profiles
    }

    /// `GetDeliveryModesWithPrice` (no session) for a country code (`RU`) and a weight in kg.
    public func getDeliveryModesWithPrice(countryCode: String, weight: Decimal) async throws(OTAPIError)
        -> [DeliveryMode]
    {
        let method = OTMethod.getDeliveryModesWithPrice
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.countryId, countryCode),
                OTParameter(OTParameterName.weight, OTWireFormat.decimal(weight)),
            ]
        )
        let result = try self.result(await self.perform(call), method)
        var modes: [DeliveryMode] = []
        for item in self.items(result, shapes: [(nil, "DeliveryMode"), ("Content", "Item"), (nil, "Item")]) {
            modes.append(try DeliveryMode(item))
        }
        return modes
    }

    /// `BatchGetItemFullInfo` (no session; `sessionId` sent empty) for one item. `blockList`
    /// names extra blocks (comma-separated on the wire); the item itself is always returned.
    /// A `BatchError` response is a success whose failed blocks are ignored here.
    public func batchGetItemFullInfo(itemId: String, blockList: [String] = []) async throws(OTAPIError) -> ItemInfo {
        let method = OTMethod.batchGetItemFullInfo
        let call = OTCall(
            method,
            [
                OTParameter(OTParameterName.sessionId, ""),
                OTParameter(OTParameterName.itemId, itemId),
                OTParameter(OTParameterName.blockList, blockList.joined(separator: ",")),
            ]
        )
        let result = try self.result(await self.perform(call), method)
        return try ItemInfo(result.requiredChild("Item"))
    }

    /// `GetItemFullInfo` (no session) for one item.
    public func getItemFullInfo(itemId: String) async throws(OTAPIError) -> ItemInfo {
        let method = OTMethod.getItemFullInfo
        let root = self.root(
            try await self.perform(OTCall(method, [OTParameter(OTParameterName.itemId, itemId)])),
            method
        )
        guard let item = root.firstChild(["OtapiItemFullInfo", "Result"]) else {
            throw root.failure("OtapiItemFullInfo")
        }
        return try ItemInfo(item)
    }
}
