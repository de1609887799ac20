// What the database keeps on inventory rows (docs/decisions/056), checked against the rows it
// stands for: each query answers the rows, in every organisation, whose kept value is wrong
// (none, always). Used by the counters' and sort keys' tests and by the large-tenant generator's.

/** Kept counts that differ from counting: counter, row, kept and counted. */
export const DRIFTED_COUNTS_SQL = `
  SELECT * FROM (
    SELECT 'Office.aiSystemCount' AS counter, p."name", p."aiSystemCount" AS kept, (SELECT count(*)::int FROM "AiSystemOffice" c WHERE c."organisationId" = p."organisationId" AND c."officeId" = p."id") AS counted FROM "Office" p
    UNION ALL SELECT 'AiSystem.officeCount', p."name", p."officeCount", (SELECT count(*)::int FROM "AiSystemOffice" c WHERE c."organisationId" = p."organisationId" AND c."aiSystemId" = p."id") FROM "AiSystem" p
    UNION ALL SELECT 'AiSystem.dependencyCount', p."name", p."dependencyCount", (SELECT count(*)::int FROM "Dependency" c WHERE c."organisationId" = p."organisationId" AND c."aiSystemId" = p."id") FROM "AiSystem" p
    UNION ALL SELECT 'Model.dependencyCount', p."name", p."dependencyCount", (SELECT count(*)::int FROM "Dependency" c WHERE c."organisationId" = p."organisationId" AND c."modelId" = p."id") FROM "Model" p
    UNION ALL SELECT 'Vendor.hostedCount', p."name", p."hostedCount", (SELECT count(*)::int FROM "Dependency" c WHERE c."organisationId" = p."organisationId" AND c."cloudVendorId" = p."id") FROM "Vendor" p
    UNION ALL SELECT 'Vendor.modelCount', p."name", p."modelCount", (SELECT count(*)::int FROM "Model" c WHERE c."organisationId" = p."organisationId" AND c."vendorId" = p."id") FROM "Vendor" p
    UNION ALL SELECT 'Dependency.fallbackCount', p."id"::text, p."fallbackCount", (SELECT count(*)::int FROM "Fallback" c WHERE c."organisationId" = p."organisationId" AND c."dependencyId" = p."id") FROM "Dependency" p
  ) x WHERE kept <> counted`;

/** Data flows whose kept names differ from the rows they reference. */
export const DRIFTED_SORT_KEYS_SQL = `
  SELECT f."name", f."aiSystemName", a."name" AS "systemName", f."vendorName", v."name" AS "vendor", f."originOfficeName", o."name" AS "office"
  FROM "DataFlow" f
  JOIN "Vendor" v ON v."organisationId" = f."organisationId" AND v."id" = f."vendorId"
  LEFT JOIN "Dependency" d ON d."organisationId" = f."organisationId" AND d."id" = f."dependencyId"
  LEFT JOIN "AiSystem" a ON a."organisationId" = d."organisationId" AND a."id" = d."aiSystemId"
  LEFT JOIN "Office" o ON o."organisationId" = f."organisationId" AND o."id" = f."originOfficeId"
  WHERE f."aiSystemName" IS DISTINCT FROM a."name" OR f."vendorName" IS DISTINCT FROM v."name" OR f."originOfficeName" IS DISTINCT FROM o."name"`;
