import Foundation
import HTTPServer
import Testing

@testable import Gateway

/// Runs `body` with a new temporary folder and removes the folder afterwards.
func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("otgw-console-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
}

@Suite struct StaticFileServerTests {
    @Test func servesOnlyRegularVisibleFiles() throws {
        try withTemporaryFolder { folder in
            let root = folder + "/public"
            try FileManager.default.createDirectory(atPath: root + "/i18n", withIntermediateDirectories: true)
            try "body {}".write(toFile: root + "/console.css", atomically: true, encoding: .utf8)
            try "{}".write(toFile: root + "/i18n/en.json", atomically: true, encoding: .utf8)
            try "secret".write(toFile: root + "/.env.txt", atomically: true, encoding: .utf8)
            try "outside".write(toFile: folder + "/outside.txt", atomically: true, encoding: .utf8)
            try "binary".write(toFile: root + "/tool.exe", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                atPath: root + "/linked.txt",
                withDestinationPath: folder + "/outside.txt"
            )
            try FileManager.default.createSymbolicLink(atPath: root + "/linkdir", withDestinationPath: folder)

            let server = StaticFileServer(root: root)
            #expect(server.file(["console.css"])?.contentType == "text/css; charset=utf-8")
            #expect(server.file(["i18n", "en.json"])?.contents == Array("{}".utf8))
            #expect(server.file([".env.txt"]) == nil)
            #expect(server.file(["linked.txt"]) == nil)
            #expect(server.file(["linkdir", "outside.txt"]) == nil)
            #expect(server.file(["tool.exe"]) == nil)
            #expect(server.file(["i18n"]) == nil)
            #expect(server.file(["..", "outside.txt"]) == nil)
            #expect(server.file(["i18n", "..", "..", "outside.txt"]) == nil)
            #expect(server.file([]) == nil)
            #expect(server.file(["", "console.css"]) == nil)
            #expect(server.file(["a\\b.css"]) == nil)
        }
    }

    @Test func etagChangesWithContent() throws {
        try withTemporaryFolder { root in
            try "a".write(toFile: root + "/x.txt", atomically: true, encoding: .utf8)
            let server = StaticFileServer(root: root)
            let first = try #require(server.file(["x.txt"])?.etag)
            try "b".write(toFile: root + "/x.txt", atomically: true, encoding: .utf8)
            let second = try #require(server.file(["x.txt"])?.etag)
            #expect(first != second)
            #expect(first.hasPrefix("\"") && first.hasSuffix("\""))
            #expect(StaticFileServer.matches("*", etag: first))
            #expect(!StaticFileServer.matches(second, etag: first))
        }
    }
}

@Suite struct PublicDirectoryTests {
    @Test func environmentWinsThenWorkingDirectoryThenExecutable() throws {
        try withTemporaryFolder { folder in
            for name in ["configured", "cwd/public", "repo/public"] {
                try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
                try "<html>".write(toFile: folder + "/\(name)/index.html", atomically: true, encoding: .utf8)
            }
            try FileManager.default.createDirectory(
                atPath: folder + "/repo/.build/x86_64-unknown-linux-gnu/debug",
                withIntermediateDirectories: true
            )
            let executable = folder + "/repo/.build/x86_64-unknown-linux-gnu/debug/otgateway"
            let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path

            let configured = PublicDirectory.locate(
                environment: ["OTGW_PUBLIC_DIR": folder + "/configured"],
                currentDirectory: folder + "/cwd",
                executablePath: executable
            )
            #expect(configured == resolved + "/configured")
            let fromWorkingDirectory = PublicDirectory.locate(
                environment: [:],
                currentDirectory: folder + "/cwd",
                executablePath: executable
            )
            #expect(fromWorkingDirectory == resolved + "/cwd/public")
            let fromExecutable = PublicDirectory.locate(
                environment: [:],
                currentDirectory: folder + "/repo/.build",
                executablePath: executable
            )
            #expect(fromExecutable == resolved + "/repo/public")
            let missing = PublicDirectory.locate(
                environment: ["OTGW_PUBLIC_DIR": folder + "/none"],
                currentDirectory: folder + "/cwd",
                executablePath: executable
            )
            #expect(missing == nil)
        }
    }

    @Test func repositoryFolderIsFound() {
        #expect(
            PublicDirectory.locate(
                environment: [:],
                currentDirectory: "/nonexistent",
                executablePath: ProviderTestGateway.repositoryRoot.path + "/.build/debug/otgateway"
            ) != nil
        )
    }
}

@Suite struct PageLanguageTests {
    @Test func acceptLanguageUsesQuality() {
        #expect(PageLanguage.fromAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8") == .russian)
        #expect(PageLanguage.fromAcceptLanguage("en;q=0.5, ru;q=0.7") == .russian)
        #expect(PageLanguage.fromAcceptLanguage("de-DE, en;q=0.3") == .english)
        #expect(PageLanguage.fromAcceptLanguage("ru;q=0, en;q=0.1") == .english)
        #expect(PageLanguage.fromAcceptLanguage("de, fr") == nil)
        #expect(PageLanguage.fromAcceptLanguage("") == nil)
    }

