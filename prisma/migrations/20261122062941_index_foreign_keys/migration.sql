-- Foreign keys that cascade deletes had no index on the referencing side: deleting an office,
-- AI system or cloud vendor scanned every data flow, dependency or fallback of the organisation.
-- CreateIndex
CREATE INDEX "DataFlow_organisationId_originOfficeId_idx" ON "DataFlow"("organisationId", "originOfficeId");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_originAiSystemId_idx" ON "DataFlow"("organisationId", "originAiSystemId");

-- CreateIndex
CREATE INDEX "Dependency_organisationId_cloudVendorId_idx" ON "Dependency"("organisationId", "cloudVendorId");

-- CreateIndex
CREATE INDEX "Fallback_organisationId_cloudVendorId_idx" ON "Fallback"("organisationId", "cloudVendorId");
