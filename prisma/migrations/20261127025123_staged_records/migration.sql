-- CreateTable
CREATE TABLE "StagedRecord" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "searchId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sourceLine" INTEGER,
    "pmid" TEXT,
    "doi" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "titleVernacular" TEXT,
    "abstract" TEXT NOT NULL DEFAULT '',
    "authors" JSONB NOT NULL DEFAULT '[]',
    "year" INTEGER,
    "publicationDate" TEXT,
    "journal" TEXT,
    "journalAbbrev" TEXT,
    "volume" TEXT,
    "issue" TEXT,
    "pages" TEXT,
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "meshTerms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "publicationTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "language" TEXT,
    "issn" TEXT,
    "url" TEXT,
    "sourceDatabase" TEXT,
    "raw" TEXT NOT NULL DEFAULT '',
    "stagedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StagedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StagedRecord_searchId_position_idx" ON "StagedRecord"("searchId", "position");

-- Not in schema.prisma (Prisma cannot express them; the drift check does not see them):
-- staged rows need no write-ahead log (a crash loses an import that had not committed anyway),
-- and long raw records compress with lz4 where the server has it, several times faster than
-- pglz; the move into "Record" keeps them compressed as they are.
ALTER TABLE "StagedRecord" SET UNLOGGED;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "StagedRecord" ALTER COLUMN "raw" SET COMPRESSION lz4, ALTER COLUMN "abstract" SET COMPRESSION lz4;
  END IF;
END $$;
