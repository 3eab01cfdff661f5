import Foundation

/// Logins, the customer's profile and the dictionaries.
enum AccountMethods {
    static let all: [(String, MethodSpec)] = [
        (
            "AuthenticateInstanceOperator",
            MethodSpec(answerType: "OtapiSessionIdAnswer", session: .none, run: authenticateOperator)
        ),
        ("Authenticate", MethodSpec(answerType: "OtapiAuthenticateAnswer", session: .none, run: authenticateCustomer)),
        ("GetUserInfo", MethodSpec(answerType: "OtapiUserInfoAnswer", session: .customer, run: userInfo)),
        (
            "GetUserProfileInfoList",
            MethodSpec(answerType: "OtapiUserProfileInfoListAnswer", session: .customer) { state, _ in
                [XMLNode("Result", children: [XMLNode("Content", children: [ProfileXML.profileItem(state: state)])])]
            }
        ),
        (
            "GetOrderStatusList",
            MethodSpec(answerType: "OtapiSalesStatusInfoListAnswer", session: .none, run: orderStatuses)
        ),
        (
            "GetDeliveryModesWithPrice",
            MethodSpec(answerType: "OtapiDeliveryModeListAnswer", session: .none, run: deliveryModes)
        ),
    ]

    static func authenticateOperator(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure)
        -> [XMLNode]
    {
        let login = try context.parameters.required("userLogin")
        let password = try context.parameters.required("userPassword")
        guard login == context.configuration.operatorLogin, password == context.configuration.operatorPassword else {
            throw .accessDenied(nil, "The operator login or password is wrong.")
        }
        let session = state.openSession(.operator, now: context.now)
        return [XMLNode("SessionId", children: [XMLNode("Value", text: session.id)])]
    }

    static func authenticateCustomer(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure)
        -> [XMLNode]
    {
        let login = try context.parameters.required("userLogin")
        let password = try context.parameters.required("userPassword")
        guard login == context.configuration.customerLogin, password == context.configuration.customerPassword else {
            throw .accessDenied(nil, "The customer login or password is wrong.")
        }
        let session = state.openSession(.customer, now: context.now)
        return [XMLNode("SessionId", text: session.id)]
    }

    static func userInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        [
            XMLNode(
                "UserInfo",
                children: [
                    XMLNode("Id", text: String(state.customerId)),
                    XMLNode("IsActive", true),
                    XMLNode("Login", text: context.configuration.customerLogin),
                    XMLNode("FirstName", text: ProfileXML.firstName),
                    XMLNode("LastName", text: ProfileXML.lastName),
                    XMLNode("CountryCode", text: ProfileXML.countryCode),
                    XMLNode("City", text: ProfileXML.city),
                ]
            )
        ]
    }

    static func orderStatuses(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let items = OrderStatus.all.map {
            XMLNode("SalesStatusInfo", children: [XMLNode("Id", $0.id), XMLNode("Name", text: $0.name)])
        }
        return [XMLNode("Result", children: items)]
    }

    static func deliveryModes(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let modes = state.deliveryModes.map { mode in
            XMLNode(
                "DeliveryMode",
                children: [
                    XMLNode("Id", text: mode.id),
                    XMLNode("Name", text: mode.name),
                    XMLNode("Description", text: mode.name),
                    XMLNode("Price", text: Money.format(mode.price)),
                    XMLNode("CurrencyCode", text: state.currencyCode),
                    XMLNode("CurrencySign", text: OrderXML.currencySign(state.currencyCode)),
                ]
            )
        }
        return [XMLNode("Result", children: modes)]
    }
}

extension SimulatorState {
    mutating func openSession(_ kind: SessionKind, now: Date) -> Session {
        let session = Session(id: UUID().uuidString.lowercased(), kind: kind, createdAt: now)
        sessions[session.id] = session
        return session
    }
}
