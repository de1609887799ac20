import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_POLICY_EVENTS } from "@/scoring/catalogue";
import type { InventoryDocument } from "@/scoring/schema/inventory";
import { formatPath, type Issue } from "@/scoring/schema/issues";
import { catalogueModel, catalogueVendor } from "@/lib/catalogue/facts";
import { CATALOGUE_BACKED_FACTS, MODEL_CATALOGUE_BACKED_FACTS, catalogueModelValues, isOwnSource, newModelOverrides, newOverrides } from "@/lib/catalogue/overrides";
import { formatDay } from "@/lib/dates";

// Compares an inventory document with what an organisation holds. Rows are matched on their
// NATURAL keys (names, and for dependencies system + model + access path); document keys only
// resolve references inside the document. Both sides are brought into one "natural" shape
// (database enums and units, references by name), so a change reads the same in the preview,
// in the audit trail and in the comparison.

export const IMPORT_ENTITY_TYPES = ["office", "vendor", "model", "ai_system", "dependency", "fallback", "data_flow", "policy_event"] as const;
export type ImportEntityType = (typeof IMPORT_ENTITY_TYPES)[number];

/** A row's fields in natural form: JSON values, dates as YYYY-MM-DD, references by name. */
export type NaturalRow = Record<string, unknown>;

export interface PlannedCreate {
  /** Where the row is in the document, e.g. `$.vendors[2]`. */
  path: string;
  label: string;
  values: NaturalRow;
}
export interface PlannedUpdate {
  id: string;
  /** The version read when planning; applying refuses if the row changed since. */
  version: number;
  path: string;
  label: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  before: NaturalRow;
  values: NaturalRow;
}
export interface PlannedUnchanged {
  id: string;
  path: string;
  label: string;
}
export interface EntityPlan {
  create: PlannedCreate[];
  update: PlannedUpdate[];
  unchanged: PlannedUnchanged[];
}
export interface InventoryImportPlan {
  entities: Record<ImportEntityType, EntityPlan>;
  /** Things the import will not do, e.g. organisation fields that differ (never applied). */
  notes: string[];
  totals: { create: number; update: number; unchanged: number };
}

/** The most rows a document may hold (all lists together). */
export const MAX_IMPORT_ROWS = 100_000;
const MAX_INT = 2_147_483_647;

type Client = PrismaClient | Prisma.TransactionClient;

/** Everything of the organisation the plan compares against: one query per table. */
export async function readExisting(client: Client, organisationId: string) {
  const where = { organisationId };
  const byCreation = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents] = await Promise.all([
    client.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true, hqCountry: true, sector: true, regimes: true, dpfCertified: true } }),
    client.office.findMany({ where, orderBy: byCreation }),
    client.vendor.findMany({ where, orderBy: byCreation }),
    client.model.findMany({ where, orderBy: byCreation }),
    client.aiSystem.findMany({ where, orderBy: byCreation, include: { offices: { select: { officeId: true } } } }),
    client.dependency.findMany({ where, orderBy: byCreation }),
    client.fallback.findMany({ where, orderBy: byCreation }),
    client.dataFlow.findMany({ where, orderBy: byCreation }),
    client.policyEvent.findMany({ where, orderBy: byCreation }),
  ]);
  return { organisation, offices, vendors, models, aiSystems, dependencies, fallbacks, dataFlows, policyEvents };
}
export type ExistingInventory = Awaited<ReturnType<typeof readExisting>>;

/** `direct-api` -> `direct_api`: database enums are the document's values in snake case. */
export const toDbValue = <T extends string>(value: string) => value.replaceAll("-", "_") as T;
const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const minutes = (hours: number) => Math.round(hours * 60);

/** JSON with sorted object keys: jsonb does not keep key order, so compare this way. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether two lists hold the same values, order and repeats aside. */
const sameSet = (a: readonly string[], b: readonly string[]) => canonical([...new Set(a)].sort()) === canonical([...new Set(b)].sort());

/** Identity of a model (vendor name + model name) and of a dependency, as map keys. */
export const modelIdentity = (vendor: string, model: string) => JSON.stringify([vendor, model]);
export const dependencyIdentity = (system: string, vendor: string, model: string, accessPath: string) => JSON.stringify([system, vendor, model, accessPath]);
const fallbackIdentity = (dependency: string, vendor: string, model: string, accessPath: string) => JSON.stringify([dependency, vendor, model, accessPath]);

