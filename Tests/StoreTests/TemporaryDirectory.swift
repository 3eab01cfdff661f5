import Foundation

@testable import Store

/// A fresh folder under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let path = NSTemporaryDirectory() + "otgw-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    func file(_ name: String) -> String {
        self.path + "/" + name
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}

/// Opens a store in a fresh temporary directory, runs `body`, then closes and removes both.
func withTemporaryStore(_ body: (Store) async throws -> Void) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try Store(configuration: StoreConfiguration(dataDirectory: directory.path))
    do {
        try await body(store)
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}
