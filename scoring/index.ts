/**
 * Sovra scoring engine: pure TypeScript, deterministic, no I/O.
 * See scoring/README.md for the API and docs/METHODOLOGY.md for the method.
 */
export { METHODOLOGY_VERSION } from "./version";
export { RATINGS, ratingFor, parseRating, isBelow, type Rating, type RatingThresholds } from "./ratings";
export {
  DEFAULT_WEIGHTS,
  DEFAULT_THRESHOLDS,
  DIMENSIONS,
  scoringOptionsSchema,
  resolveOptions,
  type Dimension,
  type ScoringOptions,
  type ResolvedOptions,
} from "./options";
export {
  inventoryDocumentSchema,
  INVENTORY_SCHEMA_VERSION,
  type InventoryDocument,
  type InventoryDocumentInput,
  type Organisation,
  type Office,
  type Vendor,
  type Model,
  type AiSystem,
  type Dependency,
  type DataFlow,
  type Fallback,
} from "./schema/inventory";
export { policyEventSchema, type PolicyEvent, type ImposeEvent, type LiftEvent } from "./schema/policy-event";
export { scenarioSchema, SCENARIO_SCHEMA_VERSION, type Scenario, type Shock } from "./schema/scenario";
export { ACCESS_PATHS, CRITICALITIES, DATA_CATEGORIES, COUNTRY_CODES, type AccessPath, type CountrySet } from "./schema/primitives";
export { parseInventoryDocument, parseScenario, parseJsonText, type Issue, type ParseResult } from "./parse";
export { inventoryJsonSchema, scenarioJsonSchema } from "./json-schema";
export { scoreInventory, ScoringOptionsError } from "./score-inventory";
export { simulateScenario, shockEvents, RECOVERY_IMPACT, type ScenarioResult, type SystemImpact, type DependencyImpact, type RecoveryStatus } from "./scenario";
export { suggestRemediations, REMEDIATION_KINDS, type Remediation, type RemediationKind } from "./remediation";
export { compareResults, compareAsOf, type ResultComparison, type EntityChange, type FactorChange } from "./compare";
export { activePolicyEvents, diffLandscapes, landscapeEvents, type LandscapeChange } from "./engine/landscape";
export { FACTORS, type Factor, type FactorId } from "./engine/factors/types";
export { assessSeal, SEAL_LEVELS, SOV_OBJECTIVES, type SealAssessment, type SealLevel, type SealObjective } from "./eu-csf";
export { CATALOGUE_VENDORS, CATALOGUE_MODELS, COUNTRIES, DEFAULT_POLICY_EVENTS } from "./catalogue";
export type {
  ScoringResult,
  OrganisationResult,
  VendorResult,
  SystemResult,
  DependencyResult,
  Finding,
  Scored,
  Source,
  ConcentrationSummary,
} from "./results";
