import { readFileSync } from "node:fs";
// Seeds the demo (prisma/seed-data.ts): two organisations with their history, eight smaller clients
// of the consultancy (for its benchmark), their inventories, the demo users and the consultancy.
// Idempotent: does nothing when the Mainfeld organisation exists. Everything is written in one
// transaction with one statement per table (createMany / createManyAndReturn), so that it runs
// in well under two seconds even on the embedded WASM PostgreSQL.
//
//   DATABASE_URL=postgresql://... npx tsx prisma/seed.ts      (also `npm run db:seed`)

import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/password";
import { newToken } from "../lib/members/tokens";
import { frozenAssessmentData } from "../lib/assessments/freeze-data";
import { documentFromRows, INVENTORY_ORDER, type InventoryRows } from "../lib/inventory/document-rows";
import { parseInventoryDocument } from "../scoring/parse";
import { scoreInventory } from "../scoring/score-inventory";
import { policyEventSchema } from "../scoring/schema/policy-event";
import { shockSchema } from "../scoring/schema/scenario";
import {
  DEMO_ORGANISATIONS,
  DEMO_ORG_SLUGS,
  DEMO_PASSWORD,
  DEMO_PRACTICE,
  DEMO_USERS,
  type DemoDependency,
  type DemoOrganisation,
  type DemoPolicyEvent,
  type DemoRoute,
  type DependencyRef,
  type IsoDate,
  type RemediationTarget,
} from "./seed-data";

export interface SeedDemoOptions {
  log?: (msg: string) => void;
  /** The day relative dates (drills, due dates) count from; defaults to now. For tests. */
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of `now` shifted by `days` (for DATE columns). */
function dayOffset(now: Date, days: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS);
}

function isoDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Looks a natural key up; a dangling reference in the seed data fails loudly with its context. */
function resolve<T>(map: Map<string, T>, key: string, what: string, context: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`seed data: unknown ${what} "${key}" (referenced by ${context})`);
  return value;
}

/** A policy event as the inventory document writes it (database enums are its values in snake case). */
export function toDocumentEvent(event: DemoPolicyEvent): unknown {
  const base = {
    key: event.key,
    title: event.title,
    effectiveDate: event.effectiveDate,
    source: event.source,
    ...(event.summary === null ? {} : { summary: event.summary }),
  };
  if (event.kind === "lift") return { ...base, kind: "lift", lifts: event.lifts };
  return {
    ...base,
    kind: "impose",
    type: event.type.replaceAll("_", "-"),
    issuer: event.issuer,
    ...(event.expires === null ? {} : { expires: event.expires }),
    scope: event.scope,
    restrictions: event.restrictions,
  };
}

const NEEDS_CLOUD = new Set(["cloud_marketplace", "third_party_hosted"]);

/**
 * What the scoring engine reads back must pass its zod schemas (policy events, scenario shocks),
 * and the inventory must satisfy the rules the document enforces (a cloud vendor and a hosting
 * region for cloud_marketplace and third_party_hosted, the cloud vendor among the organisation's
 * vendors, teams from the offices' teams, data flows through a dependency). Checked before
 * anything is written, so that a drift fails with a clear message.
 */
