// The shared text rules (lib/text.ts) on every entry point's schema: each server action's form
// schema and each public API body schema. For every schema, a valid sample parses; then each of
// its text fields gets NUL, a C1 control and a lone surrogate (refused everywhere) and a line
// break, a tab and a bidi override (refused in one-line fields, kept in free text). And every
// other string in the sample must refuse a line break and NUL too: a new text field that nobody
// declared here fails this test until it is given a rule.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { officeSchema, updateOfficeSchema } from "@/lib/offices/schemas";
import { aiSystemSchema, updateAiSystemSchema } from "@/lib/ai-systems/schemas";
import { updateVendorSchema, vendorSchema, vendorSchemaFor } from "@/lib/vendors/schemas";
import { createModelSchema, modelSchemaFor, updateModelSchema } from "@/lib/models/schemas";
import { dataFlowSchema, updateDataFlowSchema } from "@/lib/data-flows/schemas";
import { dependencySchema, updateDependencySchema } from "@/lib/dependencies/schemas";
import { fallbackSchema, updateFallbackSchema } from "@/lib/fallbacks/schemas";
import { policyEventInputSchema, updatePolicyEventSchema } from "@/lib/policy-events/schemas";
import { scenarioSchema, updateScenarioSchema } from "@/lib/scenarios/schemas";
import { remediationSchema, suggestionSchema, updateRemediationSchema } from "@/lib/remediation/schemas";
import { freezeAssessmentSchema } from "@/lib/assessments/schemas";
import { accountSchema, organisationSchema, setupSchema } from "@/lib/auth/schemas";
import { updateOrganisationSchema } from "@/lib/organisations/schemas";
import { addFromCatalogueSchema, catalogueSearchSchema } from "@/lib/catalogue/schemas";
import { createInvitationSchema } from "@/lib/members/schemas";
import { startReportSchema } from "@/lib/reports/run-schemas";
import { officeCreateSchema, officeUpdateSchema } from "@/lib/api/schemas";
import { aiSystemCreateSchema, aiSystemUpdateSchema, dependencyCreateSchema, dependencyUpdateSchema, fallbackCreateSchema, fallbackUpdateSchema } from "@/lib/api/ai-system-schemas";
import { modelCreateSchema, modelUpdateSchema, vendorCreateSchema, vendorUpdateSchema } from "@/lib/api/vendor-schemas";
import { dataFlowCreateSchema, dataFlowUpdateSchema } from "@/lib/api/data-flow-schemas";
import { remediationCreateSchema, remediationUpdateSchema } from "@/lib/api/remediation-schemas";
import { policyEventCreateSchema, policyEventUpdateSchema, scenarioCreateSchema, scenarioUpdateSchema } from "@/lib/api/scenario-schemas";
import { freezeAssessmentBodySchema } from "@/lib/api/assessment-schemas";

const ID = "0193b7a4-5c2d-7e3f-8a1b-2c3d4e5f6a7b";
const ID2 = "0193b7a4-5c2d-7e3f-8a1b-2c3d4e5f6a7c";

interface Entry {
  name: string;
  schema: z.ZodType;
  valid: Record<string, unknown>;
  /** Dotted paths of one-line text fields (names, titles, regions, sources). */
  single: string[];
  /** Dotted paths of free text (descriptions, notes). */
  multi: string[];
  /** Strings that are not text: a checkbox reads anything but "on" as unticked; a password may hold any character the net under the forms lets through. */
  notText?: string[];
}

