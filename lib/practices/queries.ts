import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { assertPracticeCan, type PracticeContext } from "@/lib/auth/practice-context";
import type { Role } from "@/lib/auth/permissions";
import { notFoundError } from "@/lib/errors";
import { scoreOrganisation, scoreOrganisations, today } from "@/lib/scores/queries";
import type { Rating } from "@/scoring/ratings";
import type { Dimension } from "@/scoring/options";
import { METHODOLOGY_VERSION } from "@/scoring/version";
import { logoDataUri } from "@/lib/practices/logo";
import { worksWith } from "@/lib/practices/works-with";
import { benchmark, sizeBandOf, type Benchmark, type BenchmarkClient, type BenchmarkScore, type SizeBand } from "@/lib/practices/benchmark";

// A practice's own data (decision 037): every query is scoped by the caller's practice in its own
// `where`. A practice never reads a client's inventory here: the portfolio's figures come from
// the client's live score (lib/scores), computed in a context that carries the engagement's role.

/** The caller's practice. */
export async function getPractice(ctx: PracticeContext) {
  assertPracticeCan(ctx, "practice:read");
  return db().practice.findUniqueOrThrow({ where: { id: ctx.practiceId }, select: { id: true, slug: true, name: true, version: true, createdAt: true, brandReports: true } });
}

/** The practice's logo as a `data:` address for its settings page, or null when it has none. */
export async function getPracticeLogo(ctx: PracticeContext): Promise<string | null> {
  assertPracticeCan(ctx, "practice:read");
  const row = await db().practice.findUniqueOrThrow({ where: { id: ctx.practiceId }, select: { logo: true, logoType: true } });
  return row.logo && row.logoType ? logoDataUri({ bytes: row.logo, type: row.logoType }) : null;
}

/** What a report carries of the practice that produced it: its name and, if it has one, its logo. */
export interface ReportBranding {
  practiceName: string;
  logo: string | null;
}

/**
 * The practice's name and logo for a report the caller produces in a client (decision 042): only
 * when the caller reaches the client through that practice, the engagement is live, and a partner
 * chose to brand the practice's reports. A client's own members produce unbranded reports.
 */
export async function reportBranding(ctx: OrgContext): Promise<ReportBranding | null> {
  assertCan(ctx, "organisation:read");
  if (!ctx.viaPracticeId) return null;
  const row = await db().practice.findFirst({
    where: { id: ctx.viaPracticeId, brandReports: true, ...worksWith(ctx.organisationId) },
    select: { name: true, logo: true, logoType: true },
  });
  if (!row) return null;
  return { practiceName: row.name, logo: row.logo && row.logoType ? logoDataUri({ bytes: row.logo, type: row.logoType }) : null };
}

