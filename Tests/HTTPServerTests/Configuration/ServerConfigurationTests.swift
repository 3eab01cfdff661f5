import Testing

@testable import HTTPServer

@Suite struct ServerConfigurationTests {
    @Test func defaultsArePinned() {
        let configuration = ServerConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.listenBacklog == 256)
        #expect(configuration.maxConnections == 10_000)
        #expect(configuration.maxRequestLineBytes == 8192)
        #expect(configuration.maxHeaderFieldBytes == 8192)
        #expect(configuration.maxHeaderBytes == 32768)
        #expect(configuration.maxHeaderCount == 100)
        #expect(configuration.maxBodyBytes == 1_048_576)
        #expect(configuration.maxRequestsPerConnection == 1000)
        #expect(configuration.headerReadTimeout == .seconds(10))
        #expect(configuration.bodyReadTimeout == .seconds(30))
        #expect(configuration.keepAliveIdleTimeout == .seconds(65))
        #expect(configuration.writeStallTimeout == .seconds(30))
        #expect(configuration.lingerTimeout == .seconds(2))
        #expect(configuration.writeHighWatermark == 65536)
        #expect(configuration.acceptBackoff == .seconds(1))
        #expect(configuration.gzipMinimumBytes == 1024)
    }

    @Test func internalConstantsArePinned() {
        #expect(ParserLimits.maxChunkLineBytes == 1024)
        #expect(ParserLimits.maxChunkFramingOverheadBytes == 65536)
        #expect(HTTPConnection.readChunkBytes == 65536)
        #expect(HTTPServer.maxAcceptsPerEvent == 128)
        #expect(Gzip.compressionLevel == 6)
    }

    @Test func limitsReachParserAndTimeouts() {
        let configuration = ServerConfiguration(maxHeaderCount: 7, maxBodyBytes: 99, headerReadTimeout: .seconds(3))
        #expect(configuration.parserLimits.maxHeaderCount == 7)
        #expect(configuration.parserLimits.maxBodyBytes == 99)
        #expect(configuration.timeoutLimits.headerRead == .seconds(3))
    }

    @Test func listenAddressParsing() throws {
        #expect(try ServerConfiguration.parseListenAddress("127.0.0.1:8080") == ("127.0.0.1", 8080))
        #expect(try ServerConfiguration.parseListenAddress("[::1]:0") == ("[::1]", 0))
        #expect(try ServerConfiguration.parseListenAddress("localhost:9090") == ("localhost", 9090))
        for invalid in ["127.0.0.1", "::1:80", ":80", "host:70000", "host:-1", "host:x"] {
            #expect(throws: ListenAddressError.self, "\(invalid)") {
                try ServerConfiguration.parseListenAddress(invalid)
            }
        }
    }
}