export function checkEngineJson(orgs: readonly DemoOrganisation[]): void {
  const problems: string[] = [];
  const check = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }, what: string) => {
    for (const issue of result.error?.issues ?? []) problems.push(`${what}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  };
  for (const org of orgs) {
    const vendors = new Set(org.vendors.map((v) => v.name));
    const checkRoute = (route: DemoRoute & { accessPath: string }, what: string) => {
      if (NEEDS_CLOUD.has(route.accessPath)) {
        if (route.cloudVendor === null) problems.push(`${what}: ${route.accessPath} needs a cloud vendor`);
        if (route.hostingCountry === null || route.hostingRegion === null)
          problems.push(`${what}: ${route.accessPath} needs a hosting country and region`);
      } else if (route.cloudVendor !== null) problems.push(`${what}: a cloud vendor only goes with cloud_marketplace or third_party_hosted`);
      if (route.cloudVendor !== null && !vendors.has(route.cloudVendor))
        problems.push(`${what}: cloud vendor "${route.cloudVendor}" is not among ${org.slug}'s vendors`);
    };
    for (const d of org.dependencies) checkRoute(d, `${org.slug} dependency ${d.system} / ${d.model}`);
    for (const f of org.fallbacks) checkRoute(f, `${org.slug} fallback of ${f.dependency.system} / ${f.model}`);

    const teams = new Map(org.offices.map((o) => [o.name, new Set(o.teams)]));
    for (const s of org.aiSystems) {
      for (const team of s.teams)
        if (!s.offices.some((office) => teams.get(office)?.has(team)))
          problems.push(`${org.slug} AI system "${s.name}": team "${team}" is in none of its offices`);
    }
    for (const f of org.dataFlows) {
      const system = org.aiSystems.find((s) => s.name === f.dependency.system);
      if (system && !system.offices.includes(f.fromOffice))
        problems.push(`${org.slug} data flow "${f.name}": "${f.dependency.system}" does not serve ${f.fromOffice}`);
    }

    const keys = new Set<string>();
    for (const event of org.policyEvents) {
      const what = `${org.slug} policy event "${event.key}"`;
      if (keys.has(event.key)) problems.push(`${what}: duplicate key`);
      keys.add(event.key);
      check(policyEventSchema.safeParse(toDocumentEvent(event)), what);
    }
    for (const event of org.policyEvents)
      if (event.kind === "lift" && !keys.has(event.lifts)) problems.push(`${org.slug} policy event "${event.key}": lifts unknown "${event.lifts}"`);
    for (const scenario of org.scenarios)
      check(shockSchema.array().min(1).safeParse(scenario.shocks), `${org.slug} scenario "${scenario.name}" shocks`);
  }
  if (problems.length > 0) throw new Error(`seed data does not match the scoring engine's schemas:\n  ${problems.join("\n  ")}`);
}

/** Natural keys are unique per organisation, so maps are keyed by organisation id + name. */
const orgKey = (orgId: string, ...parts: string[]) => [orgId, ...parts].join("\u0000");

/**
 * Creates the demo organisations, their inventories and the demo users, unless the Mainfeld
 * organisation already exists. Users are matched by email: an existing user keeps its name
 * and password and only gains the demo memberships.
 * @example await seedDemo(prisma, { log: console.log }) // { created: true }, then { created: false }
 */
export async function seedDemo(prisma: PrismaClient, opts: SeedDemoOptions = {}): Promise<{ created: boolean }> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();

  const seeded = () => prisma.organisation.findUnique({ where: { slug: DEMO_ORG_SLUGS.mainfeld }, select: { id: true } });
  if (await seeded()) {
    log(`demo already seeded (organisation "${DEMO_ORG_SLUGS.mainfeld}" exists): nothing to do`);
    return { created: false };
  }

  checkEngineJson(DEMO_ORGANISATIONS);

  // scrypt is deliberately slow: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  try {
    await prisma.$transaction(async (tx) => {
      // An organisation left over from an earlier, partial demo is kept, not duplicated.
      const existing = await tx.organisation.findMany({
        where: { slug: { in: DEMO_ORGANISATIONS.map((o) => o.slug) } },
        select: { slug: true },
      });
      const taken = new Set(existing.map((o) => o.slug));
      const orgs = DEMO_ORGANISATIONS.filter((o) => !taken.has(o.slug));
      for (const slug of taken) log(`organisation "${slug}" already exists: left as it is`);

      await createDemo(tx, orgs, passwordHash, now, log);
    }, { timeout: 60_000 });
  } catch (error) {
    // Another seeder won the race for the unique slug: the demo exists, which is what we want.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && (await seeded())) {
      log("demo was seeded concurrently: nothing to do");
      return { created: false };
    }
    throw error;
  }
  return { created: true };
}

