import Foundation

/// Which login a method needs in `sessionId`.
enum SessionRequirement: Sendable {
    case none
    case `operator`
    case customer
    /// Either kind of login.
    case any
}

/// What a method runs with besides the state.
struct CallContext: Sendable {
    var parameters: CallParameters
    var now: Date
    var configuration: SimulatorConfiguration
    var baseURL: String
    var session: Session?
}

/// One OT method the simulator serves.
struct MethodSpec: Sendable {
    var answerType: String
    var session: SessionRequirement
    var run: @Sendable (inout SimulatorState, CallContext) throws(OTFailure) -> [XMLNode]
}

/// The methods the simulator serves, by OT method name.
enum MethodTable {
    static let methods: [String: MethodSpec] = {
        var table: [String: MethodSpec] = [:]
        for (name, spec) in AccountMethods.all + OrderMethods.all + PaymentMethods.all + ProviderMethods.all
            + CatalogMethods.all
        {
            table[name] = spec
        }
        return table
    }()
}
