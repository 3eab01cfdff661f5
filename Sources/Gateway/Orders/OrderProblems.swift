import HTTPServer
import OTAPI

/// The problems of the order endpoints beyond those of `OTProblemMapping`.
enum OrderProblems {
    /// Maps an OT failure; `NotFound` from a call about one order becomes 404 `not_found`.
    static func mapped(_ error: OTAPIError, orderID: String? = nil) -> Problem {
        if let orderID, case .ot(let code, _, _, _, _) = error.code, code == "NotFound" {
            return Problem.notFound("OT has no order \(orderID).")
        }
        return OTProblemMapping.problem(for: error)
    }

    static func invalidOrderID(_ text: String) -> Problem {
        Problem.badRequest(
            "The order id \(Problem.quote(text)) is invalid; use ORD- followed by 10 digits, or the bare number.",
            fieldErrors: [Problem.FieldError(field: "id", message: "must be ORD-0000000123 or 123")]
        )
    }

    static func duplicateExternalID(_ externalID: String, orderID: String?) -> Problem {
        let detail =
            orderID.map { "Order \($0) with externalId \(Problem.quote(externalID)) is already live; read it instead." }
            ?? "An order with externalId \(Problem.quote(externalID)) is being placed right now; read it when done."
        return Problem(
            status: .conflict,
            code: "duplicate_external_id",
            title: "An order with this externalId exists",
            detail: detail,
            extensions: [("orderId", orderID.map(Problem.quote) ?? "null")]
        )
    }

    static func tmallNotSupported(_ lines: [(index: Int, itemID: String)]) -> Problem {
        let indexes = lines.map { String($0.index) }.joined(separator: ", ")
        let entries = lines.map {
            JSONValue.object([("index", .number(String($0.index))), ("itemId", .string($0.itemID))])
        }
        return Problem(
            status: .unprocessableContent,
            code: "tmall_not_supported",
            title: "Tmall items cannot be ordered",
            detail:
                "Autopurchase cannot buy Tmall items; remove the lines at index \(indexes) and send the order again.",
            extensions: [("tmallLines", Self.json(.array(entries)))]
        )
    }

    static func partialOrderCancelled(
        orderID: String,
        rejected: [OrderRepresentation.RejectedLine]
    ) -> Problem {
        Problem(
            status: .conflict,
            code: "partial_order_cancelled",
            title: "OT left lines out, so the order was cancelled",
            detail:
                "OT ordered only some lines of order \(orderID) and it was cancelled, as onPartial \"cancel\" asks; "
                + "see rejectedLines, fix or remove them and send the order again.",
            extensions: [("orderId", Problem.quote(orderID)), ("rejectedLines", Self.rejectedJSON(rejected))]
        )
    }

    static func nothingOrdered(
        rejected: [OrderRepresentation.RejectedLine],
        otDetail: String?,
        cancelledOrderID: String?
    ) -> Problem {
        var detail = "OT ordered none of the lines; see rejectedLines."
        if let otDetail {
            detail += " OT said: \(otDetail)"
        }
        return Problem(
            status: .unprocessableContent,
            code: "nothing_ordered",
            title: "OT ordered nothing",
            detail: detail,
            extensions: [
                ("orderId", cancelledOrderID.map(Problem.quote) ?? "null"),
                ("rejectedLines", Self.rejectedJSON(rejected)),
            ]
        )
    }

    static func notCancellable(orderID: String, reason: String) -> Problem {
        Problem(
            status: .conflict,
            code: "order_not_cancellable",
            title: "The order cannot be cancelled",
            detail: "Order \(orderID) \(reason), so it was not cancelled.",
            extensions: [("orderId", Problem.quote(orderID))]
        )
    }

    static func outcomeUnknown(method: String) -> Problem {
        OTProblemMapping.problem(
            for: OTAPIError(.outcomeUnknown(method: method, cause: "no order with the marker yet"))
        )
    }

    static func rejectedJSON(_ rejected: [OrderRepresentation.RejectedLine]) -> String {
        self.json(.array(rejected.map(OrderRepresentation.rejected)))
    }

    static func json(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.encode(value), as: UTF8.self)
    }
}
