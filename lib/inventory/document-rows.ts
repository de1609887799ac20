// The organisation's inventory as the scoring engine's inventory document (scoring/schema),
// the format of the CLI and of import/export. Database enums are the document's values in
// snake case; keys are derived from names, unique within their list.
//
// Pure (no database, no server-only import): loadInventoryDocument (lib/inventory/document.ts)
// reads the rows, and the demo seed builds its dated history from the same rows.
import { slugify } from "@/lib/organisations/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INVENTORY_SCHEMA_VERSION, REGIMES, type InventoryDocumentInput } from "@/scoring/schema/inventory";
import { policyEventFromRow } from "@/lib/policy-events/rows";

/** `third_party_hosted` -> `third-party-hosted`. */
export const toDocumentValue = <T extends string>(value: T) => value.replaceAll("_", "-");

const isoDate = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);
const hours = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? undefined : minutes / 60);

/**
 * Drops undefined fields, so the document is what JSON export would write. A loop, not
 * Object.entries/fromEntries: it runs once per row and part row, 1.5 million times for a tenant
 * of 500,000 data flows (decision 057).
 */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** Gives each row a readable key from its name, unique within the list. */
export function keyer() {
  const used = new Set<string>();
  return (name: string) => {
    const base = slugify(name);
    let key = base;
    for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
    used.add(key);
    return key;
  };
}

function lookup(map: Map<string, string>, id: string | null | undefined): string | undefined {
  return id ? map.get(id) : undefined;
}

/** The organisation's block of its inventory document. */
export function documentOrganisation(organisation: Pick<InventoryRows["organisation"], "slug" | "name" | "hqCountry" | "sector" | "regimes" | "dpfCertified">) {
  return compact({
    key: organisation.slug,
    name: organisation.name,
    hqCountry: organisation.hqCountry,
    sector: organisation.sector,
    regimes: organisation.regimes.filter((r): r is (typeof REGIMES)[number] => (REGIMES as readonly string[]).includes(r)),
    dpfCertified: organisation.dpfCertified,
  });
}

/** A vendor row as the inventory document writes it, under `key`. */
export function documentVendor(v: Pick<InventoryRows["vendors"][number], "name" | "vendorType" | "hqCountry" | "parentName" | "parentCountry" | "catalogueKey" | "dpfCertified" | "source" | "sourceAsOf">, key: string) {
  return compact({
    key,
    name: v.name,
    type: toDocumentValue(v.vendorType) as "other",
    hqCountry: v.hqCountry,
    ultimateParent: v.parentName && v.parentCountry ? { name: v.parentName, country: v.parentCountry } : undefined,
    catalogueKey: v.catalogueKey ?? undefined,
    dpfCertified: v.dpfCertified,
    source: v.source ?? undefined,
    asOf: isoDate(v.sourceAsOf),
  });
}

/**
 * The columns of each table that the inventory document reads, and nothing else: a tenant's
 * descriptions, notes, sort keys and counters would otherwise be read and materialised for
 * every row on every cold score (at 500,000 data flows, selecting these halves the flows' read).
 * Add a column here when documentFromRows starts to read it; the types below follow.
 */
export const INVENTORY_SELECT = {
  offices: { id: true, name: true, country: true, headcount: true, teams: true },
  vendors: { id: true, name: true, vendorType: true, hqCountry: true, parentName: true, parentCountry: true, catalogueKey: true, dpfCertified: true, source: true, sourceAsOf: true },
  models: { id: true, name: true, vendorId: true, family: true, weights: true, licence: true, trainingCompute: true, catalogueKey: true, source: true, sourceAsOf: true },
  aiSystems: { id: true, name: true, owner: true, criticality: true, toleratedDowntimeMinutes: true, teams: true, dataSensitivity: true, offices: { select: { officeId: true } } },
  dependencies: {
    id: true,
    aiSystemId: true,
    modelId: true,
    accessPath: true,
    cloudVendorId: true,
    hostingCountry: true,
    hostingRegion: true,
    exitPlanDocumented: true,
    exitPlanLastReviewed: true,
    contractDataResidency: true,
    contractExitTerms: true,
    dataSent: true,
    notes: true,
  },
  fallbacks: {
    id: true,
    dependencyId: true,
    modelId: true,
    accessPath: true,
    cloudVendorId: true,
    hostingCountry: true,
    hostingRegion: true,
    lastTestedAt: true,
    switchTimeMinutes: true,
    qualityParityChecked: true,
    exitPlan: true,
    exitPlanUrl: true,
  },
  dataFlows: { id: true, name: true, originOfficeId: true, dependencyId: true, dataCategories: true, volume: true, transferMechanism: true, encryption: true },
} as const satisfies {
  offices: Prisma.OfficeSelect;
  vendors: Prisma.VendorSelect;
  models: Prisma.ModelSelect;
  aiSystems: Prisma.AiSystemSelect;
  dependencies: Prisma.DependencySelect;
  fallbacks: Prisma.FallbackSelect;
  dataFlows: Prisma.DataFlowSelect;
};
type Selected = typeof INVENTORY_SELECT;

