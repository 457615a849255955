-- DropForeignKey
ALTER TABLE "ScreeningLease" DROP CONSTRAINT "ScreeningLease_recordId_fkey";

-- DropForeignKey
ALTER TABLE "ScreeningLease" DROP CONSTRAINT "ScreeningLease_reviewId_fkey";

-- DropForeignKey
ALTER TABLE "ScreeningLease" DROP CONSTRAINT "ScreeningLease_reviewerId_fkey";

-- Hand-written (decision 009): leases are ephemeral reservations written on every "next record"
-- request; unlogged, such a request commits without waiting for a WAL flush. The schema engine
-- does not model UNLOGGED, so `db:diff -- --check` stays clean.
ALTER TABLE "ScreeningLease" SET UNLOGGED;
