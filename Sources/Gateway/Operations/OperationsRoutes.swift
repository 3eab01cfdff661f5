import HTTPServer
import Observability

/// Routes for readiness, problem pages and the OpenAPI document; none needs authentication.
enum OperationsRoutes {
    static func register(into router: inout Router, context: RouteContext) {
        let probe = ReadinessProbe(services: context.services)
        router.get("/readyz") { _ in
            let report = await probe.check()
            return self.readinessResponse(report)
        }

        let document = OpenAPIDocument.load()
        if let document {
            context.services.logger.debug("OpenAPI document loaded", metadata: ["path": .string(document.path)])
        } else {
            context.services.logger.warning(
                "openapi.yaml not found; GET /openapi.yaml returns 404 until it is installed",
                metadata: ["searched": .string(OpenAPIDocument.defaultCandidates().joined(separator: ", "))]
            )
        }
        router.get("/openapi.yaml") { _ in
            guard let document else {
                throw Problem.notFound(
                    "openapi.yaml was not found next to the executable or in the working directory."
                )
            }
            return Response(
                status: .ok,
                headers: ["Content-Type": "application/yaml; charset=utf-8", "Cache-Control": "no-cache"],
                body: document.bytes
            )
        }

        router.get("/problems/{code}") { request in
            let code = request.pathParameters["code"] ?? ""
            guard let problem = ProblemCatalog.description(for: code) else {
                throw Problem.notFound("No problem page exists for this code.")
            }
            let query = request.rawQuery.flatMap(PercentDecoding.queryItems)
            let language = PageLanguage.choose(
                query: query?.last { $0.name == "lang" }?.value,
                acceptLanguage: request.headers["Accept-Language"]
            )
            return ProblemPage.response(for: problem, language: language)
        }
    }

    static func readinessResponse(_ report: ReadinessReport) -> Response {
        if report.isReady {
            return .json(.object([("status", .string("ready"))]))
        }
        let body = JSONValue.object([
            ("status", .string("not_ready")),
            ("reasons", .array(report.reasons.map(JSONValue.string))),
        ])
        return .json(body, status: .serviceUnavailable, headers: ["Cache-Control": "no-store"])
    }
}
