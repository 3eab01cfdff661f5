import Foundation

/// Files of the repository the tests read (openapi.yaml, the Dockerfile, docs/INTERFACE.md),
/// found from this source file's location.
enum RepositoryFiles {
    static var root: URL {
        // Tests/GatewayTests/Operations/RepositoryFiles.swift → the repository root.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: self.root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Reads the problem codes of the interface's error table (`| code | status | when |`), in order.
    static func interfaceProblemCodes() throws -> [String] {
        let interface = try self.text("docs/INTERFACE.md")
        guard let start = interface.range(of: "| code | status | when |") else { return [] }
        var codes: [String] = []
        for line in interface[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let firstCell = line.split(separator: "|").first ?? ""
            for part in firstCell.split(separator: ",") {
                let code = part.trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "`")
                )
                if !code.isEmpty { codes.append(code) }
            }
        }
        return codes
    }

    /// Reads the method and path of each row of the interface's endpoint table, such as
    /// `POST /orders/{id}/pay`; the query part is dropped.
    static func interfaceEndpoints() throws -> [(method: String, path: String)] {
        let interface = try self.text("docs/INTERFACE.md")
        guard let start = interface.range(of: "| method and path | auth |") else { return [] }
        var endpoints: [(method: String, path: String)] = []
        for line in interface[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cell = (line.split(separator: "|").first ?? "").trimmingCharacters(in: .whitespaces)
            let words = cell.trimmingCharacters(in: CharacterSet(charactersIn: "`")).split(separator: " ")
            guard words.count == 2 else { continue }
            let path = words[1].split(separator: "?").first.map(String.init) ?? String(words[1])
            endpoints.append((String(words[0]), path))
        }
        return endpoints
    }
}