    @Test func queryBeatsCookieBeatsHeader() {
        func request(_ target: String, _ headers: HTTPHeaders) -> Request {
            Request(method: .get, target: target, headers: headers)
        }
        let header: HTTPHeaders = ["Accept-Language": "ru", "Cookie": "a=b; otgw_lang=en"]
        #expect(PageLanguage.choose(for: request("/x?lang=ru", header)) == .init(language: .russian, fromQuery: true))
        #expect(PageLanguage.choose(for: request("/x", header)) == .init(language: .english, fromQuery: false))
        #expect(PageLanguage.choose(for: request("/x?lang=de", ["Accept-Language": "ru"])).language == .russian)
        #expect(PageLanguage.choose(for: request("/x", [:])).language == .english)
    }
}

@Suite struct ConsoleAuthenticatorTests {
    func request(_ authorization: String?) -> Request {
        Request(method: .get, target: "/console/", headers: authorization.map { ["Authorization": $0] } ?? [:])
    }

    func basic(_ text: String) -> String { "Basic " + Data(text.utf8).base64EncodedString() }

    @Test func checksUserAndPassword() {
        let authenticator = ConsoleAuthenticator(password: "pa:ss")
        #expect(authenticator.check(self.request(self.basic("operator:pa:ss"))) == .allowed)
        #expect(
            authenticator.check(self.request("basic " + Data("operator:pa:ss".utf8).base64EncodedString())) == .allowed
        )
        #expect(authenticator.check(self.request(self.basic("operator:pa"))) == .unauthorized)
        #expect(authenticator.check(self.request(self.basic("Operator:pa:ss"))) == .unauthorized)
        #expect(authenticator.check(self.request(self.basic("operatorpa:ss"))) == .unauthorized)
        #expect(authenticator.check(self.request("Basic %%%")) == .unauthorized)
        #expect(authenticator.check(self.request(nil)) == .unauthorized)
        #expect(ConsoleAuthenticator(password: nil).check(self.request(self.basic("operator:x"))) == .disabled)
        #expect(ConsoleAuthenticator.challenge.hasPrefix("Basic realm=\""))
    }
}

@Suite struct ConsoleTextTests {
    static let publicFolder = URL(fileURLWithPath: ProviderTestGateway.publicDirectory)

    static func keys(_ language: String) throws -> [String: String] {
        let data = try Data(contentsOf: self.publicFolder.appendingPathComponent("i18n/\(language).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }

    static func placeholders(_ text: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    @Test func bothLanguagesHaveSameKeys() throws {
        let english = try Self.keys("en")
        let russian = try Self.keys("ru")
        #expect(Set(english.keys) == Set(russian.keys))
        for (key, text) in english {
            #expect(Self.placeholders(text) == Self.placeholders(russian[key] ?? ""), "\(key)")
            #expect(!(russian[key] ?? "").isEmpty, "\(key)")
        }
    }

    @Test func pageAndScriptUseKnownKeys() throws {
        let english = try Self.keys("en")
        let html = try String(contentsOf: Self.publicFolder.appendingPathComponent("index.html"), encoding: .utf8)
        let script = try String(contentsOf: Self.publicFolder.appendingPathComponent("console.js"), encoding: .utf8)
        var used: Set<String> = []
        // `t('key'` in the script, but not `element('tr'` and the like.
        for (text, marker) in [(html, "data-i18n=\""), (script, " t('"), (script, "(t('")] {
            for part in text.components(separatedBy: marker).dropFirst() {
                let key = part.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !key.isEmpty { used.insert(String(key)) }
            }
        }
        #expect(used.count > 20)
        for key in used {
            // A key ending in `_` is a prefix the script completes with a state name.
            let known = key.hasSuffix("_") ? english.keys.contains { $0.hasPrefix(key) } : english[key] != nil
            #expect(known, "\(key) is used but missing from en.json")
        }
        #expect(!html.contains("<script>"))
        #expect(!html.contains("style=\""))
        #expect(!script.contains(".innerHTML"))
    }

    @Test func serverPageTextsMatchAcrossLanguages() {
        let english = Mirror(reflecting: PageTexts.english).children
        let russian = Dictionary(
            uniqueKeysWithValues: Mirror(reflecting: PageTexts.russian).children.map { ($0.label ?? "", $0.value) }
        )
        for child in english {
            let label = child.label ?? ""
            let englishText = child.value as? String ?? ""
            let russianText = russian[label] as? String ?? ""
            #expect(!englishText.isEmpty, "\(label)")
            #expect(!russianText.isEmpty, "\(label)")
            #expect(Self.placeholders(englishText) == Self.placeholders(russianText), "\(label)")
        }
    }

    @Test func fillEscapesTemplateAndValues() {
        let html = PageTexts.fill("A <b> {account}", ["account": "<script>\"'&"])
        #expect(html == "A &lt;b&gt; <strong>&lt;script&gt;&quot;&#39;&amp;</strong>")
        #expect(HTMLText.queryValue("tb buyer/ü") == "tb%20buyer%2F%C3%BC")
    }
}
