-- AlterTable
ALTER TABLE "RemediationAction" ADD COLUMN     "scoreAtClose" DOUBLE PRECISION,
ADD COLUMN     "scoreAtCreation" DOUBLE PRECISION;

-- CreateIndex
CREATE UNIQUE INDEX "RemediationAction_organisationId_findingKey_key" ON "RemediationAction"("organisationId", "findingKey");

