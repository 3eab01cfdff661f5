import Foundation

/// The current row of a statement, with typed reads that reject NULL where a value is required.
///
/// A row is valid only inside the closure it was passed to, because the next step of the
/// statement replaces its values.
public struct SQLiteRow {
    let statement: SQLiteStatement

    private func requireValue(_ index: Int32) throws {
        if self.statement.isNull(at: index) {
            throw StoreError.dataMismatch(
                "column \(self.statement.columnName(at: index)) is NULL but a value is required",
                sql: self.statement.sql
            )
        }
    }

    public func isNull(_ index: Int32) -> Bool {
        self.statement.isNull(at: index)
    }

    public func int64(_ index: Int32) throws -> Int64 {
        try self.requireValue(index)
        return self.statement.int64(at: index)
    }

    public func optionalInt64(_ index: Int32) -> Int64? {
        self.isNull(index) ? nil : self.statement.int64(at: index)
    }

    public func int(_ index: Int32) throws -> Int {
        Int(try self.int64(index))
    }

    public func double(_ index: Int32) throws -> Double {
        try self.requireValue(index)
        return self.statement.double(at: index)
    }

    public func optionalDouble(_ index: Int32) -> Double? {
        self.isNull(index) ? nil : self.statement.double(at: index)
    }

    public func string(_ index: Int32) throws -> String {
        try self.requireValue(index)
        return self.statement.string(at: index)
    }

    public func optionalString(_ index: Int32) -> String? {
        self.isNull(index) ? nil : self.statement.string(at: index)
    }

    public func blob(_ index: Int32) throws -> [UInt8] {
        try self.requireValue(index)
        return self.statement.blob(at: index)
    }

    public func optionalBlob(_ index: Int32) -> [UInt8]? {
        self.isNull(index) ? nil : self.statement.blob(at: index)
    }

    /// Reads a decimal stored as TEXT by `DecimalText`.
    public func decimal(_ index: Int32) throws -> Decimal {
        let text = try self.string(index)
        guard let value = DecimalText.decimal(from: text) else {
            throw StoreError.dataMismatch(
                "column \(self.statement.columnName(at: index)) contains \"\(text)\", which is not a decimal number",
                sql: self.statement.sql
            )
        }
        return value
    }

    public func optionalDecimal(_ index: Int32) throws -> Decimal? {
        self.isNull(index) ? nil : try self.decimal(index)
    }

    /// Reads a TEXT column into a string-backed enum, rejecting values this build does not know.
    public func value<Value: RawRepresentable>(_ index: Int32, as type: Value.Type = Value.self) throws -> Value
    where Value.RawValue == String {
        let text = try self.string(index)
        guard let value = Value(rawValue: text) else {
            throw StoreError.dataMismatch(
                "column \(self.statement.columnName(at: index)) contains unknown \(Value.self) \"\(text)\"",
                sql: self.statement.sql
            )
        }
        return value
    }
}
