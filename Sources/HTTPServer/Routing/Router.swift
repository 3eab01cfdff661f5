/// A request handler: gets the routed request, returns a response or throws.
public typealias RequestHandler = @Sendable (Request) async throws -> Response

/// One registered route.
public struct Route: Sendable {
    public var method: HTTPMethod
    /// The template as registered, such as `/orders/{id}/pay`; the metrics and log label.
    public var template: String
    /// A per-route body limit lower than the server's, or nil to use the server's.
    public var maxBodyBytes: Int?
    public var handler: RequestHandler
}

/// The outcome of matching a request's method and raw path against the routes.
public enum RouteResolution: Sendable {
    case matched(Route, parameters: [String: String])
    /// The path matches no route: 404.
    case notFound
    /// The path matches routes of other methods only: 405 with `Allow`.
    case methodNotAllowed(allowed: [HTTPMethod])
    /// A segment is malformed once decoded (bad escape, decoded `/`, NUL or `..`): 400.
    case invalidPath(reason: String)
}

/// Matches requests to handlers by method and path template.
///
/// The raw path is split at `/` before percent-decoding, so an encoded `%2F` can never create
/// a path segment. Each segment is then decoded; a decoded `/`, NUL, `.` or `..` segment, or an
/// invalid escape, rejects the request. Literal segments match exactly; `{name}` matches any
/// one non-empty segment; a trailing `{name...}` matches the rest of the path.
public struct Router: Sendable {
    private struct Entry: Sendable {
        var pattern: [PatternSegment]
        var route: Route
    }

    private enum PatternSegment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case remainder(String)
    }

    private var entries: [Entry] = []

    public init() {}

    /// Registers `handler` for `method` on `template` (which must start with `/`).
    public mutating func add(
        _ method: HTTPMethod,
        _ template: String,
        maxBodyBytes: Int? = nil,
        handler: @escaping RequestHandler
    ) {
        precondition(template.hasPrefix("/"), "route templates start with /: \(template)")
        let pattern = Self.pattern(template)
        let route = Route(method: method, template: template, maxBodyBytes: maxBodyBytes, handler: handler)
        self.entries.append(Entry(pattern: pattern, route: route))
    }

    public mutating func get(_ template: String, handler: @escaping RequestHandler) {
        self.add(.get, template, handler: handler)
    }

    public mutating func post(_ template: String, maxBodyBytes: Int? = nil, handler: @escaping RequestHandler) {
        self.add(.post, template, maxBodyBytes: maxBodyBytes, handler: handler)
    }

    /// Finds the route for `method` and the raw (undecoded) path.
    ///
    /// `HEAD` falls back to the `GET` route of the same path; the server drops the body.
    public func resolve(method: HTTPMethod, rawPath: Substring) -> RouteResolution {
        let segments: [String]
        switch Self.decodeSegments(rawPath) {
        case .success(let decoded): segments = decoded
        case .failure(let error): return .invalidPath(reason: error.reason)
        }

        var allowed: [HTTPMethod] = []
        var headFallback: (Route, [String: String])?
        for entry in self.entries {
            guard let parameters = Self.match(entry.pattern, segments) else { continue }
            if entry.route.method == method {
                return .matched(entry.route, parameters: parameters)
            }
            if method == .head, entry.route.method == .get, headFallback == nil {
                headFallback = (entry.route, parameters)
            }
            if !allowed.contains(entry.route.method) {
                allowed.append(entry.route.method)
            }
        }
        if let (route, parameters) = headFallback {
            return .matched(route, parameters: parameters)
        }
        if allowed.isEmpty {
            return .notFound
        }
        if allowed.contains(.get) && !allowed.contains(.head) {
            allowed.append(.head)
        }
        return .methodNotAllowed(allowed: allowed)
    }

    private static func pattern(_ template: String) -> [PatternSegment] {
        let parts = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return parts.map { part in
            if part.hasPrefix("{") && part.hasSuffix("...}") {
                return .remainder(String(part.dropFirst().dropLast(4)))
            }
            if part.hasPrefix("{") && part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    private static func match(_ pattern: [PatternSegment], _ segments: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, patternSegment) in pattern.enumerated() {
            switch patternSegment {
            case .remainder(let name):
                let rest = segments.dropFirst(index)
                guard !rest.isEmpty, !rest.contains(where: \.isEmpty) else { return nil }
                parameters[name] = rest.joined(separator: "/")
                return parameters
            case .literal(let literal):
                guard index < segments.count, segments[index] == literal else { return nil }
            case .parameter(let name):
                guard index < segments.count, !segments[index].isEmpty else { return nil }
                parameters[name] = segments[index]
            }
        }
        return pattern.count == segments.count ? parameters : nil
    }

    struct PathError: Error {
        var reason: String
    }

    /// Splits the raw path at `/`, then percent-decodes each segment.
    static func decodeSegments(_ rawPath: Substring) -> Result<[String], PathError> {
        guard rawPath.hasPrefix("/") else {
            return .failure(PathError(reason: "the path must start with /"))
        }
        var decoded: [String] = []
        for rawSegment in rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = PercentDecoding.decode(rawSegment) else {
                return .failure(PathError(reason: "a path segment has an invalid percent escape or is not UTF-8"))
            }
            if segment.contains("/") || segment.utf8.contains(0) {
                return .failure(PathError(reason: "a path segment decodes to / or NUL"))
            }
            if segment == "." || segment == ".." {
                return .failure(PathError(reason: "a path segment is . or .."))
            }
            decoded.append(segment)
        }
        return .success(decoded)
    }
}
