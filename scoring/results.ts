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
  /** Keys of policy events in force that reach this dependency. */
  restrictedBy: string[];
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
  landscape: { active: { key: string; title: string; type: string; effectiveDate: string }[] };
  organisation: OrganisationResult;
  vendors: VendorResult[];
  systems: SystemResult[];
  dependencies: DependencyResult[];
  findings: Finding[];
  notes: string[];
}
