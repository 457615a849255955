-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'reviewer', 'viewer');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('title_abstract', 'full_text');

-- CreateEnum
CREATE TYPE "DecisionValue" AS ENUM ('include', 'exclude', 'maybe');

-- CreateEnum
CREATE TYPE "SourceType" AS ENUM ('database', 'register', 'other');

-- CreateEnum
CREATE TYPE "CriterionKind" AS ENUM ('inclusion', 'exclusion');

-- CreateEnum
CREATE TYPE "ReasonKind" AS ENUM ('standard', 'not_retrieved');

-- CreateEnum
CREATE TYPE "RemovalReason" AS ENUM ('duplicate', 'automation', 'other');

-- CreateEnum
CREATE TYPE "DuplicateTier" AS ENUM ('exact', 'likely');

-- CreateEnum
CREATE TYPE "DuplicateStatus" AS ENUM ('pending', 'merged', 'not_duplicate');

-- CreateEnum
CREATE TYPE "ScreeningOutcome" AS ENUM ('pending', 'conflict', 'included', 'excluded');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "canAdjudicate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewStageSetting" (
    "reviewId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "requiredDecisions" INTEGER NOT NULL DEFAULT 2,
    "isBlinded" BOOLEAN NOT NULL DEFAULT true,
    "hasChecklist" BOOLEAN NOT NULL DEFAULT false,
    "unblindedAt" TIMESTAMP(3),
    "unblindedById" UUID,

    CONSTRAINT "ReviewStageSetting_pkey" PRIMARY KEY ("reviewId","stage")
);

-- CreateTable
CREATE TABLE "Protocol" (
    "reviewId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "question" TEXT NOT NULL DEFAULT '',
    "registry" TEXT NOT NULL DEFAULT '',
    "registrationId" TEXT NOT NULL DEFAULT '',
    "registrationUrl" TEXT NOT NULL DEFAULT '',
    "population" TEXT NOT NULL DEFAULT '',
    "intervention" TEXT NOT NULL DEFAULT '',
    "comparator" TEXT NOT NULL DEFAULT '',
    "outcomes" TEXT NOT NULL DEFAULT '',
    "studyDesigns" TEXT NOT NULL DEFAULT '',
    "setting" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT '',
    "dateLimits" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "highlightInclude" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "highlightExclude" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Protocol_pkey" PRIMARY KEY ("reviewId")
);

