import CSQLite

/// A prepared statement of one connection.
///
/// Not `Sendable`: a statement belongs to its connection and is used on that connection's
/// executor only. Text and blobs are bound with `SQLITE_TRANSIENT`, so SQLite keeps its own
/// copy and the Swift buffers may go away after the bind call.
public final class SQLiteStatement {
    public let sql: String
    private var handle: OpaquePointer?
    private let database: OpaquePointer

    init(sql: String, database: OpaquePointer) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(database, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw StoreError(code: code, database: database, sql: sql)
        }
        self.sql = sql
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(self.handle)
    }

    private func liveHandle() throws -> OpaquePointer {
        guard let handle = self.handle else {
            throw StoreError.misuse("statement was used after it was finalized", sql: self.sql)
        }
        return handle
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw StoreError(code: code, database: self.database, sql: self.sql)
        }
    }

    // MARK: Binding (parameter indexes start at 1, as in SQLite)

    public var parameterCount: Int32 {
        self.handle.map { sqlite3_bind_parameter_count($0) } ?? 0
    }

    public func bind(_ value: Int64, at index: Int32) throws {
        try self.check(sqlite3_bind_int64(try self.liveHandle(), index, value))
    }

    public func bind(_ value: Double, at index: Int32) throws {
        try self.check(sqlite3_bind_double(try self.liveHandle(), index, value))
    }

    public func bind(_ value: String, at index: Int32) throws {
        let handle = try self.liveHandle()
        var text = value
        let code = text.withUTF8 { bytes in
            // A non-null pointer is needed even for "", or SQLite would bind NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return gw_sqlite3_bind_text_copy(handle, index, "", 0)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                gw_sqlite3_bind_text_copy(handle, index, pointer, Int32(bytes.count))
            }
        }
        try self.check(code)
    }

    public func bind(_ value: [UInt8], at index: Int32) throws {
        let handle = try self.liveHandle()
        let code = value.withUnsafeBytes { bytes in
            // sqlite3_bind_zeroblob keeps an empty blob distinct from NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return gw_sqlite3_bind_blob_copy(handle, index, base, Int32(bytes.count))
        }
        try self.check(code)
    }

    public func bindNull(at index: Int32) throws {
        try self.check(sqlite3_bind_null(try self.liveHandle(), index))
    }

    public func bind(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case .integer(let number): try self.bind(number, at: index)
        case .real(let number): try self.bind(number, at: index)
        case .text(let text): try self.bind(text, at: index)
        case .blob(let bytes): try self.bind(bytes, at: index)
        case .null: try self.bindNull(at: index)
        }
    }

    /// Binds `values` to parameters 1…n; the count must match the statement's parameters.
    public func bind(_ values: [SQLiteValue]) throws {
        guard values.count == Int(self.parameterCount) else {
            throw StoreError.misuse(
                "statement has \(self.parameterCount) parameters but \(values.count) values were bound",
                sql: self.sql
            )
        }
        for (offset, value) in values.enumerated() {
            try self.bind(value, at: Int32(offset + 1))
        }
    }

    // MARK: Stepping

    /// Runs the statement to its next row; returns `false` when it is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(try self.liveHandle())
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError(code: code, database: self.database, sql: self.sql)
        }
    }

    /// Rewinds the statement and clears its bindings so that the cache can hand it out again.
    public func reset() {
        guard let handle = self.handle else { return }
        // sqlite3_reset repeats the error of the last step, which step() has already thrown.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func finalize() {
        sqlite3_finalize(self.handle)
        self.handle = nil
    }

    // MARK: Columns of the current row (indexes start at 0)

    public var columnCount: Int32 {
        self.handle.map { sqlite3_column_count($0) } ?? 0
    }

    public func columnName(at index: Int32) -> String {
        guard let handle = self.handle, let name = sqlite3_column_name(handle, index) else { return "" }
        return String(cString: name)
    }

    public func isNull(at index: Int32) -> Bool {
        guard let handle = self.handle else { return true }
        return sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    public func int64(at index: Int32) -> Int64 {
        guard let handle = self.handle else { return 0 }
        return sqlite3_column_int64(handle, index)
    }

    public func double(at index: Int32) -> Double {
        guard let handle = self.handle else { return 0 }
        return sqlite3_column_double(handle, index)
    }

    public func string(at index: Int32) -> String {
        guard let handle = self.handle, let text = sqlite3_column_text(handle, index) else { return "" }
        // sqlite3_column_bytes must follow sqlite3_column_text so that it counts the UTF-8 form.
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func blob(at index: Int32) -> [UInt8] {
        guard let handle = self.handle, let bytes = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
