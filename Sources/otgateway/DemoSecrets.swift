/// The API token and console password `demo` generates at each start. They come from the
/// system's cryptographically secure generator, so a demo left running is not open to
/// guessing.
struct DemoSecrets: Sendable {
    /// Random bytes in each secret; printed as twice as many hex digits.
    static let tokenBytes = 24
    static let passwordBytes = 12

    var apiToken: String
    var consolePassword: String

    static func generate() -> DemoSecrets {
        var generator = SystemRandomNumberGenerator()
        return DemoSecrets(
            apiToken: self.hex(count: self.tokenBytes, using: &generator),
            consolePassword: self.hex(count: self.passwordBytes, using: &generator)
        )
    }

    static func hex(count: Int, using generator: inout SystemRandomNumberGenerator) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
