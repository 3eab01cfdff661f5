import Testing

@testable import HTTPServer

@Suite struct GzipTests {
    @Test func roundTripThroughZlibInflate() throws {
        let text = Array(String(repeating: "{\"id\":\"ORD-0000000123\",\"status\":\"paid\"},", count: 200).utf8)
        let compressed = try #require(Gzip.compress(text))
        #expect(compressed.count < text.count)
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(inflate(compressed) == text)
    }

    @Test func roundTripOfIncompressibleAndEmptyInput() throws {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(inflate(try #require(Gzip.compress(random))) == random)
        #expect(inflate(try #require(Gzip.compress([]))) == [])
    }

    @Test(arguments: [
        ("gzip", true),
        ("gzip, deflate, br", true),
        ("GZIP", true),
        ("x-gzip", true),
        ("deflate", false),
        ("gzip;q=0", false),
        ("gzip; q=0.0", false),
        ("gzip;q=0.5", true),
        ("*", true),
        ("*;q=0", false),
        ("*, gzip;q=0", false),
        ("identity", false),
        ("gzip;q=bad", false),
        ("", false),
    ])
    func acceptEncoding(_ value: String, _ accepted: Bool) {
        #expect(ContentNegotiation.acceptsGzip(["Accept-Encoding": value]) == accepted)
    }

    @Test func missingAcceptEncodingRefusesGzip() {
        #expect(!ContentNegotiation.acceptsGzip(HTTPHeaders()))
    }

    @Test func compressibleMediaTypes() {
        #expect(ContentNegotiation.isCompressible(contentType: "application/json"))
        #expect(ContentNegotiation.isCompressible(contentType: "application/problem+json"))
        #expect(ContentNegotiation.isCompressible(contentType: "text/html; charset=utf-8"))
        #expect(ContentNegotiation.isCompressible(contentType: "Application/JSON"))
        #expect(!ContentNegotiation.isCompressible(contentType: "image/png"))
        #expect(!ContentNegotiation.isCompressible(contentType: "application/octet-stream"))
        #expect(!ContentNegotiation.isCompressible(contentType: nil))
    }
}
