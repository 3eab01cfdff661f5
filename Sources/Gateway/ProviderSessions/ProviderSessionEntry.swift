import OTAPI
import Store

/// One of OT's provider sessions as the gateway compares them before and after a login.
struct ProviderSessionEntry: Sendable, Equatable {
    var id: String
    var name: String?
    /// The balance as decimal text, so a comparison never depends on number formatting.
    var balance: String?
    var currency: String?

    init(id: String, name: String?, balance: String?, currency: String?) {
        self.id = id
        self.name = name
        self.balance = balance
        self.currency = currency
    }

    init(_ session: ProviderSession) {
        self.id = session.id
        self.name = session.name
        self.balance = session.balanceAmount.map { DecimalText.string(from: $0) }
        self.currency = session.balanceCurrencyCode
    }

    var json: JSONValue {
        .object([
            ("id", .string(self.id)),
            ("name", self.name.map(JSONValue.string) ?? .null),
            ("balance", self.balance.map(JSONValue.string) ?? .null),
            ("currency", self.currency.map(JSONValue.string) ?? .null),
        ])
    }

    init?(json: JSONValue) {
        guard case .string(let id)? = json["id"] else { return nil }
        self.id = id
        self.name = JSONText.string(json["name"])
        self.balance = JSONText.string(json["balance"])
        self.currency = JSONText.string(json["currency"])
    }

    /// The list as stored with a login state (`sessionsSnapshotJSON`).
    static func encode(_ entries: [ProviderSessionEntry]) -> String {
        String(decoding: JSONWriter.encode(.array(entries.map(\.json))), as: UTF8.self)
    }

    /// Reads a stored list; nil when the text is not such a list.
    static func decode(_ text: String) -> [ProviderSessionEntry]? {
        guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        var entries: [ProviderSessionEntry] = []
        for item in items {
            guard let entry = ProviderSessionEntry(json: item) else { return nil }
            entries.append(entry)
        }
        return entries
    }
}

/// Reads string members of parsed JSON without extending `JSONValue`.
enum JSONText {
    /// The text of a string value, or nil for a missing or non-string value.
    static func string(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        return text
    }
}
