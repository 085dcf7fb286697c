-- CreateIndex
-- `?actor=` matches a token id or an actor name (such as "admin"): both sides need an index, or
-- PostgreSQL scans the whole append-only log for the name.
CREATE INDEX "audit_events_actor_name_id_idx" ON "audit_events"("actor_name", "id" DESC);