/** The rows of one organisation that make up its inventory document, as Prisma returns them (orders as in loadInventoryDocument). */
export interface InventoryRows {
  organisation: Prisma.OrganisationGetPayload<object>;
  offices: Prisma.OfficeGetPayload<{ select: Selected["offices"] }>[];
  vendors: Prisma.VendorGetPayload<{ select: Selected["vendors"] }>[];
  models: Prisma.ModelGetPayload<{ select: Selected["models"] }>[];
  aiSystems: Prisma.AiSystemGetPayload<{ select: Selected["aiSystems"] }>[];
  dependencies: Prisma.DependencyGetPayload<{ select: Selected["dependencies"] }>[];
  fallbacks: Prisma.FallbackGetPayload<{ select: Selected["fallbacks"] }>[];
  dataFlows: Prisma.DataFlowGetPayload<{ select: Selected["dataFlows"] }>[];
  policyEvents: Prisma.PolicyEventGetPayload<object>[];
}

/**
 * Each list's row ids by document key. Keys are derived from names and change with them; ids do
 * not, so what must stay stable across renames (the CycloneDX export's bom-refs) uses these.
 */
export type InventoryRowIds = Record<"offices" | "vendors" | "models" | "aiSystems" | "dependencies" | "fallbacks" | "dataFlows", Record<string, string>>;

/** How loadInventoryDocument orders each table, so that keys (derived from names, in order) are stable. */
export const INVENTORY_ORDER = {
  offices: { name: "asc" },
  vendors: { name: "asc" },
  models: [{ name: "asc" }, { id: "asc" }],
  aiSystems: { name: "asc" },
  dependencies: [{ createdAt: "asc" }, { id: "asc" }],
  fallbacks: [{ createdAt: "asc" }, { id: "asc" }],
  dataFlows: { name: "asc" },
  policyEvents: [{ effectiveDate: "asc" }, { key: "asc" }],
} as const;

/**
 * Rows handled between two turns of the event loop in the long lists (dependencies, fallbacks,
 * data flows). A tenant of 500,000 data flows took 2.5-3 s to turn into a document in one go,
 * during which its web process answered nobody else (decision 057); in steps of this many rows, the
 * longest hold is tens of milliseconds. Below it, nothing changes: no step is taken.
 */
const ROWS_PER_TURN = 10_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `items.map(fn)`, handing the event loop back every ROWS_PER_TURN items. */
async function mapInTurns<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
    out[i] = fn(items[i]!, i);
  }
  return out;
}

/** Each list's row ids by document key, from its keys by row id, handing the event loop back as mapInTurns does. */
async function idsByKey(keys: Map<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let i = 0;
  for (const [id, key] of keys) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
    out[key] = id;
    i++;
  }
  return out;
}

/**
 * The inventory document of an organisation's rows. Data flows without an origin office or a
 * dependency, which the engine cannot place, are left out and counted in `skippedDataFlows`.
 * Asynchronous only to let other requests through on a large inventory (ROWS_PER_TURN); it reads nothing.
 */
