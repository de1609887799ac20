import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staleOrMissing } from "@/lib/concurrency";
import { RESERVED_SLUGS, slugify, type OrganisationInput, type UpdateOrganisationInput } from "@/lib/organisations/schemas";
import type { z } from "zod";
import type { setupSchema } from "@/lib/auth/schemas";

async function uniqueSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The organisation's row alone, with a free slug: for a practice's client (lib/practices), which has no member yet. */
export async function insertOrganisationRow(tx: Prisma.TransactionClient, input: OrganisationInput & { regimes?: string[] }) {
  return tx.organisation.create({
    data: { name: input.name, slug: await uniqueSlug(tx, input.name), hqCountry: input.hqCountry, sector: input.sector, regimes: input.regimes ?? [] },
    select: { id: true, slug: true, name: true, hqCountry: true, sector: true },
  });
}

async function insertOrganisation(tx: Prisma.TransactionClient, userId: string, input: OrganisationInput) {
  const organisation = await insertOrganisationRow(tx, input);
  await tx.membership.create({ data: { organisationId: organisation.id, userId, role: "owner" } });
  await recordAudit(tx, { organisationId: organisation.id, userId }, { action: "create", entityType: "organisation", entityId: organisation.id, after: organisation });
  return organisation;
}

/** A signed-in user creates an organisation (a consultant's new client workspace) and owns it. */
export async function createOrganisation(userId: string, input: OrganisationInput) {
  return db().$transaction((tx) => insertOrganisation(tx, userId, input));
}

/**
 * First run: the first account and its organisation. Refused once any account exists; the
 * advisory lock makes two simultaneous first runs take turns, so only one succeeds.
 */
export async function createFirstAccount(input: z.infer<typeof setupSchema>) {
  assertAcceptablePassword(input.password, { email: input.email, name: input.name, organisationName: input.organisationName });
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sovra:first-run'))`;
    if (await tx.user.findFirst({ select: { id: true } })) {
      throw new AppError("CONFLICT", "Sovra is already set up. Sign in, or ask an owner for an invitation.");
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true, email: true } });
    const organisation = await insertOrganisation(tx, user.id, { name: input.organisationName, hqCountry: input.hqCountry, sector: input.sector });
    return { user, organisation };
  });
}

/** Updates the organisation profile; refused if someone saved it since `version` was read. */
export async function updateOrganisation(ctx: OrgContext, input: UpdateOrganisationInput) {
  assertCan(ctx, "organisation:update");
  return db().$transaction(async (tx) => {
    const before = await tx.organisation.findUnique({
      where: { id: ctx.organisationId },
      select: { name: true, hqCountry: true, sector: true, regimes: true, lei: true, version: true },
    });
    // The LEI only when the caller sent the field (the settings form does; blank clears it).
    const lei = input.lei === undefined ? {} : { lei: input.lei };
    const { count } = await tx.organisation.updateMany({
      where: { id: ctx.organisationId, version: input.version },
      data: { name: input.name, hqCountry: input.hqCountry, sector: input.sector, regimes: input.regimes, ...lei, version: { increment: 1 } },
    });
    if (count === 0) throw staleOrMissing("Organisation", before, input.version);
    const after = { name: input.name, hqCountry: input.hqCountry, sector: input.sector, regimes: input.regimes, ...lei, version: input.version + 1 };
    await recordAudit(tx, ctx, { action: "update", entityType: "organisation", entityId: ctx.organisationId, before, after });
    return after;
  });
}
