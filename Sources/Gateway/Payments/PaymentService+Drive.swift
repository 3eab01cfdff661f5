import Foundation
import OTAPI
import Observability
import Store

/// The step loop of one payment: read, decide, journal, call OT, journal.
extension PaymentService {
    /// Drives `payment` until it is verified and returns it, or throws the problem that stops
    /// it (`payment_incomplete`, `payment_reconciling`, or an OT read failure).
    func drive(_ payment: PaymentRecord, context: PaymentContext) async throws -> PaymentRecord {
        let logger = context.logger.with(["payment.id": .string(payment.paymentID)])
        guard self.running.insert(payment.paymentID) else {
            // The customer lock makes this unreachable; refuse rather than run a payment twice.
            throw PaymentProblems.reconciling(payment, remaining: nil, retryAfter: OTProblemMapping.retryAfterSeconds)
        }
        defer { self.running.remove(payment.paymentID) }

        var machine = PaymentStateMachine(record: payment, settleMilliseconds: self.settleMilliseconds)
        if payment.state == .reservePending {
            machine.pendingReserve = PendingReserve.last(
                in: try await self.store.paymentSteps(paymentID: payment.paymentID)
            )
        }
        do {
            let verified = try await self.runSteps(&machine, context: context, logger: logger)
            self.metrics.outcomes.increment([PaymentState.verified.rawValue])
            return verified
        } catch {
            self.metrics.outcomes.increment([Self.outcomeLabel(machine.record.state)])
            throw error
        }
    }

    private func runSteps(
        _ machine: inout PaymentStateMachine,
        context: PaymentContext,
        logger: Logger
    ) async throws -> PaymentRecord {
        for _ in 0..<PaymentLimits.maxStepsPerRequest {
            let info = try await self.readPaymentInfo(context, payment: machine.record)
            let facts = try await self.facts(info, payment: machine.record)
            switch machine.nextAction(facts: facts) {
            case .finished:
                return machine.record
            case .deposit(let amount):
                try await self.deposit(amount, machine: &machine, facts: facts, context: context, logger: logger)
            case .lookUpDeposit:
                try await self.lookUpDeposit(machine: &machine, facts: facts, logger: logger)
            case .reserve(let amount):
                try await self.reserve(amount, machine: &machine, facts: facts, context: context, logger: logger)
            case .settleReserve:
                let outcome = machine.settleReserve(facts: facts, now: self.nowMilliseconds())
                try await self.journal(machine, PaymentStep.settleReserve, .after, "\(outcome)")
                if outcome == .stillUnknown {
                    throw PaymentProblems.reconciling(
                        machine.record,
                        remaining: facts.remaining,
                        retryAfter: OTProblemMapping.retryAfterSeconds
                    )
                }
            case .verify:
                try await self.verify(machine: &machine, facts: facts, context: context, logger: logger)
            case .stop(let reason):
                machine.stop(reason, now: self.nowMilliseconds())
                try await self.journal(machine, PaymentStep.verify, .after, reason)
                logger.warning("Payment stopped incomplete", metadata: ["payment.reason": .string(reason)])
                throw PaymentProblems.incomplete(machine.record, remaining: facts.remaining, detail: reason)
            }
        }
        let reason = "The payment did not finish within \(PaymentLimits.maxStepsPerRequest) steps."
        machine.stop(reason, now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.verify, .after, reason)
        throw PaymentProblems.incomplete(machine.record, remaining: nil, detail: reason)
    }

    private func deposit(
        _ amount: Decimal,
        machine: inout PaymentStateMachine,
        facts: PaymentFacts,
        context: PaymentContext,
        logger: Logger
    ) async throws {
        let now = self.nowMilliseconds()
        let token = DepositComment.token(paymentID: machine.record.paymentID, attempt: now)
        let comment = DepositComment.make(token: token, orderID: context.orderID, shopComment: context.request.comment)
        machine.beginDeposit(amount: amount, comment: comment, now: now)
        try await self.journal(
            machine,
            PaymentStep.deposit,
            .before,
            "amount=\(DecimalText.string(from: amount)) \(token)"
        )
        do {
            try await self.otapi.postTransaction(
                customerId: machine.record.customerID,
                amount: amount,
                isDebit: true,
                comment: comment,
                transactionDate: self.services.now()
            )
        } catch {
            if Self.leavesOutcomeUnknown(error) {
                machine.depositOutcomeUnknown(error.description, now: self.nowMilliseconds())
                try await self.journal(
                    machine,
                    PaymentStep.deposit,
                    .after,
                    "outcome unknown: \(error.shortDescription)"
                )
                logger.warning(
                    "Deposit outcome unknown; looking it up in the statement",
                    metadata: Self.errorMetadata(error)
                )
                return
            }
            machine.depositFailed(error.description, now: self.nowMilliseconds())
            try await self.journal(machine, PaymentStep.deposit, .after, "failed: \(error.shortDescription)")
            logger.warning("Deposit failed", metadata: Self.errorMetadata(error))
            throw PaymentProblems.incomplete(
                machine.record,
                remaining: facts.remaining,
                detail: "The deposit of \(PaymentStateMachine.text(amount)) failed: \(error.description)"
            )
        }
        machine.depositSucceeded(now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.deposit, .after, "ok")
        logger.info("Deposit made", metadata: ["payment.deposit": .string(DecimalText.string(from: amount))])
    }

