/// A loggable outline of a raw path that matched no route: segments that look like words are
/// kept, anything that may be an id or user data becomes `*`, so logs never carry raw ids.
enum PathShape {
    static let maxSegments = 8
    static let maxWordLength = 32

    static func describe(_ rawPath: Substring) -> String {
        guard rawPath.hasPrefix("/") else { return "*" }
        let segments = rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var shaped = segments.prefix(self.maxSegments).map { segment -> String in
            let isWord =
                !segment.isEmpty && segment.utf8.count <= self.maxWordLength
                && segment.utf8.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                }
            return isWord || segment.isEmpty ? String(segment) : "*"
        }
        if segments.count > self.maxSegments {
            shaped.append("...")
        }
        return "/" + shaped.joined(separator: "/")
    }
}
