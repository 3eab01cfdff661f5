import Foundation
import Observability
import Testing

@testable import Gateway

/// A complete environment for `serve`, with distinctive secret values to search for in output.
private let serveEnvironment: [String: String] = [
    "OTGW_OTAPI_URL": "http://127.0.0.1:9090/service",
    "OTGW_INSTANCE_KEY": "instance-key-SECRET-1",
    "OTGW_API_SECRET": "api-secret-SECRET-2",
    "OTGW_OPERATOR_LOGIN": "operator",
    "OTGW_OPERATOR_PASSWORD": "operator-password-SECRET-3",
    "OTGW_CUSTOMER_LOGIN": "shop-customer",
    "OTGW_CUSTOMER_PASSWORD": "customer-password-SECRET-4",
    "OTGW_DELIVERY_MODE_ID": "77",
    "OTGW_API_TOKENS": "token-SECRET-5,token-SECRET-6",
    "OTGW_CONSOLE_PASSWORD": "console-password-SECRET-7",
    "OTGW_WEBHOOK_URL": "http://127.0.0.1:9999/hooks",
    "OTGW_WEBHOOK_SECRET": "webhook-secret-SECRET-8",
]

private let secretValues = [
    "instance-key-SECRET-1", "api-secret-SECRET-2", "operator-password-SECRET-3", "customer-password-SECRET-4",
    "token-SECRET-5", "token-SECRET-6", "console-password-SECRET-7", "webhook-secret-SECRET-8",
]

private func load(
    _ environment: [String: String],
    file: String? = nil,
    requireOTCredentials: Bool = false,
    insecureNoAuth: Bool = false
) throws(GatewayConfigurationError) -> GatewayConfiguration {
    try GatewayConfigurationLoader(
        environment: environment,
        configFilePath: file,
        requireOTCredentials: requireOTCredentials,
        insecureNoAuth: insecureNoAuth
    ).load()
}

