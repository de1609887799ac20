-- CreateTable
CREATE TABLE "InventoryVersion" (
    "organisationId" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "InventoryVersion_pkey" PRIMARY KEY ("organisationId")
);

-- AddForeignKey
ALTER TABLE "InventoryVersion" ADD CONSTRAINT "InventoryVersion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The inventory version (docs/decisions/052): bumped by the database on every write to what an
-- organisation's live score reads, so no write path (forms, imports, the API, SCIM, the seed, raw
-- SQL) can forget it and every app instance sees the same value.
--
-- Statement-level triggers with transition tables: one bump per affected organisation per
-- statement, so a 20,000-row import statement bumps once, not 20,000 times. PostgreSQL allows
-- transition tables only on single-event triggers, hence three triggers per table sharing one
-- function. An UPDATE bumps the organisations of the old and the new rows (rows never move
-- between organisations, but it costs nothing to be sure). Organisations are upserted in id order
-- so that two statements touching several organisations lock their version rows in one order.
--
-- Organisations that no longer exist are skipped: deleting an organisation cascades into these
-- tables, and a version row for the organisation being deleted would violate its foreign key.
CREATE FUNCTION "inventory_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Office', 'Vendor', 'Model', 'AiSystem', 'AiSystemOffice', 'Dependency', 'Fallback', 'DataFlow', 'PolicyEvent'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_version_bump"()', t || '_inventory_version_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_version_bump"()', t || '_inventory_version_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "inventory_version_bump"()', t || '_inventory_version_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "inventory_version_bump"()', t || '_inventory_version_truncate', t);
  END LOOP;
END;
$$;

-- The organisation's own fields that its inventory document carries (lib/inventory/document-rows.ts,
-- documentOrganisation): a change to them changes the score. Other edits (the API token
-- policy, single sign-on, the optimistic lock itself) leave the version alone.
CREATE FUNCTION "inventory_version_bump_organisation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "InventoryVersion" ("organisationId", "version")
  SELECT n."id", 1 FROM new_rows n JOIN old_rows o ON o."id" = n."id"
  WHERE (o."slug", o."name", o."hqCountry", o."sector", o."regimes", o."dpfCertified")
    IS DISTINCT FROM (n."slug", n."name", n."hqCountry", n."sector", n."regimes", n."dpfCertified")
  ORDER BY 1
  ON CONFLICT ("organisationId") DO UPDATE SET "version" = "InventoryVersion"."version" + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Organisation_inventory_version_update" AFTER UPDATE ON "Organisation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "inventory_version_bump_organisation"();
