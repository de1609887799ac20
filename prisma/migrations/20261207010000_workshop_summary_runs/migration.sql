-- Workshop summaries through the report job (docs/decisions/038). Additive: existing runs are board reports.
-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('board', 'workshop_summary');

-- AlterTable
ALTER TABLE "ReportRun" ADD COLUMN     "kind" "ReportKind" NOT NULL DEFAULT 'board',
ADD COLUMN     "workshopId" UUID;

-- AddForeignKey
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_organisationId_workshopId_fkey" FOREIGN KEY ("organisationId", "workshopId") REFERENCES "Workshop"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A workshop summary names its workshop; a board report names none.
ALTER TABLE "ReportRun" ADD CONSTRAINT "ReportRun_workshop_matches_kind" CHECK (("kind" = 'workshop_summary') = ("workshopId" IS NOT NULL));
