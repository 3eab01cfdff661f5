import Foundation
import Testing

@testable import Store

@Suite struct PaymentJournalTests {
    private func payment(_ id: String, orderID: String = "ORD-0000000123", createdAt: Int64 = 100) -> PaymentRecord {
        PaymentRecord(
            paymentID: id,
            orderID: orderID,
            customerID: "customer-1",
            state: .started,
            amount: Decimal(string: "118.50")!,
            currency: "CNY",
            createdAt: createdAt,
            updatedAt: createdAt
        )
    }

    @Test func insertedPaymentRoundTripsAmountsExactly() async throws {
        try await withTemporaryStore { store in
            var payment = self.payment("pay-1")
            payment.depositAmount = Decimal(string: "0.10")!
            payment.depositedAmount = Decimal(string: "12345678901234567890.123456789")!
            payment.depositComment = "otgw payment pay-1 — оплата"
            try await store.insertPayment(payment)
            #expect(try await store.payment(paymentID: "pay-1") == payment)
        }
    }

    @Test func amountsAreStoredAsText() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = StoreConfiguration(dataDirectory: directory.path)
        let store = try Store(configuration: configuration)
        try await store.insertPayment(self.payment("pay-1"))
        await store.close()

        let connection = try SQLiteConnection(path: configuration.databasePath)
        defer { connection.close() }
        let stored = try connection.queryFirst("SELECT typeof(amount), amount, deposited_amount FROM payments") {
            (try $0.string(0), try $0.string(1), try $0.string(2))
        }
        #expect(stored?.0 == "text")
        #expect(stored?.1 == "118.5")
        #expect(stored?.2 == "0")
    }

    @Test func stepsAreAppendedInOrder() async throws {
        try await withTemporaryStore { store in
            var payment = self.payment("pay-1")
            try await store.insertPayment(
                payment,
                step: PaymentStepEntry(paymentID: "pay-1", step: "start", phase: .after, detail: nil, at: 100)
            )

            payment.state = .depositPending
            payment.depositAmount = Decimal(string: "118.50")!
            payment.depositStartedAt = 110
            payment.updatedAt = 110
            #expect(
                try await store.updatePayment(
                    payment,
                    step: PaymentStepEntry(
                        paymentID: "pay-1",
                        step: "deposit",
                        phase: .before,
                        detail: "118.50",
                        at: 110
                    )
                )
            )

            payment.state = .deposited
            payment.depositedAmount = Decimal(string: "118.50")!
            payment.updatedAt = 120
            #expect(
                try await store.updatePayment(
                    payment,
                    step: PaymentStepEntry(paymentID: "pay-1", step: "deposit", phase: .after, detail: "Ok", at: 120)
                )
            )

            #expect(try await store.payment(paymentID: "pay-1") == payment)
            let steps = try await store.paymentSteps(paymentID: "pay-1")
            #expect(steps.map(\.step) == ["start", "deposit", "deposit"])
            #expect(steps.map(\.phase) == [.after, .before, .after])
            let ids = steps.compactMap(\.id)
            #expect(ids.count == 3)
            #expect(ids == ids.sorted())
        }
    }

    @Test func updateOfUnknownPaymentWritesNothing() async throws {
        try await withTemporaryStore { store in
            let written = try await store.updatePayment(
                self.payment("pay-404"),
                step: PaymentStepEntry(paymentID: "pay-404", step: "deposit", phase: .before, detail: nil, at: 1)
            )
            #expect(written == false)
            #expect(try await store.paymentSteps(paymentID: "pay-404").isEmpty)
        }
    }

    @Test func duplicatePaymentIDIsRejected() async throws {
        try await withTemporaryStore { store in
            try await store.insertPayment(self.payment("pay-1"))
            let error = await #expect(throws: StoreError.self) {
                try await store.insertPayment(self.payment("pay-1", orderID: "ORD-0000000999"))
            }
            #expect(error?.extendedResultCode == SQLiteResultCode.constraintPrimaryKey)
        }
    }

    @Test func stepsCannotBeChangedOrDeleted() async throws {
        try await withTemporaryStore { store in
            try await store.insertPayment(
                self.payment("pay-1"),
                step: PaymentStepEntry(paymentID: "pay-1", step: "start", phase: .after, detail: nil, at: 100)
            )
            for sql in ["UPDATE payment_steps SET detail = 'x'", "DELETE FROM payment_steps"] {
                let error = await #expect(throws: StoreError.self) {
                    try await store.transaction { store in _ = try store.connection.run(sql) }
                }
                #expect(error?.message.contains("append-only") == true)
            }
            #expect(try await store.paymentSteps(paymentID: "pay-1").count == 1)
        }
    }

    @Test func stepOfUnknownPaymentIsForeignKeyViolation() async throws {
        try await withTemporaryStore { store in
            let error = await #expect(throws: StoreError.self) {
                try await store.transaction { store in
                    _ = try store.connection.run(
                        "INSERT INTO payment_steps (payment_id, step, phase, detail, at) VALUES ('none', 's', 'before', NULL, 1)"
                    )
                }
            }
            #expect(error?.extendedResultCode == SQLiteResultCode.constraintForeignKey)
        }
    }

    @Test func journalWriteNeedsFullOuterTransaction() async throws {
        try await withTemporaryStore { store in
            let payment = self.payment("pay-1")
            let error = await #expect(throws: StoreError.self) {
                try await store.transaction(synchronous: .normal) { store in try store.insertPayment(payment) }
            }
            #expect(error?.resultCode == SQLiteResultCode.misuse)
            #expect(try await store.payment(paymentID: "pay-1") == nil)

            try await store.transaction(synchronous: .full) { store in try store.insertPayment(payment) }
            #expect(try await store.payment(paymentID: "pay-1") == payment)
        }
    }

    @Test func unresolvedPaymentsAreIncompleteOrReconciling() async throws {
        try await withTemporaryStore { store in
            let states: [PaymentState] = [.verified, .incomplete, .reconciling, .depositPending]
            for (index, state) in states.enumerated() {
                var payment = self.payment("pay-\(index)", createdAt: Int64(index))
                payment.state = state
                try await store.insertPayment(payment)
            }
            let unresolved = try await store.unresolvedPayments()
            #expect(unresolved.map(\.paymentID) == ["pay-1", "pay-2"])
            #expect(try await store.payments(inStates: [.depositPending]).map(\.paymentID) == ["pay-3"])
            #expect(try await store.payments(orderID: "ORD-0000000123").count == 4)
        }
    }

    @Test func nanAmountIsRejected() async throws {
        try await withTemporaryStore { store in
            var payment = self.payment("pay-1")
            payment.amount = Decimal.nan
            await #expect(throws: StoreError.self) {
                try await store.insertPayment(payment)
            }
        }
    }
}
