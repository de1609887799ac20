-- CreateEnum
CREATE TYPE "ReportPaper" AS ENUM ('a4', 'letter');

-- CreateEnum
CREATE TYPE "ReportRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "ReportRun" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "requestedById" UUID,
    "paper" "ReportPaper" NOT NULL,
    "status" "ReportRunStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "jobId" UUID,
    "pdf" BYTEA,
    "pdfBytes" INTEGER,
    "pageCount" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportRun_organisationId_createdAt_idx" ON "ReportRun"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportRun_status_idx" ON "ReportRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ReportRun_organisationId_id_key" ON "ReportRun"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_organisationId_assessmentId_fkey" FOREIGN KEY ("organisationId", "assessmentId") REFERENCES "Assessment"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

