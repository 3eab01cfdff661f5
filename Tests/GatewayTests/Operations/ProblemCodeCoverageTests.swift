import Foundation
import Testing

@testable import Gateway

/// Every problem code the sources can send must have a page and appear in openapi.yaml, so a
/// code added by a new feature cannot reach clients undocumented.
@Suite struct ProblemCodeCoverageTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The codes written as `code: "…"` in the gateway's and the server's sources.
    static func codesInSources() throws -> Set<String> {
        var codes = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"code: "([a-z][a-z0-9_]*)""#)
        for folder in ["Sources/Gateway", "Sources/HTTPServer"] {
            let root = self.repositoryRoot.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                let range = NSRange(text.startIndex..., in: text)
                for match in pattern.matches(in: text, range: range) {
                    codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        return codes
    }

    @Test func everySentCodeHasAPage() throws {
        let codes = try Self.codesInSources()
        #expect(codes.count > 20)
        for code in codes.sorted() {
            #expect(ProblemCatalog.description(for: code) != nil, "no problem page for \(code)")
        }
    }

    @Test func everySentCodeIsInOpenAPI() throws {
        let document = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("openapi.yaml"),
            encoding: .utf8
        )
        for code in try Self.codesInSources().sorted() {
            #expect(document.contains("- \(code)\n"), "openapi.yaml ProblemCode lacks \(code)")
        }
    }
}
