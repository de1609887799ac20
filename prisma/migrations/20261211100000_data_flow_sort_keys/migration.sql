-- The data-flows list's sort keys (docs/decisions/056). Sorting an organisation's flows by the
-- name of their AI system, vendor or origin office joined and sorted every flow for each page
-- (500,000 flows: 0.3-1 s per page); the names are now kept on the flow by the database and
-- indexed with the organisation and the flow's name, so a page is read in index order.

-- AlterTable
ALTER TABLE "DataFlow" ADD COLUMN     "aiSystemName" TEXT,
ADD COLUMN     "originOfficeName" TEXT,
ADD COLUMN     "vendorName" TEXT NOT NULL DEFAULT '';

-- The existing flows, in one pass (before the indexes exist, so they are built once).
UPDATE "DataFlow" f
SET "vendorName" = v."name", "aiSystemName" = a."name", "originOfficeName" = o."name"
FROM "DataFlow" f2
JOIN "Vendor" v ON v."organisationId" = f2."organisationId" AND v."id" = f2."vendorId"
LEFT JOIN "Dependency" d ON d."organisationId" = f2."organisationId" AND d."id" = f2."dependencyId"
LEFT JOIN "AiSystem" a ON a."organisationId" = d."organisationId" AND a."id" = d."aiSystemId"
LEFT JOIN "Office" o ON o."organisationId" = f2."organisationId" AND o."id" = f2."originOfficeId"
WHERE f2."id" = f."id";

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_aiSystemName_name_idx" ON "DataFlow"("organisationId", "aiSystemName", "name");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_vendorName_name_idx" ON "DataFlow"("organisationId", "vendorName", "name");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_originOfficeName_name_idx" ON "DataFlow"("organisationId", "originOfficeName", "name");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_processingCountry_processingRegion__idx" ON "DataFlow"("organisationId", "processingCountry", "processingRegion", "name");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_transferMechanism_name_idx" ON "DataFlow"("organisationId", "transferMechanism", "name");

-- CreateIndex
CREATE INDEX "DataFlow_organisationId_encryption_name_idx" ON "DataFlow"("organisationId", "encryption", "name");

-- A flow's names, from what it references, on every insert and on every update that sets a
-- reference or one of the names: whatever a writer puts in these columns (the app never does,
-- nor does an import or the API) is replaced by the referenced rows' names.
CREATE FUNCTION "data_flow_sort_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."vendorName" := COALESCE(
    (SELECT v."name" FROM "Vendor" v WHERE v."organisationId" = NEW."organisationId" AND v."id" = NEW."vendorId"), '');
  NEW."aiSystemName" := (
    SELECT a."name" FROM "Dependency" d JOIN "AiSystem" a ON a."organisationId" = d."organisationId" AND a."id" = d."aiSystemId"
    WHERE d."organisationId" = NEW."organisationId" AND d."id" = NEW."dependencyId");
  NEW."originOfficeName" := (
    SELECT o."name" FROM "Office" o WHERE o."organisationId" = NEW."organisationId" AND o."id" = NEW."originOfficeId");
  RETURN NEW;
END;
$$;

CREATE TRIGGER "DataFlow_sort_keys" BEFORE INSERT OR UPDATE OF "dependencyId", "vendorId", "originOfficeId", "aiSystemName", "vendorName", "originOfficeName"
  ON "DataFlow" FOR EACH ROW EXECUTE FUNCTION "data_flow_sort_keys"();

-- Renames, and a dependency moved to another AI system, carried to the flows: one statement-level
-- trigger per table with transition tables (a 20,000-row import statement runs one UPDATE, and
-- only rows whose name or AI system changed touch any flow). The flows' own version is left
-- alone: a rename is not an edit of the flow, so nobody's open form of it goes stale.
CREATE FUNCTION "data_flow_sort_keys_rename"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'AiSystem' THEN
    UPDATE "DataFlow" f SET "aiSystemName" = n."name"
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "Dependency" d ON d."organisationId" = n."organisationId" AND d."aiSystemId" = n."id"
    WHERE n."name" IS DISTINCT FROM o."name" AND f."organisationId" = d."organisationId" AND f."dependencyId" = d."id";
  ELSIF TG_TABLE_NAME = 'Dependency' THEN
    UPDATE "DataFlow" f SET "aiSystemName" = a."name"
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "AiSystem" a ON a."organisationId" = n."organisationId" AND a."id" = n."aiSystemId"
    WHERE n."aiSystemId" IS DISTINCT FROM o."aiSystemId" AND f."organisationId" = n."organisationId" AND f."dependencyId" = n."id";
  ELSIF TG_TABLE_NAME = 'Vendor' THEN
    UPDATE "DataFlow" f SET "vendorName" = n."name"
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE n."name" IS DISTINCT FROM o."name" AND f."organisationId" = n."organisationId" AND f."vendorId" = n."id";
  ELSIF TG_TABLE_NAME = 'Office' THEN
    UPDATE "DataFlow" f SET "originOfficeName" = n."name"
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE n."name" IS DISTINCT FROM o."name" AND f."organisationId" = n."organisationId" AND f."originOfficeId" = n."id";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "AiSystem_data_flow_sort_keys" AFTER UPDATE ON "AiSystem"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "data_flow_sort_keys_rename"();
CREATE TRIGGER "Dependency_data_flow_sort_keys" AFTER UPDATE ON "Dependency"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "data_flow_sort_keys_rename"();
CREATE TRIGGER "Vendor_data_flow_sort_keys" AFTER UPDATE ON "Vendor"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "data_flow_sort_keys_rename"();
CREATE TRIGGER "Office_data_flow_sort_keys" AFTER UPDATE ON "Office"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "data_flow_sort_keys_rename"();
