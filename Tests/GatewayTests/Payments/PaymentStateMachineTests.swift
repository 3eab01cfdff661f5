import Foundation
import Store
import Testing

@testable import Gateway

@Suite struct PaymentStateMachineTests {
    static let settle: Int64 = 90_000

    static func record(
        _ state: PaymentState = .started,
        amount: Decimal = 118,
        deposited: Decimal = 0,
        reserved: Decimal = 0
    ) -> PaymentRecord {
        PaymentRecord(
            paymentID: "pay-1",
            orderID: "ORD-0000000001",
            customerID: "100001",
            state: state,
            amount: amount,
            depositedAmount: deposited,
            reservedAmount: reserved,
            currency: "CNY",
            createdAt: 1_000,
            updatedAt: 1_000
        )
    }

    static func facts(remaining: Decimal = 118, paid: Decimal = 0, balance: Decimal = 0, held: Decimal = 0)
        -> PaymentFacts
    {
        PaymentFacts(remaining: remaining, salesPaid: paid, balance: balance, heldForOthers: held)
    }

    static func machine(_ record: PaymentRecord) -> PaymentStateMachine {
        PaymentStateMachine(record: record, settleMilliseconds: self.settle)
    }

    @Test func depositsOnlyWhatTheAccountLacks() {
        let machine = Self.machine(Self.record())
        #expect(machine.nextAction(facts: Self.facts(balance: 18.5)) == .deposit(Decimal(string: "99.5")!))
        #expect(machine.nextAction(facts: Self.facts(balance: 0)) == .deposit(118))
    }

    @Test func reservesWithoutDepositWhenBalanceCovers() {
        let machine = Self.machine(Self.record())
        #expect(machine.nextAction(facts: Self.facts(balance: 500)) == .reserve(118))
    }

    @Test func neverSpendsMoneyHeldForOthers() {
        let machine = Self.machine(Self.record())
        #expect(machine.nextAction(facts: Self.facts(balance: 200, held: 150)) == .deposit(68))
    }

    @Test func roundsTopUpToMinorUnit() {
        let machine = Self.machine(Self.record(amount: Decimal(string: "10.00")!))
        let action = machine.nextAction(facts: Self.facts(remaining: 10, balance: Decimal(string: "0.001")!))
        #expect(action == .deposit(10))
        #expect(PaymentStateMachine.roundUpToMinorUnit(Decimal(string: "9.991")!) == Decimal(string: "10")!)
        #expect(PaymentStateMachine.roundUpToMinorUnit(Decimal(string: "0.29")!) == Decimal(string: "0.29")!)
    }

    @Test func paysAtMostWhatRemains() {
        let machine = Self.machine(Self.record(amount: 118))
        #expect(machine.nextAction(facts: Self.facts(remaining: 18, balance: 1000)) == .reserve(18))
        #expect(machine.nextAction(facts: Self.facts(remaining: 0, balance: 1000)) == .verify)
    }

    @Test func depositsAtMostOnce() {
        var machine = Self.machine(Self.record(.deposited, deposited: 118))
        // Someone spent the deposit: reserve what is left rather than deposit again.
        #expect(machine.nextAction(facts: Self.facts(balance: 18)) == .reserve(18))
        machine.record.state = .incomplete
        guard case .stop = machine.nextAction(facts: Self.facts(balance: 0)) else {
            Issue.record("expected stop when the deposit is gone")
            return
        }
    }

    @Test func depositPathThroughReserveToVerified() {
        var machine = Self.machine(Self.record())
        machine.beginDeposit(amount: 118, comment: "otgw-pay:pay-1.2000 ORD-0000000001", now: 2_000)
        #expect(machine.record.state == .depositPending)
        #expect(machine.record.depositStartedAt == 2_000)
        machine.depositSucceeded(now: 2_100)
        #expect(machine.record.state == .deposited)
        #expect(machine.record.depositedAmount == 118)
        #expect(machine.nextAction(facts: Self.facts(balance: 118)) == .reserve(118))
        machine.beginReserve(amount: 118, salesPaidBefore: 0, now: 2_200)
        #expect(machine.record.state == .reservePending)
        machine.reserveSucceeded(now: 2_300)
        #expect(machine.record.reservedAmount == 118)
        #expect(machine.nextAction(facts: Self.facts(remaining: 0, paid: 118)) == .verify)
        let outcome1 = machine.applyVerification(VerifiedOrder(isPaid: true, remainAmount: 0), now: 2_400)
        #expect(outcome1)
        #expect(machine.record.state == .verified)
        #expect(machine.nextAction(facts: Self.facts(remaining: 0)) == .finished)
    }

    @Test func unknownDepositWaitsUntilSettleTime() {
        var machine = Self.machine(Self.record())
        machine.beginDeposit(amount: 118, comment: "otgw-pay:pay-1.2000 ORD-0000000001", now: 2_000)
        machine.depositOutcomeUnknown("connection reset", now: 2_500)
        #expect(machine.record.state == .reconciling)
        #expect(machine.nextAction(facts: Self.facts()) == .lookUpDeposit)

        let outcome2 = machine.applyDepositLookup(found: false, now: 2_000 + Self.settle - 1)
        #expect(outcome2 == .stillUnknown)
        #expect(machine.record.state == .reconciling)
        #expect(machine.record.depositedAmount == 0)

        let outcome3 = machine.applyDepositLookup(found: false, now: 2_000 + Self.settle)
        #expect(outcome3 == .absent)
        #expect(machine.record.state == .started)
        #expect(machine.record.depositAmount == nil)
        #expect(machine.record.depositComment == nil)
        #expect(machine.nextAction(facts: Self.facts()) == .deposit(118))
    }