/** Counts the rows of a not yet validated document, to refuse a huge one before parsing it. */
export function countRows(input: unknown): number {
  if (!input || typeof input !== "object") return 0;
  const lists = ["offices", "vendors", "models", "aiSystems", "dependencies", "dataFlows", "fallbacks", "policyEvents"] as const;
  return lists.reduce((n, list) => {
    const rows = (input as Record<string, unknown>)[list];
    return n + (Array.isArray(rows) ? rows.length : 0);
  }, 0);
}

const emptyPlan = (): EntityPlan => ({ create: [], update: [], unchanged: [] });

/** A row that changes catalogue facts of a stored vendor or model without the organisation's own reading of a source. */
const ownSourceMessage = (facts: string[], catalogue: { key: string; source: string; asOf: string }) =>
  `give your own source: ${facts.join(", ")} differ${facts.length === 1 ? "s" : ""} from the catalogue entry "${catalogue.key}" (${catalogue.source}, ${formatDay(catalogue.asOf)}); the catalogue's source will do with the date you read it yourself`;

/** Differences between two natural rows, field by field. */
function diff(before: NaturalRow, after: NaturalRow) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of Object.keys(after)) {
    if (canonical(before[field]) !== canonical(after[field])) changes[field] = { from: before[field] ?? null, to: after[field] ?? null };
  }
  return changes;
}

/**
 * Compares a validated document with the organisation's rows. Returns issues the schema cannot
 * see (two rows with the same natural key, numbers the database cannot hold) or the plan.
 */
