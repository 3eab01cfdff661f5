import Foundation

/// Identifies a background activity started by a `Run*` method.
public struct BackgroundActivityID: Sendable, Equatable, Hashable {
    /// For example `ProviderOrdersIntegrationExporting`.
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.type = try d.requiredString("Type")
        self.id = try d.requiredID("Id")
    }
}

/// An action the operator can take on a waiting activity or step.
public struct BackgroundActivityAction: Sendable, Equatable {
    public var id: String
    public var displayName: String?

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = try d.requiredID("Id")
        self.displayName = d.string("DisplayName")
    }

    static func list(_ d: OTNodeDecoder) throws(OTAPIError) -> [BackgroundActivityAction] {
        var actions: [BackgroundActivityAction] = []
        for item in d.list(wrapper: "Actions", item: "Action") {
            actions.append(try BackgroundActivityAction(item))
        }
        return actions
    }
}

/// One step of an activity's log.
public struct BackgroundActivityStep: Sendable, Equatable {
    public var type: String?
    public var message: String?
    public var actions: [BackgroundActivityAction]

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.type = d.string("Type")
        self.message = d.string("Message")
        self.actions = try BackgroundActivityAction.list(d)
    }
}

/// `GetBackgroundActivityInfo`.
public struct BackgroundActivityInfo: Sendable, Equatable {
    public var id: String?
    public var type: String?
    public var isFinished: Bool
    public var isCancelled: Bool
    /// The activity waits for `DoActionForBackgroundActivity` with one of `actions`.
    public var isAwaitingAction: Bool
    public var progressPercent: Int?
    public var actions: [BackgroundActivityAction]
    public var steps: [BackgroundActivityStep]

    init(_ d: OTNodeDecoder) throws(OTAPIError) {
        self.id = d.id("Id")
        self.type = d.string("Type")
        self.isFinished = try d.bool("IsFinished") ?? false
        self.isCancelled = try d.bool("IsCancelled") ?? false
        self.isAwaitingAction = try d.bool("IsAwaitingAction") ?? false
        // Whole percent in examples; a fractional value is truncated rather than rejected.
        self.progressPercent = try d.decimal("ProgressPercent").map { NSDecimalNumber(decimal: $0).intValue }
        self.actions = try BackgroundActivityAction.list(d)
        var steps: [BackgroundActivityStep] = []
        for step in d.list(wrapper: "Steps", item: "Step") {
            steps.append(try BackgroundActivityStep(step))
        }
        self.steps = steps
    }
}
