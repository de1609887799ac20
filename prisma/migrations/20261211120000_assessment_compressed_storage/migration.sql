-- Frozen assessments stored compressed (issue 18, docs/decisions/053, "Freezing at 1.0 (compressed
-- storage)"): the inventory document of a tenant of 500,000 data flows is 128 MB of JSON, past
-- what one jsonb value should carry. New assessments keep the canonical document and the packed
-- results' dependencies and systems brotli-compressed in bytea (lib/assessments/frozen-storage.ts);
-- the rest of the results stays jsonb, where SQL reads the note and the workshop summary the
-- organisation and findings. Existing assessments are not touched (they are immutable): their
-- frozenFormat is null and they are read as before.

-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "aiSystemCount" INTEGER,
ADD COLUMN     "frozenFormat" TEXT,
ADD COLUMN     "inputsCompressed" BYTEA,
ADD COLUMN     "resultsCompressed" BYTEA,
ALTER COLUMN "inputs" DROP NOT NULL;

-- Already compressed: PostgreSQL's own TOAST compression would only spend CPU trying.
ALTER TABLE "Assessment" ALTER COLUMN "inputsCompressed" SET STORAGE EXTERNAL,
ALTER COLUMN "resultsCompressed" SET STORAGE EXTERNAL;

-- One storage or the other, never half of each.
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_frozen_storage" CHECK (
  ("frozenFormat" IS NULL AND "inputs" IS NOT NULL AND "inputsCompressed" IS NULL AND "resultsCompressed" IS NULL)
  OR ("frozenFormat" IS NOT NULL AND "inputs" IS NULL AND "inputsCompressed" IS NOT NULL AND "resultsCompressed" IS NOT NULL AND "aiSystemCount" IS NOT NULL)
);
