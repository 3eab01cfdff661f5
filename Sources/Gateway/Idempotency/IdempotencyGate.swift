import Foundation
import HTTPServer
import Observability
import Store
import Synchronization

/// Makes POST requests with an `Idempotency-Key` safe to retry.
///
/// A key is claimed for its scope (token hash, method, route) with a hash of the request body.
/// The pending record, with a fresh attempt id, is committed before the handler runs, so it
/// is on disk before any OT call. When the handler ends with a 2xx or 4xx (other than the
/// in-progress 409) its response is stored and replayed for the key with
/// `Idempotent-Replayed: true` until the time to live ends. After a 5xx, or when the process
/// stopped while the request ran, the record stays pending: the next request with the key
/// resumes the same attempt, and the handler reconciles before it writes again.
///
/// Which pending keys are running is known only to this process. NOTE: two gateway processes
/// sharing one data directory would each resume the other's running requests.
public final class IdempotencyGate: Sendable {
    public static let inUseCode = "idempotency_key_in_use"
    public static let reusedCode = "idempotency_key_reused"

    /// Thrown by a handler whose request certainly had no effect at OT (it failed before any
    /// write was sent, or OT returned an error for the write). The problem becomes the
    /// response; after a 5xx the key is released instead of left pending, so the next request
    /// starts a new attempt at once instead of reconciling.
    public struct NothingApplied: Error, Sendable {
        public var problem: Problem

        public init(_ problem: Problem) {
            self.problem = problem
        }
    }

    private struct RunningKey: Hashable {
        var scope: IdempotencyScope
        var key: String
    }

    private let store: Store
    private let timeToLive: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let outcomes: CounterFamily
    /// Keys whose request is running in this process; a pending record not listed here was
    /// left behind by a 5xx or a stopped process.
    private let running = Mutex<Set<RunningKey>>([])

    public init(
        store: Store,
        timeToLive: Duration,
        now: @escaping @Sendable () -> Date,
        logger: Logger,
        metrics: MetricsRegistry
    ) {
        self.store = store
        self.timeToLive = timeToLive
        self.now = now
        self.logger = logger
        self.outcomes = metrics.counter(
            "otgw_idempotency_requests_total",
            help: "Requests with an Idempotency-Key, by outcome (new, resumed, replayed, in_use, reused).",
            labelNames: ["outcome"]
        )
    }

    public convenience init(services: GatewayServices) {
        self.init(
            store: services.store,
            timeToLive: services.configuration.ordering.idempotencyTTL,
            now: services.now,
            logger: services.logger.with(["component": "idempotency"]),
            metrics: services.metrics
        )
    }

    /// Runs `body` at most once per key and returns its response, or the stored response of
    /// an earlier request with the same key and body.
    ///
    /// Without a key, `body` runs with a fresh attempt and nothing is stored. A `Problem` or
    /// `NothingApplied` thrown by `body` becomes its response (and is stored when final).
    /// Other errors leave the record pending and are rethrown. Throws 409 `idempotency_key_in_use` while another
    /// request with the key runs, and 422 `idempotency_key_reused` when the body differs.
    public func perform(
        _ request: Request,
        key: String?,
        scope: IdempotencyScope,
        requestHash: String,
        _ body: (IdempotencyAttempt) async throws -> Response
    ) async throws -> Response {
        guard let key else {
            let attempt = IdempotencyAttempt(
                id: IdempotencyAttempt.makeID(),
                isResumed: false,
                key: nil,
                startedAt: self.now()
            )
            return try await self.run(request, attempt: attempt, body).response
        }

        let running = RunningKey(scope: scope, key: key)
        let alreadyRunning = self.running.withLock { keys in !keys.insert(running).inserted }
        if alreadyRunning {
            try await self.rejectWhileRunning(key: key, scope: scope, requestHash: requestHash)
        }
        defer { _ = self.running.withLock { $0.remove(running) } }

        switch try await self.claim(key: key, scope: scope, requestHash: requestHash) {
        case .replay(let stored):
            self.outcomes.increment(["replayed"])
            return StoredResponse.replay(stored)
        case .run(let attempt):
            self.outcomes.increment([attempt.isResumed ? "resumed" : "new"])
            let outcome = try await self.run(request, attempt: attempt, body)
            await self.settle(key: key, scope: scope, attempt: attempt, outcome: outcome)
            return outcome.response
        }
    }

