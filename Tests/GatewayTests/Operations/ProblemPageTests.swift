import Foundation
import HTTPServer
import Testing

@testable import Gateway

@Suite struct ProblemPageTests {
    @Test func catalogCoversInterfaceAndServerCodes() throws {
        let interfaceCodes = try RepositoryFiles.interfaceProblemCodes()
        #expect(interfaceCodes.count >= 28, "the error table was not found or shrank: \(interfaceCodes)")
        for code in interfaceCodes + ProblemCatalog.serverCodes {
            #expect(ProblemCatalog.description(for: code) != nil, "no page for \(code)")
        }
        #expect(ProblemCatalog.serverCodes.count == 7)
    }

    @Test func catalogCodesAreUniqueAndTextsFilled() {
        let codes = ProblemCatalog.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for problem in ProblemCatalog.all {
            for text in [problem.english, problem.russian] {
                #expect(!text.title.isEmpty, "\(problem.code)")
                #expect(!text.meaning.isEmpty, "\(problem.code)")
                #expect(!text.action.isEmpty, "\(problem.code)")
            }
            #expect(problem.english != problem.russian, "\(problem.code) has no Russian text")
            #expect((400...599).contains(problem.status), "\(problem.code)")
        }
    }

    @Test func openAPIProblemCodesMatchCatalog() throws {
        let yaml = try RepositoryFiles.text("openapi.yaml")
        let section = try #require(yaml.range(of: "    ProblemCode:"))
        let afterEnum = try #require(yaml.range(of: "      enum:\n", range: section.upperBound..<yaml.endIndex))
        var codes: [String] = []
        for line in yaml[afterEnum.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("        - ") else { break }
            codes.append(String(line.dropFirst(10)))
        }
        #expect(Set(codes) == Set(ProblemCatalog.all.map(\.code)))
    }

    @Test func pageServedUnderBothSpellings() async throws {
        let harness = try await GatewayHarness.start()
        for path in ["/problems/ot-session-expired", "/problems/ot_session_expired"] {
            let reply = try await harness.send("GET", path, authorization: nil)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
            #expect(reply.text.contains("OT session expired again"))
            #expect(reply.text.contains("<code>ot_session_expired</code>"))
        }
        await harness.stop()
    }

    @Test func pageHasSecurityHeaders() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("GET", "/problems/invalid-request", authorization: nil)
        #expect(reply.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(reply.headers["content-security-policy"]?.contains("script-src") == false)
        #expect(reply.headers["x-content-type-options"] == "nosniff")
        #expect(reply.headers["vary"] == "Accept-Language")
        #expect(!reply.text.contains("<script"))
        await harness.stop()
    }

    @Test func russianChosenByAcceptLanguage() async throws {
        let harness = try await GatewayHarness.start()
        let russian = try await harness.send(
            "GET",
            "/problems/ot-timeout",
            headers: ["Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"],
            authorization: nil
        )
        #expect(russian.text.contains("OT не ответил вовремя"))
        #expect(russian.text.contains("<html lang=\"ru\">"))
        #expect(russian.headers["content-language"] == "ru")

        let english = try await harness.send(
            "GET",
            "/problems/ot-timeout",
            headers: ["Accept-Language": "de, en;q=0.8, ru;q=0.2"],
            authorization: nil
        )
        #expect(english.text.contains("OT did not answer in time"))

        let switched = try await harness.send("GET", "/problems/ot-timeout?lang=ru", authorization: nil)
        #expect(switched.text.contains("Что делать"))
        await harness.stop()
    }

    @Test func unknownCodeIsNotFound() async throws {
        let harness = try await GatewayHarness.start()
        let reply = try await harness.send("GET", "/problems/no-such-problem", authorization: nil)
        #expect(reply.status == 404)
        #expect(reply.headers["content-type"] == "application/problem+json")
        #expect(reply.json?["code"] as? String == "not_found")
        let script = try await harness.send("GET", "/problems/%3Cscript%3E", authorization: nil)
        #expect(script.status == 404)
        #expect(!script.text.contains("<script>"))
        await harness.stop()
    }

    @Test func htmlEscapesMarkup() {
        #expect(HTMLText.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        var problem = ProblemCatalog.description(for: "not_found")!
        problem.english.meaning = "<img src=x onerror=alert(1)>"
        let page = ProblemPage.html(problem, .english)
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test(
        arguments: [
            (nil, nil, PageLanguage.english),
            (nil, "ru", .russian),
            (nil, "RU-ru", .russian),
            (nil, "en;q=0.9, ru", .russian),
            (nil, "ru;q=0, en", .english),
            (nil, "fr, de", .english),
            ("en", "ru", .english),
            ("ru", nil, .russian),
            ("xx", "ru", .russian),
        ] as [(String?, String?, PageLanguage)]
    )
    func languageChoice(query: String?, header: String?, expected: PageLanguage) {
        #expect(PageLanguage.choose(query: query, acceptLanguage: header) == expected)
    }
}
