// The demo data set: two client organisations a board would recognise, as pure typed data.
// No I/O here: prisma/seed.ts resolves the natural keys below (office, vendor, model and AI
// system names) to ids and writes everything in one transaction.
//
// Catalogue facts (vendors, models, licences, policy events) were checked against the sources
// recorded on each row; `sourceAsOf` is the date of that check. They are meant to be corrected
// in the app when they change. Inventory facts (which systems call which models, from where,
// and how) describe fictional companies.
//
// Dates that must stay realistic whenever the demo is seeded (fallback drills, exit-plan
// reviews, due dates) are given relative to the day of seeding, in days; dated facts (policy
// events, sources) are fixed.
//
// Vocabularies: columns backed by a database enum use the schema's snake_case values, which are
// the inventory document's values (scoring/schema) with `_` for `-`. The columns the scoring
// engine reads as JSON (PolicyEvent.scope and .restrictions, Scenario.shocks) and the plain-text
// columns that hold document values (Organisation.regimes, Model.trainingCompute) use the
// document's own spelling (kebab-case); catalogueKey values and policy event keys are the keys of
// the engine's default catalogue (scoring/catalogue).

import type { PolicyScope, Restriction } from "../scoring/schema/policy-event";
import type { ComputeBand } from "../scoring/schema/primitives";
import type { REGIMES } from "../scoring/schema/inventory";
import type { Shock } from "../scoring/schema/scenario";
import type { RegistrationFields } from "../lib/ai-act-registrations/annex-viii";
import type {
  AccessPath,
  Criticality,
  DataCategory,
  DataVolume,
  Encryption,
  PolicyEventType,
  Priority,
  RemediationOrigin,
  RemediationStatus,
  Role,
  TransferMechanism,
  VendorType,
  Weights,
} from "../lib/generated/prisma/enums";

// ---------------------------------------------------------------- types

/** JSON as stored in Json columns (no top-level null). */
export type JsonPrimitive = string | number | boolean;
export type JsonObject = { [key: string]: JsonValue | null | undefined };
export type JsonValue = JsonPrimitive | JsonObject | JsonValue[];

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = `${number}-${number}-${number}`;

/** A regime as the inventory document names it (gdpr, uk-gdpr, eu-ai-act, dora, nis2). */
export type Regime = (typeof REGIMES)[number];

/**
 * How a model is offered. `path` uses the same values as the AccessPath enum; `cloud` is the
 * catalogue key of the cloud operator (amazon, microsoft, google, oracle, ovhcloud), as in the
 * engine's model catalogue: a closed model is sold on a `cloud_marketplace`, open weights are
 * `third_party_hosted` by a cloud or `self_hosted`.
 */
export type OfferedAccessPath = JsonObject & { path: AccessPath; cloud?: string; service?: string };

export interface DemoOffice {
  name: string;
  country: string;
  city: string;
  headcount: number;
  teams: string[];
}

export interface DemoVendor {
  name: string;
  catalogueKey: string;
  vendorType: VendorType;
  hqCountry: string;
  parentName: string | null;
  parentCountry: string | null;
  /** Listed under the EU-US Data Privacy Framework (checked on dataprivacyframework.gov). */
  dpfCertified: boolean;
  source: string;
  sourceAsOf: IsoDate;
  notes: string | null;
}

export interface DemoModel {
  name: string;
  vendor: string;
  family: string;
  /** Key of the engine catalogue's model family, if the family is in the catalogue. */
  catalogueKey: string | null;
  weights: Weights;
  licence: string;
  licenceRestrictions: string | null;
  /** Training compute band (EU AI Act Art. 51); "unknown" where the vendor has not disclosed it. */
  trainingCompute: ComputeBand;
  offeredAccessPaths: OfferedAccessPath[];
  source: string;
  sourceAsOf: IsoDate;
}

export interface DemoAiSystem {
  name: string;
  description: string;
  /** A person's name and role. */
  owner: string;
  criticality: Criticality;
  toleratedDowntimeMinutes: number;
  usersServed: number;
  /** Names of the offices it serves. */
  offices: string[];
  /** Teams that use it: names from the teams of its offices. */
  teams: string[];
  /** The most sensitive data it handles. */
  dataSensitivity: DataCategory | null;
}

/** Natural key of a dependency (unique per organisation in the schema). */
export interface DependencyRef {
  system: string;
  model: string;
  accessPath: AccessPath;
}

/**
 * Where a model runs and who operates it. `cloudVendor` (a vendor name of the same organisation)
 * and `hostingCountry` + `hostingRegion` are required for cloud_marketplace and
 * third_party_hosted; a null `hostingCountry` means the vendor's HQ (direct_api) or the
 * organisation's HQ (self_hosted).
 */
export interface DemoRoute {
  cloudVendor: string | null;
  hostingCountry: string | null;
  hostingRegion: string | null;
}

export interface DemoDependency extends DependencyRef, DemoRoute {
  dataSent: DataCategory[];
  /** DORA Art. 28(8) exit plan; omitted: none documented. */
  exitPlan?: { documented: boolean; reviewedDaysAgo: number | null };
  /** What the contract for this dependency covers; omitted: not recorded. */
  contract?: { dataResidency: boolean | null; exitTerms: boolean | null };
  notes: string | null;
}

export interface DemoFallback extends DemoRoute {
  dependency: DependencyRef;
  model: string;
  accessPath: AccessPath;
  /** Days before the day of seeding of the last drill; null = never tested. */
  lastTestedDaysAgo: number | null;
  switchTimeMinutes: number | null;
  qualityParityChecked: boolean;
  exitPlan: string | null;
  exitPlanUrl: string | null;
  /**
   * When the fallback was put in place, if during the demo's dated history: assessments frozen
   * before this day do not have it, and its drill is never dated before it.
   */
  addedOn?: IsoDate;
}

/**
 * An assessment in the demo's dated history. It freezes the inventory as it stood on `asOf`:
 * today's rows, less the fallbacks added after it, with every relative date (drills, exit-plan
 * reviews) as old on `asOf` as it is on the day of seeding.
 */
export interface DemoAssessment {
  asOf: IsoDate;
  /** When it was frozen, UTC. */
  frozenAt: string;
  /** Email of the demo user who froze it (an owner or analyst). */
  frozenBy: string;
  note: string;
}

/**
 * Data leaving an office through a model dependency (the engine's office -> dependency flow).
 * The vendor, processing country and region are the dependency's: the cloud operator hosting
 * the model (else the model's vendor) and where the model runs. `system` additionally records
 * the AI system that sends it, where that is useful.
 */
export interface DemoDataFlow {
  name: string;
  fromOffice: string;
  dependency: DependencyRef;
  system?: string;
  dataCategories: DataCategory[];
  volume: DataVolume;
  transferMechanism: TransferMechanism;
  encryption: Encryption;
}

interface DemoPolicyEventBase {
  /** Stable key, unique per organisation; the catalogue's key for a catalogue event. */
  key: string;
  fromCatalogue: boolean;
  title: string;
  effectiveDate: IsoDate;
  source: string;
  summary: string | null;
}

/** A policy event in the inventory document's shape (scoring/schema/policy-event.ts). */
export type DemoPolicyEvent =
  | (DemoPolicyEventBase & {
      kind: "impose";
      type: PolicyEventType;
      /** A country code, "EU" or "vendor". */
      issuer: string;
      expires: IsoDate | null;
      scope: PolicyScope;
      restrictions: Restriction[];
    })
  | (DemoPolicyEventBase & { kind: "lift"; lifts: string });

export interface DemoScenario {
  name: string;
  description: string;
  /** The simultaneous shocks, in the engine's shape (scoring/schema/scenario.ts). */
  shocks: Shock[];
  /** Landscape date to simulate against; null: the day it is run. */
  asOf: IsoDate | null;
  /** Email of the demo user who saved it. */
  createdBy: string;
}

export type RemediationTarget =
  | { type: "dependency"; dependency: DependencyRef }
  | { type: "ai_system"; system: string }
  | { type: "vendor"; vendor: string }
  | { type: "organisation" };

export interface DemoRemediationAction {
  title: string;
  description: string;
  origin: RemediationOrigin;
  findingKey: string | null;
  target: RemediationTarget;
  /** Email of the demo user who owns it. */
  owner: string | null;
  /** Days from the day of seeding; negative = already overdue. */
  dueInDays: number | null;
  status: RemediationStatus;
  priority: Priority;
  expectedGain: number;
  achievedGain: number | null;
  /** For done / won't-do actions: days before the day of seeding it was closed. */
  closedDaysAgo: number | null;
  /** A dated action of the demo's history: opened and closed on these days (instead of relative ones). */
  openedOn?: IsoDate;
  closedOn?: IsoDate;
  /**
   * The seed measures the achieved gain instead of stating it: the organisation's score on
   * `openedOn` (the inventory then) and on `closedOn` (with what was added by then).
   */
  measureGain?: boolean;
}

export interface DemoOrganisation {
  slug: string;
  name: string;
  hqCountry: string;
  sector: string;
  regimes: Regime[];
  /** Only US organisations can self-certify under the EU-US Data Privacy Framework. */
  dpfCertified: boolean;
  /** A fictitious Legal Entity Identifier with valid check digits (ISO 17442), for the DORA package. */
  lei?: string;
  offices: DemoOffice[];
  vendors: DemoVendor[];
  models: DemoModel[];
  aiSystems: DemoAiSystem[];
  dependencies: DemoDependency[];
  fallbacks: DemoFallback[];
  dataFlows: DemoDataFlow[];
  policyEvents: DemoPolicyEvent[];
  scenarios: DemoScenario[];
  remediationActions: DemoRemediationAction[];
  /** Dated assessments, oldest first (none: the organisation starts without history). */
  history?: DemoAssessment[];
  /** The `asOf` of the assessment whose board report the demo starts with (rendered by the report worker on first start). */
  boardReportOf?: IsoDate;
  /** A past workshop (decision 038) that froze the assessment of `of`, with its summary queued like the board report. */
  workshop?: DemoWorkshop;
  /** A pre-workshop questionnaire link (decision 039) with answers waiting for review. */
  questionnaire?: DemoQuestionnaire;
  /** EU AI Act registrations of AI systems' use (Art. 49(3), Annex VIII C; decision 046), partly filled in. */
  aiActRegistrations?: DemoAiActRegistration[];
}

/** An AI system's EU AI Act registration as the demo starts with it: empty answers are what is still missing. */
export interface DemoAiActRegistration extends RegistrationFields {
  /** The AI system's name. Empty answers are what is still missing. */
  system: string;
}

export interface DemoQuestionnaire {
  title: string;
  /** Email of the demo user who made the link (an owner or editor). */
  madeBy: string;
  /** Made this many days before the demo starts; it works for `days` from then. */
  madeDaysAgo: number;
  days: number;
  answers: {
    respondentName: string;
    respondentEmail?: string;
    team?: string;
    /** Answered this many hours before the demo starts. */
    hoursAgo: number;
    items: { systemName: string; purpose: string; vendorName?: string; modelName?: string; dataNote?: string }[];
  }[];
}

export interface DemoWorkshop {
  title: string;
  attendees: string[];
  /** Email of the demo user who ran it (an owner or editor). */
  facilitator: string;
  /** The history entry it froze when it ended. */
  of: IsoDate;
  startedAt: string;
  endedAt: string;
  /** Titles of the organisation's manual remediation actions the room agreed (entered during it). */
  agreed: string[];
  /** Facts the room was unsure of, still open. */
  toVerify: { system: string; question: string; owner: string }[];
}

