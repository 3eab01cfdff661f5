/// One named request parameter as it is signed: the raw value, before any encoding.
public struct OTParameter: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public var description: String {
        "\(self.name)=\(self.value)"
    }
}

/// Parameter names of the OT contract, spelled exactly as OT expects them (case-sensitive).
public enum OTParameterName {
    public static let instanceKey = "instanceKey"
    public static let language = "language"
    public static let sessionId = "sessionId"
    public static let timestamp = "timestamp"
    public static let signature = "signature"
    public static let userLogin = "userLogin"
    public static let userPassword = "userPassword"
    public static let rememberMe = "rememberMe"
    public static let salesId = "salesId"
    public static let customerId = "customerId"
    public static let xmlAddData = "xmlAddData"
    public static let providerSessionId = "providerSessionId"
    public static let providerType = "providerType"
    public static let queryType = "queryType"
    public static let filter = "filter"
    public static let isDebit = "isDebit"
    public static let transactionDate = "transactionDate"
    public static let amount = "amount"
    public static let comment = "comment"
    public static let fromDate = "fromDate"
    public static let toDate = "toDate"
    public static let returnUrl = "returnUrl"
    public static let activityType = "activityType"
    public static let activityId = "activityId"
    public static let actionId = "actionId"
    public static let xmlParameters = "xmlParameters"
    public static let xmlSearchParameters = "xmlSearchParameters"
    public static let framePosition = "framePosition"
    public static let frameSize = "frameSize"
    /// `GetDeliveryModesWithPrice` takes the country *code* (`RU`) in a parameter named
    /// `countryId`, as both generated OT Box client libraries spell it.
    public static let countryId = "countryId"
    public static let weight = "weight"
    public static let itemId = "itemId"
    public static let blockList = "blockList"
    public static let includeMetaInfo = "includeMetaInfo"
}
