import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { formatPath, type Issue } from "@/scoring/schema/issues";
import { findUnsafeText } from "@/lib/text";
import { bomPathOf, translateCycloneDxBom, type CycloneDxMapping, type CycloneDxTranslation } from "./cyclonedx-import";
import { documentOrganisation, documentVendor, keyer } from "./document-rows";
import { applyInventoryImport, planInventoryImport, type InventoryImportPlan, type InventoryImportResult } from "./import";
import { withImportSlot } from "./import-slots";

// Importing a CycloneDX BOM (decision 047): translated into the inventory document with the
// caller's organisation and vendors, then planned and applied by the inventory import itself, so it
// is all or nothing, idempotent and matched by name like any import. What the translation could not
// map or had to assume travels with the plan; problems of the translated document are reported at
// their place in the BOM.

export type CycloneDxImportResult = { ok: false; issues: Issue[]; mapping?: CycloneDxMapping } | { ok: true; plan: InventoryImportPlan; mapping: CycloneDxMapping };

/**
 * The BOM as the caller's inventory document. The translation reads the organisation (a BOM that
 * is not Sovra's says nothing about it) and its vendors (a supplier of the same name is that
 * vendor), both scoped to the caller's organisation.
 */
export async function translateBomForOrganisation(ctx: OrgContext, input: unknown): Promise<{ ok: true; translation: CycloneDxTranslation } | { ok: false; issues: Issue[] }> {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const [organisation, vendors] = await Promise.all([
    db().organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select: { slug: true, name: true, hqCountry: true, sector: true, regimes: true, dpfCertified: true } }),
    db().vendor.findMany({
      where,
      orderBy: { name: "asc" },
      select: { name: true, vendorType: true, hqCountry: true, parentName: true, parentCountry: true, catalogueKey: true, dpfCertified: true, source: true, sourceAsOf: true },
    }),
  ]);
  const key = keyer();
  const translated = translateCycloneDxBom(input, { organisation: documentOrganisation(organisation), vendors: vendors.map((v) => documentVendor(v, key(v.name))) });
  if (!translated.ok) return translated;
  // Text no field may hold (NUL, control characters, lone surrogates), however deep the BOM nested it: the API's body reader looks 64 levels down only.
  const unsafe = findUnsafeText(translated.translation.document);
  if (unsafe.length > 0) return { ok: false, issues: unsafe.map((i) => ({ path: bomPathOf(translated.translation.origins, formatPath(i.path)), message: i.message })) };
  return translated;
}

const mappingOf = ({ specVersion, madeBySovra, notMapped, assumed }: CycloneDxTranslation): CycloneDxMapping => ({ specVersion, madeBySovra, notMapped, assumed });

/** The import's answer with the mapping, its problems at their place in the BOM. */
function withMapping(translation: CycloneDxTranslation, result: InventoryImportResult): CycloneDxImportResult {
  const mapping = mappingOf(translation);
  if (!result.ok) return { ok: false, issues: result.issues.map((i) => ({ ...i, path: bomPathOf(translation.origins, i.path) })), mapping };
  return { ok: true, plan: result.plan, mapping };
}

/** What importing the BOM would do to the caller's organisation, and what it cannot map; changes nothing. */
export async function planCycloneDxImport(ctx: OrgContext, input: unknown): Promise<CycloneDxImportResult> {
  assertCan(ctx, "inventory:read");
  return withImportSlot(async () => {
    const translated = await translateBomForOrganisation(ctx, input);
    if (!translated.ok) return translated;
    return withMapping(translated.translation, await planInventoryImport(ctx, translated.translation.document));
  });
}

/** Imports the BOM into the caller's organisation in one transaction, or nothing when it has a problem. Importing it twice changes nothing the second time. */
export async function applyCycloneDxImport(ctx: OrgContext, input: unknown): Promise<CycloneDxImportResult> {
  assertCan(ctx, "inventory:write");
  return withImportSlot(async () => {
    const translated = await translateBomForOrganisation(ctx, input);
    if (!translated.ok) return translated;
    return withMapping(translated.translation, await applyInventoryImport(ctx, translated.translation.document));
  });
}
