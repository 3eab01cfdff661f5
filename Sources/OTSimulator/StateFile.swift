import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Saving and loading the simulator state as JSON.
enum StateFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `state` to a temporary file next to `url`, then renames it over `url`, so a
    /// reader never sees half a file.
    static func save(_ state: SimulatorState, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(state)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(description: "renaming \(temporary.path) to \(url.path) failed with errno \(code)")
        }
    }

    /// Loads the saved state, or returns nil when the file does not exist.
    static func load(from url: URL) throws -> SimulatorState? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url)
        // Dates use the default encoding (seconds as a double) so that a round trip is exact.
        let decoder = JSONDecoder()
        do {
            return try decoder.decode(SimulatorState.self, from: data)
        } catch {
            throw Failure(
                description:
                    "the state file \(url.path) is not a saved simulator state: \(error); move it away to start afresh"
            )
        }
    }
}
