-- AlterTable
-- An entry may expire: resolution leaves it out from this instant on, and the expiry sweep then
-- writes a version of its set without it.
ALTER TABLE "alias_entries" ADD COLUMN "expires_at" TIMESTAMPTZ(3);

-- CreateIndex
-- The sweep asks every few seconds which entries have expired.
CREATE INDEX "alias_entries_expires_at_idx" ON "alias_entries"("expires_at");
