/// What the gateway keeps about a watched order (the store's `snapshotJSON`): the order as
/// last read, and the provider session it was exported with.
public struct WatchState: Sendable, Equatable {
    /// Nil before the first read.
    public var order: OrderSnapshot?
    /// The provider session the order was exported with; synchronisations use it.
    public var providerSessionID: String?

    public init(order: OrderSnapshot?, providerSessionID: String?) {
        self.order = order
        self.providerSessionID = providerSessionID
    }

    /// Reads stored JSON; text that is not a JSON object counts as an empty state.
    public init(jsonText: String?) {
        guard let jsonText, let value = try? JSONParser.parse(Array(jsonText.utf8)) else {
            self.init(order: nil, providerSessionID: nil)
            return
        }
        var session: String?
        if case .string(let text)? = value["providerSessionId"], !text.isEmpty {
            session = text
        }
        self.init(order: OrderSnapshot(json: value), providerSessionID: session)
    }

    public var jsonText: String {
        var members = self.order?.jsonMembers ?? []
        members.append(("providerSessionId", self.providerSessionID.map(JSONValue.string) ?? .null))
        return String(decoding: JSONWriter.encode(.object(members)), as: UTF8.self)
    }
}
