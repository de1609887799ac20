// The default catalogue's entries in the inventory's own shapes (enum spellings, dates), for
// adding a vendor from the catalogue and for showing the catalogue's facts beside the
// organisation's. Pure: no database, no request.
import { CATALOGUE_MODELS, CATALOGUE_VENDORS, type CatalogueModel, type CatalogueVendor } from "@/scoring/catalogue";
import type { AccessPath, VendorType, Weights } from "@/lib/generated/prisma/enums";

/** The facts the catalogue records about a vendor, with where they come from and when. */
export interface CatalogueVendorFacts {
  key: string;
  name: string;
  vendorType: VendorType;
  hqCountry: string;
  parentName: string;
  parentCountry: string;
  source: string;
  /** YYYY-MM-DD */
  asOf: string;
}

/** How a model is offered, as `Model.offeredAccessPaths` stores it. */
export interface OfferedAccessPath {
  path: AccessPath;
  cloud?: string;
  service?: string;
  regions?: string[];
}

export interface CatalogueModelFacts {
  key: string;
  name: string;
  vendorKey: string;
  family: string;
  weights: Weights;
  licence: string;
  trainingCompute: CatalogueModel["trainingCompute"];
  offeredAccessPaths: OfferedAccessPath[];
  source: string;
  asOf: string;
}

const VENDOR_TYPE: Record<CatalogueVendor["type"], VendorType> = {
  "frontier-lab": "frontier_lab",
  hyperscaler: "hyperscaler",
  "cloud-provider": "cloud_provider",
  "open-weight-publisher": "open_weight_publisher",
  reseller: "reseller",
  other: "other",
};

const ACCESS_PATH: Record<CatalogueModel["accessPaths"][number]["type"], AccessPath> = {
  "direct-api": "direct_api",
  "cloud-marketplace": "cloud_marketplace",
  "third-party-hosted": "third_party_hosted",
  "self-hosted": "self_hosted",
};

export function toVendorFacts(v: CatalogueVendor): CatalogueVendorFacts {
  return {
    key: v.key,
    name: v.name,
    vendorType: VENDOR_TYPE[v.type],
    hqCountry: v.hqCountry,
    parentName: v.ultimateParent.name,
    parentCountry: v.ultimateParent.country,
    source: v.source,
    asOf: v.asOf,
  };
}

export function toModelFacts(m: CatalogueModel): CatalogueModelFacts {
  return {
    key: m.key,
    name: m.name,
    vendorKey: m.vendor,
    family: m.family,
    weights: m.weights,
    licence: m.licence,
    trainingCompute: m.trainingCompute,
    offeredAccessPaths: m.accessPaths.map(({ type, ...rest }) => ({ path: ACCESS_PATH[type], ...rest })),
    source: m.source,
    asOf: m.asOf,
  };
}

/** The catalogue's facts for a vendor key, or null when the key is not (or no longer) in the catalogue. */
export function catalogueVendor(key: string | null | undefined): CatalogueVendorFacts | null {
  const entry = key ? CATALOGUE_VENDORS.find((v) => v.key === key) : undefined;
  return entry ? toVendorFacts(entry) : null;
}

/** The catalogue's facts for a model key, or null when the key is not (or no longer) in the catalogue. */
export function catalogueModel(key: string | null | undefined): CatalogueModelFacts | null {
  const entry = key ? CATALOGUE_MODELS.find((m) => m.key === key) : undefined;
  return entry ? toModelFacts(entry) : null;
}

/** The catalogue's model families of a vendor, in catalogue order. */
export function catalogueModelsOf(vendorKey: string): CatalogueModelFacts[] {
  return CATALOGUE_MODELS.filter((m) => m.vendor === vendorKey).map(toModelFacts);
}

/** A catalogue date (YYYY-MM-DD) as the database's date column holds it. */
export const catalogueDate = (asOf: string) => new Date(`${asOf}T00:00:00.000Z`);
