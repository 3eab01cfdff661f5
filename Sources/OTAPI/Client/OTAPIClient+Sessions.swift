extension OTAPIClient {
    /// Logs in as the instance operator. Returns the operator session id (`SessionId/Value`,
    /// or `SessionId` text). Does not touch the client's session cache.
    public func authenticateInstanceOperator(login: String, password: String) async throws(OTAPIError) -> String {
        let call = OTCall(
            .authenticateInstanceOperator,
            [OTParameter(OTParameterName.userLogin, login), OTParameter(OTParameterName.userPassword, password)]
        )
        return try await self.sessionId(from: self.perform(call), method: call.method)
    }

    /// Logs in as a customer. Returns the customer session id (`SessionId` text, or
    /// `SessionId/Value`). No guest session is passed: `sessionId` is sent empty.
    public func authenticate(
        login: String,
        password: String,
        rememberMe: Bool = false
    ) async throws(OTAPIError) -> String {
        let call = OTCall(
            .authenticate,
            [
                OTParameter(OTParameterName.sessionId, ""),
                OTParameter(OTParameterName.userLogin, login),
                OTParameter(OTParameterName.userPassword, password),
                OTParameter(OTParameterName.rememberMe, OTWireFormat.bool(rememberMe)),
            ]
        )
        return try await self.sessionId(from: self.perform(call), method: call.method)
    }

    private func sessionId(from envelope: OTEnvelope, method: String) throws(OTAPIError) -> String {
        let decoder = OTNodeDecoder(node: envelope.node, path: envelope.node.name, method: method)
        return try decoder.requiredID("SessionId")
    }

    /// Makes the login the session cache runs for `kind`. OT's rejection of the credentials, and
    /// a response without a session id, become `sessionLoginFailed`. Failures to reach OT keep
    /// their own error, so callers can tell "unreachable" from "misconfigured".
    func loginClosure(_ kind: OTSessionKind) -> SessionStore.Login {
        let configuration = self.configuration
        return { [self] () async throws(OTAPIError) -> String in
            do throws(OTAPIError) {
                switch kind {
                case .operator:
                    return try await self.authenticateInstanceOperator(
                        login: configuration.operatorLogin,
                        password: configuration.operatorPassword
                    )
                case .customer:
                    return try await self.authenticate(
                        login: configuration.customerLogin,
                        password: configuration.customerPassword
                    )
                }
            } catch {
                switch error.code {
                case .ot, .decoding, .sessionExpired, .soapFault:
                    throw OTAPIError(.sessionLoginFailed(session: kind, cause: error.description))
                default:
                    throw error
                }
            }
        }
    }
}
