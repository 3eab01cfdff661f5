import Foundation
import Testing

@testable import Store

@Suite struct MigrationTests {
    @Test func versionsStartAtOneAndIncreaseByOne() {
        let versions = SchemaMigrations.all.map(\.version)
        #expect(versions == Array(1...versions.count))
        #expect(Store.latestSchemaVersion == 3)
    }

    @Test func freshDatabaseGetsLatestVersion() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))
        #expect(try await store.schemaVersion() == Store.latestSchemaVersion)
        await store.close()
    }

    @Test func reopeningDoesNotMigrateAgain() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)
        let first = try Store(configuration: configuration)
        try await first.recordProviderAccountConnect(accountName: "kept", at: 5)
        await first.close()

        let second = try Store(configuration: configuration)
        #expect(try await second.schemaVersion() == Store.latestSchemaVersion)
        #expect(try await second.providerAccountConnect(accountName: "kept")?.lastConnectedAt == 5)
        await second.close()
    }

    @Test func versionOneFileIsUpgradedWithItsRows() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)

        let old = try SQLiteConnection(path: configuration.databasePath)
        try Migrator.migrate(old, to: 1)
        try old.run(
            """
            INSERT INTO watched_orders (order_id, snapshot_json, next_check_at, last_sync_at, created_at)
            VALUES ('ORD-0000000001', NULL, 100, NULL, 1)
            """
        )
        #expect(try Migrator.userVersion(of: old) == 1)
        #expect(try Self.indexNames(old).contains("watched_orders_due") == false)
        old.close()

        let store = try Store(configuration: configuration)
        #expect(try await store.schemaVersion() == Store.latestSchemaVersion)
        #expect(try await store.watchedOrder(orderID: "ORD-0000000001")?.nextCheckAt == 100)
        await store.close()

        let upgraded = try SQLiteConnection(path: configuration.databasePath)
        defer { upgraded.close() }
        let indexes = try Self.indexNames(upgraded)
        #expect(indexes.contains("watched_orders_due"))
        #expect(indexes.contains("outbox_events_due"))
        #expect(indexes.contains("idempotency_records_by_expires_at"))
    }

    @Test func failingMigrationLeavesVersionUnchanged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("test.sqlite"))
        defer { connection.close() }
        let migrations = [
            Migration(version: 1, name: "good", sql: "CREATE TABLE a (x INTEGER);"),
            Migration(version: 2, name: "broken", sql: "CREATE TABLE b (x INTEGER); CREATE TABLE a (y INTEGER);"),
        ]
        #expect(throws: StoreError.self) {
            try Migrator.migrate(connection, migrations: migrations)
        }
        #expect(try Migrator.userVersion(of: connection) == 0)
        let tables = try connection.query("SELECT name FROM sqlite_master WHERE type = 'table'") { try $0.string(0) }
        #expect(tables.isEmpty)
    }

    @Test func newerDatabaseIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)
        let newer = try SQLiteConnection(path: configuration.databasePath)
        try newer.exec("PRAGMA user_version = \(Store.latestSchemaVersion + 1)")
        newer.close()

        let error = #expect(throws: StoreError.self) {
            _ = try Store(configuration: configuration)
        }
        #expect(error?.message.contains("schema version \(Store.latestSchemaVersion + 1)") == true)
    }

    private static func indexNames(_ connection: SQLiteConnection) throws -> Set<String> {
        Set(try connection.query("SELECT name FROM sqlite_master WHERE type = 'index'") { try $0.string(0) })
    }
}