export async function documentFromRows(rows: InventoryRows): Promise<{ document: InventoryDocumentInput; skippedDataFlows: number; systemIds: Record<string, string>; rowIds: InventoryRowIds }> {
  const { organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents } = rows;
  const officeKey = new Map<string, string>();
  const nextOfficeKey = keyer();
  for (const o of offices) officeKey.set(o.id, nextOfficeKey(o.name));
  const vendorKey = new Map<string, string>();
  const nextVendorKey = keyer();
  for (const v of vendors) vendorKey.set(v.id, nextVendorKey(v.name));
  const modelKey = new Map<string, string>();
  const nextModelKey = keyer();
  for (const m of models) modelKey.set(m.id, nextModelKey(m.name));
  const systemKey = new Map<string, string>();
  const nextSystemKey = keyer();
  for (const s of aiSystems) systemKey.set(s.id, nextSystemKey(s.name));
  const dependencyKey = new Map<string, string>();
  const nextDependencyKey = keyer();
  await mapInTurns(dependencies, (d) => dependencyKey.set(d.id, nextDependencyKey(`${systemKey.get(d.aiSystemId)} ${modelKey.get(d.modelId)} ${d.accessPath}`)));

  const route = (r: { modelId: string; accessPath: string; cloudVendorId: string | null; hostingCountry: string | null; hostingRegion: string | null }) => ({
    model: modelKey.get(r.modelId)!,
    accessPath: toDocumentValue(r.accessPath) as "direct-api",
    cloud: lookup(vendorKey, r.cloudVendorId),
    hostingRegion: r.hostingCountry ? compact({ country: r.hostingCountry, region: r.hostingRegion ?? undefined }) : undefined,
  });

  const placeable = dataFlows.filter((f) => f.originOfficeId && f.dependencyId && f.dataCategories.length > 0);
  const nextFlowKey = keyer();
  const flowKey = new Map<string, string>();
  await mapInTurns(placeable, (f) => flowKey.set(f.id, nextFlowKey(f.name)));
  const fallbackKey = new Map(fallbacks.map((f, i) => [f.id, `${dependencyKey.get(f.dependencyId)}/fallback-${i + 1}`]));

  const document: InventoryDocumentInput = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    organisation: documentOrganisation(organisation),
    offices: offices.map((o) => compact({ key: officeKey.get(o.id)!, name: o.name, country: o.country, headcount: o.headcount, teams: o.teams })),
    vendors: vendors.map((v) => documentVendor(v, vendorKey.get(v.id)!)),
    models: models.map((m) =>
      compact({
        key: modelKey.get(m.id)!,
        name: m.name,
        vendor: vendorKey.get(m.vendorId)!,
        family: m.family || undefined,
        weights: m.weights,
        licence: m.licence || undefined,
        trainingCompute: m.trainingCompute as "unknown",
        catalogueKey: m.catalogueKey ?? undefined,
        source: m.source ?? undefined,
        asOf: isoDate(m.sourceAsOf),
      }),
    ),
    aiSystems: aiSystems.map((s) =>
      compact({
        key: systemKey.get(s.id)!,
        name: s.name,
        owner: s.owner || undefined,
        criticality: s.criticality,
        toleratedDowntimeHours: s.toleratedDowntimeMinutes / 60,
        offices: s.offices.map((o) => officeKey.get(o.officeId)!).sort(),
        teams: s.teams.length ? s.teams : undefined,
        dataSensitivity: s.dataSensitivity ? (toDocumentValue(s.dataSensitivity) as "public") : undefined,
      }),
    ),
    dependencies: await mapInTurns(dependencies, (d) =>
      compact({
        key: dependencyKey.get(d.id)!,
        system: systemKey.get(d.aiSystemId)!,
        ...compact(route(d)),
        exitPlan: compact({ documented: d.exitPlanDocumented, lastReviewed: isoDate(d.exitPlanLastReviewed) }),
        contract:
          d.contractDataResidency === null && d.contractExitTerms === null
            ? undefined
            : compact({ dataResidency: d.contractDataResidency ?? undefined, exitTerms: d.contractExitTerms ?? undefined }),
        dataSent: d.dataSent.length ? [...d.dataSent].sort().map((c) => toDocumentValue(c) as "public") : undefined, // a set: sorted, so equal sets export alike
        notes: d.notes ?? undefined,
      }),
    ),
    dataFlows: await mapInTurns(placeable, (f) =>
      compact({
        key: flowKey.get(f.id)!,
        fromOffice: officeKey.get(f.originOfficeId!)!,
        dependency: dependencyKey.get(f.dependencyId!)!,
        categories: f.dataCategories.map((c) => toDocumentValue(c) as "public"),
        volume: f.volume,
        transferMechanism: toDocumentValue(f.transferMechanism) as "none",
        encrypted: f.encryption !== "none",
      }),
    ),
    fallbacks: await mapInTurns(fallbacks, (f) =>
      compact({
        key: fallbackKey.get(f.id)!,
        dependency: dependencyKey.get(f.dependencyId)!,
        ...compact(route(f)),
        lastTested: isoDate(f.lastTestedAt),
        switchTimeHours: hours(f.switchTimeMinutes),
        qualityParityMeasured: f.qualityParityChecked,
        exitPlan: f.exitPlan ?? undefined,
        exitPlanUrl: f.exitPlanUrl ?? undefined,
      }),
    ),
    // The same translation as the policy event pages and the API (lib/policy-events/rows.ts).
    policyEvents: policyEvents.map(policyEventFromRow),
  };
  // The AI systems' row ids by document key, so pages can link from a scored system to its row.
  const systemIds = await idsByKey(systemKey);
  const rowIds: InventoryRowIds = {
    offices: await idsByKey(officeKey),
    vendors: await idsByKey(vendorKey),
    models: await idsByKey(modelKey),
    aiSystems: systemIds,
    dependencies: await idsByKey(dependencyKey),
    fallbacks: await idsByKey(fallbackKey),
    dataFlows: await idsByKey(flowKey),
  };
  return { document, skippedDataFlows: dataFlows.length - placeable.length, systemIds, rowIds };
}
