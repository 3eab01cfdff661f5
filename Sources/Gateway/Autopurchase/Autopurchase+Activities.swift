import Foundation
import HTTPServer
import OTAPI
import Observability
import Store

extension Autopurchase {
    /// Reads an activity from OT, updates the gateway's record of it, and returns its JSON.
    public static func activity(
        _ id: BackgroundActivityID,
        services: GatewayServices,
        logger: Logger
    ) async throws -> JSONValue {
        let otapi = services.otapi.withLogger(logger)
        let info = try await self.call { () async throws(OTAPIError) in
            try await otapi.getBackgroundActivityInfo(id)
        }
        let orderID = try await ActivityUpdates.apply(info, id: id, services: services, now: services.now())
        return ActivityRepresentation.json(info, id: id, orderID: orderID)
    }

    /// Answers an activity that waits for the operator, then reads it again.
    public static func answer(
        _ id: BackgroundActivityID,
        actionID: String,
        services: GatewayServices,
        logger: Logger
    ) async throws -> JSONValue {
        let otapi = services.otapi.withLogger(logger)
        try await self.call { () async throws(OTAPIError) in
            try await otapi.doActionForBackgroundActivity(id, actionId: actionID)
        }
        logger.info(
            "activity action sent",
            metadata: [
                "activity.type": .string(id.type), "activity.id": .string(id.id), "action.id": .string(actionID),
            ]
        )
        return try await self.activity(id, services: services, logger: logger)
    }
}