export interface DemoUser {
  email: string;
  name: string;
  memberships: { org: string; role: Role }[];
  /** What the account is, for the list of demo accounts printed at start; unset: not printed (the benchmark clients' owners). */
  about?: string;
}

// ---------------------------------------------------------------- users

/** Password of every demo user (documented in the README; never use outside a demo). */
export const DEMO_PASSWORD = "sovra-demo-2026";

export const DEMO_ORG_SLUGS = { mainfeld: "mainfeld", albion: "albion-mutual" } as const;

/**
 * A smaller client of the demo practice, cut from one of the two demo inventories (Mainfeld is
 * the manufacturer template filled in, Albion the bank): a subset of its AI systems, with the
 * dependencies, fallbacks and data flows that go with them, in offices of its own. Names of the
 * base's offices and AI systems are given as strings: this table is read before those constants.
 */
export interface BenchmarkClientSpec {
  slug: string;
  name: string;
  hqCountry: string;
  sector: string;
  regimes: Regime[];
  from: "mainfeld" | "albion";
  /** The client's own owner, who agreed to be counted in the practice's benchmark. */
  owner: { email: string; name: string };
  /** Each office takes the teams of the base office it stands in for. */
  offices: { from: string; name: string; city: string; country: string; headcount: number }[];
  systems: string[];
  /** Leaves the base's fallbacks out: a weaker client. */
  withoutFallbacks?: boolean;
}

/**
 * Eight more clients of Northbridge Advisory, so that its anonymised benchmark (decision 040) has
 * figures to show: with Mainfeld and Albion, ten counted clients; five in Mainfeld's sector and
 * five outside it (so the sector can be shown); five of 1,000-4,999 people (Albion's size band) and
 * two of 5,000 and more (Mainfeld's, withheld); three banks (Albion's sector, withheld).
 */
export const BENCHMARK_CLIENTS: BenchmarkClientSpec[] = [
  {
    slug: "hartmann-antriebstechnik",
    name: "Hartmann Antriebstechnik GmbH",
    hqCountry: "DE",
    sector: "Industrial manufacturing",
    regimes: ["eu-ai-act", "gdpr", "nis2"],
    from: "mainfeld",
    owner: { email: "owner@hartmann-antriebstechnik.example", name: "Katrin Hartmann" },
    offices: [
      { from: "Frankfurt HQ", name: "Stuttgart headquarters", city: "Stuttgart", country: "DE", headcount: 3900 },
      { from: "Lyon plant", name: "Brno plant", city: "Brno", country: "CZ", headcount: 2500 },
    ],
    systems: ["Customer support assistant", "Engineering document search", "Predictive maintenance assistant", "Quality-inspection vision model", "HR policy chatbot", "Contract review"],
  },
  {
    slug: "rhone-composites",
    name: "Rhône Composites SA",
    hqCountry: "FR",
    sector: "Industrial manufacturing",
    regimes: ["eu-ai-act", "gdpr", "nis2"],
    from: "mainfeld",
    owner: { email: "owner@rhone-composites.example", name: "Camille Rousseau" },
    offices: [
      { from: "Lyon plant", name: "Lyon plant", city: "Lyon", country: "FR", headcount: 1400 },
      { from: "Munich R&D", name: "Grenoble R&D", city: "Grenoble", country: "FR", headcount: 450 },
    ],
    systems: ["Predictive maintenance assistant", "Quality-inspection vision model", "Engineering document search", "Translation service", "Code assistant"],
    withoutFallbacks: true,
  },
  {
    slug: "tamworth-castings",
    name: "Tamworth Castings Ltd",
    hqCountry: "GB",
    sector: "Industrial manufacturing",
    regimes: ["uk-gdpr"],
    from: "mainfeld",
    owner: { email: "owner@tamworth-castings.example", name: "Gareth Pryce" },
    offices: [
      { from: "Frankfurt HQ", name: "Tamworth works", city: "Tamworth", country: "GB", headcount: 520 },
      { from: "Manchester sales office", name: "Birmingham sales office", city: "Birmingham", country: "GB", headcount: 100 },
    ],
    systems: ["Customer support assistant", "Contract review", "Sales email drafting", "Board-pack summariser"],
  },
  {
    slug: "vistula-machine-tools",
    name: "Vistula Machine Tools S.A.",
    hqCountry: "PL",
    sector: "Industrial manufacturing",
    regimes: ["eu-ai-act", "gdpr", "nis2"],
    from: "mainfeld",
    owner: { email: "owner@vistula-machine-tools.example", name: "Agnieszka Nowak" },
    offices: [
      { from: "Frankfurt HQ", name: "Kraków headquarters", city: "Kraków", country: "PL", headcount: 900 },
      { from: "Lyon plant", name: "Poznań plant", city: "Poznań", country: "PL", headcount: 1100 },
      { from: "Pune engineering centre", name: "Wrocław engineering centre", city: "Wrocław", country: "PL", headcount: 300 },
    ],
    systems: ["Code assistant", "Supplier risk screening", "Predictive maintenance assistant", "Engineering document search", "Quality-inspection vision model"],
    withoutFallbacks: true,
  },
  {
    slug: "kestrel-software",
    name: "Kestrel Software Ltd",
    hqCountry: "GB",
    sector: "Software",
    regimes: ["uk-gdpr"],
    from: "mainfeld",
    owner: { email: "owner@kestrel-software.example", name: "Imogen Clarke" },
    offices: [
      { from: "Munich R&D", name: "Cambridge office", city: "Cambridge", country: "GB", headcount: 140 },
      { from: "Manchester sales office", name: "Leeds office", city: "Leeds", country: "GB", headcount: 40 },
    ],
    systems: ["Code assistant", "Sales email drafting", "Customer support assistant"],
  },
  {
    slug: "pennine-building-society",
    name: "Pennine Building Society",
    hqCountry: "GB",
    sector: "Banking",
    regimes: ["uk-gdpr", "dora"],
    from: "albion",
    owner: { email: "owner@pennine-building-society.example", name: "Rachel Whitworth" },
    offices: [
      { from: "London head office", name: "Halifax head office", city: "Halifax", country: "GB", headcount: 1100 },
      { from: "Edinburgh operations centre", name: "Leeds operations centre", city: "Leeds", country: "GB", headcount: 300 },
    ],
    systems: ["Complaints triage", "Colleague knowledge assistant"],
  },
  {
    slug: "severn-savings-bank",
    name: "Severn Savings Bank plc",
    hqCountry: "GB",
    sector: "Banking",
    regimes: ["uk-gdpr", "dora"],
    from: "albion",
    owner: { email: "owner@severn-savings-bank.example", name: "Owen Griffiths" },
    offices: [{ from: "London head office", name: "Bristol head office", city: "Bristol", country: "GB", headcount: 480 }],
    systems: ["Complaints triage", "Colleague knowledge assistant"],
    withoutFallbacks: true,
  },
  {
    slug: "harbour-mutual-insurance",
    name: "Harbour Mutual Insurance DAC",
    hqCountry: "IE",
    sector: "Insurance",
    regimes: ["gdpr", "dora"],
    from: "albion",
    owner: { email: "owner@harbour-mutual-insurance.example", name: "Siobhán Byrne" },
    offices: [
      { from: "London head office", name: "Dublin head office", city: "Dublin", country: "IE", headcount: 900 },
      { from: "Edinburgh operations centre", name: "Cork claims centre", city: "Cork", country: "IE", headcount: 250 },
    ],
    systems: ["Complaints triage", "Financial crime alert narratives"],
  },
];

const DANA = "demo@sovra.example";
const JONAS = "cto@sovra.example";
const PRIYA = "risk@sovra.example";
const HELENA = "board@sovra.example";
const OLIVER = "albion.owner@sovra.example";
const MARA = "consultant@sovra.example";
const TOMAS = "advisor@sovra.example";

export const DEMO_USERS: DemoUser[] = [
  {
    // A consultant / risk lead who works for several clients.
    email: DANA,
    name: "Dana Okafor",
    about: "owner of Mainfeld, analyst of Albion",
    memberships: [
      { org: DEMO_ORG_SLUGS.mainfeld, role: "owner" },
      { org: DEMO_ORG_SLUGS.albion, role: "analyst" },
    ],
  },
  { email: JONAS, name: "Jonas Weber", about: "editor of Mainfeld", memberships: [{ org: DEMO_ORG_SLUGS.mainfeld, role: "editor" }] },
  { email: PRIYA, name: "Priya Raman", about: "analyst of Mainfeld", memberships: [{ org: DEMO_ORG_SLUGS.mainfeld, role: "analyst" }] },
  { email: HELENA, name: "Helena Brandt", about: "viewer of Mainfeld", memberships: [{ org: DEMO_ORG_SLUGS.mainfeld, role: "viewer" }] },
  { email: OLIVER, name: "Oliver Hughes", about: "owner of Albion", memberships: [{ org: DEMO_ORG_SLUGS.albion, role: "owner" }] },
  // A partner of a consultancy: a member of no organisation, she reaches both clients through her practice.
  { email: MARA, name: "Mara Lindqvist", about: "partner of Northbridge Advisory", memberships: [] },
  // A consultant of the same practice: works in its clients, does not manage the practice.
  { email: TOMAS, name: "Tomás Reyes", about: "consultant of Northbridge Advisory", memberships: [] },
  // The benchmark clients' own owners (not printed at start): each agreed to be counted.
  ...BENCHMARK_CLIENTS.map((c) => ({ email: c.owner.email, name: c.owner.name, memberships: [{ org: c.slug, role: "owner" as Role }] })),
];

/** A consultancy (decision 037) that works with both demo organisations, as their risk analyst. */
export const DEMO_PRACTICE = {
  slug: "northbridge-advisory",
  name: "Northbridge Advisory",
  partners: [MARA],
  consultants: [TOMAS],
  // Every client's owner agreed to be counted in the practice's anonymised benchmark (decision 040).
  clients: [
    // Northbridge facilitates Mainfeld's workshops and reviews its questionnaire: it works there as an editor.
    // Its next workshop with Mainfeld is planned five weeks after the demo is seeded.
    { org: DEMO_ORG_SLUGS.mainfeld, role: "editor" as Role, benchmark: true, nextWorkshop: { inDays: 35, title: "Fallback drill with the platform team" } },
    { org: DEMO_ORG_SLUGS.albion, role: "analyst" as Role, benchmark: true },
    ...BENCHMARK_CLIENTS.map((c) => ({ org: c.slug, role: "analyst" as Role, benchmark: true })),
  ],
};

// ---------------------------------------------------------------- catalogue: vendors

const CHECKED: IsoDate = "2026-11-01";

