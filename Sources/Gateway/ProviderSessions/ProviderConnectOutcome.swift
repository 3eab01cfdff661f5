/// How a provider login ended, as the return page shows it. Stored with the state, so a
/// repeated callback shows the same page without asking OT again.
enum ProviderConnectOutcome: Sendable, Equatable {
    /// How the connected account's session differs from the list taken before the login.
    enum SessionChange: String, Sendable {
        /// A session id that was not listed before, for an account that was not listed.
        case added
        /// A new session id for an account that was listed before.
        case replaced
        /// The same session id with a changed name or balance.
        case updated
        /// The named account is listed with the same id and contents as before.
        case unchanged
    }

    case connected(account: String, sessionID: String, change: SessionChange)
    /// OT or the marketplace sent the browser back with an `error` parameter.
    case refused(error: String, description: String?)
    /// The callback carried no error, but no new or refreshed session appeared in time.
    case noNewSession
    /// The operator started over, so this login no longer counts.
    case cancelled
    /// Listing OT's sessions failed for the whole poll window.
    case checkFailed(detail: String)

    var resultName: String {
        switch self {
        case .connected: "connected"
        case .refused: "refused"
        case .noNewSession: "no_new_session"
        case .cancelled: "cancelled"
        case .checkFailed: "check_failed"
        }
    }

    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("result", .string(self.resultName))]
        switch self {
        case .connected(let account, let sessionID, let change):
            members.append(("account", .string(account)))
            members.append(("sessionId", .string(sessionID)))
            members.append(("change", .string(change.rawValue)))
        case .refused(let error, let description):
            members.append(("error", .string(error)))
            members.append(("errorDescription", description.map(JSONValue.string) ?? .null))
        case .checkFailed(let detail):
            members.append(("detail", .string(detail)))
        case .noNewSession, .cancelled:
            break
        }
        return .object(members)
    }

    var encoded: String {
        String(decoding: JSONWriter.encode(self.json), as: UTF8.self)
    }

    /// Reads a stored outcome; nil when the text is not one.
    static func decode(_ text: String) -> ProviderConnectOutcome? {
        guard let value = try? JSONParser.parse(Array(text.utf8)), let result = JSONText.string(value["result"]) else {
            return nil
        }
        switch result {
        case "connected":
            guard let account = JSONText.string(value["account"]), let sessionID = JSONText.string(value["sessionId"]),
                let change = JSONText.string(value["change"]).flatMap(SessionChange.init(rawValue:))
            else { return nil }
            return .connected(account: account, sessionID: sessionID, change: change)
        case "refused":
            guard let error = JSONText.string(value["error"]) else { return nil }
            return .refused(error: error, description: JSONText.string(value["errorDescription"]))
        case "no_new_session":
            return .noNewSession
        case "cancelled":
            return .cancelled
        case "check_failed":
            return .checkFailed(detail: JSONText.string(value["detail"]) ?? "")
        default:
            return nil
        }
    }
}
