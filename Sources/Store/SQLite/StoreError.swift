import CSQLite

/// A failed SQLite call, or a stored value that the store could not decode.
///
/// The SQL text never contains values, because every value is bound as a parameter, so the
/// error can be logged as it is.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary SQLite result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
    public var resultCode: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, …); equal to `resultCode`
    /// when SQLite gave no extended code.
    public var extendedResultCode: Int32
    /// SQLite's message, or the store's own for a decoding failure.
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(resultCode: Int32, extendedResultCode: Int32, message: String, sql: String?) {
        self.resultCode = resultCode
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
    }

    /// Reads the error state of a connection right after a call on it returned `code`.
    init(code: Int32, database: OpaquePointer?, sql: String?) {
        let extended = database.map { sqlite3_extended_errcode($0) } ?? code
        let message: String
        if let database, let text = sqlite3_errmsg(database) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        // The primary code is the low byte of an extended code.
        let primary = code & 0xFF
        self.init(
            resultCode: primary,
            extendedResultCode: (extended & 0xFF) == primary ? extended : code,
            message: message,
            sql: sql
        )
    }

    /// Makes the error for a stored value that does not have the type or form the store expects.
    static func dataMismatch(_ message: String, sql: String?) -> StoreError {
        StoreError(resultCode: SQLITE_MISMATCH, extendedResultCode: SQLITE_MISMATCH, message: message, sql: sql)
    }

    /// Makes the error for a call that breaks the store's own rules, such as a nested transaction with a stronger
    /// durability than the one around it.
    static func misuse(_ message: String, sql: String? = nil) -> StoreError {
        StoreError(resultCode: SQLITE_MISUSE, extendedResultCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// Whether a `UNIQUE`, `PRIMARY KEY`, `FOREIGN KEY`, `CHECK` or `NOT NULL` constraint failed.
    public var isConstraintViolation: Bool { self.resultCode == SQLiteResultCode.constraint }

    /// Whether the database stayed locked by another connection for the whole busy timeout.
    public var isBusy: Bool { self.resultCode == SQLiteResultCode.busy || self.resultCode == SQLiteResultCode.locked }

    public var description: String {
        var text = "SQLite error \(self.extendedResultCode) (\(self.resultCode)): \(self.message)"
        if let sql {
            text += " [SQL: \(sql)]"
        }
        return text
    }
}

/// SQLite result codes that callers of the store test for.
public enum SQLiteResultCode {
    public static let error: Int32 = SQLITE_ERROR
    public static let busy: Int32 = SQLITE_BUSY
    public static let locked: Int32 = SQLITE_LOCKED
    public static let constraint: Int32 = SQLITE_CONSTRAINT
    public static let mismatch: Int32 = SQLITE_MISMATCH
    public static let misuse: Int32 = SQLITE_MISUSE

    // sqlite3.h defines the extended codes as `(SQLITE_CONSTRAINT | (n<<8))`, a macro form that
    // Swift does not import, so they are rebuilt here with the same n.
    public static let constraintCheck: Int32 = SQLITE_CONSTRAINT | (1 << 8)
    public static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    public static let constraintNotNull: Int32 = SQLITE_CONSTRAINT | (5 << 8)
    public static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    public static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
}
