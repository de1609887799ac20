import type { Dimension } from "./options";
import type { Axis } from "./engine/factors/concentration";
import type { Factor, FactorId } from "./engine/factors/types";
import type { Source } from "./engine/sources";
import type { Rating } from "./ratings";
import type { AccessPath, Criticality, DataCategory } from "./schema/primitives";
import type { SealAssessment } from "./eu-csf";

export type { Factor, FactorId, Source };

/** What every scored entity carries: a 0-100 score, its rating, a one-line profile and the factors it is the sum of. */
export interface Scored {
  score: number;
  rating: Rating;
  profile: string;
  /** Dimension scores, 0-100 each. */
  dimensions: Record<Dimension, number>;
  /** The named factors; their `points` add up to `score`. */
  factors: Factor[];
}

export interface DependencyResult extends Scored {
  key: string;
  system: string;
  model: string;
  vendor: string;
  cloud: string | undefined;
  accessPath: AccessPath;
  hostingCountry: string;
  weight: number;
  sensitivity: DataCategory;
  bestFallback: string | undefined;
  /** Keys of policy events in force that restrict some of its users (or where it runs, or the licensee). */
  restrictedBy: string[];
  /** Facts this score rests on that nobody recorded, in words: show them as "not recorded: verify". */
  notRecorded: string[];
  /**
   * Present when restrictions in force block it today for some or all of the people who rely on
   * it: who, by which events, how it recovers, and its score before the rule (see METHODOLOGY.md).
   */
  switchedOff?: {
    /** Blocked share of its users (0-1), by headcount (`basis: "people"`) or by offices. */
    share: number;
    basis: "people" | "offices";
    /** Set when everyone is cut off: the model runs in a blocked country, the organisation is a blocked licensee, or a sanction touches its chain. */
    everyone: "hosting" | "licensee" | "chain" | undefined;
    countries: string[];
    events: string[];
    recovery: "recovers" | "recovers-slowly" | "uncertain" | "no-recovery";
    fallback: string | undefined;
    switchTimeHours: number | undefined;
    fallbackScore: number | undefined;
    /** The sum of the 15 structural factors, before the switched-off rule. */
    scoreBefore: number;
    /** The ceiling applied (switched off for most users without a tested fallback within tolerance). */
    cap: number | undefined;
  };
}

export interface SystemResult extends Scored {
  key: string;
  name: string;
  criticality: Criticality;
  weight: number;
  /** The dependency that sets the system's score (a system is as sovereign as its weakest dependency). */
  weakestDependency: string;
  dependencies: string[];
}

export interface VendorResult extends Scored {
  key: string;
  name: string;
  hqCountry: string;
  ultimateParentCountry: string | undefined;
  /** The access paths used to reach this vendor's models, and the summary label for tables. */
  accessPaths: AccessPath[];
  accessType: string;
  dependencyCount: number;
  systemCount: number;
  seal: SealAssessment;
  /** Restrictions in force that reach this vendor's dependencies: the "Active restriction" mark. */
  activeRestrictions: VendorRestriction[];
  /** Facts its dependencies' scores rest on that nobody recorded ("not recorded: verify"). */
  notRecorded: string[];
}

/** A restriction in force that reaches some of a vendor's dependencies. */
export interface VendorRestriction {
  key: string;
  title: string;
  effectiveDate: string;
  /** The date is a dated reading, not given by any source. */
  dateEstimated: boolean;
  /** A partial lift has freed some countries. */
  partlyLifted: boolean;
  /** It blocks (switches off) some users, rather than only requiring a licence. */
  blocks: boolean;
  /** The largest share of one dependency's users it restricts (0-1). */
  largestShare: number;
  /** The worst recovery among the dependencies it switches off. */
  recovery: "recovers" | "recovers-slowly" | "uncertain" | "no-recovery" | undefined;
}

/** A restriction in force that reaches the organisation. */
export interface ActiveRestriction {
  key: string;
  title: string;
  type: string;
  effectiveDate: string;
  dateEstimated: boolean;
  partialLifts: { key: string; title: string; effectiveDate: string; dateEstimated: boolean }[];
  /** Names of the vendors it reaches. */
  vendors: string[];
  /** AI systems with a dependency it restricts. */
  systems: number;
  /** AI systems it switches off for some or all of their users. */
  switchedOffSystems: number;
  /** ... of which no tested fallback within tolerance recovers. */
  unrecoveredSystems: number;
  largestShare: number;
}

export interface ConcentrationSummary {
  /** Herfindahl-Hirschman index over criticality-weighted dependencies (0-1). */
  hhi: number;
  top: { key: string; name: string; share: number }[];
}

export interface OrganisationResult extends Scored {
  key: string;
  name: string;
  systemCount: number;
  dependencyCount: number;
  concentration: Record<Axis, ConcentrationSummary>;
  /** Restrictions in force that reach the organisation, most switched-off systems first: the summary leads with them. */
  activeRestrictions: ActiveRestriction[];
}

/** One of the biggest point losses at organisation level, with the sentence that explains it. */
export interface Finding {
  system: string;
  dependency: string;
  factor: FactorId;
  /** Organisation score points lost to this factor in this system. */
  pointsLost: number;
  sentence: string;
  sources: readonly Source[];
}

export interface ScoringResult {
  methodologyVersion: string;
  asOf: string;
  landscape: {
    active: {
      key: string;
      title: string;
      type: string;
      effectiveDate: string;
      dateEstimated?: boolean;
      /** Partial lifts in force: the event still applies to everyone they did not free. */
      partialLifts?: { key: string; title: string; effectiveDate: string; dateEstimated?: boolean }[];
    }[];
  };
  organisation: OrganisationResult;
  vendors: VendorResult[];
  systems: SystemResult[];
  dependencies: DependencyResult[];
  findings: Finding[];
  notes: string[];
}
