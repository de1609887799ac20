-- Substring search over a large organisation's data flows (ILIKE '%q%') uses trigram indexes.
-- pg_trgm ships with PostgreSQL (contrib); the embedded database loads PGlite's build of it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "DataFlow_name_trgm_idx" ON "DataFlow" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "DataFlow_processingRegion_trgm_idx" ON "DataFlow" USING GIN ("processingRegion" gin_trgm_ops);