const VENDOR = {
  anthropic: {
    name: "Anthropic",
    catalogueKey: "anthropic",
    vendorType: "frontier_lab",
    hqCountry: "US",
    parentName: "Anthropic PBC",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://www.anthropic.com/company",
    sourceAsOf: CHECKED,
    notes: "San Francisco. Independent; Amazon and Google hold minority stakes.",
  },
  openai: {
    name: "OpenAI",
    catalogueKey: "openai",
    vendorType: "frontier_lab",
    hqCountry: "US",
    parentName: "OpenAI Foundation",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://openai.com/our-structure/",
    sourceAsOf: CHECKED,
    notes:
      "Since the recapitalisation of 28 Oct 2025 the operating company is OpenAI Group PBC; the OpenAI Foundation " +
      "(US nonprofit, about 26% of the equity) controls it and appoints its board. Microsoft holds about 27%.",
  },
  google: {
    name: "Google",
    catalogueKey: "google",
    vendorType: "hyperscaler",
    hqCountry: "US",
    parentName: "Alphabet Inc.",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://abc.xyz/",
    sourceAsOf: CHECKED,
    notes: "Google LLC: Gemini (Google DeepMind) through the Gemini API and Google Cloud Vertex AI; Gemma as open weights.",
  },
  meta: {
    name: "Meta",
    catalogueKey: "meta",
    vendorType: "open_weight_publisher",
    hqCountry: "US",
    parentName: "Meta Platforms, Inc.",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://www.llama.com/",
    sourceAsOf: CHECKED,
    notes: "Menlo Park. Publishes Llama weights under its own community licences.",
  },
  microsoft: {
    name: "Microsoft",
    catalogueKey: "microsoft",
    vendorType: "hyperscaler",
    hqCountry: "US",
    parentName: "Microsoft Corporation",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://www.microsoft.com/en-us/about",
    sourceAsOf: CHECKED,
    notes: "Redmond. Operates Azure OpenAI / Microsoft Foundry; publishes Phi open weights.",
  },
  aws: {
    name: "Amazon Web Services",
    catalogueKey: "amazon",
    vendorType: "hyperscaler",
    hqCountry: "US",
    parentName: "Amazon.com, Inc.",
    parentCountry: "US",
    dpfCertified: true,
    source: "https://aws.amazon.com/about-aws/",
    sourceAsOf: CHECKED,
    notes: "Amazon Bedrock resells third-party models (Anthropic, Mistral, Meta, Cohere) and Amazon's own Nova and Titan.",
  },
  mistral: {
    name: "Mistral AI",
    catalogueKey: "mistral",
    vendorType: "frontier_lab",
    hqCountry: "FR",
    parentName: "Mistral AI SAS",
    parentCountry: "FR",
    dpfCertified: false,
    source: "https://mistral.ai/about",
    sourceAsOf: CHECKED,
    notes: "Paris. Independent; ASML (NL) became the largest shareholder in the Sept 2025 Series C.",
  },
  alephAlpha: {
    name: "Aleph Alpha",
    catalogueKey: "aleph-alpha",
    vendorType: "frontier_lab",
    hqCountry: "DE",
    parentName: "Aleph Alpha GmbH",
    parentCountry: "DE",
    dpfCertified: false,
    source: "https://aleph-alpha.com/",
    sourceAsOf: CHECKED,
    notes:
      "Heidelberg (PhariaAI). Cohere (CA) announced on 24 Apr 2026 that it will acquire " +
      "Aleph Alpha, subject to approvals: once closed, the ultimate parent becomes Cohere (CA). Re-verify.",
  },
  alibaba: {
    name: "Alibaba Cloud",
    catalogueKey: "alibaba",
    vendorType: "hyperscaler",
    hqCountry: "CN",
    parentName: "Alibaba Group Holding Limited",
    parentCountry: "CN",
    dpfCertified: false,
    source: "https://www.alibabacloud.com/en/about",
    sourceAsOf: CHECKED,
    notes: "Publishes the Qwen models. Parent incorporated in the Cayman Islands, headquartered in Hangzhou.",
  },
  deepseek: {
    name: "DeepSeek",
    catalogueKey: "deepseek",
    vendorType: "open_weight_publisher",
    hqCountry: "CN",
    parentName: "High-Flyer",
    parentCountry: "CN",
    dpfCertified: false,
    source: "https://www.deepseek.com/",
    sourceAsOf: CHECKED,
    notes: "Hangzhou DeepSeek Artificial Intelligence, funded by the quantitative fund High-Flyer. API processed in China.",
  },
  cohere: {
    name: "Cohere",
    catalogueKey: "cohere",
    vendorType: "frontier_lab",
    hqCountry: "CA",
    parentName: "Cohere Inc.",
    parentCountry: "CA",
    dpfCertified: false,
    source: "https://cohere.com/about",
    sourceAsOf: CHECKED,
    notes: "Toronto.",
  },
  ovhcloud: {
    name: "OVHcloud",
    catalogueKey: "ovhcloud",
    vendorType: "cloud_provider",
    hqCountry: "FR",
    parentName: "OVH Groupe SA",
    parentCountry: "FR",
    dpfCertified: false,
    source: "https://corporate.ovhcloud.com/en/",
    sourceAsOf: CHECKED,
    notes: "European cloud provider (Roubaix); hosts open-weight models on GPU instances (Gravelines, gra).",
  },
} satisfies Record<string, DemoVendor>;

// ---------------------------------------------------------------- catalogue: models

/** Open weights: on the organisation's own infrastructure. */
const SELF_HOSTED: OfferedAccessPath[] = [{ path: "self_hosted" }];

const MODEL = {
  claudeSonnet: {
    name: "Claude Sonnet 4.5",
    vendor: VENDOR.anthropic.name,
    family: "Claude",
    catalogueKey: "anthropic-claude",
    weights: "closed",
    licence: "Anthropic Commercial Terms of Service (API only)",
    licenceRestrictions: "No access to weights; Anthropic Usage Policy applies.",
    trainingCompute: "unknown",
    offeredAccessPaths: [
      { path: "direct_api" },
      { path: "cloud_marketplace", cloud: "amazon" },
      { path: "cloud_marketplace", cloud: "google" },
      { path: "cloud_marketplace", cloud: "microsoft" },
    ],
    source: "https://docs.claude.com/en/docs/about-claude/models/overview",
    sourceAsOf: CHECKED,
  },
  gpt41: {
    name: "GPT-4.1",
    vendor: VENDOR.openai.name,
    family: "GPT",
    catalogueKey: "openai-gpt",
    weights: "closed",
    licence: "OpenAI Services Agreement (API only)",
    licenceRestrictions: "No access to weights; OpenAI Usage Policies apply.",
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "direct_api" }, { path: "cloud_marketplace", cloud: "microsoft" }],
    source: "https://platform.openai.com/docs/models/gpt-4.1",
    sourceAsOf: CHECKED,
  },
  gpt5: {
    name: "GPT-5",
    vendor: VENDOR.openai.name,
    family: "GPT",
    catalogueKey: "openai-gpt",
    weights: "closed",
    licence: "OpenAI Services Agreement (API only)",
    licenceRestrictions: "No access to weights; OpenAI Usage Policies apply.",
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "direct_api" }, { path: "cloud_marketplace", cloud: "microsoft" }],
    source: "https://platform.openai.com/docs/models/gpt-5",
    sourceAsOf: CHECKED,
  },
  gemini25Pro: {
    name: "Gemini 2.5 Pro",
    vendor: VENDOR.google.name,
    family: "Gemini",
    catalogueKey: "google-gemini",
    weights: "closed",
    licence: "Google Cloud / Gemini API Terms of Service",
    licenceRestrictions: "No access to weights; Generative AI Prohibited Use Policy applies.",
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "direct_api" }, { path: "cloud_marketplace", cloud: "google" }],
    source: "https://ai.google.dev/gemini-api/docs/models",
    sourceAsOf: CHECKED,
  },
  gemma3: {
    name: "Gemma 3 27B",
    vendor: VENDOR.google.name,
    family: "Gemma",
    catalogueKey: "google-gemma",
    weights: "open",
    licence: "Gemma Terms of Use",
    licenceRestrictions:
      "Gemma Prohibited Use Policy passes to derivatives; Google may restrict (remotely or otherwise) " +
      "usage it believes violates the terms.",
    // About 14T training tokens x 27B parameters: a few 10^24 FLOP.
    trainingCompute: "below-1e25",
    offeredAccessPaths: [...SELF_HOSTED, { path: "third_party_hosted", cloud: "google" }],
    source: "https://ai.google.dev/gemma/terms",
    sourceAsOf: CHECKED,
  },
  llama33: {
    name: "Llama 3.3 70B Instruct",
    vendor: VENDOR.meta.name,
    family: "Llama",
    catalogueKey: "meta-llama",
    weights: "open",
    licence: "Llama 3.3 Community License Agreement",
    licenceRestrictions:
      "Licensees with more than 700 million monthly active users must request a licence from Meta; " +
      "Acceptable Use Policy; \"Built with Llama\" attribution.",
    // About 15T tokens x 70B parameters: about 6-7 x 10^24 FLOP.
    trainingCompute: "below-1e25",
    offeredAccessPaths: [
      ...SELF_HOSTED,
      { path: "third_party_hosted", cloud: "amazon" },
      { path: "third_party_hosted", cloud: "microsoft" },
      { path: "third_party_hosted", cloud: "google" },
    ],
    source: "https://www.llama.com/llama3_3/license/",
    sourceAsOf: CHECKED,
  },
  mistralMedium3: {
    name: "Mistral Medium 3",
    vendor: VENDOR.mistral.name,
    family: "Mistral",
    catalogueKey: "mistral-large",
    weights: "closed",
    licence: "Mistral AI commercial terms",
    licenceRestrictions: "No public weights; self-deployment only for customers under a Mistral commercial licence.",
    trainingCompute: "unknown",
    offeredAccessPaths: [
      { path: "direct_api" },
      { path: "cloud_marketplace", cloud: "amazon" },
      { path: "cloud_marketplace", cloud: "microsoft" },
      { path: "cloud_marketplace", cloud: "google" },
    ],
    source: "https://mistral.ai/news/mistral-medium-3",
    sourceAsOf: CHECKED,
  },
  mistralLarge3: {
    name: "Mistral Large 3",
    vendor: VENDOR.mistral.name,
    family: "Mistral",
    // Open weights since Mistral 3 (Dec 2025): the catalogue's open Mistral family, not its closed "mistral-large".
    catalogueKey: "mistral-open",
    weights: "open",
    licence: "Apache-2.0",
    licenceRestrictions: null,
    trainingCompute: "unknown",
    offeredAccessPaths: [
      { path: "direct_api" },
      ...SELF_HOSTED,
      { path: "third_party_hosted", cloud: "amazon" },
      { path: "third_party_hosted", cloud: "microsoft" },
      { path: "third_party_hosted", cloud: "ovhcloud" },
    ],
    source: "https://mistral.ai/news/mistral-3",
    sourceAsOf: CHECKED,
  },
  mistralSmall3: {
    name: "Mistral Small 3",
    vendor: VENDOR.mistral.name,
    family: "Mistral",
    catalogueKey: "mistral-open",
    weights: "open",
    licence: "Apache-2.0",
    licenceRestrictions: null,
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "direct_api" }, ...SELF_HOSTED],
    source: "https://mistral.ai/news/mistral-small-3",
    sourceAsOf: CHECKED,
  },
  pharia: {
    name: "Pharia-1-LLM-7B-control",
    vendor: VENDOR.alephAlpha.name,
    family: "Pharia",
    catalogueKey: "aleph-alpha-pharia",
    weights: "open",
    licence: "Open Aleph License",
    licenceRestrictions:
      "Published weights allow non-commercial research and educational use only; commercial use needs a " +
      "PhariaAI licence from Aleph Alpha.",
    trainingCompute: "unknown",
    offeredAccessPaths: SELF_HOSTED,
    source: "https://huggingface.co/Aleph-Alpha/Pharia-1-LLM-7B-control",
    sourceAsOf: CHECKED,
  },
  qwen25: {
    name: "Qwen2.5-72B-Instruct",
    vendor: VENDOR.alibaba.name,
    family: "Qwen",
    catalogueKey: "alibaba-qwen",
    weights: "open",
    licence: "Qwen License Agreement",
    licenceRestrictions:
      "Licensees with more than 100 million monthly active users must request a licence from Alibaba Cloud; " +
      "\"Built with Qwen\" attribution. (Smaller Qwen2.5 sizes are Apache-2.0.)",
    // About 18T tokens x 72B parameters: about 8 x 10^24 FLOP.
    trainingCompute: "below-1e25",
    offeredAccessPaths: [{ path: "direct_api" }, ...SELF_HOSTED, { path: "third_party_hosted", cloud: "ovhcloud" }],
    source: "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct",
    sourceAsOf: CHECKED,
  },
  deepseekV3: {
    name: "DeepSeek-V3",
    vendor: VENDOR.deepseek.name,
    family: "DeepSeek",
    catalogueKey: "deepseek-v3-r1",
    weights: "open",
    licence: "MIT (code); DeepSeek Model License (weights)",
    licenceRestrictions:
      "DeepSeek Model License carries use-based restrictions (its Attachment A); the DeepSeek-V3-0324 " +
      "weights were re-released under MIT.",
    // Reported 2.788M H800 GPU hours; 37B active parameters x 14.8T tokens: about 3 x 10^24 FLOP.
    trainingCompute: "below-1e25",
    offeredAccessPaths: [{ path: "direct_api" }, ...SELF_HOSTED],
    source: "https://github.com/deepseek-ai/DeepSeek-V3",
    sourceAsOf: CHECKED,
  },
  commandRPlus: {
    name: "Command R+ (08-2024)",
    vendor: VENDOR.cohere.name,
    family: "Command",
    catalogueKey: "cohere-command",
    weights: "open",
    licence: "CC-BY-NC-4.0 (weights); Cohere terms of use (API)",
    licenceRestrictions:
      "Published weights are for non-commercial use only (plus Cohere Labs Acceptable Use Policy); " +
      "commercial use through Cohere's API, cloud marketplaces or a private deployment licence.",
    trainingCompute: "unknown",
    offeredAccessPaths: [
      { path: "direct_api" },
      { path: "cloud_marketplace", cloud: "amazon" },
      { path: "cloud_marketplace", cloud: "microsoft" },
      { path: "cloud_marketplace", cloud: "oracle" },
    ],
    source: "https://docs.cohere.com/docs/command-r-plus",
    sourceAsOf: CHECKED,
  },
  novaPro: {
    name: "Amazon Nova Pro",
    vendor: VENDOR.aws.name,
    family: "Nova",
    catalogueKey: "amazon-nova",
    weights: "closed",
    licence: "AWS Service Terms (Amazon Bedrock)",
    licenceRestrictions: "Available only through Amazon Bedrock; AWS Responsible AI Policy applies.",
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "cloud_marketplace", cloud: "amazon" }],
    source: "https://docs.aws.amazon.com/nova/latest/userguide/what-is-nova.html",
    sourceAsOf: CHECKED,
  },
  titanEmbeddings: {
    name: "Amazon Titan Text Embeddings V2",
    vendor: VENDOR.aws.name,
    family: "Titan",
    catalogueKey: null, // not in the engine's catalogue
    weights: "closed",
    licence: "AWS Service Terms (Amazon Bedrock)",
    licenceRestrictions: "Available only through Amazon Bedrock.",
    trainingCompute: "unknown",
    offeredAccessPaths: [{ path: "cloud_marketplace", cloud: "amazon" }],
    source: "https://docs.aws.amazon.com/bedrock/latest/userguide/titan-embedding-models.html",
    sourceAsOf: CHECKED,
  },
  phi4: {
    name: "Phi-4",
    vendor: VENDOR.microsoft.name,
    family: "Phi",
    catalogueKey: "microsoft-phi",
    weights: "open",
    licence: "MIT",
    licenceRestrictions: null,
    // About 9.8T tokens x 14B parameters: about 8 x 10^23 FLOP.
    trainingCompute: "below-1e25",
    offeredAccessPaths: [...SELF_HOSTED, { path: "third_party_hosted", cloud: "microsoft" }],
    source: "https://huggingface.co/microsoft/phi-4",
    sourceAsOf: CHECKED,
  },
} satisfies Record<string, DemoModel>;

