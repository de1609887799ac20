-- AlterEnum
ALTER TYPE "PolicyEventType" ADD VALUE 'licence_term';

-- AlterTable
ALTER TABLE "PolicyEvent" ADD COLUMN     "countries" JSONB,
ADD COLUMN     "dateEstimated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dateNote" TEXT,
ADD COLUMN     "references" JSONB;