/// Returns the problem lines of loading `environment`, or an empty list when it loads.
private func problems(_ environment: [String: String], requireOTCredentials: Bool = false) -> [String] {
    do {
        _ = try load(environment, requireOTCredentials: requireOTCredentials)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// Writes `text` to a fresh temporary file and returns its path.
private func temporaryFile(_ text: String, extension fileExtension: String = "conf") throws -> String {
    let path = NSTemporaryDirectory() + "otgw-config-\(UUID().uuidString).\(fileExtension)"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite struct ConfigurationDefaultsTests {
    @Test func variableNamesArePinned() {
        let names = ConfigurationVariable.allCases.map(\.name).sorted()
        #expect(
            names == [
                "OTGW_API_SECRET", "OTGW_API_TOKENS", "OTGW_AUTO_EXPORT", "OTGW_CA_FILE", "OTGW_CONSOLE_PASSWORD",
                "OTGW_CUSTOMER_LOGIN", "OTGW_CUSTOMER_PASSWORD", "OTGW_DATA_DIR", "OTGW_DELIVERY_MODE_ID",
                "OTGW_IDEMPOTENCY_TTL", "OTGW_INSTANCE_KEY", "OTGW_LANGUAGE", "OTGW_LISTEN", "OTGW_LOG_LEVEL",
                "OTGW_MAX_CONNECTIONS", "OTGW_OPERATOR_LOGIN", "OTGW_OPERATOR_PASSWORD", "OTGW_OTAPI_BINDING",
                "OTGW_OTAPI_MAX_CONNECTIONS", "OTGW_OTAPI_READ_TIMEOUT", "OTGW_OTAPI_URL", "OTGW_OTAPI_WRITE_TIMEOUT",
                "OTGW_OT_CALLS_PER_MINUTE", "OTGW_PROVIDER_TYPE", "OTGW_PUBLIC_URL", "OTGW_REJECT_TMALL",
                "OTGW_SESSION_WARN_HOURS", "OTGW_SOAP_NAMESPACE", "OTGW_SYNC_INTERVAL", "OTGW_USER_PROFILE_ID",
                "OTGW_WATCH_INTERVAL", "OTGW_WEBHOOK_SECRET", "OTGW_WEBHOOK_URL",
            ]
        )
    }

    @Test func secretVariablesArePinned() {
        let secrets = ConfigurationVariable.allCases.filter(\.isSecret).map(\.name).sorted()
        #expect(
            secrets == [
                "OTGW_API_SECRET", "OTGW_API_TOKENS", "OTGW_CONSOLE_PASSWORD", "OTGW_CUSTOMER_PASSWORD",
                "OTGW_INSTANCE_KEY", "OTGW_OPERATOR_PASSWORD", "OTGW_WEBHOOK_SECRET",
            ]
        )
    }

    @Test func defaultConstantsArePinned() {
        typealias Defaults = GatewayConfiguration.Defaults
        #expect(Defaults.listen == "127.0.0.1:8080")
        #expect(Defaults.otAPIURL == "http://127.0.0.1:9090/service")
        #expect(Defaults.otAPIBinding == .xml)
        #expect(Defaults.soapNamespace == "http://tempuri.org/")
        #expect(Defaults.language == "en")
        #expect(Defaults.providerType == "Taobao")
        #expect(Defaults.dataDirectory == "./data")
        #expect(Defaults.otAPIMaxConnections == 64)
        #expect(Defaults.otAPIReadTimeoutSeconds == 30)
        #expect(Defaults.otAPIWriteTimeoutSeconds == 60)
        #expect(Defaults.maxConnections == 10_000)
        #expect(Defaults.idempotencyTTLHours == 24)
        #expect(Defaults.rejectTmall == true)
        #expect(Defaults.autoExport == false)
        #expect(Defaults.sessionWarnHours == 20)
        #expect(Defaults.watchIntervalSeconds == 300)
        #expect(Defaults.syncIntervalSeconds == 1800)
        #expect(Defaults.otCallsPerMinute == 120)
        #expect(Defaults.logLevel == .info)
    }

    @Test func rangeConstantsArePinned() {
        typealias Defaults = GatewayConfiguration.Defaults
        #expect(Defaults.otAPIMaxConnectionsRange == 1...10_000)
        #expect(Defaults.otAPITimeoutSecondsRange == 1...3600)
        #expect(Defaults.maxConnectionsRange == 1...1_000_000)
        #expect(Defaults.idempotencyTTLHoursRange == 1...720)
        #expect(Defaults.sessionWarnHoursRange == 1...168)
        #expect(Defaults.watchIntervalSecondsRange == 10...86_400)
        #expect(Defaults.syncIntervalSecondsRange == 60...86_400)
        #expect(Defaults.otCallsPerMinuteRange == 1...10_000)
        #expect(GatewayConfiguration.maskedValue == "***")
        #expect(GatewayConfiguration.unsetValue == "(unset)")
    }

    @Test func emptyEnvironmentLoadsDefaults() throws {
        let configuration = try load([:])
        #expect(configuration.server.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.server.publicURL.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.server.maxConnections == 10_000)
        #expect(configuration.otAPI.url.absoluteString == "http://127.0.0.1:9090/service")
        #expect(configuration.otAPI.binding == .xml)
        #expect(configuration.otAPI.soapNamespace == "http://tempuri.org/")
        #expect(configuration.otAPI.instanceKey == nil)
        #expect(configuration.otAPI.apiSecret == nil)
        #expect(configuration.otAPI.language == "en")
        #expect(configuration.otAPI.caFile == nil)
        #expect(configuration.otAPI.maxConnections == 64)
        #expect(configuration.otAPI.readTimeout == .seconds(30))
        #expect(configuration.otAPI.writeTimeout == .seconds(60))
        #expect(configuration.accounts == GatewayConfiguration.Accounts())
        #expect(configuration.ordering.deliveryModeID == nil)
        #expect(configuration.ordering.userProfileID == nil)
        #expect(configuration.ordering.providerType == "Taobao")
        #expect(configuration.ordering.rejectTmall == true)
        #expect(configuration.ordering.autoExport == false)
        #expect(configuration.ordering.idempotencyTTL == .seconds(24 * 3600))
        #expect(configuration.access.apiTokens.isEmpty)
        #expect(configuration.access.insecureNoAuth == false)
        #expect(configuration.access.consolePassword == nil)
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.background.sessionWarnAge == .seconds(20 * 3600))
        #expect(configuration.background.watchInterval == .seconds(300))
        #expect(configuration.background.syncInterval == .seconds(1800))
        #expect(configuration.background.otCallsPerMinute == 120)
        #expect(configuration.webhook == nil)
        #expect(configuration.logLevel == .info)
    }
}

