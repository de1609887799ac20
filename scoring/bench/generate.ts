import type { InventoryDocument } from "../schema/inventory";
import type { AccessPath, Criticality, DataCategory, TransferMechanism } from "../schema/primitives";

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence.
 *
 * @example
 * const r = mulberry32(42); r() === mulberry32(42)() //=> true
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ["DE", "FR", "NL", "IE", "SE", "PL", "ES", "IT", "GB", "US", "CA", "JP", "SG", "IN", "BR", "AU", "KR", "CN", "MX", "ZA", "AE", "CH", "NO", "TW"];
const VENDOR_HQ = ["US", "US", "US", "US", "FR", "DE", "NL", "SE", "GB", "CA", "CN", "JP", "KR", "IN", "IL", "CH"];
const PATHS: AccessPath[] = ["direct-api", "cloud-marketplace", "third-party-hosted", "self-hosted"];
const CRIT: Criticality[] = ["low", "medium", "high", "critical"];
const CATS: DataCategory[] = ["public", "internal", "personal", "trade-secret", "regulated", "special-category"];
const MECH: (TransferMechanism | undefined)[] = [undefined, "adequacy", "scc", "bcr", "derogation", "none", "not-required"];

export interface Sizes {
  offices: number;
  vendors: number;
  models: number;
  systems: number;
  dependencies: number;
  dataFlows: number;
}

/** The benchmark's base size (multiply by a scale factor). */
export const BASE_SIZES: Sizes = { offices: 200, vendors: 500, models: 2000, systems: 2000, dependencies: 10_000, dataFlows: 50_000 };

/**
 * Generates a synthetic but valid inventory of the given size, deterministically from `seed`.
 * Each system gets dependencies.length / systems.length dependencies; about half the
 * dependencies have a fallback.
 */
export function generateInventory(sizes: Sizes, seed = 1): InventoryDocument {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (n: number) => Math.floor(rnd() * n);
  const offices = Array.from({ length: sizes.offices }, (_, i) => ({
    key: `office-${i}`,
    name: `Office ${i}`,
    country: pick(COUNTRIES),
    headcount: 10 + int(2000),
    teams: [`team-${int(30)}`, `team-${int(30)}`],
  }));
  const cloudCount = Math.max(1, Math.floor(sizes.vendors / 25));
  const vendors = Array.from({ length: sizes.vendors }, (_, i) => {
    const hq = pick(VENDOR_HQ);
    return {
      key: `vendor-${i}`,
      name: `Vendor ${i}`,
      type: i < cloudCount ? ("hyperscaler" as const) : ("frontier-lab" as const),
      hqCountry: hq,
      ultimateParent: { name: `Parent ${i}`, country: rnd() < 0.9 ? hq : pick(VENDOR_HQ) },
      ...(rnd() < 0.5 ? { dpfCertified: true } : {}),
    };
  });
  const models = Array.from({ length: sizes.models }, (_, i) => {
    const v = int(sizes.vendors);
    return {
      key: `model-${i}`,
      name: `Model ${i}`,
      vendor: `vendor-${v}`,
      family: `family-${v}-${i % 3}`,
      weights: rnd() < 0.4 ? ("open" as const) : ("closed" as const),
      licence: rnd() < 0.5 ? "Apache-2.0" : "Proprietary",
      trainingCompute: pick(["below-1e25", "1e25-1e26", "above-1e26", "unknown"] as const),
    };
  });
  const aiSystems = Array.from({ length: sizes.systems }, (_, i) => ({
    key: `system-${i}`,
    name: `System ${i}`,
    criticality: pick(CRIT),
    toleratedDowntimeHours: pick([1, 2, 4, 8, 24, 72]),
    offices: Array.from({ length: 1 + int(4) }, () => `office-${int(sizes.offices)}`),
    teams: [`team-${int(30)}`],
  }));
  const dependencies = Array.from({ length: sizes.dependencies }, (_, i) => {
    const accessPath = pick(PATHS);
    const cloudy = accessPath === "cloud-marketplace" || accessPath === "third-party-hosted";
    return {
      key: `dep-${i}`,
      system: `system-${i % sizes.systems}`,
      model: `model-${int(sizes.models)}`,
      accessPath,
      ...(cloudy ? { cloud: `vendor-${int(cloudCount)}` } : {}),
      ...(cloudy || rnd() < 0.5 ? { hostingRegion: { country: pick(COUNTRIES), region: `region-${int(5)}` } } : {}),
      ...(rnd() < 0.3 ? { exitPlan: { documented: true, lastReviewed: `2026-0${1 + int(9)}-15` } } : {}),
      ...(rnd() < 0.3 ? { contract: { dataResidency: rnd() < 0.5, exitTerms: rnd() < 0.5 } } : {}),
    };
  });
  const dataFlows = Array.from({ length: sizes.dataFlows }, (_, i) => {
    const m = pick(MECH);
    return {
      key: `flow-${i}`,
      fromOffice: `office-${int(sizes.offices)}`,
      dependency: `dep-${i % sizes.dependencies}`,
      categories: [pick(CATS), ...(rnd() < 0.3 ? [pick(CATS)] : [])],
      ...(m ? { transferMechanism: m } : {}),
    };
  });
  const fallbacks = [];
  for (let i = 0; i < sizes.dependencies; i++) {
    if (rnd() < 0.5) continue;
    const accessPath = pick(PATHS);
    const cloudy = accessPath === "cloud-marketplace" || accessPath === "third-party-hosted";
    fallbacks.push({
      key: `fallback-${i}`,
      dependency: `dep-${i}`,
      model: `model-${int(sizes.models)}`,
      accessPath,
      ...(cloudy ? { cloud: `vendor-${int(cloudCount)}`, hostingRegion: { country: pick(COUNTRIES) } } : {}),
      ...(rnd() < 0.6 ? { lastTested: `2026-0${1 + int(9)}-01` } : {}),
      ...(rnd() < 0.8 ? { switchTimeHours: pick([1, 2, 4, 12, 48]) } : {}),
    });
  }
  return {
    schemaVersion: "1.0",
    organisation: { key: "bench", name: "Benchmark Org", hqCountry: "DE" },
    offices,
    vendors,
    models,
    aiSystems,
    dependencies,
    dataFlows,
    fallbacks,
    policyEvents: [],
  };
}

/** Scales every size by a factor. */
export function scaled(sizes: Sizes, k: number): Sizes {
  return Object.fromEntries(Object.entries(sizes).map(([n, v]) => [n, Math.round(v * k)])) as unknown as Sizes;
}
