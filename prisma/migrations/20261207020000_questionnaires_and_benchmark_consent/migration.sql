-- Pre-workshop questionnaire (decision 039) and the client's consent to the practice's anonymised benchmark.
-- CreateEnum
CREATE TYPE "QuestionnaireItemStatus" AS ENUM ('pending', 'added', 'merged', 'rejected');

-- AlterTable
ALTER TABLE "PracticeClient" ADD COLUMN     "benchmarkConsentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Questionnaire" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Questionnaire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireResponse" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "questionnaireId" UUID NOT NULL,
    "respondentName" TEXT NOT NULL,
    "respondentEmail" TEXT,
    "team" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionnaireResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireItem" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "systemName" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "vendorName" TEXT,
    "modelName" TEXT,
    "dataNote" TEXT,
    "status" "QuestionnaireItemStatus" NOT NULL DEFAULT 'pending',
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMP(3),
    "reviewNote" TEXT,
    "aiSystemId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "QuestionnaireItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Questionnaire_tokenHash_key" ON "Questionnaire"("tokenHash");

-- CreateIndex
CREATE INDEX "Questionnaire_organisationId_createdAt_idx" ON "Questionnaire"("organisationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Questionnaire_organisationId_id_key" ON "Questionnaire"("organisationId", "id");

-- CreateIndex
CREATE INDEX "QuestionnaireResponse_organisationId_questionnaireId_idx" ON "QuestionnaireResponse"("organisationId", "questionnaireId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireResponse_organisationId_id_key" ON "QuestionnaireResponse"("organisationId", "id");

-- CreateIndex
CREATE INDEX "QuestionnaireItem_organisationId_status_idx" ON "QuestionnaireItem"("organisationId", "status");

-- CreateIndex
CREATE INDEX "QuestionnaireItem_responseId_idx" ON "QuestionnaireItem"("responseId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireItem_organisationId_id_key" ON "QuestionnaireItem"("organisationId", "id");

-- AddForeignKey
ALTER TABLE "Questionnaire" ADD CONSTRAINT "Questionnaire_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Questionnaire" ADD CONSTRAINT "Questionnaire_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireResponse" ADD CONSTRAINT "QuestionnaireResponse_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireResponse" ADD CONSTRAINT "QuestionnaireResponse_organisationId_questionnaireId_fkey" FOREIGN KEY ("organisationId", "questionnaireId") REFERENCES "Questionnaire"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireItem" ADD CONSTRAINT "QuestionnaireItem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireItem" ADD CONSTRAINT "QuestionnaireItem_organisationId_responseId_fkey" FOREIGN KEY ("organisationId", "responseId") REFERENCES "QuestionnaireResponse"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireItem" ADD CONSTRAINT "QuestionnaireItem_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireItem" ADD CONSTRAINT "QuestionnaireItem_aiSystemId_fkey" FOREIGN KEY ("aiSystemId") REFERENCES "AiSystem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

