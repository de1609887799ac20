-- CreateEnum
CREATE TYPE "Role" AS ENUM ('owner', 'editor', 'analyst', 'viewer');

-- CreateEnum
CREATE TYPE "VendorType" AS ENUM ('frontier_lab', 'hyperscaler', 'cloud_provider', 'open_weight_publisher', 'reseller', 'other');

-- CreateEnum
CREATE TYPE "Weights" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "Criticality" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "AccessPath" AS ENUM ('direct_api', 'cloud_marketplace', 'third_party_hosted', 'self_hosted');

-- CreateEnum
CREATE TYPE "DataCategory" AS ENUM ('public', 'internal', 'personal', 'special_category', 'trade_secret', 'regulated');

-- CreateEnum
CREATE TYPE "TransferMechanism" AS ENUM ('not_required', 'adequacy', 'scc', 'bcr', 'derogation', 'none');

-- CreateEnum
CREATE TYPE "Encryption" AS ENUM ('none', 'in_transit', 'at_rest', 'in_transit_and_at_rest', 'customer_managed_keys');

-- CreateEnum
CREATE TYPE "DataVolume" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "PolicyAction" AS ENUM ('impose', 'lift');

-- CreateEnum
CREATE TYPE "PolicyEventType" AS ENUM ('export_control', 'sanction', 'vendor_restriction', 'ban', 'disruption');

-- CreateEnum
CREATE TYPE "RemediationStatus" AS ENUM ('open', 'in_progress', 'done', 'wont_do');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "RemediationOrigin" AS ENUM ('engine', 'manual');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hqCountry" CHAR(2) NOT NULL,
    "sector" TEXT NOT NULL,
    "regimes" TEXT[],
    "dpfCertified" BOOLEAN NOT NULL DEFAULT false,
    "riskAppetite" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "email" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" UUID,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Office" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "city" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL DEFAULT 0,
    "teams" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Office_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vendor" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "catalogueKey" TEXT,
    "vendorType" "VendorType" NOT NULL,
    "hqCountry" CHAR(2) NOT NULL,
    "parentName" TEXT,
    "parentCountry" CHAR(2),
    "dpfCertified" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT,
    "sourceAsOf" DATE,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Vendor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "vendorId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "catalogueKey" TEXT,
    "weights" "Weights" NOT NULL,
    "licence" TEXT NOT NULL,
    "licenceRestrictions" TEXT,
    "trainingCompute" TEXT NOT NULL DEFAULT 'unknown',
    "offeredAccessPaths" JSONB NOT NULL DEFAULT '[]',
    "source" TEXT,
    "sourceAsOf" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiSystem" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL,
    "criticality" "Criticality" NOT NULL,
    "toleratedDowntimeMinutes" INTEGER NOT NULL,
    "usersServed" INTEGER NOT NULL DEFAULT 0,
    "teams" TEXT[],
    "dataSensitivity" "DataCategory",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AiSystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiSystemOffice" (
    "organisationId" UUID NOT NULL,
    "aiSystemId" UUID NOT NULL,
    "officeId" UUID NOT NULL,

    CONSTRAINT "AiSystemOffice_pkey" PRIMARY KEY ("aiSystemId","officeId")
);

