import type { AccessPath, Criticality, DataCategory } from "@/scoring/schema/primitives";
import {
  DATA_SENSITIVENESS,
  DISCONTINUING_IMPACT,
  ICT_SERVICE_TYPES,
  NON_SUBSTITUTABILITY_REASONS,
  REINTEGRATION,
  RELIANCE,
  SUBSTITUTABILITY,
  YES_NO,
  YES_NO_NOT_ASSESSED,
  type CodeOf,
} from "./templates";

// How Sovra's facts become the EBA's codes: one typed table per column, so each judgement is
// written once, tested, and named in decision 025. Pure: no I/O.

type Sensitiveness = CodeOf<typeof DATA_SENSITIVENESS>;
type Reliance = CodeOf<typeof RELIANCE>;
type Substitutability = CodeOf<typeof SUBSTITUTABILITY>;
type NonSubstitutabilityReason = CodeOf<typeof NON_SUBSTITUTABILITY_REASONS>;
type Reintegration = CodeOf<typeof REINTEGRATION>;
type Impact = CodeOf<typeof DISCONTINUING_IMPACT>;
type ServiceType = CodeOf<typeof ICT_SERVICE_TYPES>;
type YesNo = CodeOf<typeof YES_NO>;
type YesNoNotAssessed = CodeOf<typeof YES_NO_NOT_ASSESSED>;

/** A country as the DPM codes it. @example countryCode("DE") //=> "eba_GA:DE" */
export const countryCode = (iso: string) => `eba_GA:${iso}`;

export const yesNo = (v: boolean): YesNo => (v ? "eba_BT:x28" : "eba_BT:x29");

/**
 * What the organisation buys, by how it reaches the model: a vendor's hosted API is software
 * as a service; a model on a cloud's AI platform (marketplace or third-party host) a platform
 * service; open weights run on its own infrastructure a software licence.
 */
export const SERVICE_TYPE_BY_ACCESS_PATH: Record<AccessPath, ServiceType> = {
  "direct-api": "eba_TA:S19",
  "cloud-marketplace": "eba_TA:S18",
  "third-party-hosted": "eba_TA:S18",
  "self-hosted": "eba_TA:S13",
};

/** The most sensitive category a dependency carries -> the EBA's three levels. */
export const SENSITIVENESS_BY_CATEGORY: Record<DataCategory, Sensitiveness> = {
  public: "eba_ZZ:x791",
  internal: "eba_ZZ:x791",
  personal: "eba_ZZ:x792",
  "trade-secret": "eba_ZZ:x792",
  regulated: "eba_ZZ:x793",
  "special-category": "eba_ZZ:x793",
};

/**
 * The sensitiveness of the data a dependency handles: the highest level among the categories it
 * carries (the engine's reading of the system and its flows, and what the dependency itself sends).
 * @example highestSensitiveness(["internal", "personal"]) // "eba_ZZ:x792"
 */
export function highestSensitiveness(categories: readonly DataCategory[]): Sensitiveness | "" {
  const levels: Sensitiveness[] = ["eba_ZZ:x791", "eba_ZZ:x792", "eba_ZZ:x793"];
  let best = -1;
  for (const c of categories) best = Math.max(best, levels.indexOf(SENSITIVENESS_BY_CATEGORY[c]));
  return best < 0 ? "" : levels[best]!;
}

/** Business criticality -> impact of discontinuing the service. */
export const IMPACT_BY_CRITICALITY: Record<Criticality, Impact> = {
  low: "eba_ZZ:x791",
  medium: "eba_ZZ:x792",
  high: "eba_ZZ:x793",
  critical: "eba_ZZ:x793",
};

/**
 * Level of reliance: the system's criticality, one step lower when a fallback exists (the
 * function survives the provider's loss, if more slowly).
 */
export function relianceOf(criticality: Criticality, hasFallback: boolean): Reliance {
  const ladder: Reliance[] = ["eba_ZZ:x794", "eba_ZZ:x795", "eba_ZZ:x796", "eba_ZZ:x797"];
  const step = { low: 0, medium: 1, high: 2, critical: 3 }[criticality];
  return ladder[Math.max(0, step - (hasFallback ? 1 : 0))]!;
}