    @Test func unknownDepositFoundCountsOnce() {
        var machine = Self.machine(Self.record(.depositPending))
        machine.record.depositAmount = 118
        machine.record.depositStartedAt = 2_000
        let outcome4 = machine.applyDepositLookup(found: true, now: 3_000)
        #expect(outcome4 == .found)
        #expect(machine.record.state == .deposited)
        #expect(machine.record.depositedAmount == 118)
    }

    @Test func unknownReserveSettledFromSalesPaid() {
        var machine = Self.machine(Self.record(.deposited, deposited: 118))
        machine.beginReserve(amount: 118, salesPaidBefore: 0, now: 5_000)
        machine.reserveOutcomeUnknown("timed out", now: 5_100)
        #expect(machine.nextAction(facts: Self.facts()) == .settleReserve)
        let outcome5 = machine.settleReserve(facts: Self.facts(paid: 0, balance: 118), now: 6_000)
        #expect(outcome5 == .stillUnknown)
        #expect(machine.record.state == .reservePending)
        let outcome6 = machine.settleReserve(facts: Self.facts(remaining: 0, paid: 118), now: 6_100)
        #expect(outcome6 == .found)
        #expect(machine.record.state == .reserved)
        #expect(machine.record.reservedAmount == 118)
    }

    @Test func unknownReserveAbsentAfterSettleTime() {
        var machine = Self.machine(Self.record(.deposited, deposited: 118))
        machine.beginReserve(amount: 118, salesPaidBefore: 0, now: 5_000)
        let outcome7 = machine.settleReserve(facts: Self.facts(balance: 118), now: 5_000 + Self.settle)
        #expect(outcome7 == .absent)
        #expect(machine.record.state == .deposited)
        #expect(machine.record.reservedAmount == 0)
        #expect(machine.nextAction(facts: Self.facts(balance: 118)) == .reserve(118))
    }

    @Test func failedDepositMayBeRepeated() {
        var machine = Self.machine(Self.record())
        machine.beginDeposit(amount: 118, comment: "otgw-pay:pay-1.2000 ORD-0000000001", now: 2_000)
        machine.depositFailed("ValidationError", now: 2_100)
        #expect(machine.record.state == .incomplete)
        #expect(machine.record.lastError == "ValidationError")
        #expect(machine.nextAction(facts: Self.facts()) == .deposit(118))
    }

    @Test func failedReserveKeepsDeposit() {
        var machine = Self.machine(Self.record(.deposited, deposited: 118))
        machine.beginReserve(amount: 118, salesPaidBefore: 0, now: 5_000)
        machine.reserveFailed("NotAvailable", now: 5_100)
        #expect(machine.record.state == .incomplete)
        #expect(machine.record.depositedAmount == 118)
        #expect(machine.nextAction(facts: Self.facts(balance: 118)) == .reserve(118))
    }

    @Test func verificationFailsWhenOrderUnpaid() {
        var machine = Self.machine(Self.record(.reserved, deposited: 100, reserved: 100))
        let outcome8 = machine.applyVerification(VerifiedOrder(isPaid: false, remainAmount: 18), now: 9_000)
        #expect(!outcome8)
        #expect(machine.record.state == .incomplete)
        #expect(machine.record.lastError?.contains("18.00") == true)
    }

    @Test func partialAmountVerifiesWhenReserved() {
        var machine = Self.machine(
            Self.record(.reserved, amount: Decimal(string: "0.29")!, reserved: Decimal(string: "0.29")!)
        )
        let outcome9 = machine.applyVerification(VerifiedOrder(isPaid: false, remainAmount: 100), now: 9_000)
        #expect(outcome9)
        #expect(machine.record.state == .verified)
    }

    @Test func heldForOthersCountsOpenPaymentsOnly() {
        var other = Self.record(.deposited, deposited: 50, reserved: 20)
        other.paymentID = "pay-2"
        var unknown = Self.record(.reconciling)
        unknown.paymentID = "pay-3"
        unknown.depositAmount = 7
        var done = Self.record(.verified, deposited: 90, reserved: 10)
        done.paymentID = "pay-4"
        let own = Self.record(.deposited, deposited: 118)
        #expect(PaymentFacts.heldForOthers([other, unknown, done, own], excluding: "pay-1") == 37)
    }

    @Test func pendingReserveRoundTripsThroughJournal() {
        let pending = PendingReserve(
            amount: Decimal(string: "19.99")!,
            salesPaidBefore: Decimal(string: "0.29")!,
            startedAt: 42
        )
        let entry = PaymentStepEntry(
            paymentID: "pay-1",
            step: PaymentStep.reserve,
            phase: .before,
            detail: pending.detail,
            at: 42
        )
        let later = PaymentStepEntry(paymentID: "pay-1", step: PaymentStep.reserve, phase: .after, detail: "ok", at: 50)
        #expect(PendingReserve.last(in: [entry, later]) == pending)
        #expect(PendingReserve.last(in: [later]) == nil)
    }
}