    private func lookUpDeposit(machine: inout PaymentStateMachine, facts: PaymentFacts, logger: Logger) async throws {
        let token = machine.record.depositComment.flatMap(DepositComment.token(in:)) ?? ""
        try await self.journal(machine, PaymentStep.reconcile, .before, token)
        let startedAt = machine.record.depositStartedAt ?? self.nowMilliseconds()
        let from = UnixTime.date(fromMilliseconds: startedAt).addingTimeInterval(
            -Double(PaymentLimits.statementLookback.components.seconds)
        )
        let statement: AccountStatement
        do {
            statement = try await self.otapi.getStatementForOperator(
                customerId: machine.record.customerID,
                fromDate: from
            )
        } catch {
            try await self.journal(
                machine,
                PaymentStep.reconcile,
                .after,
                "statement read failed: \(error.shortDescription)"
            )
            throw PaymentProblems.otFailure(error, payment: machine.record, remaining: facts.remaining)
        }
        let found = !token.isEmpty && DepositComment.isRecorded(token, in: statement.transactions)
        let outcome = machine.applyDepositLookup(found: found, now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.reconcile, .after, "\(outcome)")
        logger.notice("Deposit looked up in the statement", metadata: ["payment.lookup": .string("\(outcome)")])
        if outcome == .stillUnknown {
            throw PaymentProblems.reconciling(
                machine.record,
                remaining: facts.remaining,
                retryAfter: OTProblemMapping.retryAfterSeconds
            )
        }
    }

    private func reserve(
        _ amount: Decimal,
        machine: inout PaymentStateMachine,
        facts: PaymentFacts,
        context: PaymentContext,
        logger: Logger
    ) async throws {
        machine.beginReserve(amount: amount, salesPaidBefore: facts.salesPaid, now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.reserve, .before, machine.pendingReserve?.detail)
        do {
            _ = try await self.otapi.salesPaymentReserve(salesId: context.orderID, amount: amount)
        } catch {
            if Self.leavesOutcomeUnknown(error) {
                machine.reserveOutcomeUnknown(error.description, now: self.nowMilliseconds())
                try await self.journal(
                    machine,
                    PaymentStep.reserve,
                    .after,
                    "outcome unknown: \(error.shortDescription)"
                )
                logger.warning(
                    "Reserve outcome unknown; settling it from SalesPaid",
                    metadata: Self.errorMetadata(error)
                )
                return
            }
            machine.reserveFailed(error.description, now: self.nowMilliseconds())
            try await self.journal(machine, PaymentStep.reserve, .after, "failed: \(error.shortDescription)")
            logger.warning("Reserve failed; the deposit stays on the account", metadata: Self.errorMetadata(error))
            throw PaymentProblems.incomplete(
                machine.record,
                remaining: facts.remaining,
                detail: "The reserve of \(PaymentStateMachine.text(amount)) failed: \(error.description) "
                    + "The deposited money stays on the account; retry to reserve it without a new deposit."
            )
        }
        machine.reserveSucceeded(now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.reserve, .after, "ok")
        logger.info("Reserve made", metadata: ["payment.reserve": .string(DecimalText.string(from: amount))])
    }

    private func verify(
        machine: inout PaymentStateMachine,
        facts: PaymentFacts,
        context: PaymentContext,
        logger: Logger
    ) async throws {
        try await self.journal(machine, PaymentStep.verify, .before, nil)
        let details = try await self.readOrder(context.orderID, payment: machine.record)
        let order = VerifiedOrder(
            isPaid: details.order.isPaid ?? false,
            remainAmount: details.order.remainAmount ?? facts.remaining
        )
        let verified = machine.applyVerification(order, now: self.nowMilliseconds())
        try await self.journal(machine, PaymentStep.verify, .after, verified ? "paid" : machine.record.lastError)
        guard verified else {
            logger.warning(
                "Payment not verified",
                metadata: ["payment.reason": .string(machine.record.lastError ?? "")]
            )
            throw PaymentProblems.incomplete(
                machine.record,
                remaining: order.remainAmount,
                detail: machine.record.lastError ?? "The order is not paid."
            )
        }
        logger.info("Payment verified")
    }

    /// Writes the record and one step entry, committed with `synchronous=FULL` by the store.
    private func journal(
        _ machine: PaymentStateMachine,
        _ step: String,
        _ phase: PaymentStepPhase,
        _ detail: String?
    ) async throws {
        let entry = PaymentStepEntry(
            paymentID: machine.record.paymentID,
            step: step,
            phase: phase,
            detail: detail,
            at: machine.record.updatedAt
        )
        guard try await self.store.updatePayment(machine.record, step: entry) else {
            throw PaymentJournalError(paymentID: machine.record.paymentID)
        }
    }

    /// Returns whether a failed write may have been carried out: no response came back, or an
    /// `Ok` response could not be decoded.
    static func leavesOutcomeUnknown(_ error: OTAPIError) -> Bool {
        switch error.code {
        case .outcomeUnknown, .decoding, .badResponse: true
        default: false
        }
    }

    static func outcomeLabel(_ state: PaymentState) -> String {
        switch state {
        case .verified, .incomplete: state.rawValue
        case .depositPending, .reconciling, .reservePending: PaymentState.reconciling.rawValue
        default: PaymentState.incomplete.rawValue
        }
    }

    static func errorMetadata(_ error: OTAPIError) -> LogMetadata {
        ["otapi.error": .string(error.description), "otapi.error_kind": .string(error.shortDescription)]
    }
}

/// The journal lost a payment row between reading and updating it.
struct PaymentJournalError: Error, CustomStringConvertible {
    var paymentID: String

    var description: String {
        "payment \(self.paymentID) is not in the journal; it was read moments before"
    }
}
