/// An OT error answer raised by a method: it becomes `ErrorCode`, `SubErrorCode` and
/// `ErrorDescription` of the envelope, with HTTP status 200 as OT does.
struct OTFailure: Error, Sendable, Equatable {
    var code: String
    var subCode: String?
    var description: String

    init(code: String, subCode: String? = nil, description: String) {
        self.code = code
        self.subCode = subCode
        self.description = description
    }

    init(_ injected: InjectedError) {
        self.init(code: injected.code, subCode: injected.subCode, description: injected.description)
    }

    /// The OT Box admin checks for `SessionExpired` as both code and sub code.
    static let sessionExpired = OTFailure(
        code: "SessionExpired",
        subCode: "SessionExpired",
        description: "The session has expired or is not valid for this method; authenticate again."
    )

    static func invalidInput(_ parameter: String, _ problem: String) -> OTFailure {
        OTFailure(
            code: "ContractViolation",
            subCode: "InvalidInputValue",
            description: "Parameter \(parameter) \(problem)."
        )
    }

    static func accessDenied(_ subCode: String?, _ description: String) -> OTFailure {
        OTFailure(code: "AccessDenied", subCode: subCode, description: description)
    }

    static func validation(_ description: String) -> OTFailure {
        OTFailure(code: "ValidationError", description: description)
    }

    static func notFound(_ description: String) -> OTFailure {
        OTFailure(code: "NotFound", description: description)
    }
}
