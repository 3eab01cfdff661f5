import Foundation

/// A value bound to a statement parameter, in one of SQLite's five storage classes.
public enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    public init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .null
    }

    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    public init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    public init(_ value: [UInt8]?) {
        self = value.map { .blob($0) } ?? .null
    }
}

extension SQLiteValue {
    /// Converts a decimal to TEXT in `DecimalText` form, rejecting NaN because it is no amount.
    public static func decimal(_ value: Decimal) throws -> SQLiteValue {
        guard !value.isNaN else {
            throw StoreError.misuse("a NaN decimal cannot be stored as an amount")
        }
        return .text(DecimalText.string(from: value))
    }

    public static func decimal(_ value: Decimal?) throws -> SQLiteValue {
        guard let value else { return .null }
        return try self.decimal(value)
    }
}
