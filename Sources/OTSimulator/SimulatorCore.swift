import Foundation
import Observability

/// The outcome of one OT call: the XML answer and any response fault to apply to it.
struct CallOutcome: Sendable {
    var body: String
    var fault: ResponseFault?
    var resultCode: String
    /// The answer's root element name and children, which the SOAP binding wraps differently;
    /// empty when a fault fired before the call ran.
    var answerType = ""
    var answerFields: [XMLNode] = []
}

/// Everything behind the simulator's lock: the OT state, the runtime settings, the faults and
/// the call log. Its methods run with the lock held, so each call sees and leaves one
/// consistent state.
struct SimulatorCore: Sendable {
    /// The configuration as changed at runtime (base URL, activity behaviour, lifetimes).
    var configuration: SimulatorConfiguration
    var state: SimulatorState
    var faults = FaultPlan()
    var calls: [CallRecord] = []

    init(configuration: SimulatorConfiguration, state: SimulatorState) {
        self.configuration = configuration
        self.state = state
    }

    var now: Date {
        configuration.clock().addingTimeInterval(state.clockOffsetSeconds)
    }

    /// Runs one OT call. `parseError` is set when the parameters could not be decoded.
    mutating func execute(
        method: String,
        parameters: [(name: String, value: String)],
        parseError: String?
    ) -> CallOutcome {
        let started = Date()
        let now = self.now
        let requestId = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let spec = MethodTable.methods[method]
        let answerType = spec?.answerType ?? "OtapiAnswer"

        if let fault = faults.takeResponseFault(method: method, afterApplying: false) {
            record(method, parameters, session: nil, now: now, code: "Fault", subCode: fault.rawValue)
            configuration.logger.info(
                "Response fault fired before the call",
                metadata: ["ot.method": "\(method)", "fault": "\(fault.rawValue)"]
            )
            return CallOutcome(body: "", fault: fault, resultCode: "Fault")
        }

        var session: Session?
        var failure: OTFailure?
        var payload: [XMLNode] = []
        do throws(OTFailure) {
            if let parseError {
                throw OTFailure.invalidInput("encoding", parseError)
            }
            let callParameters = CallParameters(parameters)
            try checkAccess(method: method, parameters: callParameters, now: now)
            guard let spec else {
                throw OTFailure.notFound("Method \(method) does not exist.")
            }
            if let injected = faults.takeError(method: method) {
                throw OTFailure(injected)
            }
            session = try resolveSession(spec.session, parameters: callParameters)
            let context = CallContext(
                parameters: callParameters,
                now: now,
                configuration: configuration,
                baseURL: configuration.baseURL,
                session: session
            )
            state.advanceActivities(now: now)
            var working = state
            payload = try spec.run(&working, context)
            state = working
        } catch {
            failure = error
        }

        let elapsed = Date().timeIntervalSince(started) * 1000
        let fields = AnswerEnvelope.fields(
            failure: failure,
            requestId: requestId,
            requestTimeMilliseconds: elapsed,
            payload: payload
        )
        let body = AnswerEnvelope.render(answerType: answerType, fields: fields)
        let code = failure?.code ?? "Ok"
        record(method, parameters, session: session?.kind, now: now, code: code, subCode: failure?.subCode)
        if let failure {
            configuration.logger.debug(
                "OT call failed",
                metadata: [
                    "ot.method": "\(method)", "ot.error_code": "\(failure.code)", "ot.request_id": "\(requestId)",
                ]
            )
        }
        let fault = faults.takeResponseFault(method: method, afterApplying: true)
        return CallOutcome(
            body: body,
            fault: fault,
            resultCode: code,
            answerType: answerType,
            answerFields: fields
        )
    }

    /// Checks the instance key and, when a secret is configured, the signature.
    private func checkAccess(method: String, parameters: CallParameters, now: Date) throws(OTFailure) {
        guard let key = parameters.optional("instanceKey"), configuration.instanceKeys.contains(key) else {
            throw OTFailure.accessDenied(nil, "The instance key is missing or unknown.")
        }
        if let secret = configuration.apiSecret {
            try RequestSignature.verify(method: method, parameters: parameters, secret: secret, now: now)
        }
    }

    /// Finds the session a method needs. A missing, unknown or wrong-kind session gets
    /// `SessionExpired`, as does a live one picked by an armed session-expiry fault (which
    /// then ends that session, as a real expiry would).
    private mutating func resolveSession(
        _ requirement: SessionRequirement,
        parameters: CallParameters
    ) throws(OTFailure) -> Session? {
        let wanted: SessionKind?
        switch requirement {
        case .none: return nil
        case .operator: wanted = .operator
        case .customer: wanted = .customer
        case .any: wanted = nil
        }
        guard let id = parameters.optional("sessionId"), let session = state.sessions[id] else {
            throw OTFailure.sessionExpired
        }
        if let wanted, session.kind != wanted {
            throw OTFailure.sessionExpired
        }
        if faults.takeSessionExpiry(kind: session.kind) {
            state.sessions[id] = nil
            configuration.logger.info(
                "Session expired by fault",
                metadata: ["session.kind": "\(session.kind.rawValue)"]
            )
            throw OTFailure.sessionExpired
        }
        return session
    }

    private mutating func record(
        _ method: String,
        _ parameters: [(name: String, value: String)],
        session: SessionKind?,
        now: Date,
        code: String,
        subCode: String?
    ) {
        calls.append(
            CallRecord(
                method: method,
                parameters: parameters,
                sessionKind: session,
                time: now,
                resultCode: code,
                subErrorCode: subCode
            )
        )
        if calls.count > SimulatorConfiguration.Defaults.callLogCapacity {
            calls.removeFirst(calls.count - SimulatorConfiguration.Defaults.callLogCapacity)
        }
    }
}
