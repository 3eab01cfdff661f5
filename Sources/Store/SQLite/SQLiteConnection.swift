import CSQLite

/// One SQLite database connection with a cache of prepared statements.
///
/// Not `Sendable`, and not safe for concurrent use: the connection is opened in SQLite's
/// multi-thread mode (`SQLITE_OPEN_NOMUTEX`), so its owner must run one call at a time. The
/// `Store` actor is that owner in the gateway.
public final class SQLiteConnection {
    public struct OpenFlags: OptionSet, Sendable {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// Multi-thread mode: SQLite takes no mutex, because the owner serialises all calls.
        public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)

        public static let `default`: OpenFlags = [.readWrite, .create, .noMutex]
    }

    public let path: String
    private var database: OpaquePointer?
    private var statementCache: [String: SQLiteStatement] = [:]
    /// Open transactions and savepoints; 0 outside a transaction.
    public internal(set) var transactionDepth = 0
    /// The `synchronous` level of the outermost open transaction.
    var transactionSynchronousMode: SQLiteSynchronousMode?

    public init(path: String, flags: OpenFlags = .default) throws {
        var database: OpaquePointer?
        let code = sqlite3_open_v2(path, &database, flags.rawValue, nil)
        guard code == SQLITE_OK, let database else {
            let error = StoreError(code: code, database: database, sql: nil)
            sqlite3_close_v2(database)
            throw StoreError(
                resultCode: error.resultCode,
                extendedResultCode: error.extendedResultCode,
                message: "cannot open \(path): \(error.message)",
                sql: nil
            )
        }
        sqlite3_extended_result_codes(database, 1)
        self.path = path
        self.database = database
    }

    deinit {
        self.close()
    }

    /// Finalizes the cached statements and closes the connection; later calls throw.
    public func close() {
        for statement in self.statementCache.values {
            statement.finalize()
        }
        self.statementCache.removeAll()
        // sqlite3_close_v2 defers the close until statements the caller still owns are finalized.
        sqlite3_close_v2(self.database)
        self.database = nil
    }

    public var isOpen: Bool { self.database != nil }

    func liveDatabase() throws -> OpaquePointer {
        guard let database = self.database else {
            throw StoreError.misuse("connection to \(self.path) is closed")
        }
        return database
    }

    // MARK: Statements

    /// Runs one or more `;`-separated statements that take no parameters.
    public func exec(_ sql: String) throws {
        let database = try self.liveDatabase()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            var error = StoreError(code: code, database: database, sql: sql)
            if let errorMessage {
                error.message = String(cString: errorMessage)
            }
            throw error
        }
    }

    /// Prepares a statement that the caller owns and finalizes.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(sql: sql, database: try self.liveDatabase())
    }

    /// Returns the cached statement for `sql`, preparing it on first use.
    public func cachedStatement(_ sql: String) throws -> SQLiteStatement {
        if let statement = self.statementCache[sql] {
            return statement
        }
        let statement = try self.prepare(sql)
        self.statementCache[sql] = statement
        return statement
    }

    public var cachedStatementCount: Int { self.statementCache.count }

    /// Runs a cached statement with `bindings` and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int {
        let statement = try self.cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        while try statement.step() {}
        return Int(sqlite3_changes(try self.liveDatabase()))
    }

    /// Runs a cached query and maps each row with `transform`.
    public func query<Row>(
        _ sql: String,
        _ bindings: [SQLiteValue] = [],
        _ transform: (SQLiteRow) throws -> Row
    ) throws -> [Row] {
        let statement = try self.cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        var rows: [Row] = []
        while try statement.step() {
            rows.append(try transform(SQLiteRow(statement: statement)))
        }
        return rows
    }

    /// Runs a cached query and maps its first row, or returns nil when there is none.
    public func queryFirst<Row>(
        _ sql: String,
        _ bindings: [SQLiteValue] = [],
        _ transform: (SQLiteRow) throws -> Row
    ) throws -> Row? {
        let statement = try self.cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        guard try statement.step() else { return nil }
        return try transform(SQLiteRow(statement: statement))
    }

    /// The rowid of the last successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 {
        self.database.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Whether SQLite reports the connection as outside any transaction (`sqlite3_get_autocommit`).
    public var isAutocommit: Bool {
        self.database.map { sqlite3_get_autocommit($0) != 0 } ?? true
    }
}