-- CreateTable
CREATE TABLE "Dependency" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "aiSystemId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "accessPath" "AccessPath" NOT NULL,
    "cloudVendorId" UUID,
    "hostingCountry" CHAR(2),
    "hostingRegion" TEXT,
    "dataSent" "DataCategory"[],
    "exitPlanDocumented" BOOLEAN NOT NULL DEFAULT false,
    "exitPlanLastReviewed" DATE,
    "contractDataResidency" BOOLEAN,
    "contractExitTerms" BOOLEAN,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Dependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fallback" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "dependencyId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "accessPath" "AccessPath" NOT NULL,
    "cloudVendorId" UUID,
    "hostingCountry" CHAR(2),
    "hostingRegion" TEXT,
    "lastTestedAt" DATE,
    "switchTimeMinutes" INTEGER,
    "qualityParityChecked" BOOLEAN NOT NULL DEFAULT false,
    "exitPlan" TEXT,
    "exitPlanUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Fallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataFlow" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "originOfficeId" UUID,
    "originAiSystemId" UUID,
    "dependencyId" UUID,
    "vendorId" UUID NOT NULL,
    "processingCountry" CHAR(2) NOT NULL,
    "processingRegion" TEXT,
    "dataCategories" "DataCategory"[],
    "volume" "DataVolume" NOT NULL,
    "transferMechanism" "TransferMechanism" NOT NULL,
    "encryption" "Encryption" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DataFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyEvent" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "fromCatalogue" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "kind" "PolicyAction" NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "summary" TEXT,
    "type" "PolicyEventType",
    "issuer" TEXT,
    "expires" DATE,
    "scope" JSONB,
    "restrictions" JSONB,
    "lifts" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PolicyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "shocks" JSONB NOT NULL,
    "asOf" DATE,
    "lastRunAt" TIMESTAMP(3),
    "lastResult" JSONB,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "asOf" DATE NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "landscape" JSONB NOT NULL,
    "results" JSONB NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rating" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationAction" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "origin" "RemediationOrigin" NOT NULL,
    "findingKey" TEXT,
    "targetType" TEXT,
    "targetId" UUID,
    "ownerId" UUID,
    "dueDate" DATE,
    "status" "RemediationStatus" NOT NULL DEFAULT 'open',
    "priority" "Priority" NOT NULL,
    "expectedGain" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "achievedGain" DOUBLE PRECISION,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RemediationAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "organisationId" UUID NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_organisationId_userId_key" ON "Membership"("organisationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_organisationId_idx" ON "Invitation"("organisationId");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organisationId_idx" ON "ApiToken"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Office_organisationId_id_key" ON "Office"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Office_organisationId_name_key" ON "Office"("organisationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_organisationId_id_key" ON "Vendor"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Vendor_organisationId_name_key" ON "Vendor"("organisationId", "name");

-- CreateIndex
CREATE INDEX "Model_organisationId_vendorId_idx" ON "Model"("organisationId", "vendorId");

-- CreateIndex
CREATE UNIQUE INDEX "Model_organisationId_id_key" ON "Model"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Model_organisationId_vendorId_name_key" ON "Model"("organisationId", "vendorId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AiSystem_organisationId_id_key" ON "AiSystem"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AiSystem_organisationId_name_key" ON "AiSystem"("organisationId", "name");

-- CreateIndex
CREATE INDEX "AiSystemOffice_organisationId_officeId_idx" ON "AiSystemOffice"("organisationId", "officeId");

-- CreateIndex
CREATE INDEX "Dependency_organisationId_modelId_idx" ON "Dependency"("organisationId", "modelId");

-- CreateIndex
CREATE UNIQUE INDEX "Dependency_organisationId_id_key" ON "Dependency"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Dependency_organisationId_aiSystemId_modelId_accessPath_key" ON "Dependency"("organisationId", "aiSystemId", "modelId", "accessPath");

-- CreateIndex
CREATE INDEX "Fallback_organisationId_dependencyId_idx" ON "Fallback"("organisationId", "dependencyId");

-- CreateIndex
CREATE INDEX "Fallback_organisationId_modelId_idx" ON "Fallback"("organisationId", "modelId");

-- CreateIndex
CREATE UNIQUE INDEX "Fallback_organisationId_id_key" ON "Fallback"("organisationId", "id");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_vendorId_idx" ON "DataFlow"("organisationId", "vendorId");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_dependencyId_idx" ON "DataFlow"("organisationId", "dependencyId");

-- CreateIndex
CREATE UNIQUE INDEX "DataFlow_organisationId_id_key" ON "DataFlow"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DataFlow_organisationId_name_key" ON "DataFlow"("organisationId", "name");

-- CreateIndex
CREATE INDEX "PolicyEvent_organisationId_effectiveDate_idx" ON "PolicyEvent"("organisationId", "effectiveDate");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyEvent_organisationId_id_key" ON "PolicyEvent"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyEvent_organisationId_key_key" ON "PolicyEvent"("organisationId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_organisationId_id_key" ON "Scenario"("organisationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_organisationId_name_key" ON "Scenario"("organisationId", "name");

-- CreateIndex
CREATE INDEX "Assessment_organisationId_createdAt_idx" ON "Assessment"("organisationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_organisationId_id_key" ON "Assessment"("organisationId", "id");

-- CreateIndex
CREATE INDEX "RemediationAction_organisationId_status_dueDate_idx" ON "RemediationAction"("organisationId", "status", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "RemediationAction_organisationId_id_key" ON "RemediationAction"("organisationId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_createdAt_idx" ON "AuditEvent"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_entityType_entityId_idx" ON "AuditEvent"("organisationId", "entityType", "entityId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Office" ADD CONSTRAINT "Office_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vendor" ADD CONSTRAINT "Vendor_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_organisationId_vendorId_fkey" FOREIGN KEY ("organisationId", "vendorId") REFERENCES "Vendor"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiSystem" ADD CONSTRAINT "AiSystem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiSystemOffice" ADD CONSTRAINT "AiSystemOffice_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiSystemOffice" ADD CONSTRAINT "AiSystemOffice_organisationId_aiSystemId_fkey" FOREIGN KEY ("organisationId", "aiSystemId") REFERENCES "AiSystem"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AiSystemOffice" ADD CONSTRAINT "AiSystemOffice_organisationId_officeId_fkey" FOREIGN KEY ("organisationId", "officeId") REFERENCES "Office"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_organisationId_aiSystemId_fkey" FOREIGN KEY ("organisationId", "aiSystemId") REFERENCES "AiSystem"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_organisationId_modelId_fkey" FOREIGN KEY ("organisationId", "modelId") REFERENCES "Model"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_organisationId_cloudVendorId_fkey" FOREIGN KEY ("organisationId", "cloudVendorId") REFERENCES "Vendor"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fallback" ADD CONSTRAINT "Fallback_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fallback" ADD CONSTRAINT "Fallback_organisationId_dependencyId_fkey" FOREIGN KEY ("organisationId", "dependencyId") REFERENCES "Dependency"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fallback" ADD CONSTRAINT "Fallback_organisationId_modelId_fkey" FOREIGN KEY ("organisationId", "modelId") REFERENCES "Model"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fallback" ADD CONSTRAINT "Fallback_organisationId_cloudVendorId_fkey" FOREIGN KEY ("organisationId", "cloudVendorId") REFERENCES "Vendor"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_organisationId_originOfficeId_fkey" FOREIGN KEY ("organisationId", "originOfficeId") REFERENCES "Office"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_organisationId_originAiSystemId_fkey" FOREIGN KEY ("organisationId", "originAiSystemId") REFERENCES "AiSystem"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_organisationId_vendorId_fkey" FOREIGN KEY ("organisationId", "vendorId") REFERENCES "Vendor"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_organisationId_dependencyId_fkey" FOREIGN KEY ("organisationId", "dependencyId") REFERENCES "Dependency"("organisationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyEvent" ADD CONSTRAINT "PolicyEvent_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationAction" ADD CONSTRAINT "RemediationAction_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationAction" ADD CONSTRAINT "RemediationAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Assessments are immutable snapshots (a board report must be reproducible): refuse UPDATE.
-- DELETE stays possible so that deleting an organisation cascades.
CREATE FUNCTION "assessment_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessments are immutable (id %)', OLD."id" USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "Assessment_immutable" BEFORE UPDATE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION "assessment_refuse_update"();

-- Audit events are append-only.
CREATE FUNCTION "audit_event_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (id %)', OLD."id" USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_refuse_update"();
