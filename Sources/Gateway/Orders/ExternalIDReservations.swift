import Synchronization

/// The external ids whose orders are being placed in this process, so that two concurrent
/// requests with one `externalId` cannot both pass the duplicate check.
final class ExternalIDReservations: Sendable {
    private let reserved = Mutex<Set<String>>([])

    /// Reserves `externalID`; returns false when another request holds it.
    func reserve(_ externalID: String) -> Bool {
        self.reserved.withLock { $0.insert(externalID).inserted }
    }

    func release(_ externalID: String) {
        _ = self.reserved.withLock { $0.remove(externalID) }
    }
}
