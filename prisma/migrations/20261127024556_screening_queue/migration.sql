-- DropIndex
DROP INDEX "ScreeningState_reviewId_stage_outcome_decisionsCount_idx";

-- AlterTable
ALTER TABLE "ScreeningState" ADD COLUMN     "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "ScreeningLease" (
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "reviewerId" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScreeningLease_pkey" PRIMARY KEY ("recordId","stage","reviewerId")
);

-- CreateIndex
CREATE INDEX "ScreeningLease_reviewerId_stage_idx" ON "ScreeningLease"("reviewerId", "stage");

-- CreateIndex
CREATE INDEX "ScreeningState_reviewId_stage_outcome_decisionsCount_priori_idx" ON "ScreeningState"("reviewId", "stage", "outcome", "decisionsCount", "priority" DESC, "seq");

-- AddForeignKey
ALTER TABLE "ScreeningLease" ADD CONSTRAINT "ScreeningLease_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningLease" ADD CONSTRAINT "ScreeningLease_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningLease" ADD CONSTRAINT "ScreeningLease_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written (decision 006): keep a queue row for every screenable record, whatever wrote it.
-- The schema engine ignores functions and triggers, so `db:diff -- --check` stays clean.

-- A title/abstract row for each new record that is not removed, in file order.
CREATE FUNCTION sieve_records_enter_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ScreeningState" ("reviewId", "recordId", "stage", "decisionsCount", "outcome", "updatedAt")
  SELECT n."reviewId", n."id", 'title_abstract', 0, 'pending', now()
  FROM new_records n
  WHERE n."removedReason" IS NULL
  ORDER BY n."createdAt", n."position", n."id"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "Record_enter_queue" AFTER INSERT ON "Record"
  REFERENCING NEW TABLE AS new_records
  FOR EACH STATEMENT EXECUTE FUNCTION sieve_records_enter_queue();

-- A record removed (merged as a duplicate) before anyone decided it leaves the queue; a record
-- restored (a merge undone) comes back, at the end of the queue. Decided rows stay: they are history.
CREATE FUNCTION sieve_records_removed_or_restored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ScreeningState" s
  USING new_records n JOIN old_records o ON o."id" = n."id"
  WHERE s."recordId" = n."id" AND n."removedReason" IS NOT NULL AND o."removedReason" IS NULL
    AND s."decisionsCount" = 0 AND s."outcome" = 'pending';
  INSERT INTO "ScreeningState" ("reviewId", "recordId", "stage", "decisionsCount", "outcome", "updatedAt")
  SELECT n."reviewId", n."id", 'title_abstract', 0, 'pending', now()
  FROM new_records n JOIN old_records o ON o."id" = n."id"
  WHERE n."removedReason" IS NULL AND o."removedReason" IS NOT NULL
  ORDER BY n."createdAt", n."position", n."id"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "Record_removed_or_restored" AFTER UPDATE ON "Record"
  REFERENCING OLD TABLE AS old_records NEW TABLE AS new_records
  FOR EACH STATEMENT EXECUTE FUNCTION sieve_records_removed_or_restored();

-- Passing title/abstract puts the record in the full-text queue, at its import-order place; leaving
-- "included" again (a changed decision) takes it out if nobody has assessed its full text yet.
CREATE FUNCTION sieve_full_text_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."outcome" = 'included' THEN
    INSERT INTO "ScreeningState" ("reviewId", "recordId", "stage", "decisionsCount", "outcome", "seq", "updatedAt")
    VALUES (NEW."reviewId", NEW."recordId", 'full_text', 0, 'pending', NEW."seq", now())
    ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM "ScreeningState"
    WHERE "recordId" = NEW."recordId" AND "stage" = 'full_text' AND "decisionsCount" = 0 AND "outcome" = 'pending';
  END IF;
  RETURN NULL;
END $$;

-- Two triggers with narrow WHEN clauses, so the 100,000 pending rows of a large import call nothing.
CREATE TRIGGER "ScreeningState_full_text_queue_insert" AFTER INSERT ON "ScreeningState"
  FOR EACH ROW WHEN (NEW."stage" = 'title_abstract' AND NEW."outcome" = 'included')
  EXECUTE FUNCTION sieve_full_text_queue();

CREATE TRIGGER "ScreeningState_full_text_queue_update" AFTER UPDATE OF "outcome" ON "ScreeningState"
  FOR EACH ROW WHEN (NEW."stage" = 'title_abstract' AND (OLD."outcome" = 'included') <> (NEW."outcome" = 'included'))
  EXECUTE FUNCTION sieve_full_text_queue();

-- Existing data: queue rows for records that have none, then every row's seq in import order.
INSERT INTO "ScreeningState" ("reviewId", "recordId", "stage", "decisionsCount", "outcome", "updatedAt")
SELECT r."reviewId", r."id", 'title_abstract', 0, 'pending', now()
FROM "Record" r
WHERE r."removedReason" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "ScreeningState" s WHERE s."recordId" = r."id" AND s."stage" = 'title_abstract')
ORDER BY r."createdAt", r."position", r."id";

INSERT INTO "ScreeningState" ("reviewId", "recordId", "stage", "decisionsCount", "outcome", "updatedAt")
SELECT t."reviewId", t."recordId", 'full_text', 0, 'pending', now()
FROM "ScreeningState" t
WHERE t."stage" = 'title_abstract' AND t."outcome" = 'included'
ON CONFLICT DO NOTHING;

UPDATE "ScreeningState" s SET "seq" = o.n
FROM (
  SELECT r."id", row_number() OVER (ORDER BY r."createdAt", r."position", r."id") AS n
  FROM "Record" r
) o
WHERE s."recordId" = o."id";

SELECT setval(pg_get_serial_sequence('"ScreeningState"', 'seq'), (SELECT COALESCE(max("seq"), 0) + 1 FROM "ScreeningState"), false);
