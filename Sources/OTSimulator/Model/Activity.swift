import Foundation

/// A background activity started by `RunOrderExportingToProvider` or
/// `RunOrdersSynchronizingWithProvider`.
public struct Activity: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case exporting = "ProviderOrdersIntegrationExporting"
        case synchronizing = "ProviderOrdersIntegrationSynchronizing"
    }

    public struct Step: Sendable, Codable, Equatable {
        public var type: String
        public var message: String
        public var secondsFromStart: Int
    }

    public var id: String
    public var kind: Kind
    public var orderIds: [String]
    /// Lines to export; empty means every paid line of the order.
    public var lineIds: [String]
    public var providerSessionId: String
    public var startedAt: Date
    public var behaviour: ActivityBehaviour
    public var progressPercent = 0
    public var isFinished = false
    public var isCancelled = false
    public var isAwaitingAction = false
    /// Set once the awaited action was answered, so the activity does not stop twice.
    public var actionAnswered = false
    /// Where the current stretch of progress started: the start, or the answered action.
    public var segmentStartedAt: Date
    public var segmentStartPercent = 0
    public var steps: [Step] = []
}
