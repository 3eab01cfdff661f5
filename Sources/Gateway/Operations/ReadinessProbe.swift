import Foundation
import Observability
import Store
import Synchronization

/// The result of `GET /readyz`: ready, or the reasons it is not.
public struct ReadinessReport: Sendable, Equatable {
    /// One line per failed check, such as `operator session: OT refused the operator login ...`.
    public var reasons: [String]

    public var isReady: Bool { self.reasons.isEmpty }
}

/// Checks that the gateway can do its work: the store takes a write, and the operator session
/// works. The operator check calls OT, so its result is reused for `operatorCheckCacheSeconds`
/// to spare OT from frequent probes. The store check is local and runs every time.
public final class ReadinessProbe: Sendable {
    /// How long an operator check's result (success or failure) is reused.
    public static let operatorCheckCacheSeconds: TimeInterval = 5
    /// The account name the store probe writes and rolls back; never committed.
    static let storeProbeAccountName = "otgateway.readiness-probe"

    private struct CachedCheck {
        var checkedAt: Date
        var failure: String?
    }

    private struct ProbeRollback: Error {}

    private let services: GatewayServices
    private let cachedOperatorCheck = Mutex<CachedCheck?>(nil)
    private let readyGauge: GaugeFamily
    private let checkGauge: GaugeFamily

    public init(services: GatewayServices) {
        self.services = services
        self.readyGauge = services.metrics.gauge(
            "otgw_ready",
            help: "1 when the last GET /readyz found the gateway ready, else 0."
        )
        self.checkGauge = services.metrics.gauge(
            "otgw_readiness_check",
            help: "1 when the readiness check passed at the last GET /readyz, else 0.",
            labelNames: ["check"]
        )
    }

    public func check() async -> ReadinessReport {
        var reasons: [String] = []
        let storeFailure = await self.storeFailure()
        if let storeFailure {
            reasons.append("store: \(storeFailure)")
        }
        let operatorFailure = await self.operatorFailure()
        if let operatorFailure {
            reasons.append("operator session: \(operatorFailure)")
        }
        self.checkGauge.set(storeFailure == nil ? 1 : 0, ["store"])
        self.checkGauge.set(operatorFailure == nil ? 1 : 0, ["operator_session"])
        self.readyGauge.set(reasons.isEmpty ? 1 : 0)
        return ReadinessReport(reasons: reasons)
    }

    /// Writes a row in a transaction and rolls it back: the write needs the database's write
    /// lock and a writable file, which is what placing orders needs.
    private func storeFailure() async -> String? {
        let name = Self.storeProbeAccountName
        do {
            try await self.services.store.transaction { store in
                try store.recordProviderAccountConnect(accountName: name, at: 0)
                throw ProbeRollback()
            }
            return "the probe write was not rolled back"
        } catch is ProbeRollback {
            return nil
        } catch {
            self.services.logger.warning("readiness store probe failed", metadata: ["error": "\(error)"])
            return "the database does not take writes (\(error)); check OTGW_DATA_DIR and the disk"
        }
    }

    private func operatorFailure() async -> String? {
        let now = self.services.now()
        if let cached = self.cachedOperatorCheck.withLock({ $0 }),
            now.timeIntervalSince(cached.checkedAt) < Self.operatorCheckCacheSeconds,
            now >= cached.checkedAt
        {
            return cached.failure
        }
        var failure: String?
        do {
            _ = try await self.services.otapi.getProviderOrdersIntegrationSessionInfoList(
                providerType: self.services.configuration.ordering.providerType
            )
        } catch {
            let problem = OTProblemMapping.problem(for: error)
            failure = "\(problem.code): \(problem.detail ?? problem.title)"
            self.services.logger.warning("readiness operator check failed", metadata: ["error": "\(failure!)"])
        }
        let result = CachedCheck(checkedAt: now, failure: failure)
        self.cachedOperatorCheck.withLock { $0 = result }
        return failure
    }
}
