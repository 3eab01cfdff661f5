import Foundation

/// Provider (Taobao) information, sessions, export, synchronisation and activities.
enum ProviderMethods {
    static let all: [(String, MethodSpec)] = [
        ("GetProviderInfo", MethodSpec(answerType: "OtapiProviderInfoAnswer", session: .none, run: providerInfo)),
        (
            "GetProviderOrdersIntegrationSettings",
            MethodSpec(answerType: "OtapiProviderOrdersIntegrationSettingsAnswer", session: .operator, run: settings)
        ),
        (
            "GetProviderOrdersIntegrationSessionAuthenticationInfo",
            MethodSpec(answerType: "OtapiProviderAuthenticationInfoAnswer", session: .operator, run: authenticationInfo)
        ),
        (
            "GetProviderOrdersIntegrationSessionInfoList",
            MethodSpec(answerType: "OtapiProviderSessionInfoListAnswer", session: .operator, run: sessionList)
        ),
        (
            "RunOrderExportingToProvider",
            MethodSpec(
                answerType: "OtapiBackgroundActivityIdentificationInfoAnswer",
                session: .operator,
                run: runExport
            )
        ),
        (
            "RunOrdersSynchronizingWithProvider",
            MethodSpec(answerType: "OtapiBackgroundActivityIdentificationInfoAnswer", session: .operator, run: runSync)
        ),
        (
            "GetBackgroundActivityInfo",
            MethodSpec(answerType: "OtapiBackgroundActivityFullInfoAnswer", session: .operator, run: activityInfo)
        ),
        ("DoActionForBackgroundActivity", MethodSpec(answerType: "VoidOtapiAnswer", session: .operator, run: doAction)),
    ]

    static func providerType(_ context: CallContext) throws(OTFailure) -> String {
        let type = try context.parameters.required("providerType")
        guard type == SimulatorConfiguration.Defaults.providerType else {
            throw .notFound("Provider \(type) is not connected to this instance; only Taobao is.")
        }
        return type
    }