/** The practice's members, partners first. */
export async function listPracticeMembers(ctx: PracticeContext) {
  assertPracticeCan(ctx, "practice:read");
  return db().practiceMember.findMany({
    where: { practiceId: ctx.practiceId },
    select: { id: true, role: true, version: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * The practice's clients as the practice API lists them (decision 043): the engagement, the client's
 * name and slug, and whether it agreed to the benchmark; active ones, or the archived ones. No
 * figure of the client's inventory (the portfolio has those).
 */
export async function listPracticeClients(ctx: PracticeContext, { archived = false }: { archived?: boolean } = {}) {
  assertPracticeCan(ctx, "practice:read");
  return db().practiceClient.findMany({
    where: { practiceId: ctx.practiceId, archivedAt: archived ? { not: null } : null },
    select: {
      id: true,
      role: true,
      version: true,
      createdAt: true,
      archivedAt: true,
      benchmarkConsentAt: true,
      nextWorkshopOn: true,
      nextWorkshopTitle: true,
      organisation: { select: { slug: true, name: true, sector: true, hqCountry: true } },
    },
    orderBy: [{ organisation: { name: "asc" } }, { id: "asc" }],
  });
}

/** How many clients the practice has, active and archived. */
export async function countPracticeClients(ctx: PracticeContext): Promise<{ active: number; archived: number }> {
  assertPracticeCan(ctx, "practice:read");
  const [active, archived] = await Promise.all([
    db().practiceClient.count({ where: { practiceId: ctx.practiceId, archivedAt: null } }),
    db().practiceClient.count({ where: { practiceId: ctx.practiceId, archivedAt: { not: null } } }),
  ]);
  return { active, archived };
}

/** One row of the portfolio: a client and what a consultant wants to know of it at a glance. */
export interface PortfolioClient {
  engagementId: string;
  version: number;
  organisationId: string;
  slug: string;
  name: string;
  sector: string;
  hqCountry: string;
  role: Role;
  archivedAt: Date | null;
  since: Date;
  /** People of the client itself (not of the practice). */
  ownMembers: number;
  aiSystems: number;
  /** The live score; null when the inventory is empty or cannot be scored yet. */
  score: number | null;
  rating: Rating | null;
  /** Why there is no score, in words. */
  unscored: string | null;
  /** The last frozen assessment, for the trend. */
  lastAssessment: { asOf: Date; score: number; rating: string } | null;
  /** Restrictions in force that reach the client, by title. */
  restrictions: string[];
  overdueActions: number;
  openActions: number;
  /** The next workshop the practice plans with the client; null when none is planned. */
  nextWorkshop: { on: string; title: string | null } | null;
}

/**
 * Every client of the practice with its live rating, the trend since its last assessment, the
 * restrictions reaching it and its overdue actions. Archived clients only when asked: nobody
 * reaches an archived client, so their figures are not computed (null).
 */
export async function listPortfolio(ctx: PracticeContext, { archived = false }: { archived?: boolean } = {}): Promise<PortfolioClient[]> {
  assertPracticeCan(ctx, "practice:read");
  const asOf = today();
  const rows = await db().$queryRaw<
    { engagementId: string; version: number; organisationId: string; slug: string; name: string; sector: string; hqCountry: string; role: Role; archivedAt: Date | null; since: Date; ownMembers: number; aiSystems: number; overdueActions: number; openActions: number; lastAsOf: Date | null; lastScore: number | null; lastRating: string | null; nextWorkshopOn: string | null; nextWorkshopTitle: string | null }[]
  >`
    SELECT pc.id AS "engagementId", pc.version, o.id AS "organisationId", o.slug, o.name, o.sector, o."hqCountry", pc.role::text AS role, pc."archivedAt", pc."createdAt" AS since, to_char(pc."nextWorkshopOn", 'YYYY-MM-DD') AS "nextWorkshopOn", pc."nextWorkshopTitle",
      (SELECT count(*)::int FROM "Membership" m WHERE m."organisationId" = o.id) AS "ownMembers",
      (SELECT count(*)::int FROM "AiSystem" s WHERE s."organisationId" = o.id) AS "aiSystems",
      (SELECT count(*)::int FROM "RemediationAction" r WHERE r."organisationId" = o.id AND r.status IN ('open', 'in_progress') AND r."dueDate" < ${asOf}::date) AS "overdueActions",
      (SELECT count(*)::int FROM "RemediationAction" r WHERE r."organisationId" = o.id AND r.status IN ('open', 'in_progress')) AS "openActions",
      a."asOf" AS "lastAsOf", a.score AS "lastScore", a.rating AS "lastRating"
    FROM "PracticeClient" pc
    JOIN "Organisation" o ON o.id = pc."organisationId"
    LEFT JOIN LATERAL (
      SELECT "asOf", score, rating FROM "Assessment" WHERE "organisationId" = o.id ORDER BY "createdAt" DESC, id DESC LIMIT 1
    ) a ON true
    WHERE pc."practiceId" = ${ctx.practiceId}::uuid AND (pc."archivedAt" IS NOT NULL) = ${archived}
    ORDER BY o.name, o.id`;
  // Every scoreable client's live score as the practice sees it (a context in the client with the
  // engagement's role), read together: one inventory-version query, and only changed inventories scored.
  const scoreable = rows.filter((r) => !archived && r.aiSystems > 0);
  const scores = await scoreOrganisations(
    scoreable.map((r) => ({ organisationId: r.organisationId, organisationSlug: r.slug, organisationName: r.name, userId: ctx.userId, role: r.role, via: ctx.practiceName, viaPracticeId: ctx.practiceId })),
    asOf,
  );
  const liveOf = new Map(scoreable.map((r, i) => [r.engagementId, scores[i]!]));
  const out: PortfolioClient[] = [];
  for (const r of rows) {
    const base = {
      engagementId: r.engagementId,
      version: r.version,
      organisationId: r.organisationId,
      slug: r.slug,
      name: r.name,
      sector: r.sector,
      hqCountry: r.hqCountry,
      role: r.role,
      archivedAt: r.archivedAt,
      since: r.since,
      ownMembers: r.ownMembers,
      aiSystems: r.aiSystems,
      overdueActions: r.overdueActions,
      openActions: r.openActions,
      nextWorkshop: r.nextWorkshopOn ? { on: r.nextWorkshopOn, title: r.nextWorkshopTitle } : null,
      lastAssessment: r.lastAsOf && r.lastScore !== null && r.lastRating ? { asOf: r.lastAsOf, score: r.lastScore, rating: r.lastRating } : null,
    };
    if (archived || r.aiSystems === 0) {
      out.push({ ...base, score: null, rating: null, unscored: archived ? "Archived" : "No AI systems yet", restrictions: [] });
      continue;
    }
    const live = liveOf.get(r.engagementId)!;
    out.push(
      live.ok
        ? { ...base, score: live.result.organisation.score, rating: live.result.organisation.rating, unscored: null, restrictions: live.result.organisation.activeRestrictions.map((x) => x.title) }
        : { ...base, score: null, rating: null, unscored: "The inventory has problems to fix before it can be scored", restrictions: [] },
    );
  }
  return out;
}

/** One client of the practice (also archived), or NOT_FOUND. */
export async function getPracticeClient(ctx: PracticeContext, engagementId: string) {
  assertPracticeCan(ctx, "practice:read");
  const row = await db().practiceClient.findFirst({
    where: { id: engagementId, practiceId: ctx.practiceId },
    select: { id: true, role: true, version: true, archivedAt: true, createdAt: true, nextWorkshopOn: true, nextWorkshopTitle: true, organisation: { select: { id: true, slug: true, name: true, _count: { select: { memberships: true } } } } },
  });
  if (!row) throw notFoundError("Client");
  return row;
}

/**
 * The practices that reach the caller's organisation (its Settings show them to its owner), with
 * how many of each practice's people that is.
 */
export async function listPracticeAccess(ctx: OrgContext) {
  assertCan(ctx, "members:read");
  return db().practiceClient.findMany({
    where: { organisationId: ctx.organisationId },
    select: { id: true, role: true, version: true, archivedAt: true, benchmarkConsentAt: true, createdAt: true, nextWorkshopOn: true, nextWorkshopTitle: true, practice: { select: { name: true, _count: { select: { members: true } } } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** One client in the side-by-side comparison. */
export interface ComparedClient {
  engagementId: string;
  slug: string;
  name: string;
  score: number | null;
  rating: Rating | null;
  unscored: string | null;
  dimensions: Record<Dimension, number> | null;
  systems: number;
  restrictions: string[];
  /** Vendors the client depends on, weakest first: the exposure a consultant compares. */
  vendors: { name: string; score: number; rating: Rating; systems: number; restricted: boolean }[];
}

/**
 * Two or more of the practice's clients side by side (at most 6, in the order asked): ratings,
 * dimensions and vendor exposure. Ids that are not clients of the caller's practice, or are
 * archived, are NOT_FOUND: a comparison never silently leaves one out.
 */
export async function comparePortfolioClients(ctx: PracticeContext, engagementIds: string[]): Promise<ComparedClient[]> {
  assertPracticeCan(ctx, "practice:read");
  const ids = [...new Set(engagementIds)].slice(0, 6);
  const rows = await db().practiceClient.findMany({
    where: { id: { in: ids }, practiceId: ctx.practiceId, archivedAt: null },
    select: { id: true, role: true, organisation: { select: { id: true, slug: true, name: true } } },
  });
  if (rows.length !== ids.length) throw notFoundError("Client");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const asOf = today();
  const out: ComparedClient[] = [];
  for (const id of ids) {
    const r = byId.get(id)!;
    const live = await scoreOrganisation({ organisationId: r.organisation.id, organisationSlug: r.organisation.slug, organisationName: r.organisation.name, userId: ctx.userId, role: r.role, via: ctx.practiceName, viaPracticeId: ctx.practiceId }, asOf);
    const base = { engagementId: r.id, slug: r.organisation.slug, name: r.organisation.name };
    if (!live.ok || live.result.systems.length === 0) {
      out.push({ ...base, score: null, rating: null, unscored: live.ok ? "No AI systems yet" : "The inventory has problems to fix before it can be scored", dimensions: null, systems: 0, restrictions: [], vendors: [] });
      continue;
    }
    const org = live.result.organisation;
    out.push({
      ...base,
      score: org.score,
      rating: org.rating,
      unscored: null,
      dimensions: org.dimensions,
      systems: org.systemCount,
      restrictions: org.activeRestrictions.map((x) => x.title),
      vendors: [...live.result.vendors].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).map((v) => ({ name: v.name, score: v.score, rating: v.rating, systems: v.systemCount, restricted: v.activeRestrictions.length > 0 })),
    });
  }
  return out;
}

/** The benchmarked client's own figures, beside the anonymised cohorts. */
export interface BenchmarkedClient {
  engagementId: string;
  name: string;
  sector: string;
  /** People in its offices, summed; its size band follows from it. */
  headcount: number;
  sizeBand: SizeBand | null;
  /** When its owner agreed to be counted; null: not counted (it still sees where it stands). */
  consentedAt: Date | null;
  score: number | null;
  rating: Rating | null;
  dimensions: Record<Dimension, number> | null;
  /** Why there is no score, in words. */
  unscored: string | null;
}

export interface PracticeBenchmark {
  client: BenchmarkedClient;
  benchmark: Benchmark;
}

/**
 * Where one client of the practice stands against the practice's clients that agreed to be
 * counted (decision 040): all of them, its sector, its size band, each shown only from at least
 * 5 clients scored with the running methodology version. The client itself must be a
 * non-archived client of the caller's practice (else NOT_FOUND); it is counted only if its owner
 * agreed. Read on every visit, so a client that withdraws or is archived is out at once. Nothing
 * of another client but its anonymous figures leaves this function: no name, id or sector.
 */
export async function practiceBenchmark(ctx: PracticeContext, engagementId: string): Promise<PracticeBenchmark> {
  assertPracticeCan(ctx, "practice:read");
  if (!z.uuid().safeParse(engagementId).success) throw notFoundError("Client");
  // One statement, scoped by the caller's practice: the counted clients, and the subject whether counted or not.
  const rows = await db().$queryRaw<{ engagementId: string; role: Role; consentedAt: Date | null; organisationId: string; slug: string; name: string; sector: string; headcount: bigint }[]>`
    SELECT pc.id AS "engagementId", pc.role::text AS role, pc."benchmarkConsentAt" AS "consentedAt", o.id AS "organisationId", o.slug, o.name, o.sector,
      (SELECT coalesce(sum(f.headcount), 0)::bigint FROM "Office" f WHERE f."organisationId" = o.id) AS headcount
    FROM "PracticeClient" pc
    JOIN "Organisation" o ON o.id = pc."organisationId"
    WHERE pc."practiceId" = ${ctx.practiceId}::uuid AND pc."archivedAt" IS NULL
      AND (pc."benchmarkConsentAt" IS NOT NULL OR pc.id = ${engagementId}::uuid)
    ORDER BY pc.id`;
  const subjectRow = rows.find((r) => r.engagementId === engagementId);
  if (!subjectRow) throw notFoundError("Client");

  // Each client scored as the practice sees it (the engagement's role), like the portfolio: read
  // together (one inventory-version query), and the per-process cache is shared with the portfolio's.
  const scores = await scoreOrganisations(
    rows.map((r) => ({ organisationId: r.organisationId, organisationSlug: r.slug, organisationName: r.name, userId: ctx.userId, role: r.role, via: ctx.practiceName, viaPracticeId: ctx.practiceId })),
    today(),
  );
  const clients: BenchmarkClient[] = [];
  let own: { scored: BenchmarkScore | null; unscored: string | null } = { scored: null, unscored: null };
  for (const [i, r] of rows.entries()) {
    const live = scores[i]!;
    const scored: BenchmarkScore | null =
      live.ok && live.result.systems.length > 0
        ? { methodologyVersion: live.result.methodologyVersion, score: live.result.organisation.score, rating: live.result.organisation.rating, dimensions: live.result.organisation.dimensions }
        : null;
    const sizeBand = sizeBandOf(Number(r.headcount));
    if (scored && r.consentedAt) clients.push({ clientKey: r.engagementId, sector: r.sector, sizeBand, ...scored });
    if (r === subjectRow) own = { scored, unscored: scored ? null : live.ok ? "No AI systems yet" : "The inventory has problems to fix before it can be scored" };
  }

  const headcount = Number(subjectRow.headcount);
  const sizeBand = sizeBandOf(headcount);
  return {
    client: {
      engagementId: subjectRow.engagementId,
      name: subjectRow.name,
      sector: subjectRow.sector,
      headcount,
      sizeBand,
      consentedAt: subjectRow.consentedAt,
      score: own.scored?.score ?? null,
      rating: own.scored?.rating ?? null,
      dimensions: own.scored?.dimensions ?? null,
      unscored: own.unscored,
    },
    benchmark: benchmark({ clients, subject: { clientKey: subjectRow.engagementId, sector: subjectRow.sector, sizeBand, scored: own.scored }, methodologyVersion: METHODOLOGY_VERSION }),
  };
}