export function buildPlan(doc: InventoryDocument, existing: ExistingInventory): { ok: false; issues: Issue[] } | { ok: true; plan: InventoryImportPlan } {
  const issues: Issue[] = [];
  const entities = Object.fromEntries(IMPORT_ENTITY_TYPES.map((t) => [t, emptyPlan()])) as Record<ImportEntityType, EntityPlan>;

  /** Files a document row as create / update / unchanged against its existing match. */
  const file = (type: ImportEntityType, path: string, label: string, values: NaturalRow, match?: { id: string; version: number; natural: NaturalRow }) => {
    if (!match) return entities[type].create.push({ path, label, values });
    const changes = diff(match.natural, values);
    if (Object.keys(changes).length === 0) return entities[type].unchanged.push({ id: match.id, path, label });
    entities[type].update.push({ id: match.id, version: match.version, path, label, changes, before: match.natural, values });
  };
  /** Reports a second document row with the same natural key. */
  const firstSeen = new Map<string, string>();
  const unique = (scope: string, identity: string, path: (string | number)[], what: string) => {
    const seenAt = firstSeen.get(`${scope}\u0000${identity}`);
    if (seenAt === undefined) {
      firstSeen.set(`${scope}\u0000${identity}`, formatPath(path.slice(0, 2)));
      return true;
    }
    issues.push({ path: formatPath(path), message: `${what} appears twice (already at ${seenAt}); rows are matched by it, so it must be unique` });
    return false;
  };
  const fitsInt = (value: number, path: (string | number)[]) => {
    if (value <= MAX_INT) return true;
    issues.push({ path: formatPath(path), message: `too large: at most ${MAX_INT} ${path.at(-1) === "headcount" ? "" : "minutes"}`.trim() });
    return false;
  };

  // ---- existing rows in natural form
  const officeName = new Map(existing.offices.map((o) => [o.id, o.name]));
  const vendorName = new Map(existing.vendors.map((v) => [v.id, v.name]));
  const modelOf = new Map(existing.models.map((m) => [m.id, { vendor: vendorName.get(m.vendorId)!, name: m.name }]));
  const systemName = new Map(existing.aiSystems.map((s) => [s.id, s.name]));
  const depIdentityOf = new Map(
    existing.dependencies.map((d) => {
      const m = modelOf.get(d.modelId)!;
      return [d.id, dependencyIdentity(systemName.get(d.aiSystemId)!, m.vendor, m.name, d.accessPath)];
    }),
  );

  // ---- document keys -> natural names
  const docOffice = new Map(doc.offices.map((o) => [o.key, o]));
  const docVendor = new Map(doc.vendors.map((v) => [v.key, v]));
  const docModel = new Map(doc.models.map((m) => [m.key, m]));
  const docSystem = new Map(doc.aiSystems.map((s) => [s.key, s]));
  const docDependency = new Map(doc.dependencies.map((d) => [d.key, d]));
  const modelRef = (key: string) => {
    const m = docModel.get(key)!;
    return { modelVendor: docVendor.get(m.vendor)!.name, model: m.name };
  };
  const depRef = (key: string) => {
    const d = docDependency.get(key)!;
    const { modelVendor, model } = modelRef(d.model);
    return dependencyIdentity(docSystem.get(d.system)!.name, modelVendor, model, toDbValue(d.accessPath));
  };
  const route = (r: { model: string; accessPath: string; cloud?: string; hostingRegion?: { country: string; region?: string } }) => ({
    ...modelRef(r.model),
    accessPath: toDbValue(r.accessPath),
    cloudVendor: r.cloud ? docVendor.get(r.cloud)!.name : null,
    hostingCountry: r.hostingRegion?.country ?? null,
    hostingRegion: r.hostingRegion?.region ?? null,
  });
  const existingRoute = (r: { modelId: string; accessPath: string; cloudVendorId: string | null; hostingCountry: string | null; hostingRegion: string | null }) => ({
    modelVendor: modelOf.get(r.modelId)!.vendor,
    model: modelOf.get(r.modelId)!.name,
    accessPath: r.accessPath,
    cloudVendor: r.cloudVendorId ? vendorName.get(r.cloudVendorId)! : null,
    hostingCountry: r.hostingCountry,
    hostingRegion: r.hostingRegion,
  });

  // ---- offices (by name)
  const offices = new Map(existing.offices.map((o) => [o.name, o]));
  doc.offices.forEach((o, i) => {
    if (!unique("office", o.name, ["offices", i, "name"], `office name "${o.name}"`)) return;
    const headcount = o.headcount ?? 0;
    fitsInt(headcount, ["offices", i, "headcount"]);
    const match = offices.get(o.name);
    const values = { name: o.name, country: o.country, headcount, teams: o.teams ?? [] };
    file("office", formatPath(["offices", i]), o.name, values, match && { id: match.id, version: match.version, natural: { name: match.name, country: match.country, headcount: match.headcount, teams: match.teams } });
  });

  // ---- vendors (by name)
  const vendors = new Map(existing.vendors.map((v) => [v.name, v]));
  doc.vendors.forEach((v, i) => {
    if (!unique("vendor", v.name, ["vendors", i, "name"], `vendor name "${v.name}"`)) return;
    const match = vendors.get(v.name);
    const values = {
      name: v.name,
      vendorType: toDbValue(v.type),
      hqCountry: v.hqCountry,
      parentName: v.ultimateParent?.name ?? null,
      parentCountry: v.ultimateParent?.country ?? null,
      catalogueKey: v.catalogueKey ?? null,
      dpfCertified: v.dpfCertified ?? false,
      source: v.source ?? null,
      sourceAsOf: v.asOf ?? null,
    };
    const natural = match && {
      name: match.name,
      vendorType: match.vendorType,
      hqCountry: match.hqCountry,
      parentName: match.parentName,
      parentCountry: match.parentCountry,
      catalogueKey: match.catalogueKey,
      dpfCertified: match.dpfCertified,
      source: match.source,
      sourceAsOf: isoDate(match.sourceAsOf),
    };
    // As in the app and the API (docs/decisions/009): changing a catalogue vendor's fact away
    // from the catalogue needs the organisation's own source, else the row is a problem. A new
    // row is created as the document says, as a hand-made vendor is in the app.
    const catalogue = natural ? catalogueVendor(values.catalogueKey ?? natural.catalogueKey) : null;
    const overrides = catalogue && natural ? newOverrides(catalogue, natural, values) : [];
    if (catalogue && overrides.length && !isOwnSource(values.source, catalogue, values.sourceAsOf)) {
      const facts = CATALOGUE_BACKED_FACTS.filter((f) => overrides.includes(f.fact)).map((f) => f.label.toLowerCase());
      issues.push({ path: formatPath(["vendors", i, "source"]), message: ownSourceMessage(facts, catalogue) });
      return;
    }
    file("vendor", formatPath(["vendors", i]), v.name, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- models (by vendor name + model name)
  const models = new Map(existing.models.map((m) => [modelIdentity(vendorName.get(m.vendorId)!, m.name), m]));
  doc.models.forEach((m, i) => {
    const vendor = docVendor.get(m.vendor)!.name;
    if (!unique("model", modelIdentity(vendor, m.name), ["models", i, "name"], `model "${m.name}" of vendor "${vendor}"`)) return;
    const match = models.get(modelIdentity(vendor, m.name));
    const values = {
      vendor,
      name: m.name,
      family: m.family ?? "",
      weights: m.weights,
      licence: m.licence ?? "",
      trainingCompute: m.trainingCompute ?? "unknown",
      catalogueKey: m.catalogueKey ?? null,
      source: m.source ?? null,
      sourceAsOf: m.asOf ?? null,
    };
    const natural = match && {
      vendor,
      name: match.name,
      family: match.family,
      weights: match.weights,
      licence: match.licence,
      trainingCompute: match.trainingCompute,
      catalogueKey: match.catalogueKey,
      source: match.source,
      sourceAsOf: isoDate(match.sourceAsOf),
    };
    // As for vendors (docs/decisions/009, 033). The import never writes offered access paths,
    // so they are not compared.
    const catalogue = natural ? catalogueModel(values.catalogueKey ?? natural.catalogueKey) : null;
    const offered = catalogue ? catalogueModelValues(catalogue).offeredAccessPaths : [];
    const overrides = catalogue && natural ? newModelOverrides(catalogue, { ...natural, offeredAccessPaths: offered }, { ...values, offeredAccessPaths: offered }) : [];
    if (catalogue && overrides.length && !isOwnSource(values.source, catalogue, values.sourceAsOf)) {
      const facts = MODEL_CATALOGUE_BACKED_FACTS.filter((f) => overrides.includes(f.fact)).map((f) => f.label.toLowerCase());
      issues.push({ path: formatPath(["models", i, "source"]), message: ownSourceMessage(facts, catalogue) });
      return;
    }
    file("model", formatPath(["models", i]), `${vendor} ${m.name}`, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- AI systems (by name), with the offices they serve
  const systems = new Map(existing.aiSystems.map((s) => [s.name, s]));
  doc.aiSystems.forEach((s, i) => {
    if (!unique("ai_system", s.name, ["aiSystems", i, "name"], `AI system name "${s.name}"`)) return;
    const toleratedDowntimeMinutes = minutes(s.toleratedDowntimeHours);
    fitsInt(toleratedDowntimeMinutes, ["aiSystems", i, "toleratedDowntimeHours"]);
    const match = systems.get(s.name);
    const natural = match && {
      name: match.name,
      owner: match.owner,
      criticality: match.criticality,
      toleratedDowntimeMinutes: match.toleratedDowntimeMinutes,
      teams: match.teams,
      dataSensitivity: match.dataSensitivity,
      offices: match.offices.map((o) => officeName.get(o.officeId)!).sort(),
    };
    const values = {
      name: s.name,
      // The column is required; a document without an owner keeps the one recorded.
      owner: s.owner || match?.owner || "Unassigned",
      criticality: s.criticality,
      toleratedDowntimeMinutes,
      teams: s.teams ?? [],
      dataSensitivity: s.dataSensitivity ? toDbValue(s.dataSensitivity) : null,
      offices: [...new Set(s.offices.map((k) => docOffice.get(k)!.name))].sort(),
    };
    file("ai_system", formatPath(["aiSystems", i]), s.name, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- dependencies (by system + model + access path)
  const dependencies = new Map(existing.dependencies.map((d) => [depIdentityOf.get(d.id)!, d]));
  doc.dependencies.forEach((d, i) => {
    const identity = depRef(d.key);
    const r = route(d);
    const system = docSystem.get(d.system)!.name;
    const label = `${system} → ${r.model} (${d.accessPath})`;
    if (!unique("dependency", identity, ["dependencies", i, "model"], `dependency of "${system}" on "${r.model}" via ${d.accessPath}`)) return;
    const match = dependencies.get(identity);
    const values = {
      system,
      ...r,
      exitPlanDocumented: d.exitPlan?.documented ?? false,
      exitPlanLastReviewed: d.exitPlan?.lastReviewed ?? null,
      contractDataResidency: d.contract?.dataResidency ?? null,
      contractExitTerms: d.contract?.exitTerms ?? null,
      // A set: the order it is written in does not matter.
      dataSent: [...new Set((d.dataSent ?? []).map((c) => toDbValue(c)))].sort(),
      notes: d.notes ?? null,
    };
    const natural = match && {
      system: systemName.get(match.aiSystemId)!,
      ...existingRoute(match),
      exitPlanDocumented: match.exitPlanDocumented,
      exitPlanLastReviewed: isoDate(match.exitPlanLastReviewed),
      contractDataResidency: match.contractDataResidency,
      contractExitTerms: match.contractExitTerms,
      dataSent: [...match.dataSent].sort(),
      notes: match.notes,
    };
    file("dependency", formatPath(["dependencies", i]), label, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- fallbacks (by dependency + model + access path; the database does not make this
  // unique, so several existing rows with one identity are matched in creation order)
  const fallbacks = new Map<string, ExistingInventory["fallbacks"]>();
  for (const f of existing.fallbacks) {
    const m = modelOf.get(f.modelId)!;
    const identity = fallbackIdentity(depIdentityOf.get(f.dependencyId)!, m.vendor, m.name, f.accessPath);
    fallbacks.set(identity, [...(fallbacks.get(identity) ?? []), f]);
  }
  doc.fallbacks.forEach((f, i) => {
    const dependency = depRef(f.dependency);
    const r = route(f);
    const identity = fallbackIdentity(dependency, r.modelVendor, r.model, r.accessPath);
    const dep = docDependency.get(f.dependency)!;
    const label = `${docSystem.get(dep.system)!.name} → ${modelRef(dep.model).model} ⇢ ${r.model} (${f.accessPath})`;
    if (!unique("fallback", identity, ["fallbacks", i, "model"], `fallback to "${r.model}" via ${f.accessPath} for dependency "${f.dependency}"`)) return;
    const switchTimeMinutes = f.switchTimeHours === undefined ? null : minutes(f.switchTimeHours);
    if (switchTimeMinutes !== null) fitsInt(switchTimeMinutes, ["fallbacks", i, "switchTimeHours"]);
    const match = fallbacks.get(identity)?.shift();
    const values = { dependency, ...r, lastTestedAt: f.lastTested ?? null, switchTimeMinutes, qualityParityChecked: f.qualityParityMeasured ?? false, exitPlan: f.exitPlan ?? null, exitPlanUrl: f.exitPlanUrl ?? null };
    const natural = match && {
      dependency,
      ...existingRoute(match),
      lastTestedAt: isoDate(match.lastTestedAt),
      switchTimeMinutes: match.switchTimeMinutes,
      qualityParityChecked: match.qualityParityChecked,
      exitPlan: match.exitPlan,
      exitPlanUrl: match.exitPlanUrl,
    };
    file("fallback", formatPath(["fallbacks", i]), label, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- data flows: the document gives a flow no name and no key of its own (docs/decisions/031).
  // Its natural identity is where it leaves from and the dependency it goes through (its group),
  // then what it sends: the data categories as a set, the volume, the transfer mechanism and
  // whether it is encrypted. Only flows with an origin office and a dependency take part (the
  // only ones an export holds). A document row is paired with a stored flow of the same identity
  // first, one to one in creation order, so several look-alike flows (the same origin, dependency
  // and vendor) each find their own and an organisation's own export re-imports as "no change".
  // Then, in a group the document describes whole (it holds at least as many of the group's flows
  // as the organisation does), the rows left over are paired in order with the stored flows left:
  // a changed flow is an update, and rows beyond are new flows. A document holding fewer flows of a
  // group than the organisation (a sheet of a few new flows, say) only adds: it does not rewrite
  // stored flows it does not mention.
  type StoredFlow = ExistingInventory["dataFlows"][number];
  const groupOf = (office: string, dependency: string) => JSON.stringify([office, dependency]);
  const identityOf = (group: string, categories: readonly string[], volume: string, transferMechanism: string, encrypted: boolean) =>
    JSON.stringify([group, [...new Set(categories)].sort(), volume, transferMechanism, encrypted]);
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const storedByIdentity = new Map<string, StoredFlow[]>();
  const storedByGroup = new Map<string, StoredFlow[]>();
  for (const f of existing.dataFlows) {
    if (!f.originOfficeId || !f.dependencyId) continue;
    const group = groupOf(officeName.get(f.originOfficeId)!, depIdentityOf.get(f.dependencyId)!);
    add(storedByGroup, group, f);
    add(storedByIdentity, identityOf(group, f.dataCategories, f.volume, f.transferMechanism, f.encryption !== "none"), f);
  }
  const taken = new Set<string>();
  const used = new Map<string, number>();
  /** The next stored flow of an identity not paired yet, in creation order. */
  const takeSame = (identity: string) => {
    const n = used.get(identity) ?? 0;
    const f = storedByIdentity.get(identity)?.[n];
    if (!f) return undefined;
    used.set(identity, n + 1);
    taken.add(f.id);
    return f;
  };
  const planned = doc.dataFlows.map((f) => {
    const dep = docDependency.get(f.dependency)!;
    const office = docOffice.get(f.fromOffice)!.name;
    const group = groupOf(office, depRef(f.dependency));
    const categories = f.categories.map((c) => toDbValue<string>(c));
    const volume = f.volume ?? "medium";
    const transferMechanism = toDbValue<string>(f.transferMechanism ?? "not-required");
    return { f, dep, office, system: docSystem.get(dep.system)!.name, group, categories, volume, transferMechanism, match: undefined as StoredFlow | undefined };
  });
  // A row that leaves `encrypted` out says nothing about encryption: it is paired in its group.
  for (const p of planned) if (p.f.encrypted !== undefined) p.match = takeSame(identityOf(p.group, p.categories, p.volume, p.transferMechanism, p.f.encrypted));
  const inDocument = new Map<string, number>();
  const leftInDocument = new Map<string, typeof planned>();
  for (const p of planned) {
    inDocument.set(p.group, (inDocument.get(p.group) ?? 0) + 1);
    if (!p.match) add(leftInDocument, p.group, p);
  }
  for (const [group, rows] of leftInDocument) {
    const stored = storedByGroup.get(group) ?? [];
    if (inDocument.get(group)! < stored.length) continue;
    const left = stored.filter((f) => !taken.has(f.id));
    rows.forEach((p, i) => (p.match = left[i]));
  }
  // New flows are named "<office> → <system> (<model>)", with the access path when the system
  // reaches the model more than one way and "#n" where the name is taken.
  const pathsPerSystemModel = new Map<string, number>();
  for (const d of doc.dependencies) pathsPerSystemModel.set(`${d.system}\u0000${d.model}`, (pathsPerSystemModel.get(`${d.system}\u0000${d.model}`) ?? 0) + 1);
  const usedNames = new Set(existing.dataFlows.map((f) => f.name));
  const nameFor = ({ dep, office, system }: (typeof planned)[number]) => {
    const base = `${office} → ${system} (${modelRef(dep.model).model}${(pathsPerSystemModel.get(`${dep.system}\u0000${dep.model}`) ?? 0) > 1 ? `, ${dep.accessPath}` : ""})`;
    let name = base;
    for (let n = 2; usedNames.has(name); n++) name = `${base} #${n}`;
    usedNames.add(name);
    return name;
  };
  planned.forEach((p, i) => {
    const { f, dep, office, system, categories, volume, transferMechanism, match } = p;
    const modelVendor = docVendor.get(docModel.get(dep.model)!.vendor)!;
    // Data goes where the model runs: to the cloud operator hosting it, else the model's vendor;
    // in the hosting country, else the vendor's HQ (direct API) or the organisation's (self-hosted).
    // The document does not carry a flow's vendor or processing place: a matched flow keeps the
    // recorded ones while they still fit its dependency (the model's vendor or its cloud), so an
    // import that does not touch a flow does not rewrite what someone entered on its page.
    const derivedVendor = dep.cloud ? docVendor.get(dep.cloud)!.name : modelVendor.name;
    const storedVendor = match ? vendorName.get(match.vendorId) : undefined;
    const keep = match !== undefined && (storedVendor === modelVendor.name || (dep.cloud !== undefined && storedVendor === docVendor.get(dep.cloud)!.name));
    const vendor = keep ? storedVendor! : derivedVendor;
    const processingCountry = keep
      ? match.processingCountry
      : (dep.hostingRegion?.country ?? (dep.accessPath === "self-hosted" ? existing.organisation.hqCountry : modelVendor.hqCountry));
    const values = {
      name: match?.name ?? nameFor(p),
      originOffice: office,
      // Not in the document: new flows come from the dependency's system; matched ones keep theirs.
      originAiSystem: match ? (match.originAiSystemId ? systemName.get(match.originAiSystemId)! : null) : system,
      dependency: depRef(f.dependency),
      vendor,
      processingCountry,
      processingRegion: keep ? match.processingRegion : (dep.hostingRegion?.region ?? null),
      // A set: a matched flow keeps the order it was stored in.
      dataCategories: match && sameSet(match.dataCategories, categories) ? match.dataCategories : categories,
      volume,
      transferMechanism,
      // The document only says whether a flow is encrypted: keep a recorded finer value that agrees.
      encryption:
        f.encrypted === undefined ? (match?.encryption ?? "none") : f.encrypted ? (match && match.encryption !== "none" ? match.encryption : "in_transit_and_at_rest") : "none",
    };
    const natural = match && {
      name: match.name,
      originOffice: match.originOfficeId ? officeName.get(match.originOfficeId)! : null,
      originAiSystem: match.originAiSystemId ? systemName.get(match.originAiSystemId)! : null,
      dependency: match.dependencyId ? depIdentityOf.get(match.dependencyId)! : null,
      vendor: vendorName.get(match.vendorId)!,
      processingCountry: match.processingCountry,
      processingRegion: match.processingRegion,
      dataCategories: match.dataCategories,
      volume: match.volume,
      transferMechanism: match.transferMechanism,
      encryption: match.encryption,
    };
    file("data_flow", formatPath(["dataFlows", i]), values.name, values, match && { id: match.id, version: match.version, natural: natural! });
  });

  // ---- policy events (by key)
  const catalogueKeys = new Set(DEFAULT_POLICY_EVENTS.map((e) => e.key));
  const events = new Map(existing.policyEvents.map((e) => [e.key, e]));
  doc.policyEvents.forEach((e, i) => {
    const match = events.get(e.key);
    const impose = e.kind === "impose" ? e : undefined;
    const values = {
      key: e.key,
      title: e.title,
      kind: e.kind,
      effectiveDate: e.effectiveDate,
      dateEstimated: e.dateEstimated ?? false,
      dateNote: e.dateNote || null,
      source: e.source,
      summary: e.summary ?? null,
      references: e.references ?? null,
      type: impose ? toDbValue(impose.type) : null,
      issuer: impose?.issuer ?? null,
      expires: impose?.expires ?? null,
      scope: impose?.scope ?? null,
      restrictions: impose?.restrictions ?? null,
      lifts: e.kind === "lift" ? e.lifts : null,
      countries: (e.kind === "lift" ? e.countries : undefined) ?? null,
    };
    const natural = match && {
      key: match.key,
      title: match.title,
      kind: match.kind,
      effectiveDate: isoDate(match.effectiveDate),
      dateEstimated: match.dateEstimated,
      dateNote: match.dateNote,
      source: match.source,
      summary: match.summary,
      references: match.references,
      type: match.type,
      issuer: match.issuer,
      expires: isoDate(match.expires),
      scope: match.scope,
      restrictions: match.restrictions,
      lifts: match.lifts,
      countries: match.countries,
    };
    file("policy_event", formatPath(["policyEvents", i]), `${e.key}: ${e.title}`, match ? values : { ...values, fromCatalogue: catalogueKeys.has(e.key) }, match && { id: match.id, version: match.version, natural: natural! });
  });

  if (issues.length > 0) return { ok: false, issues };
  const org = existing.organisation;
  const notes: string[] = [];
  const o = doc.organisation;
  const differs = (field: string, ours: unknown, theirs: unknown) => {
    if (theirs !== undefined && canonical(ours) !== canonical(theirs)) notes.push(`organisation ${field} differs (document: ${JSON.stringify(theirs)}, here: ${JSON.stringify(ours)}); organisation settings are not imported`);
  };
  differs("name", org.name, o.name);
  differs("hqCountry", org.hqCountry, o.hqCountry);
  differs("sector", org.sector, o.sector);
  differs("regimes", [...org.regimes].sort(), o.regimes && [...o.regimes].sort());
  differs("dpfCertified", org.dpfCertified, o.dpfCertified);
  const all = Object.values(entities);
  const totals = {
    create: all.reduce((n, e) => n + e.create.length, 0),
    update: all.reduce((n, e) => n + e.update.length, 0),
    unchanged: all.reduce((n, e) => n + e.unchanged.length, 0),
  };
  return { ok: true, plan: { entities, notes, totals } };
}
