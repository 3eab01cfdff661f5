import Foundation

/// The gateway's OpenAPI document (`openapi.yaml`), read from disk once at start.
///
/// The file is looked up, first match wins: next to the executable, in `../share/otgateway`
/// from it (an installed layout), in the current directory (the container's working
/// directory and `swift run` from the repository), then in each parent of the executable's
/// folder up to `maxParentLevels` (`.build/<triple>/debug/otgateway` finds the repository's
/// copy). Reading at start rather than embedding keeps one copy of the contract in the
/// repository.
public struct OpenAPIDocument: Sendable {
    public static let fileName = "openapi.yaml"
    /// How many parent folders of the executable's folder are searched.
    public static let maxParentLevels = 4

    public var path: String
    public var bytes: [UInt8]

    /// Loads the first candidate that exists and can be read, or returns nil.
    public static func load(candidates: [String] = Self.defaultCandidates()) -> OpenAPIDocument? {
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
                return OpenAPIDocument(path: path, bytes: Array(data))
            }
        }
        return nil
    }

    /// Lists the candidate paths in the search order described on the type.
    public static func defaultCandidates(
        executablePath: String = Bundle.main.executablePath ?? CommandLine.arguments.first ?? "",
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> [String] {
        var candidates: [String] = []
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        let folder = executable.deletingLastPathComponent()
        candidates.append(folder.appendingPathComponent(self.fileName).path)
        candidates.append(
            folder.deletingLastPathComponent().appendingPathComponent("share/otgateway/\(self.fileName)").path
        )
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent(self.fileName).path)
        var parent = folder
        for _ in 0..<self.maxParentLevels {
            parent = parent.deletingLastPathComponent()
            candidates.append(parent.appendingPathComponent(self.fileName).path)
        }
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }
}
