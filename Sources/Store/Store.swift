import Foundation
import Observability

/// The gateway's embedded database: one SQLite connection in WAL mode, owned by an actor that
/// runs every statement on its own serial queue.
///
/// Each repository (idempotency records, orders, payments, provider auth states, account
/// connects, the event outbox, activities, watched orders) is an extension in its own file.
/// Commits use `synchronous=NORMAL`; the payment journal commits with `synchronous=FULL`, so
/// a journal entry is on disk before the money call it records.
public actor Store {
    /// The level of ordinary commits.
    public static let defaultSynchronousMode = SQLiteSynchronousMode.normal

    public nonisolated let configuration: StoreConfiguration
    let connection: SQLiteConnection
    let logger: Logger
    private let executor: SQLiteSerialExecutor

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        self.executor.asUnownedSerialExecutor()
    }

    /// Opens (creating when missing) the data directory and the database, sets the connection
    /// up and applies pending schema migrations.
    public init(configuration: StoreConfiguration, logger: Logger = .disabled()) throws {
        try Self.createDirectoryIfMissing(configuration.dataDirectory, logger: logger)

        let connection = try SQLiteConnection(path: configuration.databasePath)
        try connection.exec("PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds)")
        let journalMode = try connection.queryFirst("PRAGMA journal_mode = WAL") { try $0.string(0) }
        guard journalMode?.lowercased() == "wal" else {
            throw StoreError(
                resultCode: SQLiteResultCode.error,
                extendedResultCode: SQLiteResultCode.error,
                message: "cannot switch \(configuration.databasePath) to WAL mode (journal_mode is "
                    + "\(journalMode ?? "unknown")); put OTGW_DATA_DIR on a local file system",
                sql: "PRAGMA journal_mode = WAL"
            )
        }
        try connection.exec("PRAGMA foreign_keys = ON")
        try connection.setSynchronousMode(Self.defaultSynchronousMode)

        let previousVersion = try Migrator.migrate(connection)
        if previousVersion != SchemaMigrations.latestVersion {
            logger.notice(
                "store schema migrated",
                metadata: [
                    "store.path": .string(configuration.databasePath),
                    "store.schema_from": .string(String(previousVersion)),
                    "store.schema_to": .string(String(SchemaMigrations.latestVersion)),
                ]
            )
        }

        self.configuration = configuration
        self.connection = connection
        self.logger = logger
        self.executor = SQLiteSerialExecutor(label: "otgateway.store")
    }

    private static func createDirectoryIfMissing(_ path: String, logger: Logger) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(
                    resultCode: SQLiteResultCode.error,
                    extendedResultCode: SQLiteResultCode.error,
                    message: "data directory \(path) exists but is not a directory; set OTGW_DATA_DIR to a folder",
                    sql: nil
                )
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: StoreConfiguration.directoryPermissions]
            )
        } catch {
            throw StoreError(
                resultCode: SQLiteResultCode.error,
                extendedResultCode: SQLiteResultCode.error,
                message: "cannot create data directory \(path): \(error); create it or set OTGW_DATA_DIR",
                sql: nil
            )
        }
        logger.info("store created data directory", metadata: ["store.path": .string(path)])
    }

    /// Closes the connection; later calls throw a misuse error.
    public func close() {
        self.connection.close()
    }

    /// The schema version recorded in the database file (`PRAGMA user_version`).
    public func schemaVersion() throws -> Int {
        try Migrator.userVersion(of: self.connection)
    }

    /// The latest schema version this build can migrate to.
    public static var latestSchemaVersion: Int { SchemaMigrations.latestVersion }

    /// Runs `body` and the repository calls it makes in one transaction.
    ///
    /// Use `synchronous: .full` when the commit must reach the disk before the caller acts on it.
    /// Payment journal calls inside `body` need the outer transaction to be `.full`.
    public func transaction<Result: Sendable>(
        synchronous: SQLiteSynchronousMode = Store.defaultSynchronousMode,
        _ body: @Sendable (isolated Store) throws -> Result
    ) throws -> Result {
        try self.connection.transaction(.immediate, synchronous: synchronous) {
            try body(self)
        }
    }
}
