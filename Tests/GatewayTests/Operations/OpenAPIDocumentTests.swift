import Foundation
import Testing

@testable import Gateway

@Suite struct OpenAPIDocumentTests {
    @Test func servedDocumentIsTheRepositoryFile() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("GET", "/openapi.yaml", authorization: nil)
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/yaml; charset=utf-8")
        #expect(reply.text == (try RepositoryFiles.text("openapi.yaml")))
        await harness.stop()
    }

    @Test func documentDescribesEveryInterfaceEndpoint() throws {
        let yaml = try RepositoryFiles.text("openapi.yaml")
        let endpoints = try RepositoryFiles.interfaceEndpoints()
        #expect(endpoints.count >= 18, "the endpoint table was not found or shrank")
        for endpoint in endpoints {
            let pathLine = "\n  \(endpoint.path):\n"
            guard let pathRange = yaml.range(of: pathLine) else {
                Issue.record("openapi.yaml has no path \(endpoint.path)")
                continue
            }
            // The operation keys of this path sit between its line and the next path's line.
            let rest = yaml[pathRange.upperBound...]
            let nextPath =
                rest.range(of: "\n  /")?.lowerBound ?? rest.range(of: "\ncomponents:")?.lowerBound ?? rest.endIndex
            let block = rest[..<nextPath]
            #expect(block.contains("    \(endpoint.method.lowercased()):"), "\(endpoint.method) \(endpoint.path)")
        }
    }

    @Test func documentIsOpenAPI31WithBearerSecurity() throws {
        let yaml = try RepositoryFiles.text("openapi.yaml")
        #expect(yaml.hasPrefix("openapi: 3.1.0\n"))
        #expect(yaml.contains("      type: http\n      scheme: bearer"))
        #expect(yaml.contains("name: Idempotency-Key"))
        #expect(yaml.contains("application/problem+json"))
    }

    @Test func candidatesSearchExecutableFolderFirst() {
        let candidates = OpenAPIDocument.defaultCandidates(
            executablePath: "/opt/otgw/bin/otgateway",
            currentDirectory: "/srv/app"
        )
        #expect(candidates.first == "/opt/otgw/bin/openapi.yaml")
        #expect(candidates.contains("/opt/otgw/share/otgateway/openapi.yaml"))
        #expect(candidates.contains("/srv/app/openapi.yaml"))
        #expect(candidates.contains("/opt/openapi.yaml"))
        #expect(Set(candidates).count == candidates.count)
    }

    @Test func loadSkipsMissingFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otgw-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("openapi.yaml")
        try Data("openapi: 3.1.0\n".utf8).write(to: file)

        let document = OpenAPIDocument.load(candidates: [folder.appendingPathComponent("missing.yaml").path, file.path])
        #expect(document?.path == file.path)
        #expect(document?.bytes == Array("openapi: 3.1.0\n".utf8))
        #expect(OpenAPIDocument.load(candidates: [folder.appendingPathComponent("missing.yaml").path]) == nil)
    }
}
