/// One step of the schema, identified by the `PRAGMA user_version` it leaves behind.
struct Migration: Sendable {
    let version: Int
    let name: String
    /// Statements run with `sqlite3_exec`; they take no parameters.
    let sql: String
}

/// Applies the schema migrations that a database file has not seen yet.
enum Migrator {
    /// Brings the database at `connection` to `targetVersion` in one transaction and returns
    /// the version it started from.
    ///
    /// A database newer than this build is rejected rather than opened, because the build
    /// would not know the meaning of the newer columns.
    @discardableResult
    static func migrate(
        _ connection: SQLiteConnection,
        migrations: [Migration] = SchemaMigrations.all,
        to targetVersion: Int? = nil
    ) throws -> Int {
        let latest = migrations.last?.version ?? 0
        let target = targetVersion ?? latest
        precondition(target <= latest, "no migration reaches version \(target)")

        return try connection.transaction(.immediate) {
            let current = try self.userVersion(of: connection)
            if current > latest {
                throw StoreError(
                    resultCode: SQLiteResultCode.error,
                    extendedResultCode: SQLiteResultCode.error,
                    message: "database \(connection.path) has schema version \(current), but this build "
                        + "supports versions up to \(latest); run a newer otgateway or use another OTGW_DATA_DIR",
                    sql: nil
                )
            }
            for migration in migrations where migration.version > current && migration.version <= target {
                try connection.exec(migration.sql)
                // PRAGMA takes no parameters; the version is an integer of this build.
                try connection.exec("PRAGMA user_version = \(migration.version)")
            }
            return current
        }
    }

    static func userVersion(of connection: SQLiteConnection) throws -> Int {
        try connection.queryFirst("PRAGMA user_version") { try $0.int(0) } ?? 0
    }
}
