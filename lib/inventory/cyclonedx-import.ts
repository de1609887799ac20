// A CycloneDX BOM as Sovra's inventory document (decision 047), so that importing a BOM is the
// inventory import itself (plan, preview, apply: all or nothing, idempotent, matched by name)
// rather than a second importer. Pure: the BOM, the organisation and its vendors in, the document
// out, with every component or service the translation could not map, and every fact it assumed,
// listed by bom-ref, JSON path and name.
//
// Sovra's own BOMs (lib/exports/cyclonedx.ts) carry `sovra:` properties that give every fact of the
// inventory back: they are read first and round-trip exactly. Other tools' BOMs are read by the
// CycloneDX structure: machine-learning-model components are models (their supplier matched to the
// catalogue), services are access paths, applications that depend on models or services are AI
// systems, and the rest is listed as not mapped.
import { CATALOGUE_VENDORS, type CatalogueModel, type CatalogueVendor } from "@/scoring/catalogue";
import { INVENTORY_SCHEMA_VERSION, REGIMES, officeSchema, vendorSchema, type InventoryDocumentInput, type Organisation, type Vendor } from "@/scoring/schema/inventory";
import { formatPath, issuesFromZod, type Issue } from "@/scoring/schema/issues";
import { policyEventSchema } from "@/scoring/schema/policy-event";
import { COUNTRY_CODES, DATA_CATEGORIES, type DataCategory } from "@/scoring/schema/primitives";
import { SOVRA_PROPERTIES as P } from "@/lib/exports/cyclonedx";
import { keyer } from "./document-rows";
import { readCycloneDxBom, type BomComponent, type BomEntity, type BomLicense, type BomProperty, type BomService } from "./cyclonedx-bom";
import { matchCatalogueModel, matchCatalogueVendor, nameTokens, weightsFromLicence } from "./cyclonedx-catalogue";

/** A component or service of the BOM that was not mapped, or a fact the translation assumed about one. */
export interface BomMappingEntry {
  /** Its bom-ref, when it has one. */
  ref?: string;
  /** Where it is in the BOM, e.g. `$.components[3]`. */
  path: string;
  name: string;
  /** Why it was not mapped, or what was assumed and why. */
  reason: string;
}

export interface CycloneDxMapping {
  specVersion: string;
  /** Made by Sovra (its `sovra:` properties were read). */
  madeBySovra: boolean;
  notMapped: BomMappingEntry[];
  assumed: BomMappingEntry[];
}

export interface CycloneDxTranslation extends CycloneDxMapping {
  document: InventoryDocumentInput;
  /** Where each document row came from: `$.models[0]` → `$.components[2]`. */
  origins: Record<string, string>;
}

export interface TranslationContext {
  /** The importing organisation, as the inventory document writes it: a BOM that is not Sovra's says nothing about it. */
  organisation: Organisation;
  /** The organisation's vendors: a supplier of the same name is that vendor, as it stands. */
  vendors: readonly Vendor[];
}

/** The most components and services one BOM may hold, nested ones included: as many as an inventory document's rows (MAX_IMPORT_ROWS, ./import-plan.ts). */
export const MAX_BOM_ENTRIES = 100_000;

/** What an AI system that a BOM only names gets, until someone completes it (listed as assumed). */
export const ASSUMED_SYSTEM = { criticality: "medium", toleratedDowntimeHours: 24 } as const;

type Row = Record<string, unknown>;
interface Item<T> {
  node: T;
  parts: (string | number)[];
  path: string;
  parent?: Item<BomComponent>;
}
type ComponentItem = Item<BomComponent>;
type ServiceItem = Item<BomService>;
type AnyItem = ComponentItem | ServiceItem;

const isComponent = (item: AnyItem): item is ComponentItem => "type" in item.node;
const COUNTRIES = new Set<string>(COUNTRY_CODES);
const CATEGORY_SET = new Set<string>(DATA_CATEGORIES);
const CATEGORY_SYNONYMS: Record<string, DataCategory> = { pii: "personal", "personal-data": "personal", "special-category-data": "special-category" };
const bool = (v: string | undefined): unknown => (v === "true" ? true : v === "false" ? false : v);
const num = (v: string | undefined): unknown => (v === undefined ? undefined : Number(v));
const country = (v: string | undefined) => (v && COUNTRIES.has(v.toUpperCase()) ? v.toUpperCase() : undefined);
/** Drops undefined fields: the document leaves out what nobody recorded. */
const compact = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));

function propertyReader(properties: readonly BomProperty[] | undefined) {
  const list = properties ?? [];
  return {
    one: (name: string) => list.find((p) => p.name === name)?.value,
    all: (name: string) => list.flatMap((p) => (p.name === name && p.value !== undefined ? [p.value] : [])),
  };
}

