import Foundation
import HTTPServer
import Testing

@testable import OTSimulator

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML response with path lookups such as `text("Result/SalesOrderInfo/Id")`.
struct XMLDocument {
    struct Element {
        var name: String
        var attributes: [String: String] = [:]
        var text = ""
        var children: [Element] = []

        func elements(_ path: String) -> [Element] {
            var current = [self]
            for part in path.split(separator: "/") {
                current = current.flatMap { $0.children.filter { $0.name == part } }
            }
            return current
        }

        func text(_ path: String) -> String? {
            elements(path).first?.text
        }
    }

    var root: Element

    var errorCode: String? { root.text("ErrorCode") }
    var subErrorCode: String? { root.text("SubErrorCode") }

    func text(_ path: String) -> String? { root.text(path) }
    func elements(_ path: String) -> [Element] { root.elements(path) }

    /// Parses `text`; records a test issue and returns nil when it is not well-formed.
    static func parse(_ text: String) -> XMLDocument? {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        let parsed = parser.parse()
        guard parsed, !builder.failed, let root = builder.root else { return nil }
        return XMLDocument(root: root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        var failed = false

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String]
        ) {
            stack.append(Element(name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            failed = true
        }
    }
}

struct UnparsableAnswer: Error {
    var body: String
}

/// A simulator with its router, called the way the HTTP server would call it.
struct Harness {
    let simulator: Simulator
    let router: Router
    static let loopback = "127.0.0.1:50000"

    init(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) throws {
        var configuration = SimulatorConfiguration()
        configuration.activityBehaviour = ActivityBehaviour(progress: .perPoll(steps: 2))
        configure(&configuration)
        simulator = try Simulator(configuration: configuration)
        router = simulator.makeRouter()
    }

    var instanceKey: String { simulator.initialConfiguration.instanceKeys[0] }

    /// Sends `request` through the router and returns the handler's response; a thrown
    /// problem becomes its response, as the HTTP server does it.
    func send(_ request: Request) async throws -> Response {
        guard
            case .matched(let route, let parameters) = router.resolve(method: request.method, rawPath: request.rawPath)
        else {
            Issue.record("no route for \(request.method) \(request.target)")
            return Response(status: .notFound)
        }
        var routed = request
        routed.pathParameters = parameters
        routed.routeTemplate = route.template
        do {
            return try await route.handler(routed)
        } catch let error as any HTTPResponseConvertible {
            return error.response(for: routed)
        }
    }

    /// Calls an OT method by form POST (or GET) with `instanceKey` and `language` added first.
    func call(
        _ method: String,
        _ parameters: [(String, String)] = [],
        get: Bool = false,
        path: String = "/service/",
        withKey: Bool = true
    ) async throws -> XMLDocument {
        var all: [(String, String)] = withKey ? [("instanceKey", instanceKey), ("language", "en")] : []
        all += parameters
        let response = try await send(Self.request(method, all, get: get, path: path))
        #expect(response.status == .ok)
        let body = String(decoding: response.body, as: UTF8.self)
        guard let document = XMLDocument.parse(body) else { throw UnparsableAnswer(body: body) }
        return document
    }

    static func request(_ method: String, _ parameters: [(String, String)], get: Bool, path: String = "/service/")
        -> Request
    {
        let form = formEncode(parameters)
        if get {
            return Request(method: .get, target: path + method + "?" + form, remoteAddress: loopback)
        }
        return Request(
            method: .post,
            target: path + method,
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array(form.utf8),
            remoteAddress: loopback
        )
    }

    static func formEncode(_ parameters: [(String, String)]) -> String {
        parameters.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    func operatorSession() async throws -> String {
        let config = simulator.initialConfiguration
        let answer = try await call(
            "AuthenticateInstanceOperator",
            [("userLogin", config.operatorLogin), ("userPassword", config.operatorPassword)]
        )
        return try #require(answer.text("SessionId/Value"))
    }

    func customerSession() async throws -> String {
        let config = simulator.initialConfiguration
        let answer = try await call(
            "Authenticate",
            [("userLogin", config.customerLogin), ("userPassword", config.customerPassword), ("rememberMe", "false")]
        )
        return try #require(answer.text("SessionId"))
    }

    /// `OrderAddData` for `lines` of (item id, configuration id, quantity); the comment is escaped.
    static func orderXML(_ lines: [(String, String, Int)], comment: String? = nil) -> String {
        var xml = "<OrderAddData><DeliveryModeId>FREE-EXT-1</DeliveryModeId><UserProfileId>200001</UserProfileId>"
        if let comment { xml += "<Comment>" + XMLNode.escape(comment, quotes: false) + "</Comment>" }
        xml += "<Items>"
        for (item, configuration, quantity) in lines {
            xml +=
                "<Item><Id>\(XMLNode.escape(item, quotes: false))</Id><ConfigurationId>\(configuration)</ConfigurationId>"
            xml += "<Quantity>\(quantity)</Quantity></Item>"
        }
        return xml + "</Items></OrderAddData>"
    }

    func addOrder(_ lines: [(String, String, Int)], comment: String? = nil, session: String) async throws -> XMLDocument
    {
        try await call("AddOrder", [("sessionId", session), ("xmlAddData", Self.orderXML(lines, comment: comment))])
    }

    /// Adds an order and pays it in full; returns its id.
    func paidOrder(_ lines: [(String, String, Int)] = [("600000000001", "0", 1)]) async throws -> String {
        let customer = try await customerSession()
        let operatorSession = try await operatorSession()
        let added = try await addOrder(lines, session: customer)
        let orderId = try #require(added.text("Result/Id"))
        let total = try #require(added.text("Result/TotalAmount"))
        _ = try await call(
            "PostTransaction",
            [
                ("sessionId", operatorSession), ("customerId", "100001"), ("amount", total), ("isDebit", "true"),
                ("comment", "test deposit"),
            ]
        )
        let reserved = try await call(
            "SalesPaymentReserve",
            [("sessionId", operatorSession), ("salesId", orderId), ("amount", total)]
        )
        #expect(reserved.errorCode == "Ok")
        return orderId
    }
}
