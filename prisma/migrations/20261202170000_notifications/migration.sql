-- Team webhooks (SPEC 10). `secret` is what signs deliveries, so it must be readable by the
-- service: "aes256gcm:<iv>:<tag>:<ciphertext>" when WEBHOOK_SECRET_KEY is configured, else
-- "plain:whsec_...". `sets` empty: every set of the team.
CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "team_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[] NOT NULL,
    "sets" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "webhooks_team_id_idx" ON "webhooks"("team_id");

ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The outbox: one row per committed change of a set, written in the writer's own transaction.
-- The dispatcher turns each into deliveries (one per subscribed webhook, including
-- resolution.changed for the sets that include it) and stamps `dispatched_at`.
CREATE TABLE "webhook_events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "set_ref" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL,
    "previous_version" INTEGER,
    "actor" JSONB NOT NULL,
    "request_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "webhook_events_undispatched_idx" ON "webhook_events"("id") WHERE "dispatched_at" IS NULL;

-- One message to one webhook: the queue and the deliveries log in one table. `payload` is the
-- exact body, signed and sent unchanged on every attempt. A worker claims a due row with
-- FOR UPDATE SKIP LOCKED and pushes `next_attempt_at` past its timeout (a lease), so no other
-- replica sends the same attempt.
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "set_ref" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retry_until" TIMESTAMPTZ(3) NOT NULL,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_duration_ms" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed'))
);

CREATE UNIQUE INDEX "webhook_deliveries_event_id_webhook_id_set_ref_key" ON "webhook_deliveries"("event_id", "webhook_id", "set_ref");
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at" DESC);
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';

ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every attempt of a delivery. (delivery_id, attempt) is unique: an attempt is recorded once.
CREATE TABLE "webhook_attempts" (
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "succeeded" BOOLEAN NOT NULL,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("delivery_id", "attempt")
);

ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