// ---------------------------------------------------------------- catalogue: policy events

/** The US and its 18 allies: the AI diffusion rule's Tier 1. */
const AI_DIFFUSION_TIER1 = [
  "US", "AU", "BE", "CA", "DK", "FI", "FR", "DE", "IE", "IT", "JP", "NL", "NZ", "NO", "KR", "ES", "SE", "TW", "GB",
];
/** Tier 3: Country Group D:5 (arms-embargoed) and Macau, as in the engine's catalogue. */
const AI_DIFFUSION_TIER3 = [
  "AF", "BY", "MM", "KH", "CF", "CN", "CD", "CU", "ER", "HT", "IR", "IQ", "KP", "LB", "LY", "NI", "RU", "SO", "SS",
  "SD", "SY", "VE", "ZW", "MO",
];

/** The catalogue's key: the organisation's copy of a catalogue event keeps it. */
const AI_DIFFUSION_KEY = "us-ai-diffusion-rule-2025";

const AI_DIFFUSION_RULE: DemoPolicyEvent = {
  key: AI_DIFFUSION_KEY,
  fromCatalogue: true,
  title: "US Framework for Artificial Intelligence Diffusion (interim final rule, ECCN 4E091)",
  kind: "impose",
  type: "export_control",
  issuer: "US",
  // "This rule is effective January 13, 2025" (DATES section); published in the Federal Register
  // on 15 Jan 2025 as 90 FR 4544; compliance date 15 May 2025. (The catalogue gives the
  // publication date; the effective date is the one that matters for "in force on".)
  effectiveDate: "2025-01-13",
  expires: null,
  summary:
    "Controls closed model weights trained with more than 10^26 operations (ECCN 4E091). Holding such weights " +
    "outside the US and its 18 Tier 1 allies needs a licence; Tier 3 (arms-embargoed) destinations face a " +
    "presumption of denial. Published (open) weights and API use are not controlled.",
  scope: {
    weights: "closed",
    minTrainingCompute: "above-1e26",
    accessPaths: ["cloud-marketplace", "third-party-hosted", "self-hosted"],
  },
  restrictions: [
    { countries: { allExcept: AI_DIFFUSION_TIER1 }, locus: "hosting", severity: "licence-required" },
    { countries: { only: AI_DIFFUSION_TIER3 }, locus: "hosting", severity: "block" },
  ],
  source: "https://www.federalregister.gov/documents/2025/01/15/2025-00636/framework-for-artificial-intelligence-diffusion",
};

const AI_DIFFUSION_RESCISSION: DemoPolicyEvent = {
  key: "us-ai-diffusion-rule-2025-rescinded",
  fromCatalogue: true,
  title: "BIS rescinds the AI Diffusion Rule and will not enforce it",
  kind: "lift",
  effectiveDate: "2025-05-13",
  lifts: AI_DIFFUSION_KEY,
  summary: "The Bureau of Industry and Security announced it would not enforce the AI Diffusion rule and would rescind it.",
  source:
    "https://www.bis.gov/press-release/department-commerce-announces-rescission-biden-era-artificial-intelligence-diffusion-rule-strengthens",
};

const OPENAI_UNSUPPORTED_COUNTRIES: DemoPolicyEvent = {
  key: "openai-unsupported-countries-2024",
  fromCatalogue: true,
  title: "OpenAI blocks API traffic from unsupported countries",
  kind: "impose",
  type: "vendor_restriction",
  issuer: "vendor",
  effectiveDate: "2024-07-09",
  expires: null,
  summary:
    "OpenAI blocks API access from countries outside its supported list, including mainland China, Hong Kong " +
    "and Macau (subset recorded here).",
  scope: { vendors: ["openai"], accessPaths: ["direct-api"] },
  restrictions: [
    { countries: { only: ["CN", "HK", "MO", "RU", "IR", "KP", "SY", "CU"] }, locus: "users", severity: "block" },
  ],
  source: "https://platform.openai.com/docs/supported-countries",
};

const ANTHROPIC_SUPPORTED_REGIONS: DemoPolicyEvent = {
  key: "anthropic-supported-regions-2025",
  fromCatalogue: true,
  title: "Anthropic regional restrictions (unsupported regions and entities controlled from them)",
  kind: "impose",
  type: "vendor_restriction",
  issuer: "vendor",
  effectiveDate: "2025-09-05",
  expires: null,
  summary:
    "Anthropic does not serve users in unsupported regions and, from 5 September 2025, refuses entities " +
    "majority-owned from China, Russia, Iran and North Korea (ownership test not modelled; subset recorded here).",
  scope: { vendors: ["anthropic"], accessPaths: ["direct-api"] },
  restrictions: [{ countries: { only: ["CN", "RU", "IR", "KP"] }, locus: "users", severity: "block" }],
  source: "https://www.anthropic.com/news/updating-restrictions-of-sales-to-unsupported-regions",
};

// Extraterritorial access laws (US CLOUD Act, PRC National Intelligence Law) are country reference
// data in the engine (scoring/catalogue/countries.json), not policy events: not repeated here.

// ---------------------------------------------------------------- Mainfeld Maschinenbau AG

const OFFICE = {
  frankfurt: "Frankfurt HQ",
  munich: "Munich R&D",
  lyon: "Lyon plant",
  manchester: "Manchester sales office",
  chicago: "Chicago office",
  nagoya: "Nagoya office",
  singapore: "Singapore APAC hub",
  pune: "Pune engineering centre",
  saoPaulo: "São Paulo plant",
} as const;

const SYSTEM = {
  support: "Customer support assistant",
  code: "Code assistant",
  docSearch: "Engineering document search",
  fraud: "Invoice fraud detection",
  maintenance: "Predictive maintenance assistant",
  hr: "HR policy chatbot",
  contracts: "Contract review",
  salesEmail: "Sales email drafting",
  supplierRisk: "Supplier risk screening",
  translation: "Translation service",
  inspection: "Quality-inspection vision model",
  boardPack: "Board-pack summariser",
} as const;

const FRANKFURT_DC = "fra-dc1";

/** The 27 EU member states (for scenario regions). */
const EU_MEMBER_STATES = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
  "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

const DEP = {
  supportGpt5: { system: SYSTEM.support, model: MODEL.gpt5.name, accessPath: "direct_api" },
  codeClaude: { system: SYSTEM.code, model: MODEL.claudeSonnet.name, accessPath: "cloud_marketplace" },
  fraudGemini: { system: SYSTEM.fraud, model: MODEL.gemini25Pro.name, accessPath: "cloud_marketplace" },
  maintenanceGpt41: { system: SYSTEM.maintenance, model: MODEL.gpt41.name, accessPath: "cloud_marketplace" },
  contractsClaude: { system: SYSTEM.contracts, model: MODEL.claudeSonnet.name, accessPath: "direct_api" },
  supplierDeepseek: { system: SYSTEM.supplierRisk, model: MODEL.deepseekV3.name, accessPath: "direct_api" },
  salesEmailGpt41: { system: SYSTEM.salesEmail, model: MODEL.gpt41.name, accessPath: "direct_api" },
  codeGpt5: { system: SYSTEM.code, model: MODEL.gpt5.name, accessPath: "direct_api" },
  docSearchTitan: { system: SYSTEM.docSearch, model: MODEL.titanEmbeddings.name, accessPath: "cloud_marketplace" },
  translationQwen: { system: SYSTEM.translation, model: MODEL.qwen25.name, accessPath: "third_party_hosted" },
  boardPackMistral: { system: SYSTEM.boardPack, model: MODEL.mistralLarge3.name, accessPath: "third_party_hosted" },
} satisfies Record<string, DependencyRef>;