@Suite struct ConfigurationValidationTests {
    @Test func serveRequiresCredentialsAndTokens() {
        let lines = problems([:], requireOTCredentials: true)
        let subjects = lines.map { String($0.prefix { $0 != ":" }) }
        #expect(
            subjects.sorted() == [
                "OTGW_API_TOKENS", "OTGW_CUSTOMER_LOGIN", "OTGW_CUSTOMER_PASSWORD", "OTGW_DELIVERY_MODE_ID",
                "OTGW_INSTANCE_KEY", "OTGW_OPERATOR_LOGIN", "OTGW_OPERATOR_PASSWORD", "OTGW_OTAPI_URL",
            ]
        )
        #expect(lines.contains("OTGW_INSTANCE_KEY: required but not set; expected the OT API instance key"))
        #expect(
            lines.contains(
                "OTGW_API_TOKENS: required but not set; expected comma-separated bearer tokens for the shop "
                    + "backend, or start with --insecure-no-auth"
            )
        )
    }

    @Test func insecureNoAuthWaivesTokens() throws {
        var environment = serveEnvironment
        environment["OTGW_API_TOKENS"] = nil
        let configuration = try load(environment, requireOTCredentials: true, insecureNoAuth: true)
        #expect(configuration.access.apiTokens.isEmpty)
        #expect(configuration.access.insecureNoAuth)
    }

    @Test func completeServeEnvironmentLoads() throws {
        let configuration = try load(serveEnvironment, requireOTCredentials: true)
        #expect(configuration.otAPI.instanceKey == "instance-key-SECRET-1")
        #expect(configuration.otAPI.apiSecret == "api-secret-SECRET-2")
        #expect(configuration.accounts.operatorLogin == "operator")
        #expect(configuration.accounts.operatorPassword == "operator-password-SECRET-3")
        #expect(configuration.accounts.customerLogin == "shop-customer")
        #expect(configuration.accounts.customerPassword == "customer-password-SECRET-4")
        #expect(configuration.ordering.deliveryModeID == "77")
        #expect(configuration.access.apiTokens == ["token-SECRET-5", "token-SECRET-6"])
        #expect(configuration.access.consolePassword == "console-password-SECRET-7")
        #expect(configuration.webhook?.url.absoluteString == "http://127.0.0.1:9999/hooks")
        #expect(configuration.webhook?.secret == "webhook-secret-SECRET-8")
    }

    @Test func everyVariableIsParsed() throws {
        let caFile = try temporaryFile("-----BEGIN CERTIFICATE-----\n", extension: "pem")
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        let configuration = try load([
            "OTGW_LISTEN": "0.0.0.0:9000",
            "OTGW_PUBLIC_URL": "https://gateway.shop.example/base/",
            "OTGW_OTAPI_URL": "http://otapi-sim:9090/service/",
            "OTGW_OTAPI_BINDING": "SOAP11",
            "OTGW_SOAP_NAMESPACE": "urn:ot:api",
            "OTGW_LANGUAGE": "zh-CN",
            "OTGW_USER_PROFILE_ID": "profile-9",
            "OTGW_PROVIDER_TYPE": "Alibaba",
            "OTGW_DATA_DIR": "/var/lib/otgateway",
            "OTGW_CA_FILE": caFile,
            "OTGW_OTAPI_MAX_CONNECTIONS": "10000",
            "OTGW_OTAPI_READ_TIMEOUT": "5",
            "OTGW_OTAPI_WRITE_TIMEOUT": " 90 ",
            "OTGW_MAX_CONNECTIONS": "1",
            "OTGW_IDEMPOTENCY_TTL": "48",
            "OTGW_REJECT_TMALL": "no",
            "OTGW_AUTO_EXPORT": "YES",
            "OTGW_SESSION_WARN_HOURS": "12",
            "OTGW_WATCH_INTERVAL": "60",
            "OTGW_SYNC_INTERVAL": "600",
            "OTGW_OT_CALLS_PER_MINUTE": "30",
            "OTGW_LOG_LEVEL": "Debug",
        ])
        #expect(configuration.server.listen == ListenAddress(host: "0.0.0.0", port: 9000))
        #expect(configuration.server.publicURL.absoluteString == "https://gateway.shop.example/base")
        #expect(configuration.server.maxConnections == 1)
        #expect(configuration.otAPI.url.absoluteString == "http://otapi-sim:9090/service")
        #expect(configuration.otAPI.binding == .soap11)
        #expect(configuration.otAPI.soapNamespace == "urn:ot:api")
        #expect(configuration.otAPI.language == "zh-CN")
        #expect(configuration.otAPI.caFile == caFile)
        #expect(configuration.otAPI.maxConnections == 10_000)
        #expect(configuration.otAPI.readTimeout == .seconds(5))
        #expect(configuration.otAPI.writeTimeout == .seconds(90))
        #expect(configuration.ordering.userProfileID == "profile-9")
        #expect(configuration.ordering.providerType == "Alibaba")
        #expect(configuration.ordering.rejectTmall == false)
        #expect(configuration.ordering.autoExport == true)
        #expect(configuration.ordering.idempotencyTTL == .seconds(48 * 3600))
        #expect(configuration.dataDirectory == "/var/lib/otgateway")
        #expect(configuration.background.sessionWarnAge == .seconds(12 * 3600))
        #expect(configuration.background.watchInterval == .seconds(60))
        #expect(configuration.background.syncInterval == .seconds(600))
        #expect(configuration.background.otCallsPerMinute == 30)
        #expect(configuration.logLevel == .debug)
    }

    @Test(arguments: [
        ("OTGW_OTAPI_MAX_CONNECTIONS", "abc", #"expected an integer from 1 to 10000, got "abc""#),
        ("OTGW_OTAPI_MAX_CONNECTIONS", "0", #"expected an integer from 1 to 10000, got "0""#),
        ("OTGW_OTAPI_MAX_CONNECTIONS", "10001", #"expected an integer from 1 to 10000, got "10001""#),
        ("OTGW_OTAPI_READ_TIMEOUT", "1.5", #"expected an integer from 1 to 3600, got "1.5""#),
        ("OTGW_OTAPI_WRITE_TIMEOUT", "-1", #"expected an integer from 1 to 3600, got "-1""#),
        ("OTGW_MAX_CONNECTIONS", "+5", #"expected an integer from 1 to 1000000, got "+5""#),
        ("OTGW_IDEMPOTENCY_TTL", "721", #"expected an integer from 1 to 720, got "721""#),
        ("OTGW_SESSION_WARN_HOURS", "0", #"expected an integer from 1 to 168, got "0""#),
        ("OTGW_WATCH_INTERVAL", "9", #"expected an integer from 10 to 86400, got "9""#),
        ("OTGW_SYNC_INTERVAL", "59", #"expected an integer from 60 to 86400, got "59""#),
        (
            "OTGW_OT_CALLS_PER_MINUTE", "99999999999999999999",
            #"expected an integer from 1 to 10000, got "99999999999999999999""#
        ),
        ("OTGW_REJECT_TMALL", "maybe", #"expected true, false, 1, 0, yes or no, got "maybe""#),
        ("OTGW_AUTO_EXPORT", "on", #"expected true, false, 1, 0, yes or no, got "on""#),
        ("OTGW_OTAPI_BINDING", "rest", #"expected xml or soap11, got "rest""#),
        (
            "OTGW_LOG_LEVEL", "loud",
            #"expected one of trace, debug, info, notice, warning, error, critical, got "loud""#
        ),
        ("OTGW_LANGUAGE", "english!", #"expected a language code such as en, ru or zh-CN, got "english!""#),
        ("OTGW_SOAP_NAMESPACE", "no scheme", #"expected an absolute URI such as http://tempuri.org/, got "no scheme""#),
        (
            "OTGW_LISTEN", "8080",
            #"expected HOST:PORT with a port from 0 to 65535, such as 127.0.0.1:8080 or [::1]:8080, got "8080""#
        ),
        (
            "OTGW_OTAPI_URL", "ftp://files.example/service",
            #"expected an http or https URL with a host and no user, query or fragment, got "ftp://files.example/service""#
        ),
        (
            "OTGW_PUBLIC_URL", "gateway.shop.example",
            #"expected an http or https URL with a host and no user, query or fragment, got "gateway.shop.example""#
        ),
        (
            "OTGW_WEBHOOK_URL", "http://user:pw@127.0.0.1/hook",
            #"expected an http or https URL with a host and no user, query or fragment, got "http://user:pw@127.0.0.1/hook""#
        ),
        (
            "OTGW_CA_FILE", "/nonexistent/ca.pem",
            #"expected a readable PEM file, got "/nonexistent/ca.pem", which is missing or unreadable"#
        ),
        (
            "OTGW_DELIVERY_MODE_ID", "7\u{7}",
            "expected the id of the external zero-cost delivery mode without control characters, got \"7\u{7}\""
        ),
    ])
    func invalidValueIsReported(name: String, value: String, message: String) {
        var environment = ["OTGW_WEBHOOK_SECRET": "s"]
        environment[name] = value
        #expect(problems(environment) == ["\(name): \(message)"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let lines = problems([
            "OTGW_LISTEN": "nope",
            "OTGW_OTAPI_MAX_CONNECTIONS": "abc",
            "OTGW_LOG_LEVEL": "loud",
            "OTGW_REJECT_TMALL": "2",
        ])
        #expect(lines.count == 4)
    }

    @Test(arguments: ["true", "TRUE", "1", "yes", "Yes", " true "])
    func trueWordsAreAccepted(word: String) throws {
        #expect(try load(["OTGW_AUTO_EXPORT": word]).ordering.autoExport == true)
    }

    @Test(arguments: ["false", "False", "0", "no", "NO"])
    func falseWordsAreAccepted(word: String) throws {
        #expect(try load(["OTGW_REJECT_TMALL": word]).ordering.rejectTmall == false)
    }

    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080, "http://127.0.0.1:8080"),
        ("[::1]:8080", "::1", 8080, "http://[::1]:8080"),
        ("localhost:0", "localhost", 0, "http://localhost:0"),
        ("[::]:65535", "::", 65535, "http://[::]:65535"),
    ])
    func listenAddressSetsDefaultPublicURL(text: String, host: String, port: Int, publicURL: String) throws {
        let configuration = try load(["OTGW_LISTEN": text])
        #expect(configuration.server.listen.host == host)
        #expect(Int(configuration.server.listen.port) == port)
        #expect(configuration.server.listen.description == text)
        #expect(configuration.server.publicURL.absoluteString == publicURL)
    }

    @Test(arguments: ["::1:8080", "[::1]8080", "[::1]:", "host:65536", "host:-1", ":8080", "ho st:80", "[x]:80", "a:b"])
    func malformedListenAddressIsRejected(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }

    @Test func emptyValueCountsAsUnset() throws {
        let configuration = try load(["OTGW_LISTEN": "", "OTGW_LOG_LEVEL": ""])
        #expect(configuration.server.listen.description == "127.0.0.1:8080")
        #expect(configuration.logLevel == .info)
    }

    @Test func webhookURLNeedsSecret() {
        #expect(
            problems(["OTGW_WEBHOOK_URL": "http://127.0.0.1:9999/hooks"]) == [
                "OTGW_WEBHOOK_SECRET: required when OTGW_WEBHOOK_URL is set; expected the HMAC key that signs each push"
            ]
        )
    }

    @Test func tokenListIsSplitAndTrimmed() throws {
        let configuration = try load(["OTGW_API_TOKENS": " alpha , beta,,gamma= "])
        #expect(configuration.access.apiTokens == ["alpha", "beta", "gamma="])
    }

    @Test func invalidTokenIsReportedWithoutItsValue() {
        let lines = problems(["OTGW_API_TOKENS": "good-token,bad token-SECRET"])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("OTGW_API_TOKENS: expected comma-separated bearer tokens") == true)
        #expect(lines.first?.contains("SECRET") == false)
        #expect(lines.first?.contains("good-token") == false)
    }

    @Test func secretWithControlCharacterIsNotShown() {
        let lines = problems(["OTGW_CONSOLE_PASSWORD": "pass\u{1}word-SECRET"])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("OTGW_CONSOLE_PASSWORD: ") == true)
        #expect(lines.first?.contains("SECRET") == false)
    }
}

@Suite struct ConfigurationFileTests {
    @Test func keyValueFileIsRead() throws {
        let path = try temporaryFile(
            """
            # gateway settings
            OTGW_LISTEN = 127.0.0.1:8181

              # indented comment
            OTGW_CONSOLE_PASSWORD=pa#ss word
            OTGW_LANGUAGE="ru"
            OTGW_PROVIDER_TYPE='Taobao Global'
            OTGW_DATA_DIR=/srv/otgw/data
            """
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try load([:], file: path)
        #expect(configuration.server.listen.port == 8181)
        #expect(configuration.access.consolePassword == "pa#ss word")
        #expect(configuration.otAPI.language == "ru")
        #expect(configuration.ordering.providerType == "Taobao Global")
        #expect(configuration.dataDirectory == "/srv/otgw/data")
    }

    @Test func jsonFileIsRead() throws {
        let path = try temporaryFile(
            """
            {
              "OTGW_LISTEN": "[::1]:8282",
              "OTGW_OTAPI_MAX_CONNECTIONS": 16,
              "OTGW_AUTO_EXPORT": true,
              "OTGW_USER_PROFILE_ID": null,
              "OTGW_CUSTOMER_LOGIN": "покупатель"
            }
            """,
            extension: "json"
        )
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try load([:], file: path)
        #expect(configuration.server.listen.description == "[::1]:8282")
        #expect(configuration.otAPI.maxConnections == 16)
        #expect(configuration.ordering.autoExport == true)
        #expect(configuration.ordering.userProfileID == nil)
        #expect(configuration.accounts.customerLogin == "покупатель")
    }

    @Test func environmentWinsOverFile() throws {
        let path = try temporaryFile("OTGW_LISTEN=127.0.0.1:8181\nOTGW_LOG_LEVEL=debug\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try load(["OTGW_LISTEN": "127.0.0.1:8383", "OTGW_LOG_LEVEL": ""], file: path)
        #expect(configuration.server.listen.port == 8383)
        // An empty environment value counts as unset, so the file's value stays.
        #expect(configuration.logLevel == .debug)
    }

    @Test func fileValuesAreValidated() throws {
        let path = try temporaryFile("OTGW_OTAPI_MAX_CONNECTIONS=abc\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: GatewayConfigurationError.self) {
            try load([:], file: path)
        }
        do {
            _ = try load([:], file: path)
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    #"OTGW_OTAPI_MAX_CONNECTIONS: expected an integer from 1 to 10000, got "abc""#
                ]
            )
        }
    }

    @Test(arguments: [
        ("OTGW_LISTNE=127.0.0.1:1\n", #"line 1: unknown variable "OTGW_LISTNE""#),
        ("# comment\nOTGW_PASSWORD secret-value\n", "line 2: expected KEY=VALUE"),
        ("OTGW_LISTEN=127.0.0.1:1\nOTGW_LISTEN=127.0.0.1:2\n", "line 2: OTGW_LISTEN is already set on line 1"),
        (#"{"OTGW_LISTEN": "127.0.0.1:1", "OTGW_TYPO": "x"}"#, #"unknown variable "OTGW_TYPO""#),
        (#"{"OTGW_LISTEN": {"host": "x"}}"#, "OTGW_LISTEN: expected a string, number, boolean or null"),
        (#"{"OTGW_LISTEN": "127.0.0.1:1""#, "invalid JSON: expected an object of variable names and values"),
    ])
    func malformedFileIsReported(text: String, message: String) throws {
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try load([:], file: path)
            Issue.record("expected the file to be rejected")
        } catch {
            #expect(error.problems.map(\.description) == ["--config \(path): \(message)"])
            #expect(error.description.contains("secret-value") == false)
        }
    }

    @Test func missingFileIsReported() {
        let path = NSTemporaryDirectory() + "otgw-missing-\(UUID().uuidString).conf"
        do {
            _ = try load([:], file: path)
            Issue.record("expected a missing file to be rejected")
        } catch {
            #expect(error.problems.map(\.description) == ["--config \(path): file not found or not readable"])
        }
    }
}

@Suite struct ConfigurationPrintableTests {
    @Test func everyVariableIsPrintedOnceSorted() throws {
        let lines = try load(serveEnvironment).printable().split(separator: "\n").map(String.init)
        let names = lines.map { String($0.prefix { $0 != "=" }) }
        #expect(names == ConfigurationVariable.allCases.map(\.name).sorted())
    }

    @Test func noSecretValueIsPrinted() throws {
        let text = try load(serveEnvironment).printable()
        for secret in secretValues {
            #expect(!text.contains(secret), "secret \(secret.prefix(6))… appears in the output")
        }
        for variable in ConfigurationVariable.allCases where variable.isSecret {
            #expect(text.contains("\(variable.name)=***"))
        }
    }

    @Test func unsetSecretsAndOptionalsPrintUnset() throws {
        let text = try load([:]).printable()
        for variable in ConfigurationVariable.allCases where variable.isSecret {
            #expect(text.contains("\(variable.name)=(unset)"))
        }
        #expect(text.contains("OTGW_USER_PROFILE_ID=(unset)"))
        #expect(text.contains("OTGW_WEBHOOK_URL=(unset)"))
        #expect(text.contains("OTGW_CA_FILE=(unset)"))
    }

    @Test func defaultsPrintInEnvironmentForm() throws {
        let values = try load([:]).printableValues()
        #expect(values[.listen] == "127.0.0.1:8080")
        #expect(values[.publicURL] == "http://127.0.0.1:8080")
        #expect(values[.otAPIURL] == "(unset)")
        #expect(values[.otAPIBinding] == "xml")
        #expect(values[.soapNamespace] == "http://tempuri.org/")
        #expect(values[.language] == "en")
        #expect(values[.providerType] == "Taobao")
        #expect(values[.dataDirectory] == "./data")
        #expect(values[.otAPIMaxConnections] == "64")
        #expect(values[.otAPIReadTimeout] == "30")
        #expect(values[.otAPIWriteTimeout] == "60")
        #expect(values[.maxConnections] == "10000")
        #expect(values[.idempotencyTTL] == "24")
        #expect(values[.rejectTmall] == "true")
        #expect(values[.autoExport] == "false")
        #expect(values[.sessionWarnHours] == "20")
        #expect(values[.watchInterval] == "300")
        #expect(values[.syncInterval] == "1800")
        #expect(values[.otCallsPerMinute] == "120")
        #expect(values[.logLevel] == "info")
    }

    @Test func printedValuesLoadBackToTheSameConfiguration() throws {
        var environment = serveEnvironment
        environment["OTGW_LISTEN"] = "[::1]:8484"
        environment["OTGW_IDEMPOTENCY_TTL"] = "12"
        let configuration = try load(environment, requireOTCredentials: true)

        var reloadedEnvironment = environment
        for (variable, value) in configuration.printableValues() where !variable.isSecret && value != "(unset)" {
            reloadedEnvironment[variable.name] = value
        }
        #expect(try load(reloadedEnvironment, requireOTCredentials: true) == configuration)
    }
}

@Suite struct UnknownVariableTests {
    @Test func typosAreReportedAndKnownNamesAreNot() {
        let environment = [
            "OTGW_LISTEN": "127.0.0.1:8080",
            "OTGW_PUBLIC_DIR": "/srv/public",
            "OTGW_TYPO_VAR": "1",
            "OTGW_OPERATOR_PASSWROD": "x",
            "PATH": "/usr/bin",
        ]
        #expect(ConfigurationVariable.unknownNames(in: environment) == ["OTGW_OPERATOR_PASSWROD", "OTGW_TYPO_VAR"])
    }
}
