/// The gateway's schema, one migration per released change, oldest first.
///
/// Never edit a migration that has shipped: a database that already ran it would not run it
/// again. Add a new one with the next version instead. Tables are `STRICT` (SQLite 3.37 or
/// newer), so a column rejects a value of the wrong type instead of storing it.
enum SchemaMigrations {
    static let all: [Migration] = [createTables, addWorkerIndexes, addIdempotencyAttemptID]

    static var latestVersion: Int { all.last?.version ?? 0 }

    static let createTables = Migration(
        version: 1,
        name: "create tables",
        sql: """
            CREATE TABLE idempotency_records (
                idempotency_key TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                method TEXT NOT NULL,
                route TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'final')),
                response_status INTEGER,
                response_headers_json TEXT,
                response_body BLOB,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (token_hash, method, route, idempotency_key),
                CHECK (state = 'pending' OR response_status IS NOT NULL)
            ) STRICT;

            CREATE TABLE gateway_orders (
                order_id TEXT NOT NULL PRIMARY KEY,
                external_id TEXT,
                attempt_id TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL CHECK (state IN ('live', 'cancelled')),
                snapshot_json TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX gateway_orders_by_external_id ON gateway_orders (external_id, state);
            CREATE INDEX gateway_orders_by_created_at ON gateway_orders (created_at);

            CREATE TABLE payments (
                payment_id TEXT NOT NULL PRIMARY KEY,
                order_id TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('started', 'deposit_pending', 'deposited',
                    'reserve_pending', 'reserved', 'verified', 'incomplete', 'reconciling')),
                amount TEXT NOT NULL,
                deposit_amount TEXT,
                deposited_amount TEXT NOT NULL,
                reserved_amount TEXT NOT NULL,
                currency TEXT NOT NULL,
                deposit_comment TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                deposit_started_at INTEGER,
                last_error TEXT
            ) STRICT;
            CREATE INDEX payments_by_order_id ON payments (order_id, created_at);
            CREATE INDEX payments_by_state ON payments (state);

            CREATE TABLE payment_steps (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                payment_id TEXT NOT NULL REFERENCES payments (payment_id),
                step TEXT NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
                detail TEXT,
                at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX payment_steps_by_payment_id ON payment_steps (payment_id, id);
            CREATE TRIGGER payment_steps_reject_update BEFORE UPDATE ON payment_steps
            BEGIN
                SELECT RAISE(ABORT, 'payment_steps is append-only');
            END;
            CREATE TRIGGER payment_steps_reject_delete BEFORE DELETE ON payment_steps
            BEGIN
                SELECT RAISE(ABORT, 'payment_steps is append-only');
            END;

            CREATE TABLE provider_auth_states (
                state_token TEXT NOT NULL PRIMARY KEY,
                account TEXT,
                browser_binding_hash TEXT,
                sessions_snapshot_json TEXT NOT NULL,
                outcome_json TEXT,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                consumed_at INTEGER
            ) STRICT;

            CREATE TABLE provider_account_connects (
                account_name TEXT NOT NULL PRIMARY KEY,
                last_connected_at INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE outbox_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                order_id TEXT,
                occurred_at INTEGER NOT NULL,
                data_json TEXT NOT NULL,
                delivery_state TEXT NOT NULL
                    CHECK (delivery_state IN ('pending', 'delivered', 'failed', 'not_required')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER,
                last_error TEXT,
                delivered_at INTEGER
            ) STRICT;

            CREATE TABLE gateway_activities (
                activity_type TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                order_id TEXT,
                state TEXT NOT NULL
                    CHECK (state IN ('running', 'awaiting_action', 'finished', 'cancelled', 'abandoned')),
                next_poll_at INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (activity_type, activity_id)
            ) STRICT;

            CREATE TABLE watched_orders (
                order_id TEXT NOT NULL PRIMARY KEY,
                snapshot_json TEXT,
                next_check_at INTEGER NOT NULL,
                last_sync_at INTEGER,
                created_at INTEGER NOT NULL
            ) STRICT;
            """
    )

    /// Indexes for the background workers, which scan by due time and by expiry.
    static let addWorkerIndexes = Migration(
        version: 2,
        name: "add worker indexes",
        sql: """
            CREATE INDEX idempotency_records_by_expires_at ON idempotency_records (expires_at);
            CREATE INDEX provider_auth_states_by_expires_at ON provider_auth_states (expires_at);
            CREATE INDEX outbox_events_due ON outbox_events (delivery_state, next_attempt_at);
            CREATE INDEX gateway_activities_due ON gateway_activities (next_poll_at)
                WHERE next_poll_at IS NOT NULL;
            CREATE INDEX gateway_activities_by_order_id ON gateway_activities (order_id);
            CREATE INDEX watched_orders_due ON watched_orders (next_check_at);
            """
    )

    /// The attempt a pending idempotent request made, so that a retry after a lost reply or a
    /// restart looks for the same marker in OT instead of placing a second order.
    static let addIdempotencyAttemptID = Migration(
        version: 3,
        name: "add idempotency attempt id",
        sql: """
            ALTER TABLE idempotency_records ADD COLUMN attempt_id TEXT;
            """
    )
}
