import Testing

@testable import HTTPServer

@Suite struct RouterTests {
    private var router: Router {
        var router = Router()
        router.get("/orders/{id}") { _ in Response() }
        router.post("/orders", maxBodyBytes: 2048) { _ in Response() }
        router.post("/orders/{id}/pay") { _ in Response() }
        router.add(.delete, "/orders/{id}") { _ in Response() }
        router.get("/files/{path...}") { _ in Response() }
        return router
    }

    @Test func matchesTemplateAndDecodesParameters() throws {
        guard case .matched(let route, let parameters) = self.router.resolve(method: .get, rawPath: "/orders/ORD%2D1")
        else {
            Issue.record("expected a match")
            return
        }
        #expect(route.template == "/orders/{id}")
        #expect(parameters == ["id": "ORD-1"])
    }

    @Test func routeKeepsItsBodyLimit() {
        guard case .matched(let route, _) = self.router.resolve(method: .post, rawPath: "/orders") else {
            Issue.record("expected a match")
            return
        }
        #expect(route.maxBodyBytes == 2048)
    }

    @Test func unknownPathIsNotFound() {
        guard case .notFound = self.router.resolve(method: .get, rawPath: "/nothing") else {
            Issue.record("expected notFound")
            return
        }
        guard case .notFound = self.router.resolve(method: .get, rawPath: "/orders/1/pay/extra") else {
            Issue.record("expected notFound for a longer path")
            return
        }
    }

    @Test func otherMethodGives405WithAllow() {
        guard case .methodNotAllowed(let allowed) = self.router.resolve(method: .put, rawPath: "/orders/1") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == [.get, .delete, .head])
        let problem = Problem.methodNotAllowed(allowed: allowed)
        #expect(problem.headers["Allow"] == "GET, DELETE, HEAD")
    }

    @Test func headFallsBackToGet() {
        guard case .matched(let route, _) = self.router.resolve(method: .head, rawPath: "/orders/1") else {
            Issue.record("expected HEAD to match the GET route")
            return
        }
        #expect(route.method == .get)
    }

    @Test func encodedSlashCannotSplitSegments() {
        guard case .invalidPath = self.router.resolve(method: .get, rawPath: "/orders/a%2Fb") else {
            Issue.record("expected invalidPath for %2F")
            return
        }
    }

    @Test(arguments: ["/orders/..", "/orders/.", "/orders/%2E%2E", "/files/a/../b"])
    func dotSegmentsAreRejected(_ path: String) {
        guard case .invalidPath = self.router.resolve(method: .get, rawPath: path[...]) else {
            Issue.record("expected invalidPath for \(path)")
            return
        }
    }

    @Test(arguments: ["/orders/%zz", "/orders/%4", "/orders/%00", "/orders/%FF"])
    func badEscapesAreRejected(_ path: String) {
        guard case .invalidPath = self.router.resolve(method: .get, rawPath: path[...]) else {
            Issue.record("expected invalidPath for \(path)")
            return
        }
    }

    @Test func remainderParameterTakesRestOfPath() {
        guard case .matched(_, let parameters) = self.router.resolve(method: .get, rawPath: "/files/a/b%20c.txt") else {
            Issue.record("expected a match")
            return
        }
        #expect(parameters == ["path": "a/b c.txt"])
    }

    @Test func emptySegmentDoesNotMatchParameter() {
        guard case .notFound = self.router.resolve(method: .get, rawPath: "/orders/") else {
            Issue.record("expected notFound")
            return
        }
    }
}
