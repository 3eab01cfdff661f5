import Foundation

/// Reads values out of the plain-text banners `otgateway simulator` and `demo` print.
enum ProcessOutput {
    /// Returns the first word after `label` on the first line that starts with it (leading
    /// spaces ignored), such as the token in `  API token         4f3a...`.
    static func field(_ label: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(label) else { continue }
            return trimmed.dropFirst(label.count).split(separator: " ").first.map(String.init)
        }
        return nil
    }

    /// `HOST:PORT` of an `http://HOST:PORT/...` URL.
    static func address(of url: String) -> String? {
        guard url.hasPrefix("http://") else { return nil }
        return url.dropFirst("http://".count).split(separator: "/").first.map(String.init)
    }

    /// Collects every single-quoted `-d '...'` body in the text, in order.
    static func requestBodies(in text: String) -> [String] {
        var bodies: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "-d '") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "'") else { break }
            bodies.append(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return bodies
    }
}

extension LoopbackHTTP {
    /// POSTs `body` with `Connection: close` and the given headers.
    static func post(
        address: String,
        path: String,
        body: String,
        contentType: String = "application/json",
        headers: [String: String] = [:]
    ) throws -> Reply {
        var request = "POST \(path) HTTP/1.1\r\nHost: \(address)\r\nConnection: close\r\n"
        request += "Content-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return try self.exchange(address: address, request: request + "\r\n" + body)
    }

    /// Calls an OT method on a simulator with form parameters and returns the XML response body.
    static func otCall(address: String, method: String, _ parameters: [(String, String)]) throws -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let form = parameters.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        let reply = try self.post(
            address: address,
            path: "/service/\(method)",
            body: form.joined(separator: "&"),
            contentType: "application/x-www-form-urlencoded"
        )
        return reply.body
    }

    /// Returns the text of the first `<name>` element in `xml`.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
