-- API tokens expire; the organisation's owners choose the default and the longest lifetime of new
-- tokens; the audit log screen filters by actor, action and entity id (docs/decisions/029).

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "apiTokenDefaultDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "apiTokenMaxDays" INTEGER NOT NULL DEFAULT 365;

-- The app validates both (lib/api-tokens/schemas.ts); the database refuses what slips past it.
-- (Prisma's schema cannot express CHECK constraints and its drift check does not compare them.)
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_apiTokenLifetime_check"
  CHECK ("apiTokenMaxDays" BETWEEN 1 AND 365 AND "apiTokenDefaultDays" BETWEEN 1 AND "apiTokenMaxDays");

-- AlterTable: tokens created before expiry existed get the default lifetime from today, so that
-- no token lives for ever and none stops working the moment this migration runs.
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);
UPDATE "ApiToken" SET "expiresAt" = CURRENT_TIMESTAMP + INTERVAL '90 days' WHERE "expiresAt" IS NULL;
ALTER TABLE "ApiToken" ALTER COLUMN "expiresAt" SET NOT NULL;

-- CreateIndex
CREATE INDEX "ApiToken_organisationId_createdById_idx" ON "ApiToken"("organisationId", "createdById");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_actorId_createdAt_idx" ON "AuditEvent"("organisationId", "actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_action_createdAt_idx" ON "AuditEvent"("organisationId", "action", "createdAt");

-- CreateIndex (pg_trgm is created by 20261202030000_data_flow_search)
CREATE INDEX "AuditEvent_entityId_trgm_idx" ON "AuditEvent" USING GIN ("entityId" gin_trgm_ops);
