/// SQLite's `PRAGMA synchronous` levels that the store uses.
public enum SQLiteSynchronousMode: Int, Sendable, Comparable {
    /// In WAL mode a commit is durable after the next checkpoint; a power loss may undo the last
    /// commits but never corrupts the database.
    case normal = 1
    /// Every commit is synced to disk before `COMMIT` returns.
    case full = 2

    public static func < (lhs: SQLiteSynchronousMode, rhs: SQLiteSynchronousMode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The locking mode of `BEGIN`.
public enum SQLiteTransactionKind: String, Sendable {
    /// Takes the write lock at the first write; a read-then-write transaction can then fail
    /// with `SQLITE_BUSY` without waiting, so writers use `immediate`.
    case deferred = "DEFERRED"
    /// Takes the write lock at `BEGIN`, waiting up to the busy timeout for it.
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
}

extension SQLiteConnection {
    public func synchronousMode() throws -> SQLiteSynchronousMode? {
        let level = try self.queryFirst("PRAGMA synchronous") { try $0.int(0) }
        return level.flatMap(SQLiteSynchronousMode.init(rawValue:))
    }

    /// Sets `PRAGMA synchronous`; SQLite rejects the change inside a transaction.
    public func setSynchronousMode(_ mode: SQLiteSynchronousMode) throws {
        try self.exec("PRAGMA synchronous = \(mode.rawValue)")
    }

    /// Runs `body` in a transaction, committing when it returns and rolling back when it throws.
    ///
    /// Inside an open transaction this becomes a savepoint, so repository calls compose. A
    /// `synchronous` level applies to the outermost transaction only, because SQLite does not
    /// allow changing it inside one: asking for `.full` inside a `.normal` transaction throws
    /// a misuse error before `body` runs.
    @discardableResult
    public func transaction<Result>(
        _ kind: SQLiteTransactionKind = .immediate,
        synchronous: SQLiteSynchronousMode? = nil,
        _ body: () throws -> Result
    ) throws -> Result {
        if self.transactionDepth > 0 {
            return try self.savepoint(synchronous: synchronous, body)
        }

        let current = try self.synchronousMode()
        var restoreMode: SQLiteSynchronousMode?
        if let synchronous, synchronous != current {
            try self.setSynchronousMode(synchronous)
            restoreMode = current
        }
        defer {
            // The level only affects speed once the transaction is over, so a failed restore
            // is not worth failing a committed transaction for.
            if let restoreMode {
                try? self.setSynchronousMode(restoreMode)
            }
        }

        try self.exec("BEGIN \(kind.rawValue)")
        self.transactionDepth = 1
        self.transactionSynchronousMode = synchronous ?? current
        defer {
            self.transactionDepth = 0
            self.transactionSynchronousMode = nil
        }

        do {
            let result = try body()
            try self.exec("COMMIT")
            return result
        } catch {
            // SQLite rolls back on its own after some errors (SQLITE_FULL, SQLITE_IOERR, …).
            if !self.isAutocommit {
                try? self.exec("ROLLBACK")
            }
            throw error
        }
    }

    private func savepoint<Result>(
        synchronous: SQLiteSynchronousMode?,
        _ body: () throws -> Result
    ) throws -> Result {
        if let synchronous, synchronous > (self.transactionSynchronousMode ?? .normal) {
            throw StoreError.misuse(
                "a synchronous=\(synchronous) transaction cannot be nested in a weaker one; "
                    + "start the outer transaction with synchronous=\(synchronous)"
            )
        }

        let name = "gw_savepoint_\(self.transactionDepth)"
        try self.exec("SAVEPOINT \(name)")
        self.transactionDepth += 1
        defer { self.transactionDepth -= 1 }

        do {
            let result = try body()
            try self.exec("RELEASE \(name)")
            return result
        } catch {
            if !self.isAutocommit {
                try? self.exec("ROLLBACK TO \(name)")
                try? self.exec("RELEASE \(name)")
            }
            throw error
        }
    }
}
