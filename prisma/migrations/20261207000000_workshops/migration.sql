-- Workshops and facts to verify (docs/decisions/038). Additive only.
-- CreateEnum
CREATE TYPE "WorkshopStatus" AS ENUM ('running', 'ended');

-- CreateTable
CREATE TABLE "Workshop" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "attendees" TEXT[],
    "status" "WorkshopStatus" NOT NULL DEFAULT 'running',
    "step" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "startScore" DOUBLE PRECISION,
    "startRating" TEXT,
    "assessmentId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Workshop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerifyItem" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "workshopId" UUID,
    "subjectType" TEXT NOT NULL,
    "subjectId" UUID,
    "subjectLabel" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "confirmedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "VerifyItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Workshop_organisationId_startedAt_idx" ON "Workshop"("organisationId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_organisationId_id_key" ON "Workshop"("organisationId", "id");

-- CreateIndex
CREATE INDEX "VerifyItem_organisationId_confirmedAt_idx" ON "VerifyItem"("organisationId", "confirmedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VerifyItem_organisationId_id_key" ON "VerifyItem"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_organisationId_assessmentId_fkey" FOREIGN KEY ("organisationId", "assessmentId") REFERENCES "Assessment"("organisationId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifyItem" ADD CONSTRAINT "VerifyItem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifyItem" ADD CONSTRAINT "VerifyItem_organisationId_workshopId_fkey" FOREIGN KEY ("organisationId", "workshopId") REFERENCES "Workshop"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One running workshop per organisation: a second start is refused by the database too.
CREATE UNIQUE INDEX "Workshop_one_running_per_organisation" ON "Workshop"("organisationId") WHERE "status" = 'running';
