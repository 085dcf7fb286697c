-- CreateEnum
CREATE TYPE "token_role" AS ENUM ('reader', 'editor', 'admin');

-- CreateTable
CREATE TABLE "teams" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alias_sets" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alias_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alias_entries" (
    "id" BIGSERIAL NOT NULL,
    "alias_set_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "hostnames" TEXT[],
    "clusters" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "alias_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alias_set_includes" (
    "alias_set_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "included_set_id" INTEGER NOT NULL,

    CONSTRAINT "alias_set_includes_pkey" PRIMARY KEY ("alias_set_id","position")
);

-- CreateTable
CREATE TABLE "revisions" (
    "alias_set_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("alias_set_id","version")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" "token_role" NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "actor_team" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_ref" TEXT NOT NULL,
    "team" TEXT,
    "version" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "via" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "clusters_name_key" ON "clusters"("name");

-- CreateIndex
CREATE UNIQUE INDEX "alias_sets_team_id_name_key" ON "alias_sets"("team_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "alias_entries_alias_set_id_position_key" ON "alias_entries"("alias_set_id", "position");

-- CreateIndex
CREATE INDEX "alias_set_includes_included_set_id_idx" ON "alias_set_includes"("included_set_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_secret_hash_key" ON "api_tokens"("secret_hash");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_team_id_name_key" ON "api_tokens"("team_id", "name");

-- CreateIndex
CREATE INDEX "audit_events_target_ref_id_idx" ON "audit_events"("target_ref", "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_team_id_idx" ON "audit_events"("team", "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_id_id_idx" ON "audit_events"("actor_id", "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_id_idx" ON "audit_events"("action", "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- AddForeignKey
ALTER TABLE "alias_sets" ADD CONSTRAINT "alias_sets_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_entries" ADD CONSTRAINT "alias_entries_alias_set_id_fkey" FOREIGN KEY ("alias_set_id") REFERENCES "alias_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_set_includes" ADD CONSTRAINT "alias_set_includes_alias_set_id_fkey" FOREIGN KEY ("alias_set_id") REFERENCES "alias_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias_set_includes" ADD CONSTRAINT "alias_set_includes_included_set_id_fkey" FOREIGN KEY ("included_set_id") REFERENCES "alias_sets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_alias_set_id_fkey" FOREIGN KEY ("alias_set_id") REFERENCES "alias_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Audit history is append-only, enforced by the database and not only by the code: even the
-- application's own connection cannot rewrite or erase it.
CREATE FUNCTION "audit_events_reject_change"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_events_no_update_delete"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