-- CreateTable
CREATE TABLE "ProtocolVersion" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProtocolVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "kind" "CriterionKind" NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "stages" "Stage"[],
    "position" INTEGER NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExclusionReason" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "kind" "ReasonKind" NOT NULL DEFAULT 'standard',
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "criterionId" UUID,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExclusionReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Search" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "sourceType" "SourceType" NOT NULL,
    "query" TEXT NOT NULL DEFAULT '',
    "dateRun" DATE,
    "notes" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "recordsImported" INTEGER NOT NULL,
    "problemsSkipped" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Search_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Record" (
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
    "duplicateOfId" UUID,
    "removedReason" "RemovalReason",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuplicatePair" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "recordAId" UUID NOT NULL,
    "recordBId" UUID NOT NULL,
    "tier" "DuplicateTier" NOT NULL,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scores" JSONB NOT NULL DEFAULT '{}',
    "status" "DuplicateStatus" NOT NULL DEFAULT 'pending',
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicatePair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "reviewerId" UUID NOT NULL,
    "value" "DecisionValue" NOT NULL,
    "reasonId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "checklist" JSONB,
    "protocolVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionRevision" (
    "id" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "value" "DecisionValue" NOT NULL,
    "reasonId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "protocolVersion" INTEGER NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningState" (
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "decisionsCount" INTEGER NOT NULL DEFAULT 0,
    "outcome" "ScreeningOutcome" NOT NULL DEFAULT 'pending',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScreeningState_pkey" PRIMARY KEY ("recordId","stage")
);

-- CreateTable
CREATE TABLE "Resolution" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "value" "DecisionValue" NOT NULL,
    "reasonId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "resolvedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Resolution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictComment" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConflictComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "reviewerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("recordId","stage","reviewerId")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "studyId" UUID,
    "fileName" TEXT,
    "filePath" TEXT,
    "fileSize" INTEGER,
    "fileSha256" TEXT,
    "url" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Study" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RelevanceScore" (
    "reviewId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "stage" "Stage" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "modelVersion" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RelevanceScore_pkey" PRIMARY KEY ("recordId","stage")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "reviewId" UUID,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_reviewId_userId_key" ON "Membership"("reviewId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProtocolVersion_reviewId_version_key" ON "ProtocolVersion"("reviewId", "version");

-- CreateIndex
CREATE INDEX "Criterion_reviewId_position_idx" ON "Criterion"("reviewId", "position");

-- CreateIndex
CREATE INDEX "ExclusionReason_reviewId_position_idx" ON "ExclusionReason"("reviewId", "position");

-- CreateIndex
CREATE INDEX "Search_reviewId_idx" ON "Search"("reviewId");

-- CreateIndex
CREATE INDEX "Record_reviewId_removedReason_idx" ON "Record"("reviewId", "removedReason");

-- CreateIndex
CREATE INDEX "Record_reviewId_pmid_idx" ON "Record"("reviewId", "pmid");

-- CreateIndex
CREATE INDEX "Record_reviewId_doi_idx" ON "Record"("reviewId", "doi");

-- CreateIndex
CREATE INDEX "Record_searchId_idx" ON "Record"("searchId");

-- CreateIndex
CREATE INDEX "Record_duplicateOfId_idx" ON "Record"("duplicateOfId");

-- CreateIndex
CREATE INDEX "DuplicatePair_reviewId_status_idx" ON "DuplicatePair"("reviewId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DuplicatePair_recordAId_recordBId_key" ON "DuplicatePair"("recordAId", "recordBId");

-- CreateIndex
CREATE INDEX "Decision_reviewId_stage_reviewerId_idx" ON "Decision"("reviewId", "stage", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_recordId_stage_reviewerId_key" ON "Decision"("recordId", "stage", "reviewerId");

-- CreateIndex
CREATE INDEX "DecisionRevision_decisionId_idx" ON "DecisionRevision"("decisionId");

-- CreateIndex
CREATE INDEX "ScreeningState_reviewId_stage_outcome_decisionsCount_idx" ON "ScreeningState"("reviewId", "stage", "outcome", "decisionsCount");

-- CreateIndex
CREATE INDEX "Resolution_reviewId_stage_idx" ON "Resolution"("reviewId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "Resolution_recordId_stage_key" ON "Resolution"("recordId", "stage");

-- CreateIndex
CREATE INDEX "ConflictComment_recordId_stage_idx" ON "ConflictComment"("recordId", "stage");

-- CreateIndex
CREATE INDEX "Assignment_reviewId_stage_reviewerId_idx" ON "Assignment"("reviewId", "stage", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_recordId_key" ON "Report"("recordId");

-- CreateIndex
CREATE INDEX "Report_reviewId_idx" ON "Report"("reviewId");

-- CreateIndex
CREATE INDEX "Study_reviewId_idx" ON "Study"("reviewId");

-- CreateIndex
CREATE INDEX "RelevanceScore_reviewId_stage_score_idx" ON "RelevanceScore"("reviewId", "stage", "score");

-- CreateIndex
CREATE INDEX "AuditEvent_reviewId_createdAt_idx" ON "AuditEvent"("reviewId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewStageSetting" ADD CONSTRAINT "ReviewStageSetting_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Protocol" ADD CONSTRAINT "Protocol_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtocolVersion" ADD CONSTRAINT "ProtocolVersion_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProtocolVersion" ADD CONSTRAINT "ProtocolVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExclusionReason" ADD CONSTRAINT "ExclusionReason_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExclusionReason" ADD CONSTRAINT "ExclusionReason_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Search" ADD CONSTRAINT "Search_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Search" ADD CONSTRAINT "Search_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_searchId_fkey" FOREIGN KEY ("searchId") REFERENCES "Search"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Record"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicatePair" ADD CONSTRAINT "DuplicatePair_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicatePair" ADD CONSTRAINT "DuplicatePair_recordAId_fkey" FOREIGN KEY ("recordAId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicatePair" ADD CONSTRAINT "DuplicatePair_recordBId_fkey" FOREIGN KEY ("recordBId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ExclusionReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionRevision" ADD CONSTRAINT "DecisionRevision_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionRevision" ADD CONSTRAINT "DecisionRevision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningState" ADD CONSTRAINT "ScreeningState_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningState" ADD CONSTRAINT "ScreeningState_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "ExclusionReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictComment" ADD CONSTRAINT "ConflictComment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictComment" ADD CONSTRAINT "ConflictComment_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictComment" ADD CONSTRAINT "ConflictComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Study" ADD CONSTRAINT "Study_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelevanceScore" ADD CONSTRAINT "RelevanceScore_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RelevanceScore" ADD CONSTRAINT "RelevanceScore_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit trail is append-only: UPDATE and direct DELETE are refused by the database itself.
-- Deletes cascading from a deleted review (trigger depth > 1) are allowed, so a review can go
-- away as a whole.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