const office = { name: "Lyon plant", country: "FR", city: "Lyon", headcount: "420", teams: "Ops, Sales" };
const aiSystem = { name: "Contract review", description: "Reads contracts", owner: "Legal ops", criticality: "high", downtimeHours: "14", downtimeMinutes: "30", usersServed: "120", officeIds: [ID], teams: "Legal, Ops" };
const vendor = { name: "Acme AI", vendorType: "frontier_lab", hqCountry: "US", parentName: "Acme Holdings", parentCountry: "US", dpfCertified: "on", source: "https://acme.example/about", sourceAsOf: "2026-01-02", notes: "Met them in Berlin" };
const model = { name: "Acme Large", family: "acme", weights: "closed", licence: "proprietary", licenceRestrictions: "No use in the EU", trainingCompute: "above-1e26", offeredAccessPaths: ["direct_api"], source: "https://acme.example/models", sourceAsOf: "2026-01-02" };
const dataFlow = { name: "Contracts to Acme", originOfficeId: ID, originAiSystemId: "", dependencyId: "", vendorId: ID2, processingCountry: "US", processingRegion: "us-east-1", dataCategories: ["personal"], volume: "high", transferMechanism: "scc", encryption: "in_transit" };
const route = { modelId: ID, accessPath: "direct_api", cloudVendorId: "", hostingCountry: "IE", hostingRegion: "eu-west-1" };
const dependency = { aiSystemId: ID2, ...route, dataSent: ["personal"], exitPlanDocumented: "on", exitPlanLastReviewed: "2026-01-02", contractDataResidency: "yes", contractExitTerms: "no", notes: "Renewed yearly" };
const fallback = { dependencyId: ID2, ...route, lastTestedAt: "2026-01-02", switchTimeMinutes: "30", qualityParityChecked: "on", exitPlan: "Switch the endpoint", exitPlanUrl: "https://wiki.example/exit" };
const references = [{ publisher: "Reuters", title: "US restricts exports", url: "https://news.example/a", note: "The first report" }];
const scope = { vendors: ["anthropic"], modelFamilies: ["claude"], hostingRegions: ["us-east-1"] };
const restrictions = [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }];
const policyEventForm = { kind: "impose", title: "US export restriction", effectiveDate: "2026-03-02", dateEstimated: "on", dateNote: "Read from the press", source: "https://news.example/a", summary: "Restricts exports", references, type: "export-control", issuer: "US", expires: "2027-01-01", scope, restrictions };
const policyEventApi = { key: "us-export", kind: "impose", title: "US export restriction", effectiveDate: "2026-03-02", dateNote: "Read from the press", source: "https://news.example/a", summary: "Restricts exports", references, type: "export-control", issuer: "US", scope, restrictions };
const shocks = [{ type: "cloud-region-lost", cloud: "aws", region: "eu-central-1" }];
const version = { id: ID, version: "12" };