/** What Sovra knows about the best fallback of a dependency, for substitutability and reintegration. */
export interface FallbackFacts {
  /** Tested within the methodology's "stale" window (a drill in the last year). */
  testedRecently: boolean;
  /** Switch time recorded and within the system's tolerated downtime. */
  switchFits: boolean;
  qualityParityMeasured: boolean;
  /** Open weights on the organisation's own infrastructure. */
  selfHosted: boolean;
}

/**
 * Substitutability from the fallbacks: none -> not substitutable; untested -> highly complex;
 * tested but slower than tolerated or without measured quality parity -> medium complexity;
 * tested, in time and at parity -> easily substitutable. The best fallback counts; a self-hosted
 * dependency is at least medium complexity.
 */
export function substitutabilityOf(fallbacks: readonly FallbackFacts[], accessPath?: AccessPath): Substitutability {
  const rank = (f: FallbackFacts) => (!f.testedRecently ? 1 : f.switchFits && f.qualityParityMeasured ? 3 : 2);
  // Open weights the organisation runs itself cannot be switched off by their publisher: at worst
  // moving to other weights is a medium-complexity change, never "not substitutable".
  const floor = accessPath === "self-hosted" ? 2 : 0;
  const best = Math.max(floor, ...fallbacks.map(rank));
  return best === 3 ? "eba_ZZ:x962" : best === 2 ? "eba_ZZ:x961" : best === 1 ? "eba_ZZ:x960" : "eba_ZZ:x959";
}

/** The reason the ITS asks for when c0050 is "not substitutable" or "highly complex"; else none. */
export function nonSubstitutabilityReasonOf(s: Substitutability): NonSubstitutabilityReason | "" {
  if (s === "eba_ZZ:x959") return "eba_ZZ:x963"; // no alternative recorded at all
  if (s === "eba_ZZ:x960") return "eba_ZZ:x964"; // an alternative exists, the switch is unproven
  return "";
}

/**
 * Reintegration (bringing the service in-house): already self-hosted, or a tested self-hosted
 * fallback -> easy; an untested self-hosted fallback -> difficult; otherwise highly complex.
 */
export function reintegrationOf(accessPath: AccessPath, fallbacks: readonly FallbackFacts[]): Reintegration {
  if (accessPath === "self-hosted" || fallbacks.some((f) => f.selfHosted && f.testedRecently)) return "eba_ZZ:x798";
  if (fallbacks.some((f) => f.selfHosted)) return "eba_ZZ:x966";
  return "eba_ZZ:x967";
}

/** Alternative providers identified: a fallback through another vendor or cloud. */
export const alternativesIdentified = (alternativeProviders: readonly string[]): YesNoNotAssessed => (alternativeProviders.length > 0 ? "eba_BT:x28" : "eba_BT:x29");

/** One link of an ICT service supply chain (B_05.02): who provides the service at which rank, and to whom. */
export interface SupplyChainLink {
  rank: number;
  /** The provider's key in the inventory document (a vendor). */
  provider: string;
  /** Above rank 1: the provider one rank closer to the organisation, who receives the sub-contracted service. */
  recipient?: string;
}

/**
 * The ICT service supply chain behind a route, by vendor key. Rank 1 is the provider the
 * organisation contracts with: the cloud for a marketplace or third-party-hosted route, otherwise
 * the model's vendor. Behind a cloud, the model's vendor (the lab that licenses the model to the
 * cloud, or the publisher of open weights it hosts) is rank 2, sub-contracted by that cloud. A
 * direct API or self-hosted open weights is the vendor alone at rank 1, and so is a model its own
 * cloud sells (Gemini on Google Cloud).
 * @example supplyChainOf("cloud-marketplace", "anthropic", "aws") // [{ rank: 1, provider: "aws" }, { rank: 2, provider: "anthropic", recipient: "aws" }]
 * @example supplyChainOf("direct-api", "anthropic") // [{ rank: 1, provider: "anthropic" }]
 */
export function supplyChainOf(accessPath: AccessPath, modelVendor: string, cloud?: string): SupplyChainLink[] {
  const hosted = (accessPath === "cloud-marketplace" || accessPath === "third-party-hosted") && cloud !== undefined && cloud !== "";
  if (!hosted) return [{ rank: 1, provider: modelVendor }];
  if (modelVendor === "" || modelVendor === cloud) return [{ rank: 1, provider: cloud }];
  return [
    { rank: 1, provider: cloud },
    { rank: 2, provider: modelVendor, recipient: cloud },
  ];
}