    static func providerInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let type = try providerType(context)
        let flags = state.ordersIntegration
        let integration = XMLNode(
            "OrdersIntegration",
            children: [
                XMLNode("IsAvailable", flags.isAvailable),
                XMLNode("IsEnabled", flags.isEnabled),
                XMLNode("IsSessionRequired", flags.isSessionRequired),
                XMLNode("AllowCancelOrders", flags.allowCancelOrders),
            ]
        )
        return [
            XMLNode(
                "Result",
                children: [
                    XMLNode("Type", text: type),
                    XMLNode("Alias", text: type),
                    XMLNode("DisplayName", text: type),
                    XMLNode("CurrencyCode", text: "CNY"),
                    XMLNode("IsEnabled", true),
                    integration,
                ]
            )
        ]
    }

    /// Returns the Taobao block with the warehouse recipient that OT's setup guide requires.
    /// The element names are not public, so these are the simulator's own.
    static func settings(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        _ = try providerType(context)
        let taobao = XMLNode(
            "Taobao",
            children: [
                XMLNode("RecipientName", text: "张伟"),
                XMLNode("RecipientPhone", text: "13800000000"),
                XMLNode("RegionCode", text: "330106"),
                XMLNode("PostalCode", text: "310000"),
                XMLNode("Address", text: "文三路 100 号 仓库 1"),
            ]
        )
        return [XMLNode("Result", children: [taobao])]
    }

    static func authenticationInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode]
    {
        let type = try providerType(context)
        let returnURL = try context.parameters.required("returnUrl")
        guard let components = URLComponents(string: returnURL), ["http", "https"].contains(components.scheme ?? ""),
            components.host?.isEmpty == false
        else {
            throw .invalidInput("returnUrl", "must be an absolute http or https URL")
        }
        let ticket = state.startProviderLogin(providerType: type, returnURL: returnURL, now: context.now)
        let base = context.baseURL.hasSuffix("/") ? String(context.baseURL.dropLast()) : context.baseURL
        let redirect = base + "/fake-taobao/login?ticket=" + ticket.ticket
        return [XMLNode("Result", children: [XMLNode("RedirectUrl", text: redirect)])]
    }

    /// Lists every session, expired ones too: OT's list has no expiry field, and a revoked
    /// login only shows when the session is used.
    static func sessionList(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let type = try providerType(context)
        let items = state.providerSessions.filter { $0.providerType == type }.map { session in
            XMLNode(
                "Item",
                children: [
                    XMLNode("Id", text: session.id),
                    XMLNode("Name", text: session.name),
                    XMLNode(
                        "Balance",
                        children: [
                            XMLNode("Amount", text: Money.format(session.balance)),
                            XMLNode("CurrencyCode", text: "CNY"),
                        ]
                    ),
                ]
            )
        }
        return [XMLNode("Result", children: [XMLNode("Content", children: items)])]
    }

    static func runExport(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let (type, sessionId) = try checkIntegration(state, context)
        let parameters = try context.parameters.requiredXML("xmlParameters", root: "Parameters")
        guard let orderId = parameters.value("OrderId") else {
            throw .invalidInput("xmlParameters", "has no OrderId")
        }
        guard CallParameters.isOrderId(orderId) else {
            throw .invalidInput("xmlParameters", "has an invalid OrderId \(orderId)")
        }
        let lineIds =
            parameters.child("OrderLineIds")?.children("Id").map {
                $0.text.trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? []
        _ = type
        let activity = try state.startExport(
            orderId: orderId,
            lineIds: lineIds,
            providerSessionId: sessionId,
            now: context.now,
            behaviour: context.configuration.activityBehaviour
        )
        return [identification(activity)]
    }

    static func runSync(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let (_, sessionId) = try checkIntegration(state, context)
        var orderIds: [String] = []
        if context.parameters.optional("xmlParameters") != nil {
            let parameters = try context.parameters.requiredXML("xmlParameters", root: "Parameters")
            orderIds =
                parameters.child("OrderIds")?.children("Id").map {
                    $0.text.trimmingCharacters(in: .whitespacesAndNewlines)
                } ?? []
            if let bad = orderIds.first(where: { !CallParameters.isOrderId($0) }) {
                throw .invalidInput("xmlParameters", "has an invalid order id \(bad)")
            }
        }
        let activity = try state.startSynchronization(
            orderIds: orderIds,
            providerSessionId: sessionId,
            now: context.now,
            behaviour: context.configuration.activityBehaviour
        )
        return [identification(activity)]
    }

    static func activityInfo(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        let type = try context.parameters.required("activityType")
        let id = try context.parameters.required("activityId")
        guard state.activities.contains(where: { $0.id == id && $0.kind.rawValue == type }) else {
            throw .notFound("Background activity \(type) \(id) does not exist.")
        }
        state.advanceActivities(now: context.now, polledId: id)
        let activity = state.activities.first { $0.id == id }!
        return [ActivityXML.fullInfo(activity, now: context.now)]
    }

    static func doAction(_ state: inout SimulatorState, _ context: CallContext) throws(OTFailure) -> [XMLNode] {
        try state.answerActivity(
            type: try context.parameters.required("activityType"),
            id: try context.parameters.required("activityId"),
            actionId: try context.parameters.required("actionId"),
            now: context.now
        )
        return []
    }

    private static func checkIntegration(_ state: SimulatorState, _ context: CallContext) throws(OTFailure)
        -> (String, String)
    {
        let type = try providerType(context)
        guard state.ordersIntegration.isAvailable, state.ordersIntegration.isEnabled else {
            throw OTFailure(
                code: "NotAvailable",
                subCode: "OrdersIntegrationDisabled",
                description: "Orders integration with \(type) is not enabled for this instance."
            )
        }
        let sessionId = try context.parameters.required("providerSessionId")
        _ = try state.usableProviderSession(
            sessionId,
            providerType: type,
            now: context.now,
            configuration: context.configuration
        )
        return (type, sessionId)
    }

    private static func identification(_ activity: Activity) -> XMLNode {
        XMLNode("Result", children: [XMLNode("Type", text: activity.kind.rawValue), XMLNode("Id", text: activity.id)])
    }
}

/// XML shape of `GetBackgroundActivityInfo`.
enum ActivityXML {
    static func fullInfo(_ activity: Activity, now: Date) -> XMLNode {
        let actions = activity.isAwaitingAction ? activity.behaviour.actions : []
        let actionNodes = actions.map {
            XMLNode("Action", children: [XMLNode("Id", text: $0.id), XMLNode("DisplayName", text: $0.displayName)])
        }
        let steps = activity.steps.map { step in
            XMLNode(
                "Step",
                children: [
                    XMLNode("Type", text: step.type),
                    XMLNode("Message", text: step.message),
                    XMLNode("TimeFromStart", step.secondsFromStart),
                ]
            )
        }
        return XMLNode(
            "Result",
            children: [
                XMLNode("Id", text: activity.id),
                XMLNode("Type", text: activity.kind.rawValue),
                XMLNode("Description", text: activity.kind == .exporting ? "Export to provider" : "Synchronisation"),
                XMLNode("IsFinished", activity.isFinished),
                XMLNode("IsCancelled", activity.isCancelled),
                XMLNode("IsAwaitingAction", activity.isAwaitingAction),
                XMLNode("ProgressPercent", activity.progressPercent),
                XMLNode("WorkTime", Int(now.timeIntervalSince(activity.startedAt))),
                XMLNode("StartTime", text: Timestamps.formatISO(activity.startedAt)),
                XMLNode("Actions", children: actionNodes),
                XMLNode("Steps", children: steps),
            ]
        )
    }
}
