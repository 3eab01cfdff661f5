/// The location of the store's database and its lock wait.
public struct StoreConfiguration: Sendable, Equatable {
    /// The database file's name inside `dataDirectory`.
    public static let databaseFileName = "otgateway.sqlite"
    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5000
    /// Permissions of a data directory the store creates: owner only, because the database contains
    /// idempotent responses and payment records.
    public static let directoryPermissions: Int16 = 0o700

    /// The folder of the database (`OTGW_DATA_DIR`); created when missing.
    public var dataDirectory: String
    public var busyTimeoutMilliseconds: Int32

    public init(
        dataDirectory: String,
        busyTimeoutMilliseconds: Int32 = StoreConfiguration.defaultBusyTimeoutMilliseconds
    ) {
        self.dataDirectory = dataDirectory
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }

    public var databasePath: String {
        if self.dataDirectory.hasSuffix("/") {
            return self.dataDirectory + Self.databaseFileName
        }
        return self.dataDirectory + "/" + Self.databaseFileName
    }
}
