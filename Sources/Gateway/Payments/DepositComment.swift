import OTAPI

/// The comment of a deposit: `otgw-pay:<paymentId>.<attempt> ORD-0000000123`, then the shop's
/// comment. The token comes first so that it survives if OT shortens long comments.
enum DepositComment {
    /// The token of one deposit attempt; `attempt` is the attempt's start time in
    /// milliseconds, so a deposit sent again after a settled absence gets a new token.
    static func token(paymentID: String, attempt: Int64) -> String {
        PaymentLimits.depositCommentMarker + paymentID + "." + String(attempt)
    }

    static func make(token: String, orderID: String, shopComment: String?) -> String {
        var comment = token + " " + orderID
        if let shopComment, !shopComment.isEmpty {
            comment += " " + shopComment
        }
        return comment
    }

    /// The token at the start of `comment`, or nil when it has none.
    static func token(in comment: String) -> String? {
        guard comment.hasPrefix(PaymentLimits.depositCommentMarker) else { return nil }
        return String(comment.prefix { $0 != " " })
    }

    /// Whether `transactions` contain `token` as a whole word, not as the prefix of a longer
    /// token.
    static func isRecorded(_ token: String, in transactions: [AccountTransaction]) -> Bool {
        transactions.contains { transaction in
            guard let comment = transaction.comment else { return false }
            var searchStart = comment.startIndex
            while let range = comment.range(of: token, range: searchStart..<comment.endIndex) {
                let startsWord =
                    range.lowerBound == comment.startIndex
                    || comment[comment.index(before: range.lowerBound)].isWhitespace
                let endsWord = range.upperBound == comment.endIndex || comment[range.upperBound].isWhitespace
                if startsWord && endsWord {
                    return true
                }
                searchStart = range.upperBound
            }
            return false
        }
    }
}