const ENTRIES: Entry[] = [
  // ---- server actions (forms) ----
  { name: "office form", schema: officeSchema, valid: office, single: ["name", "city", "teams"], multi: [] },
  { name: "office edit form", schema: updateOfficeSchema, valid: { ...office, ...version }, single: ["name", "city", "teams"], multi: [] },
  { name: "AI system form", schema: aiSystemSchema, valid: aiSystem, single: ["name", "owner", "teams"], multi: ["description"] },
  { name: "AI system edit form", schema: updateAiSystemSchema, valid: { ...aiSystem, ...version }, single: ["name", "owner", "teams"], multi: ["description"] },
  { name: "vendor form", schema: vendorSchema, valid: vendor, single: ["name", "parentName", "source"], multi: ["notes"], notText: ["dpfCertified"] },
  { name: "vendor edit form", schema: updateVendorSchema, valid: { ...vendor, ...version }, single: ["name", "parentName", "source"], multi: ["notes"], notText: ["dpfCertified"] },
  { name: "catalogue vendor form", schema: vendorSchemaFor(null), valid: vendor, single: ["name", "parentName", "source"], multi: ["notes"], notText: ["dpfCertified"] },
  { name: "model form", schema: createModelSchema, valid: { ...model, vendorId: ID2 }, single: ["name", "family", "licence", "source"], multi: ["licenceRestrictions"] },
  { name: "model edit form", schema: updateModelSchema, valid: { ...model, ...version }, single: ["name", "family", "licence", "source"], multi: ["licenceRestrictions"] },
  { name: "catalogue model edit", schema: modelSchemaFor(null), valid: model, single: ["name", "family", "licence", "source"], multi: ["licenceRestrictions"] },
  { name: "data flow form", schema: dataFlowSchema, valid: dataFlow, single: ["name", "processingRegion"], multi: [] },
  { name: "data flow edit form", schema: updateDataFlowSchema, valid: { ...dataFlow, ...version }, single: ["name", "processingRegion"], multi: [] },
  { name: "dependency form", schema: dependencySchema, valid: dependency, single: ["hostingRegion"], multi: ["notes"], notText: ["exitPlanDocumented"] },
  { name: "dependency edit form", schema: updateDependencySchema, valid: { ...dependency, aiSystemId: undefined, ...version }, single: ["hostingRegion"], multi: ["notes"], notText: ["exitPlanDocumented"] },
  { name: "fallback form", schema: fallbackSchema, valid: fallback, single: ["hostingRegion", "exitPlanUrl"], multi: ["exitPlan"], notText: ["qualityParityChecked"] },
  { name: "fallback edit form", schema: updateFallbackSchema, valid: { ...fallback, dependencyId: undefined, ...version }, single: ["hostingRegion", "exitPlanUrl"], multi: ["exitPlan"], notText: ["qualityParityChecked"] },
  {
    name: "policy event form",
    schema: policyEventInputSchema,
    valid: policyEventForm,
    single: ["title", "source", "references.0.publisher", "references.0.title", "references.0.url", "scope.modelFamilies.0", "scope.hostingRegions.0"],
    multi: ["dateNote", "summary", "references.0.note"],
    notText: ["dateEstimated"],
  },
  {
    name: "policy event edit form",
    schema: updatePolicyEventSchema,
    valid: { ...policyEventForm, ...version },
    single: ["title", "source", "references.0.publisher", "references.0.title", "references.0.url", "scope.modelFamilies.0", "scope.hostingRegions.0"],
    multi: ["dateNote", "summary", "references.0.note"],
    notText: ["dateEstimated"],
  },
  { name: "scenario form", schema: scenarioSchema, valid: { name: "EU cloud outage", description: "Frankfurt goes dark", asOf: "2026-01-02", shocks: JSON.stringify(shocks) }, single: ["name"], multi: ["description"], notText: ["shocks"] },
  { name: "scenario form, shocks as sent by the API", schema: scenarioSchema, valid: { name: "EU cloud outage", description: "Frankfurt goes dark", shocks }, single: ["name", "shocks.0.region"], multi: ["description"] },
  { name: "scenario edit form", schema: updateScenarioSchema, valid: { name: "EU cloud outage", description: "Frankfurt goes dark", shocks, ...version }, single: ["name", "shocks.0.region"], multi: ["description"] },
  { name: "remediation form", schema: remediationSchema, valid: { title: "Drill the fallback", description: "Twice a year", ownerId: ID, dueDate: "2026-06-01", priority: "high", expectedGain: "12" }, single: ["title"], multi: ["description"] },
  { name: "remediation suggestion", schema: suggestionSchema, valid: { findingKey: "test-fallback:support-chat", ownerId: ID, dueDate: "2026-06-01", priority: "medium" }, single: ["findingKey"], multi: [] },
  { name: "remediation edit form", schema: updateRemediationSchema, valid: { title: "Drill the fallback", description: "Twice a year", ownerId: "", dueDate: "", priority: "high", status: "open", ...version }, single: ["title"], multi: ["description"] },
  { name: "freeze assessment form", schema: freezeAssessmentSchema, valid: { asOf: "2026-01-02", note: "For the March board" }, single: [], multi: ["note"] },
  { name: "account form", schema: accountSchema, valid: { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" }, single: ["name"], multi: [], notText: ["password"] },
  {
    name: "first-run form",
    schema: setupSchema,
    valid: { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery", organisationName: "Mainfeld AG", hqCountry: "DE", sector: "Manufacturing" },
    single: ["name", "organisationName", "sector"],
    multi: [],
    notText: ["password"],
  },
  { name: "new organisation form", schema: organisationSchema, valid: { name: "Mainfeld AG", hqCountry: "DE", sector: "Manufacturing" }, single: ["name", "sector"], multi: [] },
  { name: "organisation settings form", schema: updateOrganisationSchema, valid: { name: "Mainfeld AG", hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr"], version: "12" }, single: ["name", "sector"], multi: [] },
  { name: "add from catalogue", schema: addFromCatalogueSchema, valid: { catalogueKey: "openai", modelKeys: ["gpt-4o"] }, single: ["catalogueKey", "modelKeys.0"], multi: [] },
  { name: "catalogue search", schema: catalogueSearchSchema, valid: { org: "mainfeld", query: "open" }, single: ["org"], multi: ["query"] },
  { name: "invitation form", schema: createInvitationSchema, valid: { role: "viewer", email: "new@example.com" }, single: [], multi: [] },
  { name: "board report form", schema: startReportSchema, valid: { assessmentId: ID, paper: "a4" }, single: [], multi: [] },
  // ---- public API bodies ----
  { name: "POST offices", schema: officeCreateSchema, valid: { ...office, headcount: 420, teams: ["Ops", "Sales"] }, single: ["name", "city", "teams.0", "teams.1"], multi: [] },
  { name: "PATCH offices", schema: officeUpdateSchema, valid: { name: "Lyon plant", city: "Lyon", teams: ["Ops"], version: 3 }, single: ["name", "city", "teams.0"], multi: [] },
  {
    name: "POST ai-systems",
    schema: aiSystemCreateSchema,
    valid: { name: "Contract review", description: "Reads contracts", owner: "Legal ops", criticality: "high", toleratedDowntimeMinutes: 60, usersServed: 10, officeIds: [ID], teams: ["Legal"] },
    single: ["name", "owner", "teams.0"],
    multi: ["description"],
  },
  { name: "PATCH ai-systems", schema: aiSystemUpdateSchema, valid: { name: "Contract review", description: "Reads contracts", owner: "Legal ops", teams: ["Legal"], version: 3 }, single: ["name", "owner", "teams.0"], multi: ["description"] },
  {
    name: "POST dependencies",
    schema: dependencyCreateSchema,
    valid: { aiSystemId: ID2, modelId: ID, accessPath: "direct_api", cloudVendorId: null, hostingCountry: "IE", hostingRegion: "eu-west-1", dataSent: ["personal"], notes: "Renewed yearly" },
    single: ["hostingRegion"],
    multi: ["notes"],
  },
  { name: "PATCH dependencies", schema: dependencyUpdateSchema, valid: { hostingRegion: "eu-west-1", notes: "Renewed yearly", version: 3 }, single: ["hostingRegion"], multi: ["notes"] },
  {
    name: "POST fallbacks",
    schema: fallbackCreateSchema,
    valid: { dependencyId: ID2, modelId: ID, accessPath: "direct_api", hostingRegion: "eu-west-1", exitPlan: "Switch the endpoint", exitPlanUrl: "https://wiki.example/exit" },
    single: ["hostingRegion", "exitPlanUrl"],
    multi: ["exitPlan"],
  },
  { name: "PATCH fallbacks", schema: fallbackUpdateSchema, valid: { hostingRegion: "eu-west-1", exitPlan: "Switch the endpoint", exitPlanUrl: "https://wiki.example/exit", version: 3 }, single: ["hostingRegion", "exitPlanUrl"], multi: ["exitPlan"] },
  { name: "POST vendors", schema: vendorCreateSchema, valid: { ...vendor, dpfCertified: true }, single: ["name", "parentName", "source"], multi: ["notes"] },
  { name: "PATCH vendors", schema: vendorUpdateSchema, valid: { name: "Acme AI", parentName: "Acme Holdings", parentCountry: "US", source: "https://acme.example", notes: "Met them", version: 3 }, single: ["name", "parentName", "source"], multi: ["notes"] },
  {
    name: "POST models",
    schema: modelCreateSchema,
    valid: { ...model, vendorId: ID2, offeredAccessPaths: [{ path: "cloud_marketplace", cloud: "aws", service: "Bedrock", regions: ["us-east-1"] }] },
    single: ["name", "family", "licence", "source", "offeredAccessPaths.0.cloud", "offeredAccessPaths.0.service", "offeredAccessPaths.0.regions.0"],
    multi: ["licenceRestrictions"],
  },
  { name: "PATCH models", schema: modelUpdateSchema, valid: { name: "Acme Large", family: "acme", licenceRestrictions: "None", version: 3 }, single: ["name", "family"], multi: ["licenceRestrictions"] },
  {
    name: "POST data-flows",
    schema: dataFlowCreateSchema,
    valid: { name: "Contracts to Acme", originOfficeId: ID, vendorId: ID2, processingCountry: "US", processingRegion: "us-east-1", dataCategories: ["personal"], volume: "high", transferMechanism: "scc", encryption: "in_transit" },
    single: ["name", "processingRegion"],
    multi: [],
  },
  { name: "PATCH data-flows", schema: dataFlowUpdateSchema, valid: { name: "Contracts to Acme", processingRegion: "us-east-1", version: 3 }, single: ["name", "processingRegion"], multi: [] },
  { name: "POST remediation-actions", schema: remediationCreateSchema, valid: { title: "Drill the fallback", description: "Twice a year", priority: "high" }, single: ["title"], multi: ["description"] },
  { name: "POST remediation-actions (suggestion)", schema: remediationCreateSchema, valid: { findingKey: "test-fallback:support-chat" }, single: ["findingKey"], multi: [] },
  { name: "PATCH remediation-actions", schema: remediationUpdateSchema, valid: { title: "Drill the fallback", description: "Twice a year", version: 3 }, single: ["title"], multi: ["description"] },
  { name: "POST scenarios", schema: scenarioCreateSchema, valid: { name: "EU cloud outage", description: "Frankfurt goes dark", shocks }, single: ["name", "shocks.0.region"], multi: ["description"] },
  { name: "PATCH scenarios", schema: scenarioUpdateSchema, valid: { name: "EU cloud outage", description: "Frankfurt goes dark", shocks, version: 3 }, single: ["name", "shocks.0.region"], multi: ["description"] },
  {
    name: "POST policy-events",
    schema: policyEventCreateSchema,
    valid: policyEventApi,
    single: ["title", "source", "references.0.publisher", "references.0.title", "references.0.url", "scope.modelFamilies.0", "scope.hostingRegions.0"],
    multi: ["dateNote", "summary", "references.0.note"],
  },
  {
    name: "PUT policy-events",
    schema: policyEventUpdateSchema,
    valid: { version: 3, event: policyEventApi },
    single: ["event.title", "event.source", "event.references.0.publisher", "event.references.0.title", "event.references.0.url", "event.scope.modelFamilies.0", "event.scope.hostingRegions.0"],
    multi: ["event.dateNote", "event.summary", "event.references.0.note"],
  },
  { name: "POST assessments", schema: freezeAssessmentBodySchema, valid: { asOf: "2026-01-02", note: "For the March board" }, single: [], multi: ["note"] },
];

/** Every string in a value, by dotted path. */
function strings(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === "string") return [[path.join("."), value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

/** `value` with `insert` put inside the string at `path` (after its first character: trimming cannot remove it). */
function withInside(value: unknown, path: string[], insert: string): unknown {
  if (path.length === 0) {
    const s = value as string;
    return s.length === 0 ? insert : `${s.slice(0, 1)}${insert}${s.slice(1)}`;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withInside(v, rest, insert) : v));
  return { ...(value as Record<string, unknown>), [head]: withInside((value as Record<string, unknown>)[head], rest, insert) };
}

const REFUSED_EVERYWHERE = { NUL: "\u0000", "a C1 control": "\u0085", "a lone surrogate": "\uD800", escape: "\u001B" };
const ONE_LINE_ONLY = { "a line break": "\n", "a tab": "\t", "a bidi override": "\u202E" };

describe.each(ENTRIES)("$name", ({ schema, valid, single, multi, notText = [] }) => {
  const parse = (input: unknown) => schema.safeParse(input);
  const refusedAt = (input: unknown, path: string) => {
    const result = parse(input);
    expect(result.success, `accepted ${JSON.stringify(input)}`).toBe(false);
    // The problem is reported on the field (its first segment is what a form highlights).
    expect(result.error!.issues.map((i) => String(i.path[0] ?? ""))).toContain(path.split(".")[0]);
  };

  it("accepts its valid sample", () => {
    expect(parse(valid).error?.issues ?? []).toEqual([]);
  });

  for (const path of [...single, ...multi]) {
    for (const [what, c] of Object.entries(REFUSED_EVERYWHERE)) {
      it(`refuses ${what} in ${path}`, () => refusedAt(withInside(valid, path.split("."), c), path));
    }
  }
  for (const path of single) {
    for (const [what, c] of Object.entries(ONE_LINE_ONLY)) {
      it(`refuses ${what} in the one-line ${path}`, () => refusedAt(withInside(valid, path.split("."), c), path));
    }
  }
  for (const path of multi) {
    it(`keeps line breaks, tabs and bidi controls in the free text ${path}`, () => {
      expect(parse(withInside(valid, path.split("."), "\n\t\u202E\r\n")).error?.issues ?? []).toEqual([]);
    });
  }

  it("declares every string it accepts a line break in, and refuses NUL in every string but those that are no text", () => {
    const declared = new Set([...single, ...multi, ...notText]);
    const undeclared = strings(valid)
      .filter(([path, value]) => !declared.has(path) && value !== "")
      .filter(([path]) => parse(withInside(valid, path.split("."), "\n")).success || parse(withInside(valid, path.split("."), "\u0000")).success)
      .map(([path]) => path);
    expect(undeclared).toEqual([]);
  });
});
