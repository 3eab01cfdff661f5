/// Defaults and limits of the payment flow, in one place so that a test can pin them.
public enum PaymentLimits {
    /// Decimal places an amount may have: the minor unit of the currencies OT shops use
    /// (CNY, RUB, USD, EUR all have 2).
    public static let amountFractionDigits = 2
    /// Integer digits an explicit amount may have; larger values are typing errors, not payments.
    public static let maxAmountIntegerDigits = 12
    /// Characters a shop comment may have.
    public static let maxCommentLength = 1000
    /// Time added to `OTGW_OTAPI_WRITE_TIMEOUT` before a deposit or reserve whose outcome is
    /// unknown counts as not carried out. It covers OT still committing a request that arrived
    /// just before the gateway gave up on it, and clock steps on the gateway's host.
    public static let settleMargin: Duration = .seconds(30)
    /// The marker in a deposit comment that precedes the payment id; the statement lookup
    /// searches for `<marker><paymentId>` followed by a space or the end of the comment.
    public static let depositCommentMarker = "otgw-pay:"
    /// Rounds of read-decide-act in one `/pay` request before it stops as incomplete; a normal
    /// payment needs at most five (deposit, reserve, verify and two lookups).
    public static let maxStepsPerRequest = 12
    /// Payments one request may drive: an open one left by an earlier request, then its own,
    /// then one for a remainder that appeared meanwhile.
    public static let maxPaymentsPerRequest = 3
    /// How far before the deposit the statement lookup starts, to allow for OT's clock and time
    /// zone differing from the gateway's.
    public static let statementLookback: Duration = .seconds(24 * 3600)
    /// Minimum time between two warnings about the same unresolved payment.
    public static let unresolvedWarningInterval: Duration = .seconds(300)
    /// Payments `GET /payments?state=unresolved` lists at most.
    public static let maxListedPayments = 1000

    /// The settle time for a write timeout: a money call whose outcome is unknown for longer
    /// than this is known not to have been carried out.
    public static func settleTime(writeTimeout: Duration) -> Duration {
        writeTimeout + self.settleMargin
    }

    /// Whole milliseconds of `duration`, for comparing with the journal's times.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
