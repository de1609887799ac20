-- Counts kept on the counted-for row (docs/decisions/056). Prisma's `_count`, in a list's select
-- or orderBy, groups every child row of the organisation for each page (20,000 AI systems: 70-120
-- ms for a page of 25); the lists now read these columns, and the AI-systems list sorts by an index.

-- AlterTable
ALTER TABLE "AiSystem" ADD COLUMN     "dependencyCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "officeCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Dependency" ADD COLUMN     "fallbackCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "dependencyCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Office" ADD COLUMN     "aiSystemCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Vendor" ADD COLUMN     "hostedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "modelCount" INTEGER NOT NULL DEFAULT 0;

-- The existing rows' counts (before the indexes, so they are built once).
UPDATE "Office" p SET "aiSystemCount" = c.n FROM (SELECT "organisationId", "officeId" AS id, count(*)::int AS n FROM "AiSystemOffice" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "AiSystem" p SET "officeCount" = c.n FROM (SELECT "organisationId", "aiSystemId" AS id, count(*)::int AS n FROM "AiSystemOffice" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "AiSystem" p SET "dependencyCount" = c.n FROM (SELECT "organisationId", "aiSystemId" AS id, count(*)::int AS n FROM "Dependency" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "Model" p SET "dependencyCount" = c.n FROM (SELECT "organisationId", "modelId" AS id, count(*)::int AS n FROM "Dependency" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "Vendor" p SET "hostedCount" = c.n FROM (SELECT "organisationId", "cloudVendorId" AS id, count(*)::int AS n FROM "Dependency" WHERE "cloudVendorId" IS NOT NULL GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "Vendor" p SET "modelCount" = c.n FROM (SELECT "organisationId", "vendorId" AS id, count(*)::int AS n FROM "Model" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;
UPDATE "Dependency" p SET "fallbackCount" = c.n FROM (SELECT "organisationId", "dependencyId" AS id, count(*)::int AS n FROM "Fallback" GROUP BY 1, 2) c WHERE p."organisationId" = c."organisationId" AND p."id" = c.id;

-- CreateIndex
CREATE INDEX "AiSystem_organisationId_criticality_name_idx" ON "AiSystem"("organisationId", "criticality", "name");

-- CreateIndex
CREATE INDEX "AiSystem_organisationId_officeCount_name_idx" ON "AiSystem"("organisationId", "officeCount", "name");

-- CreateIndex
CREATE INDEX "AiSystem_organisationId_dependencyCount_name_idx" ON "AiSystem"("organisationId", "dependencyCount", "name");

-- One function for every counter: TG_ARGV is (the child's column naming the parent, the parent
-- table, the parent's counter). Statement-level with transition tables: a statement's rows are
-- summed per parent (+1 inserted, -1 deleted, both for an update) and only parents whose count
-- changes are written, so an update that keeps the reference writes nothing and a 20,000-row
-- import statement runs one UPDATE per counter. A parent deleted in the same statement (a cascade)
-- is simply not found.
CREATE FUNCTION "inventory_child_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fk text := TG_ARGV[0];
  parent text := TG_ARGV[1];
  counter text := TG_ARGV[2];
  delta text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta := format('SELECT "organisationId", %1$I AS id, 1 AS d FROM new_rows WHERE %1$I IS NOT NULL', fk);
  ELSIF TG_OP = 'DELETE' THEN
    delta := format('SELECT "organisationId", %1$I AS id, -1 AS d FROM old_rows WHERE %1$I IS NOT NULL', fk);
  ELSE
    delta := format('SELECT "organisationId", %1$I AS id, 1 AS d FROM new_rows WHERE %1$I IS NOT NULL
                     UNION ALL SELECT "organisationId", %1$I, -1 FROM old_rows WHERE %1$I IS NOT NULL', fk);
  END IF;
  EXECUTE format(
    'UPDATE %1$I p SET %2$I = p.%2$I + c.n
     FROM (SELECT "organisationId", id, sum(d)::int AS n FROM (%3$s) x GROUP BY 1, 2 HAVING sum(d) <> 0) c
     WHERE p."organisationId" = c."organisationId" AND p."id" = c.id', parent, counter, delta);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  c text[];
BEGIN
  FOREACH c SLICE 1 IN ARRAY ARRAY[
    -- child, its column, parent, counter
    ['AiSystemOffice', 'officeId', 'Office', 'aiSystemCount'],
    ['AiSystemOffice', 'aiSystemId', 'AiSystem', 'officeCount'],
    ['Dependency', 'aiSystemId', 'AiSystem', 'dependencyCount'],
    ['Dependency', 'modelId', 'Model', 'dependencyCount'],
    ['Dependency', 'cloudVendorId', 'Vendor', 'hostedCount'],
    ['Model', 'vendorId', 'Vendor', 'modelCount'],
    ['Fallback', 'dependencyId', 'Dependency', 'fallbackCount']
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_child_count"(%L, %L, %L)',
      c[1] || '_' || c[2] || '_count_insert', c[1], c[2], c[3], c[4]);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_child_count"(%L, %L, %L)',
      c[1] || '_' || c[2] || '_count_update', c[1], c[2], c[3], c[4]);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_child_count"(%L, %L, %L)',
      c[1] || '_' || c[2] || '_count_delete', c[1], c[2], c[3], c[4]);
  END LOOP;
END;
$$;

-- The inventory version (docs/decisions/052) counts the writer's statements, not the counters'
-- and sort keys' own updates of parent rows.
CREATE OR REPLACE FUNCTION "inventory_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A statement run by a trigger (the counts and sort keys below, a foreign key's cascade) is
  -- part of a write to the same organisation's inventory, whose own statement bumps it: one
  -- bump per statement the writer sent, as before the counts. Only inventory tables' triggers
  -- write inventory tables; one that did so for another table's write would need its own bump.
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "InventoryVersion" ("organisationId", "version")
    SELECT c."organisationId", 1 FROM (SELECT DISTINCT "organisationId" FROM new_rows) c
    WHERE EXISTS (SELECT 1 FROM "Organisation" o WHERE o."id" = c."organisationId")
    ORDER BY 1
    ON CONFLICT ("organisationId") DO UPDATE SET "version" = "InventoryVersion"."version" + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "InventoryVersion" ("organisationId", "version")
    SELECT c."organisationId", 1 FROM (SELECT "organisationId" FROM old_rows UNION SELECT "organisationId" FROM new_rows) c
    WHERE EXISTS (SELECT 1 FROM "Organisation" o WHERE o."id" = c."organisationId")
    ORDER BY 1
    ON CONFLICT ("organisationId") DO UPDATE SET "version" = "InventoryVersion"."version" + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "InventoryVersion" ("organisationId", "version")
    SELECT c."organisationId", 1 FROM (SELECT DISTINCT "organisationId" FROM old_rows) c
    WHERE EXISTS (SELECT 1 FROM "Organisation" o WHERE o."id" = c."organisationId")
    ORDER BY 1
    ON CONFLICT ("organisationId") DO UPDATE SET "version" = "InventoryVersion"."version" + 1;
  ELSE
    -- TRUNCATE has no transition table: every organisation's score may have changed.
    INSERT INTO "InventoryVersion" ("organisationId", "version")
    SELECT "id", 1 FROM "Organisation" ORDER BY 1
    ON CONFLICT ("organisationId") DO UPDATE SET "version" = "InventoryVersion"."version" + 1;
  END IF;
  RETURN NULL;
END;
$$;
