-- A fallback is identified by its dependency and its route (model, access path): the import
-- matches it so, and the organisation's own export must import again as "no change"
-- (docs/decisions/031). Until now the forms and the API accepted the same fallback twice.
--
-- Existing duplicates are resolved before the constraint is added, so this migration cannot
-- fail on them: in each group, the fallback tested most recently is kept (then the oldest); the
-- others are deleted, each with an audit event holding the deleted row (action "delete", no
-- actor, request "migration 20261206130200_import_identity"), as a delete in the app records it.

WITH ranked AS (
  SELECT f.*,
         row_number() OVER (
           PARTITION BY "organisationId", "dependencyId", "modelId", "accessPath"
           ORDER BY "lastTestedAt" DESC NULLS LAST, "createdAt" ASC, id ASC
         ) AS position
  FROM "Fallback" f
),
removed AS (
  DELETE FROM "Fallback" f
  USING ranked r
  WHERE f.id = r.id AND r.position > 1
  RETURNING f.*
)
INSERT INTO "AuditEvent" ("organisationId", "actorId", "action", "entityType", "entityId", "before", "after", "requestId")
SELECT "organisationId", NULL, 'delete', 'fallback', id::text, to_jsonb(removed), NULL, 'migration 20261206130200_import_identity'
FROM removed;

-- CreateIndex
CREATE UNIQUE INDEX "Fallback_organisationId_dependencyId_modelId_accessPath_key" ON "Fallback"("organisationId", "dependencyId", "modelId", "accessPath");
