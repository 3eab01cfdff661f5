/// The OT order comment the gateway writes: a marker with the attempt id first, so that an
/// order whose `AddOrder` reply was lost can be found again, then the shop's `externalId`
/// and, on the next line, the shop's comment.
///
/// Example: `[otgw:3f9c0a…] SHOP-1001` followed by a newline and `gift wrap`.
public enum OrderComment {
    /// Returns the marker of an attempt: `[otgw:<attempt id>]`.
    public static func marker(attemptID: String) -> String {
        "[otgw:\(attemptID)]"
    }

    public static func make(attemptID: String, externalID: String?, comment: String?) -> String {
        var text = self.marker(attemptID: attemptID)
        if let externalID {
            text += " " + externalID
        }
        if let comment, !comment.isEmpty {
            text += "\n" + comment
        }
        return text
    }

    /// Returns whether an OT order comment starts with the marker of `attemptID`.
    public static func hasMarker(_ comment: String?, attemptID: String) -> Bool {
        guard let comment else { return false }
        return comment.hasPrefix(self.marker(attemptID: attemptID))
    }
}