async function createDemo(
  tx: Prisma.TransactionClient,
  orgs: DemoOrganisation[],
  passwordHash: string,
  now: Date,
  log: (msg: string) => void,
): Promise<void> {
  const count = (table: string, n: number) => log(`  ${table}: ${n}`);

  // Users: insert the missing ones, then read all back (an existing user keeps its password).
  const emails = DEMO_USERS.map((u) => u.email.toLowerCase());
  const newUsers = await tx.user.createMany({
    data: DEMO_USERS.map((u) => ({ email: u.email.toLowerCase(), name: u.name, passwordHash })),
    skipDuplicates: true,
  });
  count("users created", newUsers.count);
  const users = await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const userId = (email: string, context: string) => resolve(userIds, email.toLowerCase(), "user", context);

  const orgRows = await tx.organisation.createManyAndReturn({
    data: orgs.map((o) => ({
      slug: o.slug,
      name: o.name,
      hqCountry: o.hqCountry,
      sector: o.sector,
      regimes: o.regimes,
      dpfCertified: o.dpfCertified,
      lei: o.lei ?? null,
    })),
    select: { id: true, slug: true },
  });
  const orgIds = new Map(orgRows.map((o) => [o.slug, o.id]));
  const withOrg = orgs.map((org) => ({ org, orgId: resolve(orgIds, org.slug, "organisation", "seed") }));
  count("organisations", orgRows.length);

  // A user's first-listed membership is their home organisation (opened after sign-in):
  // give memberships increasing createdAt in list order so that "joined first" is well defined.
  const joinedAt = (index: number) => new Date(now.getTime() - 60_000 + index * 1000);
  const memberships = await tx.membership.createMany({
    data: DEMO_USERS.flatMap((u) =>
      u.memberships
        .filter((m) => orgIds.has(m.org))
        .map((m, index) => ({
          organisationId: resolve(orgIds, m.org, "organisation", `membership of ${u.email}`),
          userId: userId(u.email, "memberships"),
          role: m.role,
          createdAt: joinedAt(index),
        })),
    ),
    skipDuplicates: true,
  });
  count("memberships", memberships.count);

  // The consultancy and its engagements with the demo organisations (decision 037).
  // Its name and logo go on the reports its members produce for clients (decision 042).
  const logo = new Uint8Array(readFileSync(new URL("./assets/northbridge-logo.png", import.meta.url)));
  const practice = await tx.practice.upsert({
    where: { slug: DEMO_PRACTICE.slug },
    create: { slug: DEMO_PRACTICE.slug, name: DEMO_PRACTICE.name, brandReports: true, logo, logoType: "image/png" },
    update: {},
    select: { id: true },
  });
  await tx.practiceMember.createMany({
    data: [
      ...DEMO_PRACTICE.partners.map((email) => ({ practiceId: practice.id, userId: userId(email, "practice"), role: "partner" as const })),
      ...DEMO_PRACTICE.consultants.map((email) => ({ practiceId: practice.id, userId: userId(email, "practice"), role: "consultant" as const })),
    ],
    skipDuplicates: true,
  });
  // The clients' owners agreed to be counted in the practice's benchmark (decision 040) a month ago.
  const engagements = await tx.practiceClient.createMany({
    data: DEMO_PRACTICE.clients
      .filter((c) => orgIds.has(c.org))
      .map((c) => ({ practiceId: practice.id, organisationId: resolve(orgIds, c.org, "organisation", "practice client"), role: c.role, benchmarkConsentAt: c.benchmark ? dayOffset(now, -30) : null,
        ...("nextWorkshop" in c && c.nextWorkshop ? { nextWorkshopOn: dayOffset(now, c.nextWorkshop.inDays), nextWorkshopTitle: c.nextWorkshop.title } : {}) })),
    skipDuplicates: true,
  });
  count("practice clients", engagements.count);
  // A little of the practice's own history (decision 043), so that its audit trail is not empty on
  // first start: founded, its consultant added, branding on. Written once, with the practice.
  if ((await tx.practiceAuditEvent.count({ where: { practiceId: practice.id } })) === 0) {
    const founder = userId(DEMO_PRACTICE.partners[0]!, "practice history");
    const memberIds = new Map((await tx.practiceMember.findMany({ where: { practiceId: practice.id }, select: { id: true, userId: true } })).map((m) => [m.userId, m.id]));
    const history = await tx.practiceAuditEvent.createMany({
      data: [
        { practiceId: practice.id, actorId: founder, action: "create", entityType: "practice", entityId: practice.id, after: { name: DEMO_PRACTICE.name }, createdAt: dayOffset(now, -120) },
        ...DEMO_PRACTICE.consultants.map((email) => ({
          practiceId: practice.id,
          actorId: founder,
          action: "add_member",
          entityType: "practice_member",
          entityId: memberIds.get(userId(email, "practice history")) ?? email,
          after: { name: DEMO_USERS.find((u) => u.email.toLowerCase() === email.toLowerCase())?.name ?? email, email, role: "consultant" },
          createdAt: dayOffset(now, -119),
        })),
        { practiceId: practice.id, actorId: founder, action: "branding", entityType: "practice", entityId: practice.id, before: { brandReports: false, logo: "none" }, after: { brandReports: true, logo: "new PNG" }, createdAt: dayOffset(now, -60) },
      ],
    });
    count("practice audit events", history.count);
  }

  const offices = await tx.office.createManyAndReturn({
    data: withOrg.flatMap(({ org, orgId }) => org.offices.map((o) => ({ organisationId: orgId, ...o }))),
    select: { id: true, organisationId: true, name: true },
  });
  const officeIds = new Map(offices.map((o) => [orgKey(o.organisationId, o.name), o.id]));
  count("offices", offices.length);

  const vendors = await tx.vendor.createManyAndReturn({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.vendors.map((v) => ({ organisationId: orgId, ...v, sourceAsOf: isoDate(v.sourceAsOf) })),
    ),
    select: { id: true, organisationId: true, name: true },
  });
  const vendorIds = new Map(vendors.map((v) => [orgKey(v.organisationId, v.name), v.id]));
  count("vendors", vendors.length);

  const models = await tx.model.createManyAndReturn({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.models.map(({ vendor, sourceAsOf, ...m }) => ({
        organisationId: orgId,
        ...m,
        vendorId: resolve(vendorIds, orgKey(orgId, vendor), "vendor", `model "${m.name}"`),
        sourceAsOf: isoDate(sourceAsOf),
      })),
    ),
    select: { id: true, organisationId: true, name: true },
  });
  const modelIds = new Map(models.map((m) => [orgKey(m.organisationId, m.name), m.id]));
  const modelId = (orgId: string, name: string, context: string) =>
    resolve(modelIds, orgKey(orgId, name), "model", context);
  count("models", models.length);

  const systems = await tx.aiSystem.createManyAndReturn({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.aiSystems.map((s) => ({
        organisationId: orgId,
        name: s.name,
        description: s.description,
        owner: s.owner,
        criticality: s.criticality,
        toleratedDowntimeMinutes: s.toleratedDowntimeMinutes,
        usersServed: s.usersServed,
        teams: s.teams,
        dataSensitivity: s.dataSensitivity,
      })),
    ),
    select: { id: true, organisationId: true, name: true },
  });
  const systemIds = new Map(systems.map((s) => [orgKey(s.organisationId, s.name), s.id]));
  const systemId = (orgId: string, name: string, context: string) =>
    resolve(systemIds, orgKey(orgId, name), "AI system", context);
  count("AI systems", systems.length);

  const systemOffices = await tx.aiSystemOffice.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.aiSystems.flatMap((s) =>
        s.offices.map((office) => ({
          organisationId: orgId,
          aiSystemId: systemId(orgId, s.name, "its offices"),
          officeId: resolve(officeIds, orgKey(orgId, office), "office", `AI system "${s.name}"`),
        })),
      ),
    ),
  });
  count("AI system offices", systemOffices.count);

  // EU AI Act registrations (decision 046): the answers as drafted; empty ones are what is missing.
  const registrations = await tx.aiActRegistration.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      (org.aiActRegistrations ?? []).map(({ system, ...r }) => ({ organisationId: orgId, aiSystemId: systemId(orgId, system, "its EU AI Act registration"), ...r })),
    ),
  });
  count("EU AI Act registrations", registrations.count);

  const vendorId = (orgId: string, name: string, context: string) =>
    resolve(vendorIds, orgKey(orgId, name), "vendor", context);
  const cloudVendorId = (orgId: string, route: DemoRoute, context: string) =>
    route.cloudVendor === null ? null : vendorId(orgId, route.cloudVendor, `${context} (its cloud)`);

  const dependencies = await tx.dependency.createManyAndReturn({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.dependencies.map(({ system, model, cloudVendor, exitPlan, contract, ...d }) => {
        const context = `dependency of "${system}" on "${model}"`;
        return {
          organisationId: orgId,
          aiSystemId: systemId(orgId, system, context),
          modelId: modelId(orgId, model, context),
          cloudVendorId: cloudVendorId(orgId, { cloudVendor, ...d }, context),
          ...d,
          exitPlanDocumented: exitPlan?.documented ?? false,
          exitPlanLastReviewed:
            exitPlan?.reviewedDaysAgo === null || exitPlan?.reviewedDaysAgo === undefined
              ? null
              : dayOffset(now, -exitPlan.reviewedDaysAgo),
          contractDataResidency: contract?.dataResidency ?? null,
          contractExitTerms: contract?.exitTerms ?? null,
        };
      }),
    ),
    select: { id: true, organisationId: true, aiSystemId: true, modelId: true, accessPath: true },
  });
  const dependencyIds = new Map(
    dependencies.map((d) => [orgKey(d.organisationId, d.aiSystemId, d.modelId, d.accessPath), d.id]),
  );
  const dependencyId = (orgId: string, ref: DependencyRef, context: string) =>
    resolve(
      dependencyIds,
      orgKey(orgId, systemId(orgId, ref.system, context), modelId(orgId, ref.model, context), ref.accessPath),
      "dependency",
      `${context} (${ref.system} / ${ref.model} / ${ref.accessPath})`,
    );
  count("dependencies", dependencies.length);

  const fallbacks = await tx.fallback.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.fallbacks.map(({ dependency, model, cloudVendor, lastTestedDaysAgo, addedOn: _addedOn, ...f }) => ({
        organisationId: orgId,
        dependencyId: dependencyId(orgId, dependency, "a fallback"),
        modelId: modelId(orgId, model, `fallback of "${dependency.system}"`),
        cloudVendorId: cloudVendorId(orgId, { cloudVendor, ...f }, `fallback of "${dependency.system}"`),
        ...f,
        lastTestedAt: lastTestedDaysAgo === null ? null : dayOffset(now, -lastTestedDaysAgo),
      })),
    ),
  });
  count("fallbacks", fallbacks.count);

  // A flow goes where its dependency runs: to the cloud operator hosting the model (else the
  // model's vendor), in the dependency's hosting country (default: vendor HQ for direct_api,
  // organisation HQ for self_hosted) and region.
  const sameRef = (a: DependencyRef, b: DependencyRef) =>
    a.system === b.system && a.model === b.model && a.accessPath === b.accessPath;
  const dataFlows = await tx.dataFlow.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.dataFlows.map(({ fromOffice, dependency: ref, system, ...f }) => {
        const context = `data flow "${f.name}"`;
        const dependency: DemoDependency | undefined = org.dependencies.find((d) => sameRef(d, ref));
        const model = org.models.find((m) => m.name === ref.model);
        const modelVendor = org.vendors.find((v) => v.name === model?.vendor);
        if (!dependency || !modelVendor)
          throw new Error(`seed data: unknown dependency, model or vendor (referenced by ${context})`);
        const vendor = dependency.cloudVendor ?? modelVendor.name;
        const processingCountry =
          dependency.hostingCountry ?? (dependency.accessPath === "self_hosted" ? org.hqCountry : modelVendor.hqCountry);
        return {
          organisationId: orgId,
          ...f,
          originOfficeId: resolve(officeIds, orgKey(orgId, fromOffice), "office", context),
          originAiSystemId: system === undefined ? null : systemId(orgId, system, context),
          dependencyId: dependencyId(orgId, ref, context),
          vendorId: vendorId(orgId, vendor, context),
          processingCountry,
          processingRegion: dependency.hostingRegion,
        };
      }),
    ),
  });
  count("data flows", dataFlows.count);

  const policyEvents = await tx.policyEvent.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.policyEvents.map((e) => {
        const base = {
          organisationId: orgId,
          key: e.key,
          fromCatalogue: e.fromCatalogue,
          title: e.title,
          kind: e.kind,
          effectiveDate: isoDate(e.effectiveDate),
          source: e.source,
          summary: e.summary,
        };
        return e.kind === "lift"
          ? { ...base, lifts: e.lifts }
          : {
              ...base,
              type: e.type,
              issuer: e.issuer,
              expires: e.expires === null ? null : isoDate(e.expires),
              scope: e.scope,
              restrictions: e.restrictions,
            };
      }),
    ),
  });
  count("policy events", policyEvents.count);

  const scenarios = await tx.scenario.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.scenarios.map(({ createdBy, asOf, ...s }) => ({
        organisationId: orgId,
        ...s,
        asOf: asOf === null ? null : isoDate(asOf),
        createdById: userId(createdBy, `scenario "${s.name}"`),
      })),
    ),
  });
  count("scenarios", scenarios.count);

  const targetId = (orgId: string, target: RemediationTarget, context: string): string | null => {
    switch (target.type) {
      case "dependency":
        return dependencyId(orgId, target.dependency, context);
      case "ai_system":
        return systemId(orgId, target.system, context);
      case "vendor":
        return vendorId(orgId, target.vendor, context);
      case "organisation":
        return orgId;
    }
  };
  const actions = await tx.remediationAction.createMany({
    data: withOrg.flatMap(({ org, orgId }) =>
      org.remediationActions.map(({ target, owner, dueInDays, closedDaysAgo, openedOn, closedOn, measureGain: _measured, ...a }) => {
        const context = `remediation action "${a.title}"`;
        return {
          organisationId: orgId,
          ...a,
          targetType: target.type,
          targetId: targetId(orgId, target, context),
          ownerId: owner === null ? null : userId(owner, context),
          dueDate: dueInDays === null ? (closedOn ? isoDate(closedOn) : null) : dayOffset(now, dueInDays),
          closedAt: closedOn ? isoDate(closedOn) : closedDaysAgo === null ? null : dayOffset(now, -closedDaysAgo),
          ...(openedOn ? { createdAt: isoDate(openedOn) } : {}),
        };
      }),
    ),
  });
  count("remediation actions", actions.count);

  for (const { org, orgId } of withOrg) {
    if (!org.history?.length) continue;
    const addedOn = new Map<string, string>();
    for (const f of org.fallbacks) {
      if (!f.addedOn) continue;
      const context = `fallback of "${f.dependency.system}"`;
      addedOn.set(orgKey(dependencyId(orgId, f.dependency, context), modelId(orgId, f.model, context), f.accessPath), f.addedOn);
    }
    await createHistory(tx, org, orgId, { now, addedOn, userId, log });
  }
}

