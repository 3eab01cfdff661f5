import Foundation

/// One OT call the simulator received, for tests that count or inspect calls.
public struct CallRecord: Sendable, Codable, Equatable {
    public var method: String
    /// Parameters in the order received; `userPassword` and `signature` are masked.
    public var parameters: [Parameter]
    public var sessionKind: SessionKind?
    public var time: Date
    /// `Ok`, an OT error code, or `Fault` when a response fault replaced the call.
    public var resultCode: String
    public var subErrorCode: String?

    public struct Parameter: Sendable, Codable, Equatable {
        public var name: String
        public var value: String
    }

    static let maskedParameters: Set<String> = ["userPassword", "signature"]
    static let mask = "***"

    init(
        method: String,
        parameters: [(name: String, value: String)],
        sessionKind: SessionKind?,
        time: Date,
        resultCode: String,
        subErrorCode: String?
    ) {
        self.method = method
        self.parameters = parameters.map {
            Parameter(name: $0.name, value: Self.maskedParameters.contains($0.name) ? Self.mask : $0.value)
        }
        self.sessionKind = sessionKind
        self.time = time
        self.resultCode = resultCode
        self.subErrorCode = subErrorCode
    }

    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }
}
