/// The OT API methods this client calls, with the call kind and session each needs.
/// Parameter lists follow the generated OT Box client (`OTAPILib2`). Every contract parameter
/// is sent, empty when it does not apply, because the ASMX form binding rejects a request
/// that lacks one.
public enum OTMethod: String, Sendable, CaseIterable {
    case authenticateInstanceOperator = "AuthenticateInstanceOperator"
    case authenticate = "Authenticate"
    case getUserInfo = "GetUserInfo"
    case getUserProfileInfoList = "GetUserProfileInfoList"
    case batchGetItemFullInfo = "BatchGetItemFullInfo"
    case getItemFullInfo = "GetItemFullInfo"
    case addOrder = "AddOrder"
    case getSalesOrderDetails = "GetSalesOrderDetails"
    case getSalesOrderDetailsForOperator = "GetSalesOrderDetailsForOperator"
    case searchOrders = "SearchOrders"
    case getSalesPaymentInfo = "GetSalesPaymentInfo"
    case postTransaction = "PostTransaction"
    case salesPaymentReserve = "SalesPaymentReserve"
    case getStatementForOperator = "GetStatementForOperator"
    case cancelSalesOrder = "CancelSalesOrder"
    case cancelSalesOrderForOperator = "CancelSalesOrderForOperator"
    case getOrderStatusList = "GetOrderStatusList"
    case getSalesPackageList = "GetSalesPackageList"
    case getDeliveryModesWithPrice = "GetDeliveryModesWithPrice"
    case getProviderInfo = "GetProviderInfo"
    case getProviderOrdersIntegrationSettings = "GetProviderOrdersIntegrationSettings"
    case getProviderOrdersIntegrationSessionAuthenticationInfo = "GetProviderOrdersIntegrationSessionAuthenticationInfo"
    case getProviderOrdersIntegrationSessionInfoList = "GetProviderOrdersIntegrationSessionInfoList"
    case runOrderExportingToProvider = "RunOrderExportingToProvider"
    case runOrdersSynchronizingWithProvider = "RunOrdersSynchronizingWithProvider"
    case getBackgroundActivityInfo = "GetBackgroundActivityInfo"
    case doActionForBackgroundActivity = "DoActionForBackgroundActivity"

    /// Writes change state in OT; they are never repeated after a transport failure.
    public var kind: OTCallKind {
        switch self {
        case .addOrder, .postTransaction, .salesPaymentReserve, .cancelSalesOrder, .cancelSalesOrderForOperator,
            .runOrderExportingToProvider, .runOrdersSynchronizingWithProvider, .doActionForBackgroundActivity:
            .write
        default:
            .read
        }
    }

    /// The session passed as `sessionId`; nil when the method takes none, or (for
    /// `Authenticate` and `BatchGetItemFullInfo`) when an empty `sessionId` is sent.
    public var session: OTSessionKind? {
        switch self {
        case .authenticateInstanceOperator, .authenticate, .batchGetItemFullInfo, .getItemFullInfo,
            .getDeliveryModesWithPrice, .getProviderInfo:
            nil
        case .getUserInfo, .getUserProfileInfoList, .addOrder, .getSalesOrderDetails, .cancelSalesOrder:
            .customer
        case .getSalesOrderDetailsForOperator, .searchOrders, .getSalesPaymentInfo, .postTransaction,
            .salesPaymentReserve, .getStatementForOperator, .cancelSalesOrderForOperator, .getOrderStatusList,
            .getSalesPackageList, .getProviderOrdersIntegrationSettings,
            .getProviderOrdersIntegrationSessionAuthenticationInfo, .getProviderOrdersIntegrationSessionInfoList,
            .runOrderExportingToProvider, .runOrdersSynchronizingWithProvider, .getBackgroundActivityInfo,
            .doActionForBackgroundActivity:
            .operator
        }
    }

    /// Whether the contract has a `language` parameter.
    public var sendsLanguage: Bool {
        switch self {
        case .authenticate, .getUserInfo, .getUserProfileInfoList, .getSalesOrderDetailsForOperator,
            .getSalesPaymentInfo, .postTransaction, .salesPaymentReserve, .getStatementForOperator,
            .cancelSalesOrder, .cancelSalesOrderForOperator, .getSalesPackageList, .getProviderInfo:
            false
        default:
            true
        }
    }
}

extension OTCall {
    public init(_ method: OTMethod, _ parameters: [OTParameter]) {
        self.init(
            method: method.rawValue,
            kind: method.kind,
            session: method.session,
            sendsLanguage: method.sendsLanguage,
            parameters: parameters
        )
    }
}
