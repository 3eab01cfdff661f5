import Foundation
import Testing

@testable import Store

@Suite struct SQLiteConnectionTests {
    private func withConnection(_ body: (SQLiteConnection) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("test.sqlite"))
        defer { connection.close() }
        try connection.exec("PRAGMA foreign_keys = ON")
        try body(connection)
    }

    @Test func typedValuesRoundTrip() throws {
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
            try connection.run(
                "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                [.integer(Int64.min), .real(-1.5), .text("plain"), .blob([0, 1, 255]), .null]
            )
            let row = try connection.queryFirst("SELECT i, r, s, b, n FROM t") { row in
                (try row.int64(0), try row.double(1), try row.string(2), try row.blob(3), row.optionalString(4))
            }
            #expect(row?.0 == Int64.min)
            #expect(row?.1 == -1.5)
            #expect(row?.2 == "plain")
            #expect(row?.3 == [0, 1, 255])
            #expect(row?.4 == nil)
        }
    }

    @Test func emptyTextAndBlobAreNotNull() throws {
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (s TEXT, b BLOB)")
            try connection.run("INSERT INTO t VALUES (?, ?)", [.text(""), .blob([])])
            let isNull = try connection.queryFirst("SELECT s IS NULL, b IS NULL FROM t") {
                (try $0.int64(0), try $0.int64(1))
            }
            #expect(isNull?.0 == 0)
            #expect(isNull?.1 == 0)
        }
    }

    @Test func unicodeTextRoundTrips() throws {
        let samples = ["Привет, мир", "заказ №5 🎁🧧", "👩‍👩‍👧‍👦", "中文 淘宝", "ä\u{301}", String(repeating: "я", count: 10_000)]
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")
            for (index, sample) in samples.enumerated() {
                try connection.run("INSERT INTO t VALUES (?, ?)", [.integer(Int64(index)), .text(sample)])
            }
            let stored = try connection.query("SELECT s, length(s) FROM t ORDER BY id") {
                (try $0.string(0), try $0.int(1))
            }
            #expect(stored.map(\.0) == samples)
            // SQLite counts characters (code points) of valid UTF-8, which shows it got UTF-8.
            #expect(stored[0].1 == "Привет, мир".unicodeScalars.count)
        }
    }

    @Test func statementsAreCachedPerSQL() throws {
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (i INTEGER)")
            for value in 0..<5 {
                try connection.run("INSERT INTO t VALUES (?)", [.integer(Int64(value))])
            }
            let first = try connection.cachedStatement("SELECT count(*) FROM t")
            let second = try connection.cachedStatement("SELECT count(*) FROM t")
            #expect(first === second)
            #expect(connection.cachedStatementCount == 2)
            #expect(try connection.queryFirst("SELECT count(*) FROM t") { try $0.int(0) } == 5)
        }
    }

    @Test func primaryKeyViolationMapsToConstraintCode() throws {
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (id TEXT PRIMARY KEY)")
            try connection.run("INSERT INTO t VALUES (?)", [.text("a")])
            let error = #expect(throws: StoreError.self) {
                try connection.run("INSERT INTO t VALUES (?)", [.text("a")])
            }
            #expect(error?.resultCode == SQLiteResultCode.constraint)
            #expect(error?.extendedResultCode == SQLiteResultCode.constraintPrimaryKey)
            #expect(error?.isConstraintViolation == true)
            #expect(error?.sql == "INSERT INTO t VALUES (?)")
            #expect(error?.message.contains("UNIQUE constraint failed: t.id") == true)
        }
    }

    @Test func foreignKeyAndCheckViolationsMapToTheirCodes() throws {
        try self.withConnection { connection in
            try connection.exec(
                """
                CREATE TABLE parent (id TEXT PRIMARY KEY);
                CREATE TABLE child (parent_id TEXT REFERENCES parent (id), n INTEGER CHECK (n > 0));
                """
            )
            let foreignKey = #expect(throws: StoreError.self) {
                try connection.run("INSERT INTO child VALUES (?, ?)", [.text("missing"), .integer(1)])
            }
            #expect(foreignKey?.extendedResultCode == SQLiteResultCode.constraintForeignKey)

            let check = #expect(throws: StoreError.self) {
                try connection.run("INSERT INTO child VALUES (?, ?)", [.null, .integer(0)])
            }
            #expect(check?.extendedResultCode == SQLiteResultCode.constraintCheck)
        }
    }

    @Test func syntaxErrorCarriesSQLAndMessage() throws {
        try self.withConnection { connection in
            let error = #expect(throws: StoreError.self) {
                try connection.run("SELEC 1")
            }
            #expect(error?.resultCode == SQLiteResultCode.error)
            #expect(error?.sql == "SELEC 1")
            #expect(error?.message.contains("syntax error") == true)
        }
    }

    @Test func bindingCountMismatchIsMisuse() throws {
        try self.withConnection { connection in
            let error = #expect(throws: StoreError.self) {
                try connection.run("SELECT ?, ?", [.integer(1)])
            }
            #expect(error?.resultCode == SQLiteResultCode.misuse)
        }
    }

    @Test func nullInRequiredColumnIsMismatch() throws {
        try self.withConnection { connection in
            let error = #expect(throws: StoreError.self) {
                _ = try connection.queryFirst("SELECT NULL AS amount") { try $0.string(0) }
            }
            #expect(error?.resultCode == SQLiteResultCode.mismatch)
            #expect(error?.message.contains("amount") == true)
        }
    }

    @Test func transactionRollsBackOnError() throws {
        struct Abort: Error {}
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (i INTEGER)")
            #expect(throws: Abort.self) {
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (1)")
                    throw Abort()
                }
            }
            #expect(try connection.queryFirst("SELECT count(*) FROM t") { try $0.int(0) } == 0)
            #expect(connection.isAutocommit)
            #expect(connection.transactionDepth == 0)
        }
    }

    @Test func nestedTransactionRollsBackOnlyItsSavepoint() throws {
        struct Abort: Error {}
        try self.withConnection { connection in
            try connection.exec("CREATE TABLE t (i INTEGER)")
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (1)")
                #expect(throws: Abort.self) {
                    try connection.transaction {
                        try connection.run("INSERT INTO t VALUES (2)")
                        throw Abort()
                    }
                }
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (3)")
                }
            }
            let values = try connection.query("SELECT i FROM t ORDER BY i") { try $0.int(0) }
            #expect(values == [1, 3])
        }
    }

    @Test func fullTransactionInsideNormalOneIsMisuse() throws {
        try self.withConnection { connection in
            try connection.setSynchronousMode(.normal)
            try connection.exec("CREATE TABLE t (i INTEGER)")
            var innerRan = false
            let error = #expect(throws: StoreError.self) {
                try connection.transaction(synchronous: .normal) {
                    try connection.transaction(synchronous: .full) {
                        innerRan = true
                    }
                }
            }
            #expect(error?.resultCode == SQLiteResultCode.misuse)
            #expect(!innerRan)
        }
    }

    @Test func synchronousModeAppliesToOneTransaction() throws {
        try self.withConnection { connection in
            try connection.setSynchronousMode(.normal)
            let inside = try connection.transaction(synchronous: .full) {
                try connection.synchronousMode()
            }
            #expect(inside == .full)
            #expect(try connection.synchronousMode() == .normal)
        }
    }

    @Test func closedConnectionThrowsMisuse() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let connection = try SQLiteConnection(path: directory.file("test.sqlite"))
        connection.close()
        let error = #expect(throws: StoreError.self) {
            try connection.exec("SELECT 1")
        }
        #expect(error?.resultCode == SQLiteResultCode.misuse)
    }

    @Test func openFailureNamesThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("missing-folder/test.sqlite")
        let error = #expect(throws: StoreError.self) {
            _ = try SQLiteConnection(path: path)
        }
        #expect(error?.message.contains(path) == true)
    }
}
