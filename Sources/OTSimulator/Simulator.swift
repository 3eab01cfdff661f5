import Foundation
import HTTPServer
import Observability
import Synchronization

/// The embedded OT API simulator: one in-memory OT platform behind a lock, the HTTP routes
/// that serve it, and the fault API that tests and the control routes use.
public final class Simulator: Sendable {
    /// The configuration the simulator was started with; `reset()` returns to it.
    public let initialConfiguration: SimulatorConfiguration
    let core: Mutex<SimulatorCore>

    /// Creates the simulator, loading the state file when the configuration names one that
    /// exists. Throws when that file cannot be read or decoded.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) throws {
        self.initialConfiguration = configuration
        var state = SimulatorState(configuration: configuration)
        if let url = configuration.stateFile, let saved = try StateFile.load(from: url) {
            state = saved
        }
        self.core = Mutex(SimulatorCore(configuration: configuration, state: state))
    }

    /// A copy of the current OT state.
    public var state: SimulatorState {
        core.withLock { $0.state }
    }

    /// Changes the state directly, for tests that need a situation no OT call produces.
    public func updateState<Result>(_ body: (inout SimulatorState) throws -> Result) rethrows -> Result {
        try core.withLock { core in
            let result = try body(&core.state)
            saveLocked(core)
            return result
        }
    }

    /// The address the simulator is reachable at, used in provider login links.
    public var baseURL: String {
        get { core.withLock { $0.configuration.baseURL } }
        set { core.withLock { $0.configuration.baseURL = newValue } }
    }

    /// The simulator's current time: the configured clock plus any advance.
    public var now: Date {
        core.withLock { $0.now }
    }

    /// Every call received since the start or the last reset, oldest first.
    public var calls: [CallRecord] {
        core.withLock { $0.calls }
    }

    public func callCount(_ method: String) -> Int {
        core.withLock { $0.calls.count { $0.method == method } }
    }

    /// Runs one OT call without HTTP and returns the XML answer; response faults are ignored.
    public func call(_ method: String, _ parameters: [(name: String, value: String)]) -> String {
        let outcome = execute(method: method, parameters: parameters, parseError: nil)
        return outcome.body
    }

    func execute(method: String, parameters: [(name: String, value: String)], parseError: String?) -> CallOutcome {
        core.withLock { core in
            let before = core.state
            let outcome = core.execute(method: method, parameters: parameters, parseError: parseError)
            if core.state != before {
                saveLocked(core)
            }
            return outcome
        }
    }

    /// Saves with the lock held, so that files are written in the order of the changes.
    func saveLocked(_ core: SimulatorCore) {
        guard let url = core.configuration.stateFile else { return }
        do {
            try StateFile.save(core.state, to: url)
        } catch {
            core.configuration.logger.error(
                "Saving the simulator state failed",
                metadata: ["file": "\(url.path)", "error": "\(error)"]
            )
        }
    }
}
