import HTTPServer
import OTAPI
import Synchronization

/// Facts about the OT customer that places every order, read from OT once and cached: its
/// user id (for `SearchOrders`) and its first delivery profile (the default `UserProfileId`).
///
/// Concurrent first callers may each read OT once; all of them get the same answer.
public final class CustomerAccount: Sendable {
    private let otapi: OTAPIClient
    private let userID = Mutex<String?>(nil)
    private let firstProfileID = Mutex<String?>(nil)

    public init(otapi: OTAPIClient) {
        self.otapi = otapi
    }

    /// The customer's user id, from `GetUserInfo`.
    public func customerID(using client: OTAPIClient? = nil) async throws(OTAPIError) -> String {
        if let cached = self.userID.withLock({ $0 }) {
            return cached
        }
        let info = try await (client ?? self.otapi).getUserInfo()
        self.userID.withLock { $0 = info.id }
        return info.id
    }

    /// The id of the customer's first profile from `GetUserProfileInfoList`. Throws a 502
    /// when the customer has no profile, because OT needs one to add an order.
    public func defaultProfileID(using client: OTAPIClient? = nil) async throws -> String {
        if let cached = self.firstProfileID.withLock({ $0 }) {
            return cached
        }
        let profiles = try await (client ?? self.otapi).getUserProfileInfoList()
        guard let first = profiles.first else {
            throw Problem(
                status: .badGateway,
                code: "ot_rejected",
                title: "The OT customer has no delivery profile",
                detail: "GetUserProfileInfoList returned no profile for the customer account; "
                    + "add a delivery profile in OT or set OTGW_USER_PROFILE_ID."
            )
        }
        self.firstProfileID.withLock { $0 = first.id }
        return first.id
    }
}
