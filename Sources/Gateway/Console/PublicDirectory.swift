import Foundation

/// Finds the `public/` folder with the console's files.
///
/// `OTGW_PUBLIC_DIR` wins; otherwise `./public` under the working directory; otherwise a
/// `public/` next to the executable or up to `maxLevelsUp` folders above it, which finds the
/// repository's folder from `.build/<triple>/debug/otgateway` and from the test runner.
enum PublicDirectory {
    static let environmentVariable = "OTGW_PUBLIC_DIR"
    /// The file whose presence marks a folder as the console's.
    static let markerFile = "index.html"
    static let maxLevelsUp = 5

    /// Returns the resolved absolute path, or nil when no candidate has `index.html`.
    static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Self.executablePath()
    ) -> String? {
        if let configured = environment[self.environmentVariable], !configured.isEmpty {
            let absolute = configured.hasPrefix("/") ? configured : currentDirectory + "/" + configured
            return self.accept(absolute)
        }
        if let found = self.accept(currentDirectory + "/public") {
            return found
        }
        guard let executablePath else { return nil }
        var folder = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        for _ in 0...self.maxLevelsUp {
            if let found = self.accept(folder.appendingPathComponent("public").path) {
                return found
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func executablePath() -> String? {
        let resolved = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return resolved == "/proc/self/exe" ? CommandLine.arguments.first : resolved
    }

    private static func accept(_ path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.fileExists(atPath: resolved + "/" + self.markerFile)
        else { return nil }
        return resolved
    }
}
