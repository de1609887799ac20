import "server-only";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { notFoundError } from "@/lib/errors";
import { CATALOGUE_MODELS, CATALOGUE_VENDORS } from "@/scoring/catalogue";
import { ACCESS_PATH_LABELS } from "@/lib/labels";
import { inSentence } from "@/scoring/words";

export const workshopSelect = {
  id: true,
  title: true,
  attendees: true,
  status: true,
  step: true,
  startedAt: true,
  endedAt: true,
  startScore: true,
  startRating: true,
  assessmentId: true,
  version: true,
  createdBy: { select: { name: true } },
} as const;

/** The organisation's workshops, the running one first, then the latest. */
export async function listWorkshops(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  return db().workshop.findMany({ where: { organisationId: ctx.organisationId }, orderBy: [{ status: "asc" }, { startedAt: "desc" }], select: workshopSelect, take: 100 });
}

export async function getWorkshop(ctx: OrgContext, id: string) {
  assertCan(ctx, "inventory:read");
  const w = await db().workshop.findFirst({ where: { id, organisationId: ctx.organisationId }, select: workshopSelect });
  if (!w) throw notFoundError("Workshop");
  return w;
}

/** Facts flagged "to verify": the open ones first, oldest first (they wait longest). */
export async function listVerifyItems(ctx: OrgContext, opts: { workshopId?: string; open?: boolean } = {}) {
  assertCan(ctx, "inventory:read");
  return db().verifyItem.findMany({
    where: { organisationId: ctx.organisationId, ...(opts.workshopId ? { workshopId: opts.workshopId } : {}), ...(opts.open ? { confirmedAt: null } : {}) },
    orderBy: [{ confirmedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }],
    select: { id: true, workshopId: true, subjectType: true, subjectId: true, subjectLabel: true, question: true, owner: true, confirmedAt: true, confirmedBy: true, createdAt: true, version: true },
    take: 500,
  });
}

/** An AI system as a workshop lists what it captured: its dependencies' models and paths, and their fallbacks. */
const capturedSelect = (ctx: OrgContext) =>
  ({
    id: true,
    name: true,
    criticality: true,
    dependencies: {
      where: { organisationId: ctx.organisationId },
      select: { id: true, accessPath: true, model: { select: { name: true, vendor: { select: { name: true } } } }, fallbacks: { where: { organisationId: ctx.organisationId }, select: { id: true, accessPath: true, model: { select: { name: true } } } } },
    },
  }) as const;

