import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import type { Role } from "@/lib/auth/permissions";
import type { PracticeRole } from "@/lib/auth/practice-permissions";
import { AppError, notFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { insertOrganisationRow } from "@/lib/organisations/mutations";
import { importIntoNewOrganisation } from "@/lib/inventory/import";
import { slugify } from "@/lib/organisations/schemas";
import { templateDocument, templateRegimes } from "@/lib/practices/templates";
import { checkLogo } from "@/lib/practices/logo";
import { recordPracticeAudit } from "@/lib/practices/audit";
import { today } from "@/lib/scores/queries";
import type { CreateClientInput, PracticeInput } from "@/lib/practices/schemas";

// A practice's writes (decision 037). Each checks the caller's practice role itself, scopes every
// statement by the caller's practice, and takes the version it read where it changes a row.
// What concerns a client (an engagement started, changed, archived, ended) is also written to
// the client's own audit trail: the client's owner sees who reached their data and how. Every
// change is also written to the practice's own trail (lib/practices/audit.ts), in the same
// transaction, for its partners.

async function uniquePracticeSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set((await tx.practice.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug));
  if (!taken.has(base) && base !== "new") return base; // /practices/new is the page that creates one
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A signed-in user founds a practice and is its first partner. */
export async function createPractice(userId: string, input: PracticeInput) {
  return db().$transaction(async (tx) => {
    const practice = await tx.practice.create({ data: { name: input.name, slug: await uniquePracticeSlug(tx, input.name) }, select: { id: true, slug: true, name: true } });
    await tx.practiceMember.create({ data: { practiceId: practice.id, userId, role: "partner" } });
    await recordPracticeAudit(tx, { practiceId: practice.id, userId }, { action: "create", entityType: "practice", entityId: practice.id, after: { name: practice.name } });
    return practice;
  });
}

/** Renames the practice; refused if someone saved it since `version` was read. */
export async function updatePractice(ctx: PracticeContext, input: PracticeInput & { version: number }) {
  assertPracticeCan(ctx, "practice:manage");
  return db().$transaction(async (tx) => {
    const before = await tx.practice.findUnique({ where: { id: ctx.practiceId }, select: { name: true, version: true } });
    const { count } = await tx.practice.updateMany({ where: { id: ctx.practiceId, version: input.version }, data: { name: input.name, version: { increment: 1 } } });
    if (count === 0 || !before) throw staleOrMissing("Practice", before, input.version);
    await recordPracticeAudit(tx, ctx, { action: "rename", entityType: "practice", entityId: ctx.practiceId, before: { name: before.name }, after: { name: input.name } });
    return { name: input.name, version: input.version + 1 };
  });
}

/**
 * Whether the practice's reports for clients carry its name and logo, and the logo: new bytes
 * (checked here, whoever calls), null to remove it, undefined to keep it. Refused if someone saved
 * the practice since `version` was read.
 */
export async function updatePracticeBranding(ctx: PracticeContext, input: { version: number; brandReports: boolean; logo?: Uint8Array | null }) {
  assertPracticeCan(ctx, "practice:manage");
  let logo: { logo: Uint8Array<ArrayBuffer> | null; logoType: string | null } | undefined;
  if (input.logo === null) logo = { logo: null, logoType: null };
  else if (input.logo !== undefined) {
    const checked = checkLogo(input.logo);
    if (!checked.ok) throw new AppError("INVALID_INPUT", checked.message, { fieldErrors: { logo: [checked.message] } });
    logo = { logo: new Uint8Array(input.logo), logoType: checked.type };
  }
  return db().$transaction(async (tx) => {
    const before = await tx.practice.findUnique({ where: { id: ctx.practiceId }, select: { name: true, version: true, brandReports: true, logoType: true } });
    const { count } = await tx.practice.updateMany({ where: { id: ctx.practiceId, version: input.version }, data: { brandReports: input.brandReports, ...logo, version: { increment: 1 } } });
    if (count === 0 || !before) throw staleOrMissing("Practice", before && { name: before.name, version: before.version }, input.version);
    // The logo in words: the trail keeps no image bytes.
    const logoWords = (type: string | null) => (type === null ? "none" : type === "image/png" ? "PNG" : "JPEG");
    await recordPracticeAudit(tx, ctx, {
      action: "branding",
      entityType: "practice",
      entityId: ctx.practiceId,
      before: { brandReports: before.brandReports, logo: logoWords(before.logoType) },
      after: { brandReports: input.brandReports, logo: logo ? (logo.logoType === null ? "none" : `new ${logoWords(logo.logoType)}`) : logoWords(before.logoType) },
    });
    return { version: input.version + 1 };
  });
}

/** Adds someone with a Sovra account to the practice. */
export async function addPracticeMember(ctx: PracticeContext, input: { email: string; role: PracticeRole }) {
  assertPracticeCan(ctx, "practice:manage");
  const user = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) {
    throw new AppError("INVALID_INPUT", "Nobody has a Sovra account with this email yet. Make an invitation link for them under “Invite by link” instead: they create their account when they accept it.", {
      fieldErrors: { email: ["No Sovra account uses this email"] },
    });
  }
  const existing = await db().practiceMember.findFirst({ where: { practiceId: ctx.practiceId, userId: user.id }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", "This person is already a member of the practice.", { fieldErrors: { email: ["Already a member"] } });
  return db().$transaction(async (tx) => {
    const member = await tx.practiceMember.create({ data: { practiceId: ctx.practiceId, userId: user.id, role: input.role }, select: { id: true, role: true, user: { select: { name: true, email: true } } } });
    await recordPracticeAudit(tx, ctx, { action: "add_member", entityType: "practice_member", entityId: member.id, after: { name: member.user.name, email: member.user.email, role: member.role } });
    return { id: member.id, role: member.role };
  });
}

const partnerLock = (tx: Prisma.TransactionClient, practiceId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sovra:partners:" + practiceId}))`;
const partnerCount = (tx: Prisma.TransactionClient, practiceId: string) => tx.practiceMember.count({ where: { practiceId, role: "partner" } });
const LAST_PARTNER = "A practice needs at least one partner: make someone else a partner first.";

/** Changes a member's practice role; the last partner stays a partner (two partners demoting each other at once take turns). */
export async function changePracticeMemberRole(ctx: PracticeContext, memberId: string, version: number, role: PracticeRole) {
  assertPracticeCan(ctx, "practice:manage");
  await db().$transaction(async (tx) => {
    await partnerLock(tx, ctx.practiceId);
    const found = await tx.practiceMember.findFirst({ where: { id: memberId, practiceId: ctx.practiceId }, select: { role: true, version: true, user: { select: { name: true } } } });
    const before = found && { role: found.role, version: found.version };
    if (before?.role === "partner" && role !== "partner" && (await partnerCount(tx, ctx.practiceId)) <= 1) throw new AppError("CONFLICT", LAST_PARTNER);
    const { count } = await tx.practiceMember.updateMany({ where: { id: memberId, practiceId: ctx.practiceId, version }, data: { role, version: { increment: 1 } } });
    if (count === 0 || !found) throw staleOrMissing("Practice member", before, version);
    await recordPracticeAudit(tx, ctx, { action: "role_change", entityType: "practice_member", entityId: memberId, before: { name: found.user.name, role: found.role }, after: { name: found.user.name, role } });
  });
}

/** Removes a member from the practice (they no longer reach its clients); never the last partner. */
export async function removePracticeMember(ctx: PracticeContext, memberId: string, version: number) {
  assertPracticeCan(ctx, "practice:manage");
  await db().$transaction(async (tx) => {
    await partnerLock(tx, ctx.practiceId);
    const found = await tx.practiceMember.findFirst({ where: { id: memberId, practiceId: ctx.practiceId }, select: { role: true, version: true, user: { select: { name: true, email: true } } } });
    const before = found && { role: found.role, version: found.version };
    if (before?.role === "partner" && (await partnerCount(tx, ctx.practiceId)) <= 1) throw new AppError("CONFLICT", LAST_PARTNER);
    const { count } = await tx.practiceMember.deleteMany({ where: { id: memberId, practiceId: ctx.practiceId, version } });
    if (count === 0 || !found) throw staleOrMissing("Practice member", before, version);
    await recordPracticeAudit(tx, ctx, { action: "remove_member", entityType: "practice_member", entityId: memberId, before: { name: found.user.name, email: found.user.email, role: found.role } });
  });
}

/**
 * Creates a client organisation for the practice, empty or from a sector template, with the
 * engagement through which the practice's members reach it. All or nothing: a template that
 * does not import leaves no organisation behind. The client has no members of its own yet; its
 * people join by invitation.
 */
export async function createClient(ctx: PracticeContext, input: CreateClientInput) {
  assertPracticeCan(ctx, "clients:manage");
  return db().$transaction(
    async (tx) => {
      const organisation = await insertOrganisationRow(tx, { name: input.name, hqCountry: input.hqCountry, sector: input.sector, regimes: templateRegimes(input.template) });
      const engagement = await tx.practiceClient.create({ data: { practiceId: ctx.practiceId, organisationId: organisation.id, role: input.role }, select: { id: true, role: true } });
      const clientCtx: OrgContext = { organisationId: organisation.id, organisationSlug: organisation.slug, organisationName: organisation.name, userId: ctx.userId, role: input.role, via: ctx.practiceName, viaPracticeId: ctx.practiceId };
      await recordAudit(tx, clientCtx, { action: "create", entityType: "organisation", entityId: organisation.id, after: { ...organisation, createdBy: ctx.practiceName } });
      await recordAudit(tx, clientCtx, { action: "create", entityType: "practice_engagement", entityId: engagement.id, after: { practice: ctx.practiceName, role: input.role } });
      await recordPracticeAudit(tx, ctx, { action: "create_client", entityType: "practice_client", entityId: engagement.id, after: { name: organisation.name, role: input.role, template: input.template } });
      const document = templateDocument(input.template, input);
      if (document) {
        const imported = await importIntoNewOrganisation(tx, { ...clientCtx, role: "owner" }, document);
        // A template is ours, checked by the tests: failing to import is a defect, not the user's error.
        if (!imported.ok) throw new Error(`the template "${input.template}" did not import: ${imported.issues.map((i) => i.message).join("; ")}`);
      }
      return { ...organisation, engagementId: engagement.id };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

const ENGAGEMENT_CHANGES = { role: "client_role_change", archived: "archive_client", restored: "restore_client" } as const;

async function changeEngagement(ctx: PracticeContext, engagementId: string, version: number, data: { role?: Role; archivedAt?: Date | null }, what: keyof typeof ENGAGEMENT_CHANGES) {
  assertPracticeCan(ctx, "clients:manage");
  await db().$transaction(async (tx) => {
    const before = await tx.practiceClient.findFirst({ where: { id: engagementId, practiceId: ctx.practiceId }, select: { organisationId: true, role: true, archivedAt: true, version: true, organisation: { select: { name: true } } } });
    const { count } = await tx.practiceClient.updateMany({ where: { id: engagementId, practiceId: ctx.practiceId, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0 || !before) throw staleOrMissing("Client", before, version);
    await recordAudit(tx, { organisationId: before.organisationId, userId: ctx.userId }, {
      action: "update",
      entityType: "practice_engagement",
      entityId: engagementId,
      before: { practice: ctx.practiceName, role: before.role, archivedAt: before.archivedAt },
      after: { practice: ctx.practiceName, role: data.role ?? before.role, archivedAt: data.archivedAt === undefined ? before.archivedAt : data.archivedAt, change: what },
    });
    await recordPracticeAudit(tx, ctx, {
      action: ENGAGEMENT_CHANGES[what],
      entityType: "practice_client",
      entityId: engagementId,
      before: { name: before.organisation.name, role: before.role, archivedAt: before.archivedAt },
      after: { name: before.organisation.name, role: data.role ?? before.role, archivedAt: data.archivedAt === undefined ? before.archivedAt : data.archivedAt },
    });
  });
}

/** Sets the role with which the practice's members work in a client. */
export async function setClientRole(ctx: PracticeContext, engagementId: string, version: number, role: Role) {
  await changeEngagement(ctx, engagementId, version, { role }, "role");
}

/** Archives a client: out of the portfolio and the switcher, and nobody reaches it through the practice until restored. */
export async function archiveClient(ctx: PracticeContext, engagementId: string, version: number) {
  await changeEngagement(ctx, engagementId, version, { archivedAt: new Date() }, "archived");
}

/** Restores an archived client. */
export async function restoreClient(ctx: PracticeContext, engagementId: string, version: number) {
  await changeEngagement(ctx, engagementId, version, { archivedAt: null }, "restored");
}

/**
 * Plans the practice's next workshop with a client (a day, and what it is about), or clears it
 * with a null day. A day before today is refused: it would be a plan already missed. Written to the
 * client's audit trail, like every change the practice makes to the engagement.
 */
export async function planNextWorkshop(ctx: PracticeContext, engagementId: string, version: number, input: { on: Date | null; title: string | null }) {
  assertPracticeCan(ctx, "clients:plan");
  if (input.on && input.on.toISOString().slice(0, 10) < today()) {
    throw new AppError("INVALID_INPUT", "The next workshop cannot be planned for a day that has passed.", { fieldErrors: { on: ["Choose today or a later day"] } });
  }
  const title = input.on ? input.title : null;
  await db().$transaction(async (tx) => {
    const before = await tx.practiceClient.findFirst({ where: { id: engagementId, practiceId: ctx.practiceId, archivedAt: null }, select: { organisationId: true, version: true, nextWorkshopOn: true, nextWorkshopTitle: true, organisation: { select: { name: true } } } });
    const { count } = await tx.practiceClient.updateMany({ where: { id: engagementId, practiceId: ctx.practiceId, archivedAt: null, version }, data: { nextWorkshopOn: input.on, nextWorkshopTitle: title, version: { increment: 1 } } });
    if (count === 0 || !before) throw staleOrMissing("Client", before, version);
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
    await recordAudit(tx, { organisationId: before.organisationId, userId: ctx.userId }, {
      action: "update",
      entityType: "practice_engagement",
      entityId: engagementId,
      before: { practice: ctx.practiceName, nextWorkshopOn: day(before.nextWorkshopOn), nextWorkshopTitle: before.nextWorkshopTitle },
      after: { practice: ctx.practiceName, nextWorkshopOn: day(input.on), nextWorkshopTitle: title, change: "next workshop" },
    });
    await recordPracticeAudit(tx, ctx, {
      action: "plan_workshop",
      entityType: "practice_client",
      entityId: engagementId,
      before: { name: before.organisation.name, nextWorkshopOn: day(before.nextWorkshopOn), nextWorkshopTitle: before.nextWorkshopTitle },
      after: { name: before.organisation.name, nextWorkshopOn: day(input.on), nextWorkshopTitle: title },
    });
  });
}

/**
 * Deletes a client organisation and everything in it, for good. Only while the client has no
 * members of its own (then the data is the client's: end the engagement instead), only after
 * the partner typed its name, and only at the version read.
 */
export async function deleteClient(ctx: PracticeContext, engagementId: string, version: number, confirmName: string) {
  assertPracticeCan(ctx, "clients:manage");
  await db().$transaction(async (tx) => {
    const row = await tx.practiceClient.findFirst({
      where: { id: engagementId, practiceId: ctx.practiceId },
      select: { version: true, organisation: { select: { id: true, name: true, _count: { select: { memberships: true, practiceClients: true } } } } },
    });
    if (!row) throw notFoundError("Client");
    if (row.version !== version) throw staleOrMissing("Client", row, version);
    if (confirmName.trim() !== row.organisation.name) {
      throw new AppError("INVALID_INPUT", "The name you typed is not the client's name. Nothing was deleted.", { fieldErrors: { confirmName: [`Type "${row.organisation.name}" exactly`] } });
    }
    if (row.organisation._count.memberships > 0 || row.organisation._count.practiceClients > 1) {
      throw new AppError("CONFLICT", "This client has people of its own (or another practice works with it): its data is theirs. Archive it, or ask its owner to end your practice's access.");
    }
    await tx.organisation.deleteMany({ where: { id: row.organisation.id, practiceClients: { some: { id: engagementId, practiceId: ctx.practiceId } } } });
    await recordPracticeAudit(tx, ctx, { action: "delete_client", entityType: "practice_client", entityId: engagementId, before: { name: row.organisation.name } });
  });
}

/**
 * The client's owner ends a practice's access: its members no longer reach the organisation.
 * The organisation and its data stay as they are, with the client.
 */
export async function endPracticeEngagement(ctx: OrgContext, engagementId: string, version: number) {
  assertCan(ctx, "members:manage");
  await db().$transaction(async (tx) => {
    const before = await tx.practiceClient.findFirst({ where: { id: engagementId, organisationId: ctx.organisationId }, select: { role: true, version: true, practiceId: true, practice: { select: { name: true } } } });
    const { count } = await tx.practiceClient.deleteMany({ where: { id: engagementId, organisationId: ctx.organisationId, version } });
    if (count === 0 || !before) throw staleOrMissing("Practice access", before && { role: before.role, version: before.version, practice: before.practice }, version);
    await recordAudit(tx, ctx, { action: "delete", entityType: "practice_engagement", entityId: engagementId, before: { practice: before.practice.name, role: before.role } });
    // The practice learns it from its own trail: the client's owner is the actor.
    await recordPracticeAudit(tx, { practiceId: before.practiceId, userId: ctx.userId }, { action: "engagement_ended", entityType: "practice_client", entityId: engagementId, before: { name: ctx.organisationName, role: before.role } });
  });
}

/**
 * The client's owner decides whether the organisation is counted, anonymised, in the practice's
 * benchmark (decision 040). Withdrawing takes effect at once: the benchmark is computed from the
 * consent as it stands on each visit. Only the organisation's own owner decides, never a practice
 * member working there as owner: the consent is the client's, not the practice's.
 */
export async function setBenchmarkConsent(ctx: OrgContext, engagementId: string, version: number, consent: boolean) {
  assertCan(ctx, "members:manage");
  if (ctx.via) throw new AppError("FORBIDDEN", `Only the organisation's own owner decides whether it is counted in a practice's benchmark: you work here through ${ctx.via}.`);
  return db().$transaction(async (tx) => {
    const before = await tx.practiceClient.findFirst({ where: { id: engagementId, organisationId: ctx.organisationId }, select: { version: true, benchmarkConsentAt: true, practiceId: true, practice: { select: { name: true } } } });
    // Agreeing again keeps the date of the first agreement: that is when the client began to be counted.
    const consentAt = consent ? (before?.benchmarkConsentAt ?? new Date()) : null;
    const { count } = await tx.practiceClient.updateMany({ where: { id: engagementId, organisationId: ctx.organisationId, version }, data: { benchmarkConsentAt: consentAt, version: { increment: 1 } } });
    if (count === 0 || !before) throw staleOrMissing("Practice access", before && { version: before.version, benchmarkConsentAt: before.benchmarkConsentAt, practice: before.practice }, version);
    await recordAudit(tx, ctx, {
      action: "update",
      entityType: "practice_engagement",
      entityId: engagementId,
      before: { practice: before.practice.name, benchmarkConsentAt: before.benchmarkConsentAt },
      after: { practice: before.practice.name, benchmarkConsentAt: consentAt, change: consent ? "counted in the benchmark" : "no longer counted in the benchmark" },
    });
    await recordPracticeAudit(tx, { practiceId: before.practiceId, userId: ctx.userId }, {
      action: "benchmark_consent",
      entityType: "practice_client",
      entityId: engagementId,
      before: { name: ctx.organisationName, benchmarkConsentAt: before.benchmarkConsentAt },
      after: { name: ctx.organisationName, benchmarkConsentAt: consentAt },
    });
    return { practiceName: before.practice.name, benchmarkConsentAt: consentAt, version: version + 1 };
  });
}
