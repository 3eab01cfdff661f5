import Foundation
import Testing

@testable import OTAPI

@Suite("Wire format")
struct WireFormatTests {
    @Test("form encoding keeps only unreserved characters")
    func percentEncoding() {
        #expect(FormEncoding.percentEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(FormEncoding.percentEncode("a b+c&d=e%f/g?h#i") == "a%20b%2Bc%26d%3De%25f%2Fg%3Fh%23i")
        #expect(FormEncoding.percentEncode("Ж😀") == "%D0%96%F0%9F%98%80")
        #expect(FormEncoding.percentEncode("<a>\"'") == "%3Ca%3E%22%27")
    }

    @Test("form body joins encoded pairs in order")
    func formBody() {
        let body = FormEncoding.body([
            OTParameter("instanceKey", "k"), OTParameter("comment", "Tom & Jerry"), OTParameter("x", ""),
        ])
        #expect(body == "instanceKey=k&comment=Tom%20%26%20Jerry&x=")
    }

    @Test("form decoding reverses encoding")
    func formDecoding() throws {
        let parameters = [
            OTParameter("comment", "Tom & Jerry <b> a+b=c 100% кириллица 😀"),
            OTParameter("empty", ""),
            OTParameter("xmlAddData", "<OrderAddData><Comment>&amp;</Comment></OrderAddData>"),
        ]
        #expect(FormEncoding.decode(FormEncoding.body(parameters)) == parameters)
        #expect(FormEncoding.decode("a=b+c&d") == [OTParameter("a", "b c"), OTParameter("d", "")])
        #expect(FormEncoding.decode("") == [])
        #expect(FormEncoding.decode("a=%zz") == nil)
        #expect(FormEncoding.decode("a=%4") == nil)
        #expect(FormEncoding.decode("a=%FF") == nil)
    }

    @Test("method URL has exactly one slash whatever the base ends with")
    func methodURL() {
        let cases = [
            ("http://127.0.0.1:9/service", "http://127.0.0.1:9/service/AddOrder"),
            ("http://127.0.0.1:9/service/", "http://127.0.0.1:9/service/AddOrder"),
            ("http://127.0.0.1:9/service//", "http://127.0.0.1:9/service/AddOrder"),
            ("http://127.0.0.1:9/OtapiWebService2.asmx", "http://127.0.0.1:9/OtapiWebService2.asmx/AddOrder"),
            ("http://127.0.0.1:9/OtapiWebService2.asmx/", "http://127.0.0.1:9/OtapiWebService2.asmx/AddOrder"),
        ]
        for (base, expected) in cases {
            #expect(OTRequestBuilder.methodURL(base: base, method: "AddOrder") == expected)
        }
    }

    @Test("decimals use a point and no exponent")
    func decimals() {
        let cases = [
            ("100.10", "100.1"), ("1e2", "100"), ("0.29", "0.29"), ("1E-8", "0.00000001"), ("-5.5", "-5.5"),
            ("12345678901234.56", "12345678901234.56"),
        ]
        for (input, expected) in cases {
            let value = Decimal(string: input, locale: Locale(identifier: "en_US_POSIX"))!
            #expect(OTWireFormat.decimal(value) == expected)
        }
    }

    @Test("booleans, timestamps and dates are fixed formats in UTC")
    func fixedFormats() {
        #expect(OTWireFormat.bool(true) == "true")
        #expect(OTWireFormat.bool(false) == "false")
        #expect(OTWireFormat.timestamp(TestConfiguration.fixedDate) == "20210212114345")
        #expect(OTWireFormat.dateTime(TestConfiguration.fixedDate) == "2021-02-12T11:43:45")
    }

    @Test("strict number parsing rejects prefixes and grouping")
    func numberParsing() {
        #expect(OTNumberParser.decimal("39.98") == Decimal(string: "39.98"))
        #expect(OTNumberParser.decimal("-10.5") == Decimal(string: "-10.5"))
        for bad in ["12abc", "1,5", "1e2", "", "-", ".5", "5.", "1 000", "NaN"] {
            #expect(OTNumberParser.decimal(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test("defaults and limits are pinned")
    func pinnedDefaults() {
        #expect(OTAPIConfiguration.defaultSOAPNamespace == "http://tempuri.org/")
        #expect(OTAPIConfiguration.defaultLanguage == "en")
        #expect(OTAPIConfiguration.defaultReadTimeout == .seconds(30))
        #expect(OTAPIConfiguration.defaultWriteTimeout == .seconds(60))
        #expect(OTAPIConfiguration.defaultConnectTimeout == .seconds(10))
        #expect(RetryPolicy.defaultMaxAttempts == 3)
        #expect(RetryPolicy.defaultBaseDelay == .milliseconds(100))
        #expect(RetryPolicy.defaultMaxDelay == .seconds(2))
        #expect(OTAPIError.maxSnippetBytes == 512)
        #expect(OTAPIClient.retryableStatuses == [502, 503, 504])
    }

    @Test("retry delay doubles, is capped and scaled by jitter")
    func retryDelay() {
        let policy = RetryPolicy()
        #expect(policy.delay(beforeRetry: 1, jitter: 1) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 2, jitter: 1) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, jitter: 1) == .milliseconds(400))
        #expect(policy.delay(beforeRetry: 10, jitter: 1) == .seconds(2))
        #expect(policy.delay(beforeRetry: 2, jitter: 0.5) == .milliseconds(100))
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test("body snippets stay within 512 bytes on character boundaries")
    func snippets() {
        let long = Array(String(repeating: "Ж", count: 400).utf8)
        let snippet = OTAPIError.snippet(long)
        #expect(snippet.utf8.count <= 512)
        #expect(snippet.allSatisfy { $0 == "Ж" })
        #expect(OTAPIError.snippet([0xFF, 0x41]) == "\u{FFFD}A")
    }

    @Test("money keeps two fraction digits", arguments: [
        ("100.10", "100.10"), ("118", "118.00"), ("0.29", "0.29"), ("19.9", "19.90"), ("0.001", "0.001"),
    ])
    func moneyFormat(input: String, expected: String) throws {
        let value = try #require(Decimal(string: input, locale: Locale(identifier: "en_US_POSIX")))
        #expect(OTWireFormat.money(value) == expected)
    }
}