/** AI systems captured since the workshop began, with their model, path and fallbacks. */
export async function listCapturedSystems(ctx: OrgContext, since: Date) {
  assertCan(ctx, "inventory:read");
  return db().aiSystem.findMany({
    where: { organisationId: ctx.organisationId, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: capturedSelect(ctx),
    take: 200,
  });
}

export interface CaptureOption {
  /** What the form sends: `model:<id>`, `vendor:<id>` or `catalogue:<key>`. */
  ref: string;
  /** What the facilitator types and sees. */
  label: string;
}

const CLOUD_TYPES = new Set(["hyperscaler", "cloud_provider", "cloud-provider"]);

/**
 * The models and clouds the capture form offers: the organisation's own, then the catalogue's
 * that it does not have yet (picking one adds it, with the catalogue's facts).
 */
export async function captureOptions(ctx: OrgContext): Promise<{ models: CaptureOption[]; clouds: CaptureOption[] }> {
  assertCan(ctx, "inventory:read");
  const [models, vendors] = await Promise.all([
    db().model.findMany({ where: { organisationId: ctx.organisationId }, orderBy: { name: "asc" }, select: { id: true, name: true, catalogueKey: true, vendor: { select: { name: true } } }, take: 2000 }),
    db().vendor.findMany({ where: { organisationId: ctx.organisationId }, orderBy: { name: "asc" }, select: { id: true, name: true, catalogueKey: true, vendorType: true }, take: 2000 }),
  ]);
  const haveModel = new Set(models.map((m) => m.catalogueKey).filter(Boolean));
  const haveVendor = new Set(vendors.map((v) => v.catalogueKey).filter(Boolean));
  const vendorName = new Map(CATALOGUE_VENDORS.map((v) => [v.key, v.name]));
  return {
    models: [
      ...models.map((m) => ({ ref: `model:${m.id}`, label: `${m.name} (${m.vendor.name})` })),
      ...CATALOGUE_MODELS.filter((m) => !haveModel.has(m.key)).map((m) => ({ ref: `catalogue:${m.key}`, label: `${m.name} (${vendorName.get(m.vendor) ?? m.vendor}, from the catalogue)` })),
    ],
    clouds: [
      ...vendors.filter((v) => CLOUD_TYPES.has(v.vendorType)).map((v) => ({ ref: `vendor:${v.id}`, label: v.name })),
      ...CATALOGUE_VENDORS.filter((v) => CLOUD_TYPES.has(v.type) && !haveVendor.has(v.key)).map((v) => ({ ref: `catalogue:${v.key}`, label: `${v.name} (from the catalogue)` })),
    ],
  };
}

/** Actions entered into the plan while the workshop ran (those the room agreed, and any added by hand meanwhile). */
export async function listWorkshopActions(ctx: OrgContext, w: { startedAt: Date; endedAt: Date | null }) {
  assertCan(ctx, "inventory:read");
  return db().remediationAction.findMany({
    where: { organisationId: ctx.organisationId, origin: "manual", createdAt: { gte: w.startedAt, ...(w.endedAt ? { lte: w.endedAt } : {}) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, priority: true, dueDate: true, owner: { select: { name: true, email: true } } },
    take: 200,
  });
}

/** How much of the inventory there is, for the context and data-flow steps. */
export async function inventoryCounts(ctx: OrgContext) {
  assertCan(ctx, "inventory:read");
  const where = { organisationId: ctx.organisationId };
  const [offices, systems, dependencies, fallbacks, dataFlows] = await Promise.all([db().office.count({ where }), db().aiSystem.count({ where }), db().dependency.count({ where }), db().fallback.count({ where }), db().dataFlow.count({ where })]);
  return { offices, systems, dependencies, fallbacks, dataFlows };
}

/**
 * The organisation's latest data flows, newest first, with where they leave from, the AI system and
 * model they feed and where they are processed: the data-flow step lists a few, and the "to verify"
 * select names up to 500 (one read for both). Ids are UUIDv7, so the latest by id are the latest
 * created, which the (organisationId, id) index serves without sorting every flow.
 */
export async function listRecentDataFlows(ctx: OrgContext, take: number) {
  assertCan(ctx, "inventory:read");
  return db().dataFlow.findMany({
    where: { organisationId: ctx.organisationId },
    orderBy: { id: "desc" },
    take: Math.min(Math.max(Math.trunc(take), 1), 500),
    select: {
      id: true,
      name: true,
      processingCountry: true,
      dataCategories: true,
      createdAt: true,
      originOffice: { select: { name: true } },
      originAiSystem: { select: { name: true } },
      dependency: { select: { aiSystem: { select: { name: true } }, model: { select: { name: true } } } },
    },
  });
}

/** A model dependency as the workshop's data-flow capture offers it. */
export interface FlowDependencyChoice {
  id: string;
  /** What the select shows: "Support bot → GPT-4o (direct API)". */
  label: string;
  /** The flow's suggested name after its office, as the import names flows: "Support bot (GPT-4o)". */
  route: string;
  /** Who receives the data: the cloud that hosts the model, else the model's vendor. */
  vendorId: string;
  vendorName: string;
  /** Where it is processed unless the room says otherwise: the hosting country, else the organisation's (self-hosted) or the model vendor's home country. */
  country: string;
}

/**
 * The model dependencies a data flow captured in a workshop can feed, each with the vendor that
 * receives the data and where it is processed by default, derived as the inventory import derives
 * them (decision 031). Bounded at 500, as the "to verify" select.
 */
export async function listFlowDependencies(ctx: OrgContext): Promise<FlowDependencyChoice[]> {
  assertCan(ctx, "inventory:read");
  const [organisation, rows] = await Promise.all([
    db().organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select: { hqCountry: true } }),
    db().dependency.findMany({
      where: { organisationId: ctx.organisationId },
      orderBy: [{ aiSystem: { name: "asc" } }, { model: { name: "asc" } }, { id: "asc" }],
      take: 500,
      select: {
        id: true,
        aiSystemId: true,
        modelId: true,
        accessPath: true,
        hostingCountry: true,
        aiSystem: { select: { name: true } },
        model: { select: { name: true, vendor: { select: { id: true, name: true, hqCountry: true } } } },
        cloudVendor: { select: { id: true, name: true } },
      },
    }),
  ]);
  // A system that reaches a model more than one way names the path, in the flow's name too.
  const ways = new Map<string, number>();
  for (const d of rows) ways.set(`${d.aiSystemId}:${d.modelId}`, (ways.get(`${d.aiSystemId}:${d.modelId}`) ?? 0) + 1);
  return rows.map((d) => {
    const path = inSentence(ACCESS_PATH_LABELS[d.accessPath]);
    const receiver = d.cloudVendor ?? d.model.vendor;
    return {
      id: d.id,
      label: `${d.aiSystem.name} → ${d.model.name} (${path})`,
      route: `${d.aiSystem.name} (${d.model.name}${(ways.get(`${d.aiSystemId}:${d.modelId}`) ?? 0) > 1 ? `, ${path}` : ""})`,
      vendorId: receiver.id,
      vendorName: receiver.name,
      country: d.hostingCountry ?? (d.accessPath === "self_hosted" ? organisation.hqCountry : d.model.vendor.hqCountry),
    };
  });
}

