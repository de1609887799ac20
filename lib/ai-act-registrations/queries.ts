import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { writeCsv } from "@/lib/exports/csv";
import { missingFieldKeys } from "@/lib/ai-act-registrations/annex-viii";
import { registrationPackFileName, registrationTable, toRegistrationForm, type RegistrationPack } from "@/lib/ai-act-registrations/pack";

// EU AI Act registrations (Art. 49(3), Annex VIII C; decision 046): read on the AI system's page
// by every member (inventory:read); the pack (CSV, PDF) is a regulatory export like the others
// (reports:export: owners and analysts). Every statement names the caller's organisation.

export const registrationSelect = {
  id: true,
  aiSystemId: true,
  annexIIIArea: true,
  deployerName: true,
  deployerAddress: true,
  deployerContact: true,
  submitterName: true,
  submitterAddress: true,
  submitterContact: true,
  providerEuDatabaseUrl: true,
  friaSummary: true,
  dpiaSummary: true,
  dpiaNotApplicable: true,
  version: true,
  updatedAt: true,
} as const;

/** The registration of one of the caller's AI systems; null when it has none (or the system is another organisation's). */
export async function getAiActRegistration(ctx: OrgContext, aiSystemId: string) {
  assertCan(ctx, "inventory:read");
  return db().aiActRegistration.findFirst({ where: { organisationId: ctx.organisationId, aiSystemId }, select: registrationSelect });
}

/** Every registration of the caller's organisation with its AI system's name, by that name. */
export async function listAiActRegistrations(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  const rows = await db().aiActRegistration.findMany({
    where: { organisationId: ctx.organisationId },
    select: { ...registrationSelect, aiSystem: { select: { name: true } } },
    orderBy: [{ aiSystem: { name: "asc" } }, { id: "asc" }],
  });
  return rows.map(({ aiSystem, ...r }) => ({ ...r, aiSystemName: aiSystem.name }));
}

/** How far the organisation's registrations are: its AI systems, how many have one, and how many of those lack nothing. */
export async function getAiActRegistrationSummary(ctx: OrgContext): Promise<{ aiSystems: number; registered: number; complete: number }> {
  const [aiSystems, registrations] = await Promise.all([db().aiSystem.count({ where: { organisationId: ctx.organisationId } }), listAiActRegistrations(ctx)]);
  return { aiSystems, registered: registrations.length, complete: registrations.filter((r) => missingFieldKeys(r).length === 0).length };
}

/**
 * The registration pack: every registration of the caller's organisation, or the one of
 * `aiSystemId` (NOT_FOUND when that system has none or is not the caller's), as filled forms.
 */
export async function getAiActRegistrationPack(ctx: OrgContext, aiSystemId?: string): Promise<RegistrationPack> {
  assertCan(ctx, "reports:export");
  const rows = await db().aiActRegistration.findMany({
    where: { organisationId: ctx.organisationId, ...(aiSystemId !== undefined && { aiSystemId }) },
    select: { ...registrationSelect, aiSystem: { select: { id: true, name: true, owner: true, description: true } } },
    orderBy: [{ aiSystem: { name: "asc" } }, { id: "asc" }],
  });
  if (aiSystemId !== undefined && rows.length === 0) throw notFoundError("EU AI Act registration");
  return { organisationName: ctx.organisationName, generatedAt: new Date().toISOString(), forms: rows.map(toRegistrationForm) };
}

/**
 * The pack as CSV for people (UTF-8 with a BOM, formula-safe cells; lib/exports/csv.ts): one row
 * per registration. Recorded in the audit trail like every regulatory export.
 */
export async function exportAiActRegistrationsCsv(ctx: OrgContext): Promise<{ fileName: string; contentType: string; body: Uint8Array }> {
  const pack = await getAiActRegistrationPack(ctx);
  const body = new TextEncoder().encode(writeCsv(registrationTable(pack)));
  const file = { fileName: registrationPackFileName(ctx.organisationSlug, pack, "csv"), contentType: "text/csv; charset=utf-8", body };
  await recordAudit(db(), ctx, { action: "export", entityType: "organisation", entityId: ctx.organisationId, after: { file: file.fileName, bytes: body.byteLength, registrations: pack.forms.length } });
  return file;
}
