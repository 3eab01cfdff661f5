/// A `HOST:PORT` to listen on; an IPv6 host is written in brackets, as in `[::1]:8080`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host without brackets: `127.0.0.1`, `::1`, `localhost`.
    public var host: String
    /// 0 lets the system choose a free port.
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` or `[IPV6]:PORT`; returns nil when the text has another form.
    public init?(parsing text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
            guard !host.isEmpty, host.allSatisfy(Self.isIPv6Character) else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.isEmpty, host.allSatisfy(Self.isHostCharacter) else { return nil }
        }

        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit),
            let port = UInt16(portText)
        else { return nil }
        self.init(host: String(host), port: port)
    }

    /// The address as `HOST:PORT`, with brackets around an IPv6 host.
    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-")
    }

    private static func isIPv6Character(_ character: Character) -> Bool {
        character.isASCII && (character.isHexDigit || character == ":" || character == ".")
    }
}

extension Character {
    var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