    /// Deletes records past their time to live; returns how many were deleted.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        try await self.store.purgeExpiredIdempotencyRecords(now: UnixTime.milliseconds(from: self.now()))
    }

    // MARK: Steps

    private enum Claimed {
        case replay(IdempotencyResponse)
        case run(IdempotencyAttempt)
    }

    /// Inserts a pending record, or decides from the live record that already has the key.
    private func claim(key: String, scope: IdempotencyScope, requestHash: String) async throws -> Claimed {
        let started = self.now()
        let createdAt = UnixTime.milliseconds(from: started)
        let expiresAt = createdAt + Self.milliseconds(self.timeToLive)
        let attemptID = IdempotencyAttempt.makeID()
        let claim = try await self.store.insertPendingIdempotencyRecord(
            key: key,
            scope: scope,
            requestHash: requestHash,
            attemptID: attemptID,
            createdAt: createdAt,
            expiresAt: expiresAt
        )
        let record: IdempotencyRecord
        switch claim {
        case .inserted:
            return .run(IdempotencyAttempt(id: attemptID, isResumed: false, key: key, startedAt: started))
        case .existing(let existing):
            record = existing
        }

        switch IdempotencyDecision.decide(record: record, requestHash: requestHash, isRunning: false) {
        case .replay(let response):
            return .replay(response)
        case .resume(let storedAttemptID):
            self.logger.notice(
                "resuming an idempotent request left pending",
                metadata: [
                    "idempotency.route": .string(scope.route),
                    "idempotency.attempt_id": .string(storedAttemptID ?? attemptID),
                ]
            )
            return .run(
                IdempotencyAttempt(
                    id: storedAttemptID ?? attemptID,
                    isResumed: true,
                    key: key,
                    startedAt: UnixTime.date(fromMilliseconds: record.createdAt)
                )
            )
        case .reused:
            self.outcomes.increment(["reused"])
            throw Self.reusedProblem()
        case .inUse:
            self.outcomes.increment(["in_use"])
            throw Self.inUseProblem()
        }
    }

    /// Throws the problem for a key another request of this process is working on.
    private func rejectWhileRunning(key: String, scope: IdempotencyScope, requestHash: String) async throws {
        let record = try await self.store.idempotencyRecord(key: key, scope: scope)
        let nowMilliseconds = UnixTime.milliseconds(from: self.now())
        if let record, record.expiresAt > nowMilliseconds, record.requestHash != requestHash {
            self.outcomes.increment(["reused"])
            throw Self.reusedProblem()
        }
        self.outcomes.increment(["in_use"])
        throw Self.inUseProblem()
    }

    private struct Outcome {
        var response: Response
        var problemCode: String?
        var nothingApplied = false
    }

    private func run(
        _ request: Request,
        attempt: IdempotencyAttempt,
        _ body: (IdempotencyAttempt) async throws -> Response
    ) async throws -> Outcome {
        do {
            return Outcome(response: try await body(attempt))
        } catch let problem as Problem {
            return Outcome(response: problem.response(for: request), problemCode: problem.code)
        } catch let failure as NothingApplied {
            return Outcome(
                response: failure.problem.response(for: request),
                problemCode: failure.problem.code,
                nothingApplied: true
            )
        }
    }

    /// Stores a final response, releases the key of a request that had no effect, or leaves
    /// the record pending for the next request to resume.
    private func settle(key: String, scope: IdempotencyScope, attempt: IdempotencyAttempt, outcome: Outcome) async {
        let status = outcome.response.status.code
        let metadata: LogMetadata = [
            "idempotency.route": .string(scope.route),
            "idempotency.attempt_id": .string(attempt.id),
            "http.status": .integer(status),
        ]
        do {
            if IdempotencyDecision.isFinal(status: status, code: outcome.problemCode) {
                try await self.store.finalizeIdempotencyRecord(
                    key: key,
                    scope: scope,
                    response: StoredResponse.make(outcome.response)
                )
            } else if outcome.nothingApplied {
                try await self.store.deletePendingIdempotencyRecord(key: key, scope: scope)
                self.logger.info("idempotency key released after a request without effect", metadata: metadata)
            } else {
                self.logger.info("idempotent request left pending for a retry to resume", metadata: metadata)
            }
        } catch {
            // The record stays pending, so a retry resumes the attempt and finds what it did.
            var failure = metadata
            failure["error"] = .string("\(error)")
            self.logger.error("storing the idempotent response failed; a retry will reconcile", metadata: failure)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func inUseProblem() -> Problem {
        Problem(
            status: .conflict,
            code: self.inUseCode,
            title: "Idempotency key in use",
            detail: "A request with this Idempotency-Key is still running; retry after it has finished.",
            headers: ["Retry-After": String(OTProblemMapping.retryAfterSeconds)]
        )
    }

    static func reusedProblem() -> Problem {
        Problem(
            status: .unprocessableContent,
            code: self.reusedCode,
            title: "Idempotency key reused",
            detail:
                "This Idempotency-Key was already used with a different request body; use a new key for a new request."
        )
    }
}
