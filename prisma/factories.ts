// Builders for rows that tests and e2e fixtures need, with sensible defaults. Each takes the
// client (or a transaction) explicitly, so callers choose the database.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient, Role } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/password";

type Db = PrismaClient | Prisma.TransactionClient;

// 64 random bits: emails and slugs must be unique across the whole test database, and with 32 bits
// the thousands of users an integration run creates could share one (CI hit it once: User_email_key).
const unique = () => randomUUID().replaceAll("-", "").slice(0, 16);

let hashes = new Map<string, Promise<string>>();
/** scrypt is deliberately slow: hash each distinct test password once per process. */
function cachedHash(password: string): Promise<string> {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}
export function resetHashCache() {
  hashes = new Map();
}

export const TEST_PASSWORD = "correct-horse-battery-staple";

export async function buildUser(db: Db, overrides: Partial<{ email: string; name: string; password: string }> = {}) {
  const tag = unique();
  return db.user.create({
    data: {
      email: (overrides.email ?? `user-${tag}@example.test`).toLowerCase(),
      name: overrides.name ?? `Test User ${tag}`,
      passwordHash: await cachedHash(overrides.password ?? TEST_PASSWORD),
    },
    select: { id: true, email: true, name: true },
  });
}

export async function buildOrganisation(db: Db, overrides: Partial<{ name: string; slug: string; hqCountry: string; sector: string }> = {}) {
  const tag = unique();
  return db.organisation.create({
    data: {
      name: overrides.name ?? `Org ${tag}`,
      slug: overrides.slug ?? `org-${tag}`,
      hqCountry: overrides.hqCountry ?? "DE",
      sector: overrides.sector ?? "Manufacturing",
      regimes: ["gdpr"],
    },
    select: { id: true, slug: true, name: true },
  });
}

export async function buildMembership(db: Db, organisationId: string, userId: string, role: Role) {
  return db.membership.create({ data: { organisationId, userId, role }, select: { id: true, role: true, version: true } });
}

export async function buildOffice(db: Db, organisationId: string, overrides: Partial<{ name: string; country: string; city: string; headcount: number; teams: string[] }> = {}) {
  return db.office.create({
    data: {
      organisationId,
      name: overrides.name ?? `Office ${unique()}`,
      country: overrides.country ?? "DE",
      city: overrides.city ?? "Frankfurt",
      headcount: overrides.headcount ?? 100,
      teams: overrides.teams ?? ["Platform"],
    },
    select: { id: true, name: true, version: true },
  });
}

/** An organisation with one member of each role, for permission and isolation tests. */
export async function buildOrganisationWithMembers(db: Db) {
  const organisation = await buildOrganisation(db);
  const users = {} as Record<Role, { id: string; email: string; name: string }>;
  for (const role of ["owner", "editor", "analyst", "viewer"] as const) {
    users[role] = await buildUser(db);
    await buildMembership(db, organisation.id, users[role].id, role);
  }
  return { organisation, users };
}

/** A practice (decision 037) with one partner and one consultant, for permission and isolation tests. */
export async function buildPracticeWithMembers(db: Db) {
  const tag = unique();
  const practice = await db.practice.create({ data: { name: `Practice ${tag}`, slug: `practice-${tag}` }, select: { id: true, slug: true, name: true, version: true } });
  const users = { partner: await buildUser(db), consultant: await buildUser(db) };
  const members = {
    partner: await db.practiceMember.create({ data: { practiceId: practice.id, userId: users.partner.id, role: "partner" }, select: { id: true, version: true } }),
    consultant: await db.practiceMember.create({ data: { practiceId: practice.id, userId: users.consultant.id, role: "consultant" }, select: { id: true, version: true } }),
  };
  return { practice, users, members };
}

/** An engagement: `practiceId`'s members reach `organisationId` as `role`. */
export async function buildEngagement(db: Db, practiceId: string, organisationId: string, role: Role = "editor") {
  return db.practiceClient.create({ data: { practiceId, organisationId, role }, select: { id: true, version: true, role: true } });
}