const MAINFELD: DemoOrganisation = {
  slug: DEMO_ORG_SLUGS.mainfeld,
  name: "Mainfeld Maschinenbau AG",
  hqCountry: "DE",
  sector: "Industrial manufacturing",
  regimes: ["eu-ai-act", "gdpr", "nis2"],
  // A German company: the EU-US Data Privacy Framework certifies US organisations only.
  dpfCertified: false,
  offices: [
    {
      name: OFFICE.frankfurt,
      country: "DE",
      city: "Frankfurt am Main",
      headcount: 2450,
      teams: ["Executive board", "Finance", "Legal", "HR", "Procurement", "Platform", "Data science", "Customer service"],
    },
    {
      name: OFFICE.munich,
      country: "DE",
      city: "Munich",
      headcount: 1180,
      teams: ["R&D", "Engineering", "Data science", "Platform"],
    },
    {
      name: OFFICE.lyon,
      country: "FR",
      city: "Lyon",
      headcount: 1760,
      teams: ["Production", "Quality", "Maintenance", "Technical documentation", "Customer service"],
    },
    { name: OFFICE.manchester, country: "GB", city: "Manchester", headcount: 310, teams: ["Sales", "Customer service"] },
    {
      name: OFFICE.chicago,
      country: "US",
      city: "Chicago",
      headcount: 540,
      teams: ["Sales", "Service engineering", "Customer service", "Legal", "Engineering"],
    },
    { name: OFFICE.nagoya, country: "JP", city: "Nagoya", headcount: 420, teams: ["Sales", "Service engineering", "Quality"] },
    {
      name: OFFICE.singapore,
      country: "SG",
      city: "Singapore",
      headcount: 260,
      teams: ["Sales", "Customer service", "Procurement", "Finance"],
    },
    {
      name: OFFICE.pune,
      country: "IN",
      city: "Pune",
      headcount: 1320,
      teams: ["Engineering", "Platform", "Data science", "Procurement"],
    },
    {
      name: OFFICE.saoPaulo,
      country: "BR",
      city: "São Paulo",
      headcount: 1580,
      teams: ["Production", "Quality", "Maintenance", "Customer service"],
    },
  ],
  vendors: [
    VENDOR.anthropic,
    VENDOR.openai,
    VENDOR.google,
    VENDOR.meta,
    VENDOR.microsoft,
    VENDOR.aws,
    VENDOR.mistral,
    VENDOR.alephAlpha,
    VENDOR.alibaba,
    VENDOR.deepseek,
    VENDOR.cohere,
    VENDOR.ovhcloud,
  ],
  models: [
    MODEL.claudeSonnet,
    MODEL.gpt41,
    MODEL.gpt5,
    MODEL.gemini25Pro,
    MODEL.gemma3,
    MODEL.llama33,
    MODEL.mistralMedium3,
    MODEL.mistralLarge3,
    MODEL.mistralSmall3,
    MODEL.pharia,
    MODEL.qwen25,
    MODEL.deepseekV3,
    MODEL.commandRPlus,
    MODEL.novaPro,
    MODEL.titanEmbeddings,
  ],
  aiSystems: [
    {
      name: SYSTEM.support,
      description:
        "Answers customers' service questions on the portal and drafts replies for agents. A local model " +
        "redacts personal data before the request goes to GPT-5.",
      owner: "Sabine Hofmann, Head of Customer Service",
      criticality: "high",
      toleratedDowntimeMinutes: 60,
      usersServed: 38000,
      offices: [OFFICE.frankfurt, OFFICE.lyon, OFFICE.manchester, OFFICE.chicago, OFFICE.singapore, OFFICE.saoPaulo],
      teams: ["Customer service"],
      dataSensitivity: "personal",
    },
    {
      name: SYSTEM.code,
      description: "IDE assistant for the platform, machine-software and data teams.",
      owner: "Markus Lehmann, Head of Platform Engineering",
      criticality: "medium",
      toleratedDowntimeMinutes: 480,
      usersServed: 1850,
      offices: [OFFICE.frankfurt, OFFICE.munich, OFFICE.pune, OFFICE.chicago],
      teams: ["Platform", "Engineering", "Data science", "R&D"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.docSearch,
      description:
        "Retrieval-augmented search over drawings, specifications and service manuals (about 2.4 million documents).",
      owner: "Dr. Anna Keller, Head of R&D Knowledge Management",
      criticality: "high",
      toleratedDowntimeMinutes: 240,
      usersServed: 3900,
      offices: [OFFICE.frankfurt, OFFICE.munich, OFFICE.lyon, OFFICE.nagoya, OFFICE.pune, OFFICE.saoPaulo],
      teams: ["R&D", "Engineering", "Technical documentation", "Service engineering", "Maintenance", "Quality"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.fraud,
      description: "Flags duplicate, altered and out-of-pattern supplier invoices before payment runs.",
      owner: "Claudia Fischer, Head of Finance Operations",
      criticality: "high",
      toleratedDowntimeMinutes: 720,
      usersServed: 140,
      offices: [OFFICE.frankfurt, OFFICE.lyon, OFFICE.singapore],
      teams: ["Finance", "Procurement"],
      dataSensitivity: "regulated",
    },
    {
      name: SYSTEM.maintenance,
      description:
        "Turns machine sensor alerts into diagnoses and step-by-step repair guidance for technicians on the shop floor.",
      owner: "Thomas Brenner, VP Manufacturing Operations",
      criticality: "critical",
      toleratedDowntimeMinutes: 30,
      usersServed: 2700,
      offices: [OFFICE.lyon, OFFICE.saoPaulo, OFFICE.nagoya],
      teams: ["Maintenance", "Production", "Service engineering"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.hr,
      description: "Answers employees' questions on leave, travel and works-council agreements from HR policy documents.",
      owner: "Miriam Schulz, HR Director",
      criticality: "low",
      toleratedDowntimeMinutes: 2880,
      usersServed: 5400,
      offices: [OFFICE.frankfurt, OFFICE.munich, OFFICE.lyon],
      teams: ["HR"],
      dataSensitivity: "special_category",
    },
    {
      name: SYSTEM.contracts,
      description: "First-pass review of customer and supplier contracts against the legal playbook.",
      owner: "Dr. Katrin Vogel, General Counsel",
      criticality: "high",
      toleratedDowntimeMinutes: 1440,
      usersServed: 70,
      offices: [OFFICE.frankfurt, OFFICE.chicago, OFFICE.manchester],
      teams: ["Legal", "Sales"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.salesEmail,
      description: "Drafts follow-up emails and quotes' cover letters from CRM notes.",
      owner: "Oliver Grant, Chief Sales Officer",
      criticality: "low",
      toleratedDowntimeMinutes: 1440,
      usersServed: 620,
      offices: [OFFICE.manchester, OFFICE.chicago, OFFICE.nagoya, OFFICE.singapore],
      teams: ["Sales"],
      dataSensitivity: "personal",
    },
    {
      name: SYSTEM.supplierRisk,
      description:
        "Screens suppliers' filings, news and sanctions lists (including Chinese-language sources) and summarises risks.",
      owner: "Rajesh Iyer, Head of Global Procurement",
      criticality: "medium",
      toleratedDowntimeMinutes: 1440,
      usersServed: 180,
      offices: [OFFICE.pune, OFFICE.singapore, OFFICE.frankfurt],
      teams: ["Procurement"],
      dataSensitivity: "personal",
    },
    {
      name: SYSTEM.translation,
      description: "Translates service manuals and technical documentation into 14 languages, including Japanese and Portuguese.",
      owner: "Élodie Martin, Head of Technical Documentation",
      criticality: "medium",
      toleratedDowntimeMinutes: 480,
      usersServed: 4200,
      offices: [OFFICE.lyon, OFFICE.munich, OFFICE.nagoya, OFFICE.pune, OFFICE.saoPaulo],
      teams: ["Technical documentation", "Service engineering"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.inspection,
      description: "Detects surface and weld defects on camera images at the end of the Lyon assembly lines.",
      owner: "Julien Moreau, Plant Quality Manager, Lyon",
      criticality: "critical",
      toleratedDowntimeMinutes: 15,
      usersServed: 340,
      offices: [OFFICE.lyon],
      teams: ["Quality", "Production"],
      dataSensitivity: "trade_secret",
    },
    {
      name: SYSTEM.boardPack,
      description: "Summarises board and supervisory-board packs, including inside information, for members' briefings.",
      owner: "Dr. Friedrich Albers, Company Secretary",
      criticality: "medium",
      toleratedDowntimeMinutes: 2880,
      usersServed: 24,
      offices: [OFFICE.frankfurt],
      teams: ["Executive board"],
      dataSensitivity: "regulated",
    },
  ],
  dependencies: [
    {
      ...DEP.supportGpt5,
      cloudVendor: null,
      hostingCountry: "US",
      hostingRegion: "us",
      dataSent: ["personal", "internal"],
      contract: { dataResidency: false, exitTerms: false },
      notes: "OpenAI API with default (US) data residency; EU data residency not enabled.",
    },
    {
      system: SYSTEM.support,
      model: MODEL.mistralSmall3.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      dataSent: ["personal"],
      notes: "Redacts names, emails and phone numbers before the GPT-5 call.",
    },
    {
      ...DEP.codeClaude,
      cloudVendor: VENDOR.aws.name,
      hostingCountry: "DE",
      hostingRegion: "eu-central-1",
      dataSent: ["trade_secret"],
      exitPlan: { documented: true, reviewedDaysAgo: 62 },
      contract: { dataResidency: true, exitTerms: true },
      notes: "Amazon Bedrock, Frankfurt region (in-region inference profile only).",
    },
    {
      system: SYSTEM.code,
      model: MODEL.gpt5.name,
      accessPath: "direct_api",
      cloudVendor: null,
      hostingCountry: "US",
      hostingRegion: "us",
      dataSent: ["trade_secret"],
      notes: "Offered as a second model choice in the IDE plug-in.",
    },
    {
      system: SYSTEM.docSearch,
      model: MODEL.llama33.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      dataSent: ["trade_secret", "internal"],
      notes: "vLLM on 8 x H100 in the Frankfurt data centre.",
    },
    {
      system: SYSTEM.docSearch,
      model: MODEL.titanEmbeddings.name,
      accessPath: "cloud_marketplace",
      cloudVendor: VENDOR.aws.name,
      hostingCountry: "DE",
      hostingRegion: "eu-central-1",
      dataSent: ["trade_secret"],
      contract: { dataResidency: true, exitTerms: true },
      notes: "Embeddings for the vector index; re-indexing needs the same embedding model.",
    },
    {
      ...DEP.fraudGemini,
      cloudVendor: VENDOR.google.name,
      hostingCountry: "DE",
      hostingRegion: "europe-west3",
      dataSent: ["personal", "regulated"],
      exitPlan: { documented: true, reviewedDaysAgo: 150 },
      contract: { dataResidency: true, exitTerms: true },
      notes: "Vertex AI, Frankfurt region.",
    },
    {
      ...DEP.maintenanceGpt41,
      cloudVendor: VENDOR.microsoft.name,
      hostingCountry: "SE",
      hostingRegion: "swedencentral",
      dataSent: ["internal", "trade_secret"],
      exitPlan: { documented: true, reviewedDaysAgo: 14 },
      contract: { dataResidency: true, exitTerms: true },
      notes: "Azure OpenAI, Sweden Central (regional deployment, EU Data Boundary).",
    },
    {
      system: SYSTEM.hr,
      model: MODEL.pharia.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      dataSent: ["personal", "special_category"],
      notes: "Runs under Mainfeld's PhariaAI enterprise licence (the Open Aleph License covers non-commercial use only).",
    },
    {
      ...DEP.contractsClaude,
      cloudVendor: null,
      hostingCountry: "US",
      hostingRegion: "us",
      dataSent: ["trade_secret", "personal"],
      contract: { dataResidency: false, exitTerms: false },
      notes: null,
    },
    {
      system: SYSTEM.salesEmail,
      model: MODEL.gpt41.name,
      accessPath: "direct_api",
      cloudVendor: null,
      hostingCountry: "US",
      hostingRegion: "us",
      dataSent: ["personal"],
      notes: null,
    },
    {
      ...DEP.supplierDeepseek,
      cloudVendor: null,
      hostingCountry: "CN",
      hostingRegion: null,
      dataSent: ["personal", "internal"],
      contract: { dataResidency: false, exitTerms: false },
      notes: "Chosen by the Pune team for Chinese-language sources; no DPA signed.",
    },
    {
      system: SYSTEM.supplierRisk,
      model: MODEL.novaPro.name,
      accessPath: "cloud_marketplace",
      cloudVendor: VENDOR.aws.name,
      hostingCountry: "DE",
      hostingRegion: "eu-central-1",
      dataSent: ["internal"],
      contract: { dataResidency: true, exitTerms: true },
      notes: "Summaries of English-language sources.",
    },
    {
      system: SYSTEM.translation,
      model: MODEL.qwen25.name,
      accessPath: "third_party_hosted",
      cloudVendor: VENDOR.ovhcloud.name,
      hostingCountry: "FR",
      hostingRegion: "gra",
      dataSent: ["internal", "trade_secret", "personal"],
      contract: { dataResidency: true, exitTerms: null },
      notes: "OVHcloud GPU instances, Gravelines.",
    },
    {
      system: SYSTEM.inspection,
      model: MODEL.gemma3.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "FR",
      hostingRegion: "lyon-plant-edge",
      dataSent: ["trade_secret"],
      notes: "Fine-tuned on defect images; runs on edge GPUs in the Lyon plant.",
    },
    {
      system: SYSTEM.boardPack,
      model: MODEL.mistralLarge3.name,
      accessPath: "third_party_hosted",
      cloudVendor: VENDOR.ovhcloud.name,
      hostingCountry: "FR",
      hostingRegion: "gra",
      dataSent: ["trade_secret", "regulated"],
      contract: { dataResidency: true, exitTerms: true },
      notes: "Dedicated OVHcloud bare-metal GPU servers, Gravelines.",
    },
  ],
  fallbacks: [
    {
      // Same jurisdictional choke point: OpenAI's model through Microsoft, both US-headquartered.
      dependency: DEP.supportGpt5,
      model: MODEL.gpt5.name,
      accessPath: "cloud_marketplace",
      cloudVendor: VENDOR.microsoft.name,
      hostingCountry: "SE",
      hostingRegion: "swedencentral",
      lastTestedDaysAgo: 21,
      switchTimeMinutes: 20,
      qualityParityChecked: true,
      exitPlan: null,
      exitPlanUrl: null,
    },
    {
      // Put in place after the US restriction on Anthropic's models cut the code assistant off
      // (the remediation plan records it): not in the assessment frozen before the restriction.
      dependency: DEP.codeClaude,
      model: MODEL.llama33.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      addedOn: "2026-03-24",
      lastTestedDaysAgo: 35,
      switchTimeMinutes: 30,
      qualityParityChecked: false,
      exitPlan:
        "Point the IDE plug-in's model setting at the Llama 3.3 70B endpoint in fra-dc1 (shared with engineering " +
        "document search); completions degrade for niche languages. Reviewed by Platform Engineering.",
      exitPlanUrl: "https://wiki.mainfeld.example/it/exit-plans/code-assistant",
    },
    {
      dependency: DEP.maintenanceGpt41,
      model: MODEL.mistralSmall3.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      lastTestedDaysAgo: 14,
      switchTimeMinutes: 15,
      qualityParityChecked: true,
      exitPlan:
        "Switch the maintenance assistant's model route to the Mistral Small 3 endpoint in fra-dc1 (feature flag " +
        "maintenance.llm.route). Diagnosis prompts are model-neutral; the evaluation set of 400 historical " +
        "alerts is re-run after each switch. Reviewed quarterly by Manufacturing IT; last drill passed.",
      exitPlanUrl: "https://wiki.mainfeld.example/it/exit-plans/predictive-maintenance",
    },
    {
      dependency: DEP.contractsClaude,
      model: MODEL.mistralLarge3.name,
      accessPath: "third_party_hosted",
      cloudVendor: VENDOR.ovhcloud.name,
      hostingCountry: "FR",
      hostingRegion: "gra",
      lastTestedDaysAgo: null,
      switchTimeMinutes: 480,
      qualityParityChecked: false,
      exitPlan: "Route contract reviews to the board-pack summariser's Mistral Large 3 servers; playbook prompts to be ported.",
      exitPlanUrl: null,
    },
    {
      dependency: DEP.supplierDeepseek,
      model: MODEL.deepseekV3.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      lastTestedDaysAgo: null,
      switchTimeMinutes: null,
      qualityParityChecked: false,
      exitPlan: null,
      exitPlanUrl: null,
    },
    {
      dependency: DEP.fraudGemini,
      model: MODEL.llama33.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "DE",
      hostingRegion: FRANKFURT_DC,
      lastTestedDaysAgo: 150,
      switchTimeMinutes: 120,
      qualityParityChecked: true,
      exitPlan:
        "Batch scoring moves to Llama 3.3 70B in fra-dc1; the rules engine keeps blocking the top 1% of invoices " +
        "while the model is switched. Finance signs off on the precision check before the next payment run.",
      exitPlanUrl: "https://wiki.mainfeld.example/finance/exit-plans/invoice-fraud",
    },
  ],
  dataFlows: [
    {
      name: "Customer chats to OpenAI API (US)",
      fromOffice: OFFICE.frankfurt,
      dependency: DEP.supportGpt5,
      system: SYSTEM.support,
      dataCategories: ["personal", "internal"],
      volume: "high",
      // OpenAI is DPF-certified, but Mainfeld's data processing addendum relies on the SCCs.
      transferMechanism: "scc",
      encryption: "in_transit",
    },
    {
      name: "Manchester CRM notes to OpenAI API (US)",
      fromOffice: OFFICE.manchester,
      dependency: DEP.salesEmailGpt41,
      dataCategories: ["personal"],
      volume: "medium",
      // UK Extension to the EU-US Data Privacy Framework ("UK-US data bridge").
      transferMechanism: "adequacy",
      encryption: "in_transit",
    },
    {
      name: "Singapore customer enquiries to OpenAI API (US)",
      fromOffice: OFFICE.singapore,
      dependency: DEP.supportGpt5,
      dataCategories: ["personal"],
      volume: "medium",
      transferMechanism: "scc",
      encryption: "in_transit",
    },
    {
      name: "Source code to Amazon Bedrock Frankfurt",
      fromOffice: OFFICE.munich,
      dependency: DEP.codeClaude,
      system: SYSTEM.code,
      dataCategories: ["trade_secret"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "customer_managed_keys",
    },
    {
      name: "Chicago source code to OpenAI API (US)",
      fromOffice: OFFICE.chicago,
      dependency: DEP.codeGpt5,
      dataCategories: ["trade_secret"],
      volume: "medium",
      transferMechanism: "not_required",
      encryption: "in_transit",
    },
    {
      name: "Engineering documents to Titan embeddings (Frankfurt)",
      fromOffice: OFFICE.munich,
      dependency: DEP.docSearchTitan,
      system: SYSTEM.docSearch,
      dataCategories: ["trade_secret"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "customer_managed_keys",
    },
    {
      name: "Supplier invoices to Vertex AI Frankfurt",
      fromOffice: OFFICE.frankfurt,
      dependency: DEP.fraudGemini,
      system: SYSTEM.fraud,
      dataCategories: ["personal", "regulated"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "Sensor alerts to Azure OpenAI Sweden Central",
      fromOffice: OFFICE.lyon,
      dependency: DEP.maintenanceGpt41,
      system: SYSTEM.maintenance,
      dataCategories: ["internal", "trade_secret"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "São Paulo plant alerts to Azure OpenAI Sweden Central",
      fromOffice: OFFICE.saoPaulo,
      dependency: DEP.maintenanceGpt41,
      dataCategories: ["internal"],
      volume: "medium",
      // ANPD standard contractual clauses (Brazil, LGPD).
      transferMechanism: "scc",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "Contracts to Anthropic API (US)",
      fromOffice: OFFICE.frankfurt,
      dependency: DEP.contractsClaude,
      system: SYSTEM.contracts,
      dataCategories: ["trade_secret", "personal"],
      volume: "medium",
      transferMechanism: "scc",
      encryption: "in_transit",
    },
    {
      // Finding: personal data of EU supplier contacts to China with no transfer mechanism at all.
      name: "Supplier dossiers to DeepSeek API (China)",
      fromOffice: OFFICE.frankfurt,
      dependency: DEP.supplierDeepseek,
      system: SYSTEM.supplierRisk,
      dataCategories: ["personal", "internal"],
      volume: "low",
      transferMechanism: "none",
      encryption: "in_transit",
    },
    {
      name: "Manuals to OVHcloud Gravelines for translation",
      fromOffice: OFFICE.lyon,
      dependency: DEP.translationQwen,
      system: SYSTEM.translation,
      dataCategories: ["internal", "trade_secret", "personal"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "Nagoya service reports to OVHcloud Gravelines",
      fromOffice: OFFICE.nagoya,
      dependency: DEP.translationQwen,
      dataCategories: ["internal", "personal"],
      volume: "medium",
      // EU-Japan mutual adequacy.
      transferMechanism: "adequacy",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "Board packs to OVHcloud Gravelines",
      fromOffice: OFFICE.frankfurt,
      dependency: DEP.boardPackMistral,
      system: SYSTEM.boardPack,
      dataCategories: ["trade_secret", "regulated"],
      volume: "low",
      transferMechanism: "not_required",
      encryption: "customer_managed_keys",
    },
  ],
  policyEvents: [
    AI_DIFFUSION_RULE,
    AI_DIFFUSION_RESCISSION,
    OPENAI_UNSUPPORTED_COUNTRIES,
    ANTHROPIC_SUPPORTED_REGIONS,
    {
      // Hypothetical, dated in the future so that it is not in force today: for scenario work.
      key: "mainfeld-hypothetical-ofac-deepseek-2027",
      fromCatalogue: false,
      title: "Hypothetical: OFAC lists DeepSeek as a Specially Designated National",
      kind: "impose",
      type: "sanction",
      issuer: "US",
      effectiveDate: "2027-03-01",
      expires: null,
      summary:
        "Sanctions bind US persons: supplier risk screening could never be rolled out to the Chicago office, and " +
        "US-owned clouds would stop hosting DeepSeek's API.",
      scope: { vendors: [VENDOR.deepseek.catalogueKey], accessPaths: ["direct-api"] },
      restrictions: [{ countries: { only: ["US"] }, locus: "users", severity: "block" }],
      source: "Hypothetical event for Mainfeld's scenario planning (Q4 2026 board workshop); no such measure exists.",
    },
  ],
  scenarios: [
    {
      name: "OpenAI blocked for Germany and France",
      description:
        "Board tabletop: OpenAI's models become unavailable to users in Germany and France overnight. Which " +
        "systems stop, which recover through a tested fallback, and how fast?",
      shocks: [{ type: "vendor-blocked", vendor: VENDOR.openai.catalogueKey, countries: { only: ["DE", "FR"] } }],
      asOf: null,
      createdBy: DANA,
    },
    {
      name: "Transatlantic cut-off with AWS Frankfurt down",
      description:
        "Stress test for the supervisory board: US-headquartered vendors' closed models become unavailable in the " +
        "EU while AWS loses its Frankfurt region, on the day the hypothetical DeepSeek sanctions take effect.",
      shocks: [
        { type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: EU_MEMBER_STATES } },
        { type: "cloud-region-lost", cloud: VENDOR.aws.catalogueKey, region: "eu-central-1", country: "DE" },
      ],
      asOf: "2027-03-01",
      createdBy: PRIYA,
    },
  ],
  remediationActions: [
    {
      title: "Stop sending supplier dossiers to DeepSeek's API or put a transfer mechanism in place",
      description:
        "Personal data of supplier contacts goes to China with no transfer mechanism and no DPA. Switch supplier " +
        "risk screening to the self-hosted DeepSeek-V3 fallback or remove personal data from the prompts.",
      origin: "engine",
      findingKey: "data_flow.transfer_mechanism_missing/supplier-dossiers-deepseek",
      target: { type: "vendor", vendor: VENDOR.deepseek.name },
      owner: PRIYA,
      dueInDays: -12,
      status: "in_progress",
      priority: "critical",
      expectedGain: 4,
      achievedGain: null,
      closedDaysAgo: null,
    },
    {
      title: "Add a non-US fallback for the customer support assistant",
      description:
        "The Azure OpenAI fallback shares OpenAI's US jurisdiction: a US measure against OpenAI would take out " +
        "both paths. Qualify Mistral Large 3 (self-hosted) and run a drill.",
      origin: "engine",
      findingKey: "fallback.same_choke_point/customer-support-gpt-5",
      target: { type: "dependency", dependency: DEP.supportGpt5 },
      owner: JONAS,
      dueInDays: 45,
      status: "open",
      priority: "high",
      expectedGain: 6,
      achievedGain: null,
      closedDaysAgo: null,
    },
    {
      title: "Run a first failover drill for contract review",
      description:
        "The Mistral Large 3 fallback has never been tested and its switch time is an estimate. While the US " +
        "restriction on Anthropic's models was in force (March to July 2026), contract review was off for Frankfurt " +
        "and Manchester: an untested fallback could not carry them.",
      origin: "engine",
      findingKey: "fallback.untested/contract-review-claude",
      target: { type: "dependency", dependency: DEP.contractsClaude },
      owner: JONAS,
      dueInDays: 30,
      status: "open",
      priority: "medium",
      expectedGain: 2.5,
      achievedGain: null,
      closedDaysAgo: null,
    },
    {
      title: "Re-test the invoice fraud detection fallback",
      description: "The last drill to Llama 3.3 70B was about five months ago; the policy asks for one per quarter.",
      origin: "engine",
      findingKey: "fallback.stale_test/invoice-fraud-gemini",
      target: { type: "dependency", dependency: DEP.fraudGemini },
      owner: PRIYA,
      dueInDays: 14,
      status: "open",
      priority: "medium",
      expectedGain: 1.5,
      achievedGain: null,
      closedDaysAgo: null,
    },
    {
      title: "Enable OpenAI's EU data residency for API projects",
      description: "Customer chats and CRM notes are processed in the US by default.",
      origin: "manual",
      findingKey: null,
      target: { type: "vendor", vendor: VENDOR.openai.name },
      owner: JONAS,
      dueInDays: 60,
      status: "open",
      priority: "medium",
      expectedGain: 2,
      achievedGain: null,
      closedDaysAgo: null,
    },
    {
      title: "Give the predictive maintenance assistant a tested self-hosted fallback",
      description: "Done: Mistral Small 3 in fra-dc1, drill passed with quality parity.",
      origin: "engine",
      findingKey: "fallback.missing/predictive-maintenance-gpt-4.1",
      target: { type: "ai_system", system: SYSTEM.maintenance },
      owner: JONAS,
      dueInDays: -7,
      status: "done",
      priority: "critical",
      expectedGain: 5,
      achievedGain: 4.2,
      closedDaysAgo: 14,
    },
    {
      title: "Give the code assistant a tested self-hosted fallback (Llama 3.3 70B in fra-dc1)",
      description:
        "The US restriction on Anthropic's models (in force from 2 March 2026, an estimated date) switched the code " +
        "assistant off for every office: Amazon Bedrock geo-fences Claude outside the US. Point the IDE plug-in at " +
        "the Llama 3.3 70B endpoint that engineering document search already runs in fra-dc1, and drill the switch. " +
        "Done on 27 March 2026: the drill passed in 30 minutes.",
      origin: "engine",
      findingKey: "jurisdiction.switched-off/code-assistant-claude",
      target: { type: "dependency", dependency: DEP.codeClaude },
      owner: JONAS,
      dueInDays: null,
      status: "done",
      priority: "critical",
      expectedGain: 2.5,
      achievedGain: null,
      closedDaysAgo: null,
      openedOn: "2026-03-04",
      closedOn: "2026-03-27",
      measureGain: true,
    },
    {
      title: "Buy Claude for Frankfurt and Manchester through a European reseller",
      description:
        "Considered while the restriction was in force. Not done: the restriction reaches the model wherever it is " +
        "resold or hosted, and the US lifted it for allied nations (Germany and the United Kingdom among them) on " +
        "13 July 2026 (estimated date).",
      origin: "manual",
      findingKey: null,
      target: { type: "vendor", vendor: VENDOR.anthropic.name },
      owner: PRIYA,
      dueInDays: null,
      status: "wont_do",
      priority: "high",
      expectedGain: 0,
      achievedGain: null,
      closedDaysAgo: null,
      openedOn: "2026-03-09",
      closedOn: "2026-07-20",
    },
    {
      title: "Keep the code assistant's Pune users on the Llama fallback while Anthropic stays restricted in India",
      description:
        "The lifting of 13 July 2026 (estimated date) covers allied nations only: India stays cut off from Claude, " +
        "so the Pune engineering centre's developers run on the Llama 3.3 fallback in fra-dc1. Confirm with AWS " +
        "and Anthropic each quarter whether that has changed, and keep the fallback drilled.",
      origin: "manual",
      findingKey: null,
      target: { type: "vendor", vendor: VENDOR.anthropic.name },
      owner: JONAS,
      dueInDays: 40,
      status: "in_progress",
      priority: "high",
      expectedGain: 0,
      achievedGain: null,
      closedDaysAgo: null,
      openedOn: "2026-07-14",
    },
  ],
  history: [
    {
      asOf: "2026-02-16",
      frozenAt: "2026-02-16T09:40:00Z",
      frozenBy: PRIYA,
      note: "Q1 baseline for the supervisory board's AI-sovereignty review.",
    },
    {
      asOf: "2026-05-04",
      frozenAt: "2026-05-04T14:05:00Z",
      frozenBy: PRIYA,
      note: "While the US restriction on Anthropic's models is in force: the code assistant runs on its new Llama fallback; contract review is off for Frankfurt and Manchester.",
    },
    {
      asOf: "2026-09-07",
      frozenAt: "2026-09-07T08:15:00Z",
      frozenBy: DANA,
      note: "After the US lifted the restriction for allied nations: the code assistant's users in Pune (India) stay cut off from Claude and run on the Llama fallback.",
    },
  ],
  boardReportOf: "2026-09-07",
  workshop: {
    title: "After the lifting: AI sovereignty review",
    attendees: ["Dana Okafor (CEO)", "Jonas Weber (CTO)", "Priya Raman (risk officer)", "Mara Lindqvist (facilitator, Northbridge Advisory)"],
    facilitator: JONAS,
    of: "2026-09-07",
    startedAt: "2026-09-07T06:40:00Z",
    endedAt: "2026-09-07T08:15:00Z",
    agreed: ["Enable OpenAI's EU data residency for API projects"],
    toVerify: [{ system: SYSTEM.contracts, question: "Does the Anthropic contract still name the US as the only hosting region after the lifting?", owner: "Legal (Priya Raman)" }],
  },
  questionnaire: {
    title: "Which AI do you use at Mainfeld?",
    madeBy: JONAS,
    madeDaysAgo: 5,
    days: 21,
    answers: [
      {
        respondentName: "Lena Hoffmann",
        respondentEmail: "lena.hoffmann@mainfeld.example",
        team: "Customer service, Hamburg",
        hoursAgo: 70,
        items: [
          { systemName: "ChatGPT Team", purpose: "Drafting replies to delayed-shipment complaints", vendorName: "OpenAI", modelName: "GPT-4o", dataNote: "Customer names and tracking numbers" },
          { systemName: "Customer support assistant", purpose: "Suggested answers in the ticket tool", dataNote: "Ticket text" },
        ],
      },
      {
        respondentName: "Arjun Mehta",
        team: "Engineering, Pune",
        hoursAgo: 26,
        items: [
          { systemName: "GitHub Copilot", purpose: "Code completion in the route-planning service", vendorName: "GitHub (Microsoft)", dataNote: "Source code" },
          { systemName: "DeepL", purpose: "Translating supplier contracts from German", vendorName: "DeepL", dataNote: "Supplier contracts" },
        ],
      },
    ],
  },
  // Mainfeld is a company, not a public authority, so Art. 49(3) does not oblige it to register: its
  // HR team drafted the registration of the HR chatbot for the works council, who asked what a
  // registration would say. Half done, so the demo shows answers and what is missing side by side.
  aiActRegistrations: [
    {
      system: SYSTEM.hr,
      annexIIIArea: "4",
      deployerName: "Mainfeld Maschinenbau AG",
      deployerAddress: "Mainzer Landstraße 180\n60327 Frankfurt am Main\nGermany",
      deployerContact: "ai-compliance@mainfeld.example, +49 69 2400 1180",
      submitterName: "Miriam Schulz, HR Director",
      submitterAddress: "",
      submitterContact: "",
      providerEuDatabaseUrl: "",
      friaSummary:
        "Assessed with the works council in June 2026. The chatbot answers questions on leave, travel and works-council agreements; it takes no decision about anyone. " +
        "Risks found: outdated answers after a policy change, and employees sharing health details in questions. Measures: answers cite the policy and its date, HR reviews the sources monthly, questions are not stored beyond 30 days.",
      dpiaSummary: "",
      dpiaNotApplicable: false,
    },
  ],
};

// ---------------------------------------------------------------- Albion Mutual Bank plc

const ALBION_OFFICE = { london: "London head office", edinburgh: "Edinburgh operations centre" } as const;
const ALBION_SYSTEM = {
  complaints: "Complaints triage",
  finCrime: "Financial crime alert narratives",
  knowledge: "Colleague knowledge assistant",
} as const;

const ALBION_DEP = {
  complaintsGpt41: { system: ALBION_SYSTEM.complaints, model: MODEL.gpt41.name, accessPath: "cloud_marketplace" },
  finCrimeCommand: { system: ALBION_SYSTEM.finCrime, model: MODEL.commandRPlus.name, accessPath: "direct_api" },
  knowledgeGpt41: { system: ALBION_SYSTEM.knowledge, model: MODEL.gpt41.name, accessPath: "cloud_marketplace" },
} satisfies Record<string, DependencyRef>;

const ALBION: DemoOrganisation = {
  slug: DEMO_ORG_SLUGS.albion,
  name: "Albion Mutual Bank plc",
  hqCountry: "GB",
  sector: "Banking",
  regimes: ["uk-gdpr", "dora"],
  dpfCertified: false,
  lei: "2138009ALBIONDEMO842",
  offices: [
    {
      name: ALBION_OFFICE.london,
      country: "GB",
      city: "London",
      headcount: 2150,
      teams: ["Retail banking", "Risk", "Compliance", "Technology", "Customer service"],
    },
    {
      name: ALBION_OFFICE.edinburgh,
      country: "GB",
      city: "Edinburgh",
      headcount: 880,
      teams: ["Operations", "Financial crime", "Customer service"],
    },
  ],
  vendors: [VENDOR.microsoft, VENDOR.openai, VENDOR.cohere],
  models: [MODEL.gpt41, MODEL.commandRPlus, MODEL.phi4],
  aiSystems: [
    {
      name: ALBION_SYSTEM.complaints,
      description: "Classifies incoming complaints, flags vulnerable customers and drafts the acknowledgement letter.",
      owner: "Sarah Mitchell, Head of Customer Outcomes",
      criticality: "high",
      toleratedDowntimeMinutes: 240,
      usersServed: 420,
      offices: [ALBION_OFFICE.london, ALBION_OFFICE.edinburgh],
      teams: ["Customer service", "Compliance"],
      dataSensitivity: "regulated",
    },
    {
      name: ALBION_SYSTEM.finCrime,
      description: "Drafts the narrative of transaction-monitoring alerts for investigators before a SAR decision.",
      owner: "David Campbell, Money Laundering Reporting Officer",
      criticality: "high",
      toleratedDowntimeMinutes: 480,
      usersServed: 95,
      offices: [ALBION_OFFICE.edinburgh],
      teams: ["Financial crime"],
      dataSensitivity: "regulated",
    },
    {
      name: ALBION_SYSTEM.knowledge,
      description: "Answers colleagues' questions on products, procedures and policies.",
      owner: "Aisha Rahman, Head of Technology",
      criticality: "medium",
      toleratedDowntimeMinutes: 1440,
      usersServed: 3000,
      offices: [ALBION_OFFICE.london, ALBION_OFFICE.edinburgh],
      teams: ["Retail banking", "Customer service", "Operations", "Risk", "Compliance", "Technology"],
      dataSensitivity: "internal",
    },
  ],
  dependencies: [
    {
      // Critical ICT third-party service under DORA: register of information, exit plan, contract terms.
      ...ALBION_DEP.complaintsGpt41,
      cloudVendor: VENDOR.microsoft.name,
      hostingCountry: "GB",
      hostingRegion: "uksouth",
      dataSent: ["personal", "regulated"],
      exitPlan: { documented: true, reviewedDaysAgo: 95 },
      contract: { dataResidency: true, exitTerms: true },
      notes: "Azure OpenAI, UK South, under the Microsoft Financial Services Amendment (DORA Art. 30 terms).",
    },
    {
      ...ALBION_DEP.finCrimeCommand,
      cloudVendor: null,
      hostingCountry: "CA",
      hostingRegion: null,
      dataSent: ["personal", "regulated"],
      exitPlan: { documented: false, reviewedDaysAgo: null },
      contract: { dataResidency: true, exitTerms: false },
      notes:
        "Cohere's hosted API; processing in Canada under Albion's data processing agreement. The contract predates " +
        "DORA and has no exit or transition clause.",
    },
    {
      system: ALBION_SYSTEM.knowledge,
      model: MODEL.phi4.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "GB",
      hostingRegion: "ldn-dc2",
      dataSent: ["internal"],
      notes: "On the bank's own GPU servers in its London data centre.",
    },
    {
      ...ALBION_DEP.knowledgeGpt41,
      cloudVendor: VENDOR.microsoft.name,
      hostingCountry: "GB",
      hostingRegion: "uksouth",
      dataSent: ["internal"],
      contract: { dataResidency: true, exitTerms: true },
      notes: "Used for long answers that Phi-4 routes up.",
    },
  ],
  fallbacks: [
    {
      dependency: ALBION_DEP.complaintsGpt41,
      model: MODEL.phi4.name,
      accessPath: "self_hosted",
      cloudVendor: null,
      hostingCountry: "GB",
      hostingRegion: "ldn-dc2",
      lastTestedDaysAgo: null,
      switchTimeMinutes: 120,
      qualityParityChecked: false,
      exitPlan:
        "Complaints triage falls back to Phi-4 on the London GPU servers; handlers classify manually until the " +
        "quality check passes. Approved by the Operational Resilience Committee.",
      exitPlanUrl: null,
    },
  ],
  dataFlows: [
    {
      name: "Complaint records to Azure OpenAI UK South",
      fromOffice: ALBION_OFFICE.edinburgh,
      dependency: ALBION_DEP.complaintsGpt41,
      system: ALBION_SYSTEM.complaints,
      dataCategories: ["personal", "regulated"],
      volume: "high",
      transferMechanism: "not_required",
      encryption: "customer_managed_keys",
    },
    {
      name: "Alert data to Cohere (Canada)",
      fromOffice: ALBION_OFFICE.edinburgh,
      dependency: ALBION_DEP.finCrimeCommand,
      system: ALBION_SYSTEM.finCrime,
      dataCategories: ["personal", "regulated"],
      volume: "medium",
      // UK adequacy regulations cover Canada (commercial organisations under PIPEDA).
      transferMechanism: "adequacy",
      encryption: "in_transit_and_at_rest",
    },
    {
      name: "London colleague queries to Azure OpenAI UK South",
      fromOffice: ALBION_OFFICE.london,
      dependency: ALBION_DEP.knowledgeGpt41,
      dataCategories: ["internal"],
      volume: "medium",
      transferMechanism: "not_required",
      encryption: "in_transit_and_at_rest",
    },
  ],
  policyEvents: [AI_DIFFUSION_RULE, AI_DIFFUSION_RESCISSION],
  scenarios: [
    {
      name: "Azure UK South unavailable",
      description:
        "DORA business-continuity scenario (Art. 11): Microsoft loses its UK South region for a day. Complaints triage must fall back " +
        "to Phi-4 within its four-hour tolerance.",
      shocks: [{ type: "cloud-region-lost", cloud: VENDOR.microsoft.catalogueKey, region: "uksouth", country: "GB" }],
      asOf: null,
      createdBy: OLIVER,
    },
  ],
  remediationActions: [
    {
      title: "Run a first drill of the Phi-4 fallback for complaints triage",
      description: "The fallback has never been tested; its 120-minute switch time is an estimate.",
      origin: "engine",
      findingKey: "fallback.untested/complaints-triage-gpt-4.1",
      target: { type: "dependency", dependency: ALBION_DEP.complaintsGpt41 },
      owner: OLIVER,
      dueInDays: 30,
      status: "open",
      priority: "high",
      expectedGain: 3,
      achievedGain: null,
      closedDaysAgo: null,
    },
  ],
};

// ---------------------------------------------------------------- the practice's smaller clients

/**
 * A benchmark client's inventory, cut from its base organisation: the chosen AI systems in the
 * offices that stand in for the base's, their dependencies, fallbacks (unless left out) and data
 * flows, the vendors and models these use, and the catalogue's policy events. Free-text notes are
 * left out: they speak of the base organisation.
 */
export function cutClient(base: DemoOrganisation, spec: BenchmarkClientSpec): DemoOrganisation {
  const baseOffice = new Map(base.offices.map((o) => [o.name, o]));
  const officeName = new Map<string, string>();
  const offices: DemoOffice[] = spec.offices.map((o) => {
    const from = baseOffice.get(o.from);
    if (!from) throw new Error(`seed data: ${spec.slug} stands in for "${o.from}", which is not an office of ${base.slug}`);
    officeName.set(o.from, o.name);
    return { name: o.name, country: o.country, city: o.city, headcount: o.headcount, teams: from.teams };
  });
  const aiSystems = spec.systems.map((name): DemoAiSystem => {
    const s = base.aiSystems.find((x) => x.name === name);
    if (!s) throw new Error(`seed data: ${spec.slug} keeps "${name}", which is not an AI system of ${base.slug}`);
    const served = s.offices.filter((o) => officeName.has(o));
    if (served.length === 0) throw new Error(`seed data: ${spec.slug} keeps "${name}" but none of its offices`);
    const teams = new Set(served.flatMap((o) => baseOffice.get(o)!.teams));
    return { ...s, offices: served.map((o) => officeName.get(o)!), teams: s.teams.filter((t) => teams.has(t)) };
  });
  const kept = new Set(spec.systems);
  const dependencies = base.dependencies.filter((d) => kept.has(d.system)).map((d) => ({ ...d, notes: null }));
  const fallbacks = spec.withoutFallbacks ? [] : base.fallbacks.filter((f) => kept.has(f.dependency.system)).map(({ addedOn: _history, ...f }) => ({ ...f, exitPlan: null, exitPlanUrl: null }));
  const dataFlows = base.dataFlows
    .filter((f) => kept.has(f.dependency.system) && officeName.has(f.fromOffice) && (f.system === undefined || kept.has(f.system)))
    .map((f) => ({ ...f, fromOffice: officeName.get(f.fromOffice)! }))
    .filter((f) => aiSystems.find((s) => s.name === f.dependency.system)!.offices.includes(f.fromOffice));
  const modelNames = new Set([...dependencies.map((d) => d.model), ...fallbacks.map((f) => f.model)]);
  const models = base.models.filter((m) => modelNames.has(m.name));
  const vendorNames = new Set([...models.map((m) => m.vendor), ...[...dependencies, ...fallbacks].flatMap((r) => (r.cloudVendor ? [r.cloudVendor] : []))]);
  const client: DemoOrganisation = {
    slug: spec.slug,
    name: spec.name,
    hqCountry: spec.hqCountry,
    sector: spec.sector,
    regimes: spec.regimes,
    dpfCertified: false,
    offices,
    vendors: base.vendors.filter((v) => vendorNames.has(v.name)).map((v) => ({ ...v, notes: null })),
    models,
    aiSystems,
    dependencies,
    fallbacks,
    dataFlows,
    policyEvents: base.policyEvents.filter((e) => e.fromCatalogue),
    scenarios: [],
    remediationActions: [],
  };
  // Another company's inventory must not speak of the one it was cut from.
  const own = base.name.split(" ")[0]!;
  if (JSON.stringify(client).includes(own)) throw new Error(`seed data: ${spec.slug}'s inventory still names ${own}`);
  return client;
}

const BASES = { mainfeld: MAINFELD, albion: ALBION };

/** The demo organisations, Mainfeld first (its presence marks the demo as seeded). */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [MAINFELD, ALBION, ...BENCHMARK_CLIENTS.map((c) => cutClient(BASES[c.from], c))];