/** A data classification as one of Sovra's data categories ("Trade secret", "PII"), or undefined. */
export function dataCategoryOf(classification: string): DataCategory | undefined {
  const c = classification.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return CATEGORY_SET.has(c) ? (c as DataCategory) : CATEGORY_SYNONYMS[c];
}

/** A component's licences as one text: SPDX ids, names or expressions, in order. */
function licenceText(licenses: readonly BomLicense[] | undefined): string | undefined {
  const texts = (licenses ?? []).flatMap((l) => ("expression" in l ? [l.expression] : [l.license.id ?? l.license.name ?? ""]).filter(Boolean));
  return texts.length > 0 ? texts.join("; ") : undefined;
}

/**
 * The inventory document a CycloneDX BOM stands for, with what could not be mapped and what was
 * assumed; or the problems that make it unreadable (each at its JSON path in the BOM).
 *
 * @example translateCycloneDxBom(JSON.parse(text), { organisation, vendors: [] })
 */
export function translateCycloneDxBom(input: unknown, context: TranslationContext): { ok: true; translation: CycloneDxTranslation } | { ok: false; issues: Issue[] } {
  const read = readCycloneDxBom(input);
  if (!read.ok) return read;
  const bom = read.bom;
  const issues: Issue[] = [];
  const notMapped: BomMappingEntry[] = [];
  const assumed: BomMappingEntry[] = [];
  const origins: Record<string, string> = {};
  const handled = new Set<AnyItem>();
  const listed = new Set<AnyItem>();
  const entryOf = (item: AnyItem, reason: string): BomMappingEntry => ({ ...(item.node["bom-ref"] ? { ref: item.node["bom-ref"] } : {}), path: item.path, name: item.node.name, reason });
  const list = (item: AnyItem, reason: string) => {
    listed.add(item);
    notMapped.push(entryOf(item, reason));
  };
  const skip = (item: AnyItem, reason: string) => {
    handled.add(item);
    list(item, reason);
  };
  const assume = (item: AnyItem, reason: string) => assumed.push(entryOf(item, reason));
  const bomDay = bom.metadata?.timestamp && /^\d{4}-\d{2}-\d{2}/.test(bom.metadata.timestamp) ? bom.metadata.timestamp.slice(0, 10) : undefined;

  // ---- every component and service, nested ones included, and the graph between them
  const components: ComponentItem[] = [];
  const visitComponent = (node: BomComponent, parts: (string | number)[], parent?: ComponentItem) => {
    const item: ComponentItem = { node, parts, path: formatPath(parts), ...(parent ? { parent } : {}) };
    components.push(item);
    node.components?.forEach((child, j) => visitComponent(child, [...parts, "components", j], item));
  };
  if (bom.metadata?.component) visitComponent(bom.metadata.component, ["metadata", "component"]);
  bom.components?.forEach((c, i) => visitComponent(c, ["components", i]));
  const services: ServiceItem[] = [];
  const visitService = (node: BomService, parts: (string | number)[]) => {
    services.push({ node, parts, path: formatPath(parts) });
    node.services?.forEach((child, j) => visitService(child, [...parts, "services", j]));
  };
  bom.services?.forEach((s, i) => visitService(s, ["services", i]));
  if (components.length + services.length > MAX_BOM_ENTRIES) {
    return { ok: false, issues: [{ path: "$", message: `the BOM holds ${components.length + services.length} components and services; at most ${MAX_BOM_ENTRIES} can be imported at once (split it into several BOMs)` }] };
  }

  const byRef = new Map<string, AnyItem>();
  for (const item of [...components, ...services]) {
    const ref = item.node["bom-ref"];
    if (ref === undefined) continue;
    const seen = byRef.get(ref);
    if (seen) issues.push({ path: formatPath([...item.parts, "bom-ref"]), message: `bom-ref "${ref}" is used twice (also at ${seen.path}); CycloneDX requires each bom-ref to be unique` });
    else byRef.set(ref, item);
  }
  // What each item depends on: the dependency graph, and a component's nested components.
  const targets = new Map<AnyItem, Set<AnyItem>>();
  const sources = new Map<AnyItem, Set<AnyItem>>();
  const link = (from: AnyItem, to: AnyItem) => {
    if (from === to) return;
    if (!targets.has(from)) targets.set(from, new Set());
    if (!sources.has(to)) sources.set(to, new Set());
    targets.get(from)!.add(to);
    sources.get(to)!.add(from);
  };
  for (const d of bom.dependencies ?? []) {
    const from = byRef.get(d.ref);
    if (from) for (const ref of d.dependsOn ?? []) if (byRef.has(ref)) link(from, byRef.get(ref)!);
  }
  for (const c of components) if (c.parent) link(c.parent, c);
  const targetsOf = (item: AnyItem) => [...(targets.get(item) ?? [])];
  const sourcesOf = (item: AnyItem) => [...(sources.get(item) ?? [])];
  const isModel = (item: AnyItem): item is ComponentItem => isComponent(item) && item.node.type === "machine-learning-model";
  const isService = (item: AnyItem): item is ServiceItem => !isComponent(item);
  const props = (item: AnyItem) => propertyReader(item.node.properties);

  // ---- the organisation, and the rows Sovra writes as records on it
  const root = components[0]?.path === "$.metadata.component" ? components[0] : undefined;
  const orgItem = root && props(root).one(P.role) === "organisation" ? root : undefined;
  const madeBySovra = orgItem !== undefined || [...components, ...services].some((i) => i.node.properties?.some((p) => p.name.startsWith("sovra:")));
  const offices: Row[] = [];
  const vendors: Row[] = [];
  const policyEvents: Row[] = [];
  const officeKey = keyer();
  const officeByName = new Map<string, string>();
  const officeByLabel = new Map<string, string>();
  const addOffice = (row: Row & { name: string; country: string }, origin: string) => {
    const known = officeByName.get(row.name);
    if (known) return known;
    const key = officeKey(row.name);
    origins[`$.offices[${offices.length}]`] = origin;
    offices.push({ key, ...row });
    officeByName.set(row.name, key);
    officeByLabel.set(`${row.name} (${row.country})`, key);
    return key;
  };

  const vendorKey = keyer();
  const vendorByName = new Map<string, string>();
  const vendorCatalogueKey = new Map<string, string | undefined>();
  const vendorRow = new Map<string, Row & { name: string; hqCountry: string }>();
  const existingByName = new Map(context.vendors.map((v) => [v.name.toLowerCase(), v]));
  const existingByCatalogue = new Map(context.vendors.filter((v) => v.catalogueKey).map((v) => [v.catalogueKey!, v]));
  const addVendor = ({ key: _key, ...row }: Row & { name: string }, origin: string) => {
    const known = vendorByName.get(row.name.toLowerCase());
    if (known) return known;
    const key = vendorKey(row.name);
    origins[`$.vendors[${vendors.length}]`] = origin;
    vendors.push({ key, ...row });
    vendorRow.set(key, row as Row & { name: string; hqCountry: string });
    vendorByName.set(row.name.toLowerCase(), key);
    vendorCatalogueKey.set(key, (row.catalogueKey as string | undefined) ?? matchCatalogueVendor(row.name)?.key);
    return key;
  };

  let records = 0;
  if (orgItem) {
    handled.add(orgItem);
    const officeRecord = officeSchema.omit({ key: true });
    const vendorRecord = vendorSchema.omit({ key: true });
    orgItem.node.properties?.forEach((p, i) => {
      if (p.name !== P.inventoryOffice && p.name !== P.inventoryVendor && p.name !== P.inventoryPolicyEvent) return;
      const at = [...orgItem.parts, "properties", i, "value"];
      let value: unknown;
      try {
        value = JSON.parse(p.value ?? "");
      } catch (e) {
        issues.push({ path: formatPath(at), message: `${p.name} must hold a JSON object (${(e as Error).message})` });
        return;
      }
      const schema = p.name === P.inventoryOffice ? officeRecord : p.name === P.inventoryVendor ? vendorRecord : policyEventSchema;
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const issue of issuesFromZod(parsed.error)) issues.push({ path: formatPath(at), message: `${p.name}: ${issue.path === "$" ? "" : `${issue.path.slice(2)}: `}${issue.message}` });
        return;
      }
      const row = parsed.data as Row & { name: string; country: string; key: string };
      records++;
      if (p.name === P.inventoryOffice) addOffice(row, formatPath(at));
      else if (p.name === P.inventoryVendor) addVendor(row, formatPath(at));
      else {
        origins[`$.policyEvents[${policyEvents.length}]`] = formatPath(at);
        policyEvents.push(row);
      }
    });
  }
  if (orgItem && records === 0) {
    assume(
      orgItem,
      "made by a Sovra version before decision 047 (no sovra:inventory records): offices are read from the AI systems and data flows, vendors from the models and services; offices' headcounts and teams, vendors' types beyond the models' suppliers, sources and catalogue keys, policy events, and dependencies' contract, notes and data sent are not in it",
    );
  }
  const orgProps = orgItem ? props(orgItem) : undefined;
  const organisation: Organisation = orgItem
    ? {
        key: context.organisation.key,
        name: orgItem.node.name,
        hqCountry: country(orgProps!.one(P.hqCountry)) ?? context.organisation.hqCountry,
        ...(orgProps!.one(P.sector) ? { sector: orgProps!.one(P.sector)! } : {}),
        regimes: orgProps!.all(P.regime).filter((r): r is (typeof REGIMES)[number] => (REGIMES as readonly string[]).includes(r)),
      }
    : context.organisation;
  const skipped = propertyReader(bom.metadata?.properties).one(P.skippedDataFlows);
  if (skipped && Number(skipped) > 0) {
    notMapped.push({ path: "$.metadata.properties", name: "data flows", reason: `${skipped} data flow(s) of the exporting organisation had no origin office or dependency and were not in the BOM` });
  }

  // ---- vendors: a record of Sovra's, the organisation's own vendor of that name, the catalogue, or the BOM's country for it
  const fromCatalogue = (c: CatalogueVendor, origin: string) => {
    const own = existingByCatalogue.get(c.key) ?? existingByName.get(c.name.toLowerCase());
    if (own) return addVendor(own, origin);
    return addVendor({ name: c.name, type: c.type, hqCountry: c.hqCountry, ultimateParent: c.ultimateParent, catalogueKey: c.key, source: c.source, asOf: c.asOf }, origin);
  };
  /** The vendor a company name stands for, without guessing its country; undefined when nothing knows it. */
  const knownVendor = (name: string, item: AnyItem, what: string): string | undefined => {
    const inBom = vendorByName.get(name.toLowerCase());
    if (inBom) return inBom;
    const own = existingByName.get(name.toLowerCase());
    if (own) return addVendor(own, item.path);
    const c = matchCatalogueVendor(name);
    if (!c) return undefined;
    if (c.name.toLowerCase() !== name.toLowerCase()) assume(item, `${what} "${name}" read as the catalogue's vendor ${c.name} (${c.type}, ${c.hqCountry})`);
    return fromCatalogue(c, item.path);
  };
  const entityCandidates = (entities: (BomEntity | string | undefined)[]) =>
    entities.flatMap((e) => (typeof e === "string" ? (e.trim() ? [{ name: e.trim() }] : []) : e?.name?.trim() ? [{ name: e.name.trim(), country: country(e.address?.country) }] : []));
  /** The first candidate that the BOM, the organisation or the catalogue knows; else one with a country in the BOM (a vendor of type "other"). */
  const resolveVendor = (candidates: { name: string; country?: string | undefined }[], item: AnyItem, what: string): string | undefined => {
    for (const c of candidates) {
      const key = knownVendor(c.name, item, what);
      if (key) return key;
    }
    const placed = candidates.find((c) => c.country);
    if (!placed) return undefined;
    assume(item, `${what} "${placed.name}" is not in the catalogue: added as a vendor of type "other" in ${placed.country} (the BOM's address)`);
    return addVendor({ name: placed.name, type: "other", hqCountry: placed.country! }, item.path);
  };
  /** A vendor described by the properties of an older Sovra export (before vendor records). */
  const vendorFromProperties = (name: string, hq: string | undefined, type: string | undefined, parent: string | undefined, parentCountry: string | undefined, item: AnyItem) =>
    vendorByName.get(name.toLowerCase()) ??
    (hq
      ? addVendor(compact({ name, type: type ?? "other", hqCountry: hq, ultimateParent: parent && parentCountry ? { name: parent, country: parentCountry } : undefined }) as Row & { name: string }, item.path)
      : knownVendor(name, item, "vendor"));

  // ---- models
  const models: Row[] = [];
  const modelKey = keyer();
  const modelByItem = new Map<AnyItem, string>();
  const modelWeights = new Map<string, string>();
  const modelVendor = new Map<string, string>();
  const modelByIdentity = new Map<string, { key: string; path: string }>();
  for (const item of components.filter(isModel)) {
    const p = props(item);
    const sovraVendor = p.one(P.vendor);
    let name = item.node.name.trim();
    let vendor: string | undefined;
    let catalogueModel: CatalogueModel | undefined;
    if (sovraVendor !== undefined) {
      vendor = vendorFromProperties(sovraVendor, p.one(P.vendorHqCountry), p.one(P.vendorType), p.one(P.vendorUltimateParent), p.one(P.vendorUltimateParentCountry), item);
    } else {
      // A Hugging Face id ("meta-llama/Llama-3.1-8B") names its publisher before the slash.
      const slash = name.lastIndexOf("/");
      const prefix = slash > 0 ? name.slice(0, slash) : undefined;
      if (prefix) name = name.slice(slash + 1);
      vendor = resolveVendor(entityCandidates([item.node.supplier, item.node.manufacturer, item.node.publisher, item.node.group, prefix]), item, "supplier");
      if (vendor === undefined) {
        const guess = matchCatalogueModel(name);
        const c = guess && CATALOGUE_VENDORS.find((v) => v.key === guess.vendor);
        if (c) {
          assume(item, `no supplier the catalogue knows: its name matches the catalogue's ${guess.name} family, so its vendor is ${c.name} (${c.hqCountry})`);
          vendor = fromCatalogue(c, item.path);
        }
      }
      const vendorCatalogue = vendor ? vendorCatalogueKey.get(vendor) : undefined;
      catalogueModel = vendorCatalogue ? matchCatalogueModel(name, vendorCatalogue) : undefined;
    }
    if (vendor === undefined) {
      const named = entityCandidates([item.node.supplier, item.node.manufacturer, item.node.publisher, item.node.group]).map((c) => `"${c.name}"`);
      skip(
        item,
        named.length > 0
          ? `its supplier (${[...new Set(named)].join(", ")}) is not in the catalogue and the BOM gives no country for it: add the vendor in Sovra with its headquarters country, then import again`
          : "the BOM names no supplier, manufacturer or publisher for it, and its name matches no catalogue model family",
      );
      continue;
    }
    const identity = JSON.stringify([vendor, name]);
    const same = modelByIdentity.get(identity);
    if (same) {
      handled.add(item);
      modelByItem.set(item, same.key);
      assume(item, `read as the same model as ${same.path} (the same vendor and name; models are matched by them)`);
      continue;
    }
    const key = modelKey(name);
    const card = propertyReader(item.node.modelCard?.properties);
    let row: Row;
    if (sovraVendor !== undefined) {
      row = {
        name,
        vendor,
        family: p.one(P.modelFamily),
        weights: p.one(P.weights),
        licence: p.one(P.licence) ?? licenceText(item.node.licenses),
        trainingCompute: card.one(P.trainingCompute),
        catalogueKey: p.one(P.catalogueKey),
        source: p.one(P.source),
        asOf: p.one(P.sourceAsOf),
      };
    } else {
      const bomLicence = licenceText(item.node.licenses);
      const licence = bomLicence ?? catalogueModel?.licence;
      let weights: string;
      if (catalogueModel) {
        assume(item, `matched the catalogue's ${catalogueModel.name} family: weights ${catalogueModel.weights}${bomLicence ? "" : ", licence"}${catalogueModel.trainingCompute !== "unknown" ? ", training compute" : ""} from the catalogue`);
        weights = catalogueModel.weights;
      } else if (weightsFromLicence(licence)) {
        weights = weightsFromLicence(licence)!;
        assume(item, `weights ${weights}: read from its licence (${licence})`);
      } else {
        weights = "closed";
        assume(item, `the BOM does not say whether its weights are published${licence ? ` (licence "${licence}" does not tell)` : ""}: assumed closed, the weaker position, until someone records it`);
      }
      const url = item.node.externalReferences?.find((r) => ["documentation", "website", "model-card", "distribution"].includes(r.type) && /^https?:\/\//.test(r.url))?.url;
      row = {
        name,
        vendor,
        family: catalogueModel?.family,
        weights,
        licence,
        trainingCompute: catalogueModel && catalogueModel.trainingCompute !== "unknown" ? catalogueModel.trainingCompute : undefined,
        catalogueKey: catalogueModel?.key,
        source: url ?? catalogueModel?.source,
        asOf: url ? bomDay : catalogueModel?.asOf,
      };
    }
    handled.add(item);
    origins[`$.models[${models.length}]`] = item.path;
    models.push(compact({ key, ...row }));
    modelByItem.set(item, key);
    modelByIdentity.set(identity, { key, path: item.path });
    modelWeights.set(key, String(row.weights));
    modelVendor.set(key, vendor);
  }

  // ---- AI systems: Sovra's, and applications that depend on a model or a service
  const aiSystems: Row[] = [];
  const systemKey = keyer();
  const systemByItem = new Map<AnyItem, string>();
  const systemByName = new Map<string, { key: string; path: string }>();
  const reachesAi = (item: ComponentItem) => targetsOf(item).some((t) => isModel(t) || isService(t));
  for (const item of components) {
    if (item === orgItem || item.node.type !== "application") continue;
    const p = props(item);
    const sovra = p.one(P.role) === "ai-system";
    if (!sovra && !reachesAi(item)) continue;
    const name = item.node.name.trim();
    const same = systemByName.get(name);
    handled.add(item);
    if (same) {
      systemByItem.set(item, same.key);
      assume(item, `read as the same AI system as ${same.path} (the same name; AI systems are matched by it)`);
      continue;
    }
    const key = systemKey(name);
    let row: Row;
    if (sovra) {
      const officeKeys: string[] = [];
      for (const label of p.all(P.office)) {
        let office = officeByLabel.get(label);
        const parsed = /^(.*) \(([A-Z]{2})\)$/.exec(label);
        // An older Sovra export has no office records: the office is its name and country.
        if (!office && parsed && COUNTRIES.has(parsed[2]!)) office = addOffice({ name: parsed[1]!, country: parsed[2]! }, item.path);
        if (office) officeKeys.push(office);
        else list(item, `its office "${label}" is not among the BOM's offices: the AI system is imported without it`);
      }
      const teams = p.all(P.team);
      row = {
        name,
        owner: p.one(P.owner),
        criticality: p.one(P.criticality),
        toleratedDowntimeHours: num(p.one(P.toleratedDowntimeHours)),
        offices: [...new Set(officeKeys)],
        teams: teams.length > 0 ? teams : undefined,
        dataSensitivity: p.one(P.dataSensitivity),
      };
    } else {
      row = { name, ...ASSUMED_SYSTEM, offices: [] };
      assume(item, `an application that uses AI: imported as an AI system with ${ASSUMED_SYSTEM.criticality} criticality, ${ASSUMED_SYSTEM.toleratedDowntimeHours} hours of tolerated downtime and no office (the BOM does not say): complete them in Sovra`);
    }
    origins[`$.aiSystems[${aiSystems.length}]`] = item.path;
    aiSystems.push(compact({ key, ...row }));
    systemByItem.set(item, key);
    systemByName.set(name, { key, path: item.path });
  }

  // ---- dependencies: a service (Sovra's, or one an AI system uses) or a direct edge from a system to a model
  const dependencies: Row[] = [];
  const dependencyKey = keyer();
  const dependencyByRoute = new Map<string, { key: string; path: string }>();
  const dependenciesByItem = new Map<AnyItem, string[]>();
  const systemModels = new Set<string>();
  const addDependency = (item: AnyItem, row: Row & { system: string; model: string; accessPath: string }) => {
    const route = JSON.stringify([row.system, row.model, row.accessPath]);
    const same = dependencyByRoute.get(route);
    let key = same?.key;
    if (same) assume(item, `read as the same dependency as ${same.path} (the same AI system, model and access path)`);
    else {
      key = dependencyKey(`${row.system} ${row.model} ${row.accessPath}`);
      origins[`$.dependencies[${dependencies.length}]`] = item.path;
      dependencies.push(compact({ key, ...row }));
      dependencyByRoute.set(route, { key, path: item.path });
    }
    dependenciesByItem.set(item, [...(dependenciesByItem.get(item) ?? []), key!]);
    systemModels.add(JSON.stringify([row.system, row.model]));
    return key!;
  };
  /** The route of a Sovra service (dependency or fallback), from its properties. */
  const sovraRoute = (item: ServiceItem) => {
    const p = props(item);
    const cloudName = p.one(P.cloud);
    const hosting = country(p.one(P.hostingCountry));
    return {
      accessPath: p.one(P.accessPath),
      cloud: cloudName === undefined ? undefined : vendorFromProperties(cloudName, p.one(P.cloudHqCountry), undefined, undefined, undefined, item),
      hostingRegion: hosting && p.one(P.hostingAssumed) !== "true" ? compact({ country: hosting, region: p.one(P.hostingRegion) }) : undefined,
    };
  };
  const modelsOf = (item: AnyItem) => targetsOf(item).filter(isModel);
  const fallbackItems: ServiceItem[] = [];
  for (const item of services) {
    const p = props(item);
    const role = p.one(P.role);
    if (role === "fallback") {
      fallbackItems.push(item);
      continue;
    }
    const modelItems = modelsOf(item);
    const mapped = [...new Set(modelItems.flatMap((m) => (modelByItem.has(m) ? [modelByItem.get(m)!] : [])))];
    if (role === "dependency") {
      const systemRef = p.one(P.system);
      const system = systemRef !== undefined ? systemByItem.get(byRef.get(systemRef)!) : sourcesOf(item).map((s) => systemByItem.get(s)).find(Boolean);
      if (!system) {
        skip(item, `its AI system (${systemRef ?? "none named"}) is not in the BOM`);
        continue;
      }
      if (mapped.length === 0) {
        skip(item, modelItems.length === 0 ? "the BOM does not say which model it reaches (no dependency on a machine-learning-model component)" : `its model (${modelItems.map((m) => m.path).join(", ")}) could not be mapped`);
        continue;
      }
      const documented = p.one(P.exitPlanDocumented);
      const residency = p.one(P.contractDataResidency);
      const exitTerms = p.one(P.contractExitTerms);
      const dataSent = p.all(P.dataSent);
      handled.add(item);
      addDependency(item, {
        system,
        model: mapped[0]!,
        ...(sovraRoute(item) as { accessPath: string }),
        exitPlan: documented === undefined ? undefined : compact({ documented: bool(documented), lastReviewed: p.one(P.exitPlanLastReviewed) }),
        contract: residency === undefined && exitTerms === undefined ? undefined : compact({ dataResidency: bool(residency), exitTerms: bool(exitTerms) }),
        dataSent: dataSent.length > 0 ? dataSent : undefined,
        notes: p.one(P.notes),
      });
      continue;
    }
    // Another tool's service: who depends on it, which model it serves, and who runs it.
    const systems = [...new Set(sourcesOf(item).flatMap((s) => (systemByItem.has(s) ? [systemByItem.get(s)!] : [])))];
    if (modelItems.length === 0) {
      skip(item, "the BOM does not say which model it serves (no dependency from it to a machine-learning-model component)");
      continue;
    }
    if (mapped.length === 0) {
      skip(item, `the model it serves (${modelItems.map((m) => m.path).join(", ")}) could not be mapped`);
      continue;
    }
    if (systems.length === 0) {
      skip(item, "no application in the BOM depends on it, so there is no AI system to give it to");
      continue;
    }
    const provider = item.node.provider?.name?.trim();
    const categories = new Set<DataCategory>();
    const unknown = new Set<string>();
    for (const d of item.node.data ?? []) {
      if (!d.classification) continue;
      const c = dataCategoryOf(d.classification);
      if (c) categories.add(c);
      else unknown.add(d.classification);
    }
    if (unknown.size > 0) list(item, `data classified ${[...unknown].map((c) => `"${c}"`).join(", ")}: not one of Sovra's data categories (${DATA_CATEGORIES.join(", ")}), so not recorded as sent`);
    let mappedAny = false;
    for (const model of mapped) {
      let accessPath: string;
      let cloud: string | undefined;
      let hostingRegion: Row | undefined;
      const hosting = country(p.one(P.hostingCountry));
      if (item.node["x-trust-boundary"] === false) {
        accessPath = "self-hosted";
        if (hosting) hostingRegion = { country: hosting };
        else assume(item, "x-trust-boundary is false: read as self-hosted, in the organisation's own country (no hosting country given)");
      } else {
        const vendor = modelVendor.get(model)!;
        const vendorName = vendorRow.get(vendor)!.name;
        const sameAsVendor = provider === undefined || nameTokens(provider).join(" ") === nameTokens(vendorName).join(" ") || knownVendor(provider, item, "provider") === vendor;
        if (sameAsVendor) {
          accessPath = "direct-api";
          if (provider === undefined) assume(item, `no provider named: read as the API of the model's vendor (${vendorName})`);
          if (hosting) hostingRegion = { country: hosting };
        } else {
          cloud = resolveVendor(entityCandidates([item.node.provider]), item, "provider");
          if (cloud === undefined) {
            list(item, `its provider "${provider}" is not in the catalogue and the BOM gives no country for it: add the vendor in Sovra with its headquarters country, then import again`);
            continue;
          }
          // Another company runs the model: a closed model through its cloud marketplace, open weights on its infrastructure.
          accessPath = modelWeights.get(model) === "open" ? "third-party-hosted" : "cloud-marketplace";
          const cloudCountry = vendorRow.get(cloud)!.hqCountry;
          hostingRegion = { country: hosting ?? cloudCountry };
          if (!hosting) assume(item, `provided by ${provider}, not the model's vendor: read as ${accessPath === "cloud-marketplace" ? "a cloud marketplace" : "third-party hosting"}, in ${cloudCountry} (the provider's headquarters; the BOM gives no hosting region)`);
        }
      }
      for (const system of systems) {
        addDependency(item, compact({ system, model, accessPath, cloud, hostingRegion, dataSent: categories.size > 0 ? [...categories] : undefined }) as Row & { system: string; model: string; accessPath: string });
        mappedAny = true;
      }
    }
    handled.add(item);
    if (!mappedAny && !listed.has(item)) list(item, "no dependency could be made of it");
  }
  // An application that depends on a model with no service in between: the vendor's API, as far as the BOM says.
  for (const [item, system] of systemByItem) {
    for (const m of modelsOf(item)) {
      const model = modelByItem.get(m);
      if (!model || systemModels.has(JSON.stringify([system, model]))) continue;
      assume(item, `reaches ${m.node.name} with no service in between: read as the direct API of its vendor`);
      addDependency(item, { system, model, accessPath: "direct-api" });
    }
  }

  // ---- fallbacks (Sovra's only: other BOMs have no way to say that a service stands in for another)
  const fallbacks: Row[] = [];
  const fallbackCount = new Map<string, number>();
  for (const item of fallbackItems) {
    const p = props(item);
    const forRef = p.one(P.fallbackFor);
    const forItem = forRef === undefined ? undefined : byRef.get(forRef);
    const dependency = forItem ? dependenciesByItem.get(forItem)?.[0] : undefined;
    const model = modelsOf(item).map((m) => modelByItem.get(m)).find(Boolean);
    if (!dependency || !model) {
      skip(item, !dependency ? `the dependency it stands in for (${forRef ?? "none named"}) is not in the BOM or could not be mapped` : "its model could not be mapped");
      continue;
    }
    const n = (fallbackCount.get(dependency) ?? 0) + 1;
    fallbackCount.set(dependency, n);
    const drill = p.one(P.lastDrill);
    handled.add(item);
    origins[`$.fallbacks[${fallbacks.length}]`] = item.path;
    fallbacks.push(
      compact({
        key: `${dependency}/fallback-${n}`,
        dependency,
        model,
        ...sovraRoute(item),
        lastTested: drill === "never" ? undefined : drill,
        switchTimeHours: num(p.one(P.switchTimeHours)),
        qualityParityMeasured: bool(p.one(P.qualityParityMeasured)),
        exitPlan: p.one(P.exitPlan),
        exitPlanUrl: p.one(P.exitPlanUrl),
      }),
    );
  }

  // ---- data flows: Sovra's data components know their origin office and dependency; other datasets do not
  const dataFlows: Row[] = [];
  const flowKey = keyer();
  for (const item of components.filter((c) => c.node.type === "data")) {
    const p = props(item);
    const dependencyRef = p.one(P.dependency);
    if (dependencyRef === undefined) {
      const trains = sourcesOf(item).some(isModel);
      skip(
        item,
        trains
          ? "a dataset a model was trained or evaluated on: Sovra records the data an organisation sends to a model, not training data"
          : "a dataset: Sovra records data flows from an office through a dependency, and the BOM names neither (Sovra's own BOMs carry them as sovra:origin-office and sovra:dependency)",
      );
      continue;
    }
    const depItem = byRef.get(dependencyRef);
    const dependency = depItem ? dependenciesByItem.get(depItem)?.[0] : undefined;
    const officeName = p.one(P.originOffice);
    const originCountry = country(p.one(P.originCountry));
    let office = officeName === undefined ? undefined : officeByName.get(officeName);
    if (!office && officeName !== undefined && originCountry) office = addOffice({ name: officeName, country: originCountry }, item.path);
    if (!dependency || !office) {
      skip(item, !dependency ? `its dependency (${dependencyRef}) is not in the BOM or could not be mapped` : `its origin office${officeName ? ` "${officeName}"` : ""} is not among the BOM's offices`);
      continue;
    }
    handled.add(item);
    origins[`$.dataFlows[${dataFlows.length}]`] = item.path;
    dataFlows.push(
      compact({
        key: flowKey(item.node.name),
        fromOffice: office,
        dependency,
        categories: p.all(P.dataCategory),
        volume: p.one(P.volume),
        transferMechanism: p.one(P.transferMechanism),
        encrypted: bool(p.one(P.encrypted)),
      }),
    );
  }

  // ---- everything else, listed rather than dropped
  for (const item of components) {
    if (handled.has(item)) continue;
    const type = item.node.type;
    list(
      item,
      type === "application"
        ? "an application that depends on no model and no service: not an AI system as far as the BOM says"
        : `a component of type "${type}": Sovra's inventory holds AI models, the AI systems that use them, how they reach them and the data they send`,
    );
  }
  for (const item of services) if (!handled.has(item) && !listed.has(item)) list(item, "not mapped");

  if (issues.length > 0) return { ok: false, issues };
  const document = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    organisation,
    offices,
    vendors,
    models,
    aiSystems,
    dependencies,
    dataFlows,
    fallbacks,
    policyEvents,
  } as unknown as InventoryDocumentInput;
  return { ok: true, translation: { document, origins, specVersion: bom.specVersion, madeBySovra, notMapped, assumed } };
}

/**
 * A problem the import found in the translated document, at its place in the BOM:
 * `$.models[0].licence` → `$.components[2] (models[0].licence)`.
 */
export function bomPathOf(origins: Readonly<Record<string, string>>, documentPath: string): string {
  const m = /^\$\.(\w+)\[(\d+)\](.*)$/.exec(documentPath);
  const origin = m ? origins[`$.${m[1]}[${m[2]}]`] : undefined;
  return origin ? `${origin} (${documentPath.slice(2)})` : documentPath;
}
