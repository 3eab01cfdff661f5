/// The last successful connect of a provider account through the gateway, from which a
/// session's age is counted.
public struct ProviderAccountConnect: Sendable, Equatable {
    public var accountName: String
    public var lastConnectedAt: Int64

    public init(accountName: String, lastConnectedAt: Int64) {
        self.accountName = accountName
        self.lastConnectedAt = lastConnectedAt
    }
}

extension Store {
    /// Records a successful connect of `accountName`, replacing the time of the previous one.
    public func recordProviderAccountConnect(accountName: String, at time: Int64) throws {
        try self.connection.run(
            """
            INSERT INTO provider_account_connects (account_name, last_connected_at) VALUES (?, ?)
            ON CONFLICT (account_name) DO UPDATE SET last_connected_at = excluded.last_connected_at
            """,
            [.text(accountName), .integer(time)]
        )
    }

    public func providerAccountConnect(accountName: String) throws -> ProviderAccountConnect? {
        try self.connection.queryFirst(
            "SELECT account_name, last_connected_at FROM provider_account_connects WHERE account_name = ?",
            [.text(accountName)]
        ) { row in
            ProviderAccountConnect(accountName: try row.string(0), lastConnectedAt: try row.int64(1))
        }
    }

    /// Returns every recorded account, by name.
    public func providerAccountConnects() throws -> [ProviderAccountConnect] {
        try self.connection.query(
            "SELECT account_name, last_connected_at FROM provider_account_connects ORDER BY account_name"
        ) { row in
            ProviderAccountConnect(accountName: try row.string(0), lastConnectedAt: try row.int64(1))
        }
    }
}
