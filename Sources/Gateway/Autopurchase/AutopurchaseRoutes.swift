import HTTPServer
import OTAPI
import Store

/// Routes for exporting orders to the provider, synchronising them, and background activities.
enum AutopurchaseRoutes {
    /// The maximum size of an export or sync request body, in bytes.
    static let maxBodyBytes = 64 * 1024
    /// The maximum length of an activity type, activity id, action id or provider session id.
    static let maxIdentifierLength = 128
    /// The maximum number of activities `GET /activities?state=` lists.
    static let activityListLimit = 200

    static func register(into router: inout Router, context: RouteContext) {
        router.post("/orders/{id}/export", maxBodyBytes: self.maxBodyBytes) { request in
            _ = try context.authenticator.authenticate(request)
            let orderID = try self.orderID(request)
            let body = try JSONRequestBody.object(request)
            let sessionID = try self.optionalIdentifier(body, "providerSessionId")
            let lineIDs = try self.lineIDs(body)
            let activity = try await Autopurchase.export(
                orderID: orderID,
                providerSessionID: sessionID,
                lineIDs: lineIDs,
                services: context.services,
                logger: context.logger(for: request)
            )
            return .json(
                .object([("activity", ActivityRepresentation.started(activity, orderID: orderID))]),
                status: .accepted
            )
        }

        router.post("/orders/{id}/sync", maxBodyBytes: self.maxBodyBytes) { request in
            _ = try context.authenticator.authenticate(request)
            let orderID = try self.orderID(request)
            let body = try JSONRequestBody.object(request)
            let sessionID = try self.optionalIdentifier(body, "providerSessionId")
            let activity = try await Autopurchase.synchronize(
                orderID: orderID,
                providerSessionID: sessionID,
                services: context.services,
                logger: context.logger(for: request)
            )
            return .json(
                .object([("activity", ActivityRepresentation.started(activity, orderID: orderID))]),
                status: .accepted
            )
        }

        router.get("/activities") { request in
            _ = try context.authenticator.authenticate(request)
            let state = try self.stateFilter(request)
            let activities = try await AutopurchaseConsole.activities(
                state: state,
                limit: self.activityListLimit,
                services: context.services
            )
            return .json(.object([("activities", activities)]))
        }

        router.get("/activities/{type}/{id}") { request in
            _ = try context.authenticator.authenticate(request)
            let activity = try await Autopurchase.activity(
                try self.activityID(request),
                services: context.services,
                logger: context.logger(for: request)
            )
            return .json(activity)
        }

        router.post("/activities/{type}/{id}/actions/{actionId}", maxBodyBytes: self.maxBodyBytes) { request in
            _ = try context.authenticator.authenticate(request)
            let id = try self.activityID(request)
            let actionID = try self.pathIdentifier(request, "actionId")
            let activity = try await Autopurchase.answer(
                id,
                actionID: actionID,
                services: context.services,
                logger: context.logger(for: request)
            )
            return .json(activity)
        }
    }

    static func orderID(_ request: Request) throws(Problem) -> String {
        let raw = request.pathParameters["id"] ?? ""
        guard let id = OrderID.normalize(raw) else {
            throw Problem.badRequest(
                "The order id is invalid; expected ORD- and 10 digits, or a bare number.",
                fieldErrors: [.init(field: "id", message: "must look like ORD-0000000123 or 123")]
            )
        }
        return id
    }

    static func activityID(_ request: Request) throws(Problem) -> BackgroundActivityID {
        BackgroundActivityID(type: try self.pathIdentifier(request, "type"), id: try self.pathIdentifier(request, "id"))
    }

    /// Returns a path segment made of letters, digits, `-`, `_` and `.`, or throws a 400.
    static func pathIdentifier(_ request: Request, _ name: String) throws(Problem) -> String {
        let value = request.pathParameters[name] ?? ""
        guard self.isIdentifier(value) else {
            throw Problem.badRequest(
                "The \(name) in the path is invalid.",
                fieldErrors: [.init(field: name, message: self.identifierRule)]
            )
        }
        return value
    }

    static func optionalIdentifier(_ body: [(key: String, value: JSONValue)], _ name: String) throws(Problem) -> String?
    {
        guard let value = body.first(where: { $0.key == name })?.value else { return nil }
        switch value {
        case .null:
            return nil
        case .string(let text) where self.isOpaqueID(text):
            return text
        default:
            throw Problem.badRequest(
                "The field \(name) is invalid.",
                fieldErrors: [.init(field: name, message: self.opaqueIDRule)]
            )
        }
    }

    static func lineIDs(_ body: [(key: String, value: JSONValue)]) throws(Problem) -> [String] {
        guard let value = body.first(where: { $0.key == "lineIds" })?.value else { return [] }
        if case .null = value { return [] }
        guard case .array(let items) = value else {
            throw Problem.badRequest(
                "The field lineIds is invalid.",
                fieldErrors: [.init(field: "lineIds", message: "must be an array of line id strings")]
            )
        }
        var ids: [String] = []
        var errors: [Problem.FieldError] = []
        for (index, item) in items.enumerated() {
            if case .string(let text) = item, self.isOpaqueID(text) {
                ids.append(text)
            } else {
                errors.append(.init(field: "lineIds[\(index)]", message: self.opaqueIDRule))
            }
        }
        guard errors.isEmpty else {
            throw Problem.badRequest("Some lineIds are invalid.", fieldErrors: errors)
        }
        return ids
    }

    static func stateFilter(_ request: Request) throws(Problem) -> GatewayActivityState? {
        guard let query = request.rawQuery else { return nil }
        guard let items = PercentDecoding.queryItems(query) else {
            throw Problem.badRequest("The query string is not valid percent-encoding.")
        }
        guard let text = items.first(where: { $0.name == "state" })?.value else { return nil }
        guard let state = GatewayActivityState(rawValue: text) else {
            throw Problem.badRequest(
                "The state filter is invalid.",
                fieldErrors: [
                    .init(field: "state", message: "must be running, awaiting_action, finished, cancelled or abandoned")
                ]
            )
        }
        return state
    }

    static let opaqueIDRule = "must be a string of 1 to 128 characters without control characters"

    /// OT's ids are opaque, so any short text without control characters passes on to OT.
    static func isOpaqueID(_ text: String) -> Bool {
        (1...self.maxIdentifierLength).contains(text.utf8.count)
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    static let identifierRule = "1 to 128 letters, digits, '-', '_' or '.'"

    static func isIdentifier(_ text: String) -> Bool {
        guard (1...self.maxIdentifierLength).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }
}
