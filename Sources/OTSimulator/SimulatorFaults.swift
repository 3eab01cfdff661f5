import Foundation

/// The fault API: what the `/_sim/` control routes do, callable from Swift.
extension Simulator {
    /// Returns to the initial state and configuration (keeping the base URL), and clears the
    /// faults and the call log.
    public func reset() {
        core.withLock { core in
            let baseURL = core.configuration.baseURL
            var configuration = initialConfiguration
            configuration.baseURL = baseURL
            core = SimulatorCore(configuration: configuration, state: SimulatorState(configuration: configuration))
            saveLocked(core)
        }
    }

    /// Delays every answer of `method` (or of all methods with `"*"`); nil removes the delay.
    public func setLatency(_ latency: Duration?, method: String = "*") {
        core.withLock { $0.faults.latency[method] = latency }
    }

    func latency(for method: String) -> Duration {
        core.withLock { $0.faults.latency(for: method) }
    }

    /// Makes the next `count` calls that use a live session of `kind` (any kind when nil)
    /// fail with `SessionExpired`, ending each session they hit.
    public func expireSessionsOnNextCalls(_ count: Int, kind: SessionKind? = nil) {
        core.withLock { $0.faults.sessionExpiry.append(.init(remaining: count, kind: kind)) }
    }

    /// Ends every session of `kind` (all when nil) now.
    public func expireSessions(kind: SessionKind? = nil) {
        core.withLock { core in
            core.state.sessions = core.state.sessions.filter { kind != nil && $0.value.kind != kind }
            saveLocked(core)
        }
    }

    /// Answers the next `count` calls of `method` (`"*"` for any) with `error` instead of
    /// running them.
    public func injectError(_ error: InjectedError, method: String, count: Int = 1) {
        core.withLock { $0.faults.errors.append(.init(method: method, error: error, remaining: count)) }
    }

    /// Spoils the answers of the next `count` calls of `method`. With `afterApplying` the
    /// call takes effect first, so the client cannot know that it did.
    public func injectResponseFault(_ fault: ResponseFault, method: String, count: Int = 1, afterApplying: Bool = true)
    {
        core.withLock {
            $0.faults.responses.append(
                .init(method: method, fault: fault, remaining: count, afterApplying: afterApplying)
            )
        }
    }

    public func clearFaults() {
        core.withLock { $0.faults = FaultPlan() }
    }

    /// Moves the simulator's clock forward; timed activities and session lifetimes follow it.
    public func advanceClock(by duration: Duration) {
        core.withLock { core in
            core.state.clockOffsetSeconds += duration.seconds
            core.state.advanceActivities(now: core.now)
            saveLocked(core)
        }
    }

    public func setActivityBehaviour(_ behaviour: ActivityBehaviour) {
        core.withLock { $0.configuration.activityBehaviour = behaviour }
    }

    public func setProviderSessionLifetime(_ lifetime: Duration) {
        core.withLock { $0.configuration.providerSessionLifetime = lifetime }
    }

    /// Revokes the provider session `id`, or every provider session when nil, as a
    /// marketplace revoking the login would.
    public func revokeProviderSessions(id: String? = nil) {
        core.withLock { core in
            for index in core.state.providerSessions.indices
            where id == nil || core.state.providerSessions[index].id == id {
                core.state.providerSessions[index].isRevoked = true
            }
            saveLocked(core)
        }
    }

    public func setOrdersIntegration(_ flags: OrdersIntegrationFlags) {
        core.withLock { core in
            core.state.ordersIntegration = flags
            saveLocked(core)
        }
    }
}
