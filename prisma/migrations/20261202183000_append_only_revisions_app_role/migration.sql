-- Revisions are history, like the audit log: append-only, enforced by the database, and kept
-- when their set is deleted (the foreign key used to cascade them away).
ALTER TABLE "revisions" DROP CONSTRAINT "revisions_alias_set_id_fkey";

CREATE FUNCTION "revisions_reject_change"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'revisions is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "revisions_no_update_delete"
    BEFORE UPDATE OR DELETE ON "revisions"
    FOR EACH ROW EXECUTE FUNCTION "revisions_reject_change"();

CREATE TRIGGER "revisions_no_truncate"
    BEFORE TRUNCATE ON "revisions"
    FOR EACH STATEMENT EXECUTE FUNCTION "revisions_reject_change"();

-- The application's role: it owns nothing (so it cannot ALTER a table, drop a trigger or
-- disable one) and has only the rights the service needs. Migrations run as the owner of the
-- tables; the service logs in as a member of hostaliases_app. A database administrator may
-- create the role beforehand (then this only grants); otherwise the owner needs CREATEROLE.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hostaliases_app') THEN
        CREATE ROLE "hostaliases_app" NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    -- Another database of the same server created it at the same moment.
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO "hostaliases_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "hostaliases_app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "hostaliases_app";
-- History: written and read, never changed.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "revisions" FROM "hostaliases_app";
-- The migration record is the owner's; the service only reads it (nothing pending at start).
REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM "hostaliases_app";
-- Tables and sequences later migrations create get the same plain rights; a history table
-- must revoke UPDATE and DELETE again, as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "hostaliases_app";
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO "hostaliases_app";