const DAY = 24 * 60 * 60 * 1000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The organisation's rows as they stood on `asOf`: fallbacks put in place after it are left
 * out, and every date that the seed sets relative to the day of seeding (drills, exit-plan
 * reviews) is as old on `asOf` as it is today; a drill is never dated before its fallback existed.
 */
function rowsOn(rows: InventoryRows, asOf: string, now: Date, addedOn: ReadonlyMap<string, string>): InventoryRows {
  const shift = Math.round((dayOffset(now, 0).getTime() - isoDate(asOf as IsoDate).getTime()) / DAY) * DAY;
  const back = (d: Date | null) => (d === null ? null : new Date(d.getTime() - shift));
  const fallbacks = rows.fallbacks.flatMap((f) => {
    const added = addedOn.get(orgKey(f.dependencyId, f.modelId, f.accessPath));
    if (added !== undefined && added > asOf) return [];
    const tested = back(f.lastTestedAt);
    return [{ ...f, lastTestedAt: tested && added !== undefined && dayOf(tested) < added ? isoDate(added as IsoDate) : tested }];
  });
  const dependencies = rows.dependencies.map((d) => ({ ...d, exitPlanLastReviewed: back(d.exitPlanLastReviewed) }));
  return { ...rows, fallbacks, dependencies };
}