/**
 * Everything a workshop's summary says (decision 038): who was in the room, what was captured,
 * the rating when it began and in the assessment it froze, the top risks, the shocks run while it
 * ran, the actions agreed and the questions still open when it ended. Null for another
 * organisation's workshop, a running one, or one that froze no assessment.
 */
export async function getWorkshopSummary(ctx: OrgContext, workshopId: string) {
  assertCan(ctx, "inventory:read");
  const w = await db().workshop.findFirst({ where: { id: workshopId, organisationId: ctx.organisationId }, select: { ...workshopSelect, organisation: { select: { name: true } } } });
  if (!w || w.status !== "ended" || !w.endedAt || !w.assessmentId) return null;
  const window = { gte: w.startedAt, lte: w.endedAt };
  const [assessment, captured, actions, questions, scenarios] = await Promise.all([
    db().assessment.findFirst({ where: { id: w.assessmentId, organisationId: ctx.organisationId }, select: { id: true, asOf: true, score: true, rating: true, methodologyVersion: true, results: true } }),
    db().aiSystem.findMany({
      where: { organisationId: ctx.organisationId, createdAt: window },
      orderBy: { createdAt: "asc" },
      select: capturedSelect(ctx),
      take: 200,
    }),
    listWorkshopActions(ctx, w),
    db().verifyItem.findMany({
      where: { organisationId: ctx.organisationId, workshopId: w.id, OR: [{ confirmedAt: null }, { confirmedAt: { gt: w.endedAt } }] },
      orderBy: { createdAt: "asc" },
      select: { subjectLabel: true, question: true, owner: true },
    }),
    db().scenario.findMany({ where: { organisationId: ctx.organisationId, lastRunAt: window }, orderBy: { lastRunAt: "asc" }, select: { name: true, lastResult: true } }),
  ]);
  if (!assessment) return null;
  const results = assessment.results as { organisation?: { dimensions?: Record<string, number> }; findings?: { sentence: string; pointsLost: number }[] };
  return {
    organisationName: w.organisation.name,
    workshop: { title: w.title, attendees: w.attendees, startedAt: w.startedAt, endedAt: w.endedAt, startScore: w.startScore, startRating: w.startRating, facilitator: w.createdBy?.name ?? null },
    assessment: { id: assessment.id, asOf: assessment.asOf.toISOString().slice(0, 10), score: assessment.score, rating: assessment.rating, methodologyVersion: assessment.methodologyVersion, dimensions: results.organisation?.dimensions ?? {} },
    topRisks: (results.findings ?? []).slice(0, 5).map((f) => f.sentence),
    captured,
    shocks: scenarios.map((s) => {
      const r = s.lastResult as { weightedImpactPercent?: number; score?: { before: number; after: number } } | null;
      return { name: s.name, impactPercent: r?.weightedImpactPercent ?? null, before: r?.score?.before ?? null, after: r?.score?.after ?? null };
    }),
    actions,
    questions,
  };
}
export type WorkshopSummary = NonNullable<Awaited<ReturnType<typeof getWorkshopSummary>>>;
