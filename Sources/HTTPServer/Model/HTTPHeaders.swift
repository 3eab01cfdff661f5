/// An ordered list of header fields. Names compare case-insensitively; order and duplicates are
/// kept because framing checks (duplicate `Content-Length`) depend on them.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)]

    public init() {
        self.fields = []
    }

    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        self.fields.makeIterator()
    }

    public var count: Int { self.fields.count }

    /// The first value of `name`, or nil.
    public subscript(name: String) -> String? {
        self.fields.first { Self.namesMatch($0.name, name) }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        self.fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        self.fields.contains { Self.namesMatch($0.name, name) }
    }

    public mutating func add(_ name: String, _ value: String) {
        self.fields.append((name: name, value: value))
    }

    /// Replaces every value of `name` with one value.
    public mutating func set(_ name: String, _ value: String) {
        self.remove(name)
        self.fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        self.fields.removeAll { Self.namesMatch($0.name, name) }
    }

    /// Whether a comma-separated header such as `Connection` lists `token` (case-insensitive).
    public func containsToken(_ token: String, in name: String) -> Bool {
        self.values(name).contains { value in
            value.split(separator: ",").contains {
                $0.trimmingASCIIWhitespace().lowercased() == token.lowercased()
            }
        }
    }

    static func namesMatch(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