/**
 * The demo's dated history: each assessment frozen from the inventory as it stood on its date
 * and scored against the landscape of that date (so the trend shows the US restriction on
 * Anthropic's models and its partial lifting); the measured gains of the dated remediation
 * actions; and a board report of the chosen assessment, queued for the report worker (which
 * renders it on the first start: lib/reports/report-job.ts adopts queued runs without a job).
 */
async function createHistory(
  tx: Prisma.TransactionClient,
  org: DemoOrganisation,
  orgId: string,
  deps: { now: Date; addedOn: ReadonlyMap<string, string>; userId: (email: string, context: string) => string; log: (msg: string) => void },
): Promise<void> {
  const { now, addedOn, userId, log } = deps;
  const where = { organisationId: orgId };
  const o = INVENTORY_ORDER;
  const rows: InventoryRows = {
    organisation: await tx.organisation.findUniqueOrThrow({ where: { id: orgId } }),
    offices: await tx.office.findMany({ where, orderBy: o.offices }),
    vendors: await tx.vendor.findMany({ where, orderBy: o.vendors }),
    models: await tx.model.findMany({ where, orderBy: [...o.models] }),
    aiSystems: await tx.aiSystem.findMany({ where, orderBy: o.aiSystems, include: { offices: { select: { officeId: true } } } }),
    dependencies: await tx.dependency.findMany({ where, orderBy: [...o.dependencies] }),
    fallbacks: await tx.fallback.findMany({ where, orderBy: [...o.fallbacks] }),
    dataFlows: await tx.dataFlow.findMany({ where, orderBy: o.dataFlows }),
    policyEvents: await tx.policyEvent.findMany({ where, orderBy: [...o.policyEvents] }),
  };
  const scoredOn = async (asOf: string) => {
    const { document, skippedDataFlows } = await documentFromRows(rowsOn(rows, asOf, now, addedOn));
    const parsed = parseInventoryDocument(document);
    if (!parsed.ok) throw new Error(`seed data: ${org.slug}'s inventory of ${asOf} does not score: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    return { document, skippedDataFlows, result: scoreInventory(parsed.value, { asOf }) };
  };

  const frozen = new Map<string, string>();
  // A history dated after the day of seeding (a clock set back) is left out rather than invented.
  for (const h of (org.history ?? []).filter((x) => x.asOf <= dayOf(now))) {
    const { document, skippedDataFlows, result } = await scoredOn(h.asOf);
    const row = await tx.assessment.create({
      data: { organisationId: orgId, ...(await frozenAssessmentData(document, result, { skippedDataFlows, note: h.note })), createdById: userId(h.frozenBy, `assessment of ${h.asOf}`), createdAt: new Date(h.frozenAt) },
      select: { id: true },
    });
    frozen.set(h.asOf, row.id);
    log(`  assessment ${h.asOf}: ${result.organisation.score} (${result.organisation.rating})`);
  }

  for (const a of org.remediationActions) {
    if (!a.measureGain || !a.openedOn || !a.closedOn || a.closedOn > dayOf(now)) continue;
    const before = (await scoredOn(a.openedOn)).result.organisation.score;
    const after = (await scoredOn(a.closedOn)).result.organisation.score;
    await tx.remediationAction.updateMany({
      where: { organisationId: orgId, title: a.title },
      data: { scoreAtCreation: before, scoreAtClose: after, achievedGain: Math.round((after - before) * 100) / 100 },
    });
  }

  if (org.boardReportOf) {
    if (!org.history?.some((h) => h.asOf === org.boardReportOf)) throw new Error(`seed data: ${org.slug}'s board report is of ${org.boardReportOf}, which is not in its history`);
    const assessmentId = frozen.get(org.boardReportOf);
    const requester = DEMO_USERS.find((u) => u.memberships.some((m) => m.org === org.slug && m.role === "owner"));
    if (!requester) throw new Error(`seed data: ${org.slug} has no owner to request its board report`);
    if (assessmentId) {
      await tx.reportRun.create({ data: { organisationId: orgId, assessmentId, requestedById: userId(requester.email, "the demo board report"), paper: "a4", createdAt: now } });
      log(`  board report of ${org.boardReportOf}: queued`);
    }
  }

  const w = org.workshop;
  if (w && w.endedAt <= now.toISOString()) {
    const assessmentId = frozen.get(w.of);
    if (!assessmentId) throw new Error(`seed data: ${org.slug}'s workshop froze the assessment of ${w.of}, which is not in its history`);
    const started = (await scoredOn(w.of)).result.organisation;
    const facilitator = userId(w.facilitator, `workshop "${w.title}"`);
    const workshop = await tx.workshop.create({
      data: { organisationId: orgId, title: w.title, attendees: w.attendees, status: "ended", step: 6, startedAt: new Date(w.startedAt), endedAt: new Date(w.endedAt), startScore: Math.round(started.score * 100) / 100, startRating: started.rating, assessmentId, createdById: facilitator, createdAt: new Date(w.startedAt) },
      select: { id: true },
    });
    // The actions the room agreed entered the plan while it ran.
    const during = new Date((Date.parse(w.startedAt) + Date.parse(w.endedAt)) / 2);
    for (const title of w.agreed) {
      const { count } = await tx.remediationAction.updateMany({ where: { organisationId: orgId, title, origin: "manual" }, data: { createdAt: during } });
      if (count !== 1) throw new Error(`seed data: ${org.slug}'s workshop agreed "${title}", which is not one of its manual remediation actions`);
    }
    for (const v of w.toVerify) {
      const system = await tx.aiSystem.findFirst({ where: { organisationId: orgId, name: v.system }, select: { id: true, name: true } });
      if (!system) throw new Error(`seed data: ${org.slug}'s workshop flags "${v.system}", which is not one of its AI systems`);
      await tx.verifyItem.create({ data: { organisationId: orgId, workshopId: workshop.id, subjectType: "ai_system", subjectId: system.id, subjectLabel: system.name, question: v.question, owner: v.owner, createdAt: during } });
    }
    await tx.reportRun.create({ data: { organisationId: orgId, kind: "workshop_summary", workshopId: workshop.id, assessmentId, requestedById: facilitator, paper: "a4", createdAt: now } });
    log(`  workshop "${w.title}": ended, summary queued`);
  }

  // The pre-workshop questionnaire (decision 039): a link still open, answers waiting for review.
  // Its token is thrown away (only the hash is kept, as for every link): a reviewer makes a new link to send.
  const q = org.questionnaire;
  if (q) {
    const madeAt = new Date(now.getTime() - q.madeDaysAgo * DAY_MS);
    const questionnaire = await tx.questionnaire.create({
      data: { organisationId: orgId, title: q.title, tokenHash: newToken().hash, createdById: userId(q.madeBy, `questionnaire "${q.title}"`), expiresAt: new Date(madeAt.getTime() + q.days * DAY_MS), createdAt: madeAt },
      select: { id: true },
    });
    for (const a of q.answers) {
      const response = await tx.questionnaireResponse.create({
        data: { organisationId: orgId, questionnaireId: questionnaire.id, respondentName: a.respondentName, respondentEmail: a.respondentEmail ?? null, team: a.team ?? null, submittedAt: new Date(now.getTime() - a.hoursAgo * 60 * 60 * 1000) },
        select: { id: true },
      });
      await tx.questionnaireItem.createMany({ data: a.items.map((i) => ({ organisationId: orgId, responseId: response.id, systemName: i.systemName, purpose: i.purpose, vendorName: i.vendorName ?? null, modelName: i.modelName ?? null, dataNote: i.dataNote ?? null })) });
    }
    log(`  questionnaire "${q.title}": ${q.answers.length} answers waiting for review`);
  }
}

// ---------------------------------------------------------------- CLI

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set: run e.g. `DATABASE_URL=postgresql://user@host:5432/db npx tsx prisma/seed.ts`");
    process.exit(1);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const started = performance.now();
  try {
    const verbose = process.argv.includes("--verbose");
    const { created } = await seedDemo(prisma, { log: verbose ? (msg) => console.log(msg) : undefined });
    const ms = Math.round(performance.now() - started);
    console.log(
      created
        ? `Seeded the demo in ${ms} ms: sign in as ${DEMO_USERS[0]?.email} with password "${DEMO_PASSWORD}"`
        : `Demo already seeded (organisation "${DEMO_ORG_SLUGS.mainfeld}" exists): nothing created`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error("Seeding failed:", error);
    process.exit(1);
  });
}
