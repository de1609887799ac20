// The data functions guard themselves. lib/roles.int.test.ts calls every server action per role,
// but an action is only the outer layer: the mutations it calls (lib/*/mutations.ts, the report
// run's, the inventory import) check the caller's role and the row's version themselves, and the
// API, jobs and scripts call them without any action in front. Here each mutation is called
// DIRECTLY with a context of each role (expectations from the hand-written matrix in
// lib/testing/role-matrix.ts, never from PERMISSIONS), and each update or delete that takes a
// version with a stale one. Adding a mutation? The "has a case" tests fail until it has one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/auth/org-context";
import type { Permission, Role } from "@/lib/auth/permissions";
import { MATRIX_ROLES, mayUse } from "@/lib/testing/role-matrix";
import { contextFor, db } from "@/lib/testing/db";
import { buildEngagement, buildMembership, buildOffice, buildOrganisationWithMembers, buildPracticeWithMembers, buildUser } from "@/prisma/factories";
import * as practices from "@/lib/practices/mutations";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import { IMPORT_ENTITY_TYPES, type ImportEntityType } from "@/lib/inventory/import-plan";
import { officeSchema } from "@/lib/offices/schemas";
import { vendorSchema } from "@/lib/vendors/schemas";
import { aiSystemSchema } from "@/lib/ai-systems/schemas";
import { createModelSchema, updateModelSchema } from "@/lib/models/schemas";
import { dependencySchema, updateDependencySchema } from "@/lib/dependencies/schemas";
import { fallbackSchema, updateFallbackSchema } from "@/lib/fallbacks/schemas";
import { dataFlowSchema } from "@/lib/data-flows/schemas";
import { scenarioSchema } from "@/lib/scenarios/schemas";
import { remediationSchema, suggestionSchema } from "@/lib/remediation/schemas";
import { updateOrganisationSchema } from "@/lib/organisations/schemas";
import { captureSchema } from "@/lib/workshops/schemas";
import { addItemSchema } from "@/lib/questionnaires/schemas";
import { aiActRegistrationSchema } from "@/lib/ai-act-registrations/schemas";
import { ssoConnectionSchema } from "@/lib/sso/schemas";
import { startDnsServer } from "@/e2e/support/dns-server";
import { startSamlIdp } from "@/e2e/support/saml-idp";

// The import plans inside its transaction, then writes each update guarded by the version it
// read. To change a row between that read and the write (someone saving meanwhile), the test
// wraps readExisting: a one-shot hook runs after the read, on another connection.
const importHook = vi.hoisted(() => ({ afterRead: null as null | (() => Promise<void>) }));
vi.mock("@/lib/inventory/import-plan", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/inventory/import-plan")>();
  return {
    ...actual,
    readExisting: async (...args: Parameters<typeof actual.readExisting>) => {
      const existing = await actual.readExisting(...args);
      const hook = importHook.afterRead;
      importHook.afterRead = null;
      if (hook) await hook();
      return existing;
    },
  };
});

const offices = await import("@/lib/offices/mutations");
const vendors = await import("@/lib/vendors/mutations");
const aiSystems = await import("@/lib/ai-systems/mutations");
const models = await import("@/lib/models/mutations");
const dependencies = await import("@/lib/dependencies/mutations");
const fallbacks = await import("@/lib/fallbacks/mutations");
const dataFlows = await import("@/lib/data-flows/mutations");
const catalogue = await import("@/lib/catalogue/mutations");
const assessments = await import("@/lib/assessments/mutations");
const scenarios = await import("@/lib/scenarios/mutations");
const policyEvents = await import("@/lib/policy-events/mutations");
const remediation = await import("@/lib/remediation/mutations");
const workshops = await import("@/lib/workshops/mutations");
const questionnaires = await import("@/lib/questionnaires/mutations");
const apiTokens = await import("@/lib/api-tokens/mutations");
const members = await import("@/lib/members/mutations");
const organisations = await import("@/lib/organisations/mutations");
const reportRuns = await import("@/lib/reports/run-mutations");
const inventoryImport = await import("@/lib/inventory/import");
const inventoryFile = await import("@/lib/inventory/import-file");
const { loadInventoryDocument } = await import("@/lib/inventory/document");
const { listRemediationSuggestions } = await import("@/lib/remediation/queries");
const aiActRegistrations = await import("@/lib/ai-act-registrations/mutations");
const sso = await import("@/lib/sso/mutations");
const scimTokens = await import("@/lib/scim/tokens");

// Single sign-on's protocol peers, real and on loopback (decision 049): a SAML IdP serving its
// metadata (pasted, or read from its URL) and a DNS server answering domain verifications.
const samlIdp = await startSamlIdp();
const dnsServer = await startDnsServer();
afterAll(async () => {
  await Promise.all([samlIdp.close(), dnsServer.close()]);
});

type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;
type Call = (ctx: OrgContext) => Promise<unknown>;

const tag = () => Math.random().toString(36).slice(2, 8);
const ownerOf = (org: Org) => contextFor(org.organisation, org.users.owner.id, "owner");

// ---- fixtures, written straight to the database ---------------------------------------------

/** A vendor, model, office, AI system serving it, dependency, fallback and data flow in `org`. */
async function inventoryRows(org: Org) {
  const organisationId = org.organisation.id;
  const t = tag();
  const vendor = await db().vendor.create({ data: { organisationId, name: `Vendor ${t}`, vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: `Model ${t}`, family: "m", weights: "open", licence: "Apache-2.0" } });
  const office = await db().office.create({ data: { organisationId, name: `Office ${t}`, country: "DE", city: "Bonn", headcount: 40, teams: ["Ops"] } });
  const system = await db().aiSystem.create({ data: { organisationId, name: `System ${t}`, owner: "Ops", criticality: "high", toleratedDowntimeMinutes: 60 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  const fallback = await db().fallback.create({ data: { organisationId, dependencyId: dependency.id, modelId: model.id, accessPath: "self_hosted" } });
  const dataFlow = await db().dataFlow.create({
    data: { organisationId, name: `Flow ${t}`, originOfficeId: office.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
  });
  return { vendor, model, office, system, dependency, fallback, dataFlow };
}

const BAN: PolicyEvent = { kind: "impose", key: "guard-ban", title: "Guard ban", effectiveDate: "2025-01-01", source: "test", type: "ban", issuer: "US", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }] };

async function savedPolicyEvent(org: Org) {
  const key = `ban-${tag()}`;
  return db().policyEvent.create({
    data: { organisationId: org.organisation.id, key, kind: "impose", title: key, effectiveDate: new Date("2025-01-01"), source: "test", type: "ban", issuer: "US", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }] },
  });
}

async function savedScenario(org: Org) {
  const { vendor } = await inventoryRows(org);
  const shocks = [{ type: "vendor-blocked", vendor: vendor.name.toLowerCase().replace(" ", "-"), countries: { only: ["DE"] } }];
  return db().scenario.create({ data: { organisationId: org.organisation.id, name: `Scenario ${tag()}`, shocks } });
}

/** A running workshop in `org` (as its owner would start it, straight in the database). */
const runningWorkshop = (org: Org) => db().workshop.create({ data: { organisationId: org.organisation.id, title: `Workshop ${tag()}`, attendees: ["CTO"] } });
const captureInput = (workshopId: string, modelId: string) =>
  captureSchema.parse({ workshopId, name: `Captured ${tag()}`, owner: "Ops", criticality: "high", downtimeHours: "4", model: `model:${modelId}`, accessPath: "direct_api", fallbackModel: "catalogue:mistral-large", fallbackAccessPath: "direct_api" });
async function verifyRow(org: Org) {
  const { system } = await inventoryRows(org);
  return db().verifyItem.create({ data: { organisationId: org.organisation.id, subjectType: "ai_system", subjectId: system.id, subjectLabel: system.name, question: "Which region?", owner: "Ops" } });
}

/** A questionnaire link of `org` and one answered item waiting for review (rows written directly: no throttle involved). */
async function questionnaireRows(org: Org) {
  const link = await db().questionnaire.create({ data: { organisationId: org.organisation.id, title: "Before the workshop", tokenHash: `hash-${tag()}`, expiresAt: new Date(Date.now() + 86_400_000) } });
  const response = await db().questionnaireResponse.create({ data: { organisationId: org.organisation.id, questionnaireId: link.id, respondentName: "Dana" } });
  const item = await db().questionnaireItem.create({ data: { organisationId: org.organisation.id, responseId: response.id, systemName: "ChatGPT", purpose: "Emails" } });
  return { link, item };
}

const addItemInput = (item: { id: string }, version: number) =>
  addItemSchema.parse({ id: item.id, version: String(version), name: `Answered system ${tag()}`, owner: "Service", criticality: "medium", model: "catalogue:openai-gpt", accessPath: "direct_api" });

const remediationRow = (org: Org) => db().remediationAction.create({ data: { organisationId: org.organisation.id, title: "Drill the fallback", origin: "manual", priority: "medium" } });

/** A member who belongs to `org` only, as `role`. */
async function extraMember(org: Org, role: Role = "viewer") {
  const user = await buildUser(db());
  return buildMembership(db(), org.organisation.id, user.id, role);
}

const tokenOf = (org: Org, createdById: string) =>
  db().apiToken.create({ data: { organisationId: org.organisation.id, name: "CI", tokenHash: `h-${Math.random()}`, role: "viewer", createdById, expiresAt: new Date(Date.now() + 86_400_000) } });

/** The organisation's inventory as a document, with one office more: an import that creates it. */
async function documentWithNewOffice(org: Org): Promise<InventoryDocumentInput> {
  await inventoryRows(org);
  const { document } = await loadInventoryDocument(ownerOf(org));
  return { ...document, offices: [...(document.offices ?? []), { key: `guard-office-${tag()}`, name: `Imported office ${tag()}`, country: "FR" }] };
}
const jsonUpload = (document: InventoryDocumentInput) => ({ fileName: "inventory.json", bytes: new TextEncoder().encode(JSON.stringify(document)) });

const officeInput = () => officeSchema.parse({ name: `Office ${tag()}`, country: "DE", city: "Bonn", headcount: 3, teams: "Ops" });
const vendorInput = () => vendorSchema.parse({ name: `Mistral ${tag()}`, vendorType: "frontier_lab", hqCountry: "FR" });
const aiSystemInput = () => aiSystemSchema.parse({ name: `Bot ${tag()}`, owner: "Ops", criticality: "medium" });
const modelInput = () => updateModelSchema.omit({ id: true, version: true }).parse({ name: `Model ${tag()}`, family: "m", weights: "closed", licence: "Commercial", trainingCompute: "unknown" });
const dataFlowInput = (rows: Awaited<ReturnType<typeof inventoryRows>>) =>
  dataFlowSchema.parse({ name: `Flow ${tag()}`, originAiSystemId: rows.system.id, dependencyId: rows.dependency.id, vendorId: rows.vendor.id, processingCountry: "DE", dataCategories: ["internal"], volume: "high", transferMechanism: "adequacy", encryption: "at_rest" });
const scenarioInput = () => scenarioSchema.parse({ name: `Scenario ${tag()}`, shocks: [{ type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: ["DE"] } }] });
const dependencyChanges = (modelId: string) => {
  const { id: _id, version: _version, ...changes } = updateDependencySchema.parse({ id: crypto.randomUUID(), version: 1, modelId, accessPath: "direct_api", dataSent: ["internal"], notes: "Reviewed" });
  return changes;
};
const fallbackChanges = (modelId: string) => {
  const { id: _id, version: _version, ...changes } = updateFallbackSchema.parse({ id: crypto.randomUUID(), version: 1, modelId, accessPath: "self_hosted", lastTestedAt: "2026-11-20", exitPlan: "Switch in the console" });
  return changes;
};
/** An EU AI Act registration form for `aiSystemId`, from `version` (null: a first save). */
const registrationInput = (aiSystemId: string, version: number | null) =>
  aiActRegistrationSchema.parse({ aiSystemId, version: version === null ? "" : String(version), annexIIIArea: "5", deployerName: `Deployer ${tag()}`, friaSummary: "Mine" });
const organisationInput = (version: number) => updateOrganisationSchema.parse({ name: `Renamed ${tag()}`, hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr", "dora"], version });

/** The SAML connection form with the loopback IdP's metadata pasted; `version` null: a first save. */
const samlConnectionInput = (version: number | null) =>
  ssoConnectionSchema.parse({ version: version === null ? "" : String(version), protocol: "saml", name: `IdP ${tag()}`, enabled: "on", groupsAttribute: "groups", defaultRole: "none", samlMetadataXml: samlIdp.metadataXml });
/** `org`'s SAML connection, read from the loopback IdP's metadata URL (written directly). */
const samlConnectionRow = (org: Org) =>
  db().ssoConnection.create({
    data: { organisationId: org.organisation.id, protocol: "saml", name: "IdP", samlMetadataUrl: samlIdp.metadataUrl, samlIdpEntityId: samlIdp.entityId, samlIdpSsoUrl: `${samlIdp.url}/sso`, samlIdpCertificates: [samlIdp.certificate] },
  });
/** A domain of `org` waiting for verification, its TXT record published on the loopback DNS server. */
async function pendingDomain(org: Org) {
  const domain = `${tag()}.guard.example.test`;
  const row = await db().ssoDomain.create({ data: { organisationId: org.organisation.id, domain, verificationToken: `sovra-verify=${tag()}` } });
  dnsServer.setTxt(`_sovra-verification.${domain}`, [row.verificationToken]);
  return row;
}
/** Everything require-SSO needs in `org`: a usable connection, a verified domain, a break-glass owner. */
async function readyForSsoRequired(org: Org) {
  await samlConnectionRow(org);
  const domain = `${tag()}.guard.example.test`;
  await db().ssoDomain.create({ data: { organisationId: org.organisation.id, domain, verificationToken: "sovra-verify=x", verifiedAt: new Date(), verifiedDomain: domain } });
  await db().membership.updateMany({ where: { organisationId: org.organisation.id, userId: org.users.owner.id }, data: { breakGlass: true } });
  return db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id }, select: { version: true } });
}
const ownerMembershipOf = (org: Org) => db().membership.findFirstOrThrow({ where: { organisationId: org.organisation.id, userId: org.users.owner.id } });

// ---- every organisation-scoped mutation, with the permission it needs ---------------------------

/**
 * name -> the permission the mutation must check, and `prepare`: builds what the call needs in
 * `org` (as `userId` where it matters) and answers the call to make with a context. The
 * permission is written here by hand; who holds it comes from the hand-written matrix.
 */
const CASES: Record<string, { permission: Permission; prepare: (org: Org, userId: string) => Promise<Call> }> = {
  // EU AI Act registrations (decision 046): the first save creates, later ones update
  saveAiActRegistration: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return (ctx) => aiActRegistrations.saveAiActRegistration(ctx, registrationInput(system.id, null));
    },
  },
  // offices
  createOffice: { permission: "inventory:write", prepare: async () => (ctx) => offices.createOffice(ctx, officeInput()) },
  updateOffice: {
    permission: "inventory:write",
    prepare: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return (ctx) => offices.updateOffice(ctx, office.id, office.version, officeInput());
    },
  },
  deleteOffice: {
    permission: "inventory:write",
    prepare: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return (ctx) => offices.deleteOffice(ctx, office.id, office.version);
    },
  },
  officeDeletionImpact: {
    permission: "inventory:read",
    prepare: async (org) => {
      const { office } = await inventoryRows(org);
      return (ctx) => offices.officeDeletionImpact(ctx, office.id);
    },
  },
  // vendors
  createVendor: { permission: "inventory:write", prepare: async () => (ctx) => vendors.createVendor(ctx, vendorInput()) },
  updateVendor: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return (ctx) => vendors.updateVendor(ctx, vendor.id, vendor.version, vendorInput());
    },
  },
  deleteVendor: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return (ctx) => vendors.deleteVendor(ctx, vendor.id, vendor.version);
    },
  },
  vendorDeletionImpact: {
    permission: "inventory:read",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return (ctx) => vendors.vendorDeletionImpact(ctx, vendor.id);
    },
  },
  // AI systems
  createAiSystem: { permission: "inventory:write", prepare: async () => (ctx) => aiSystems.createAiSystem(ctx, aiSystemInput()) },
  updateAiSystem: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return (ctx) => aiSystems.updateAiSystem(ctx, system.id, system.version, aiSystemInput());
    },
  },
  deleteAiSystem: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return (ctx) => aiSystems.deleteAiSystem(ctx, system.id, system.version);
    },
  },
  aiSystemDeletionImpact: {
    permission: "inventory:read",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return (ctx) => aiSystems.aiSystemDeletionImpact(ctx, system.id);
    },
  },
  // models
  createModel: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return (ctx) => models.createModel(ctx, createModelSchema.parse({ vendorId: vendor.id, name: `Model ${tag()}`, family: "m", weights: "open", licence: "MIT", trainingCompute: "unknown" }));
    },
  },
  updateModel: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { model } = await inventoryRows(org);
      return (ctx) => models.updateModel(ctx, model.id, model.version, modelInput());
    },
  },
  deleteModel: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { model } = await inventoryRows(org);
      return (ctx) => models.deleteModel(ctx, model.id, model.version);
    },
  },
  modelDeletionImpact: {
    permission: "inventory:read",
    prepare: async (org) => {
      const { model } = await inventoryRows(org);
      return (ctx) => models.modelDeletionImpact(ctx, model.id);
    },
  },
  // dependencies
  createDependency: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { system, model } = await inventoryRows(org);
      return (ctx) => dependencies.createDependency(ctx, dependencySchema.parse({ aiSystemId: system.id, modelId: model.id, accessPath: "self_hosted" }));
    },
  },
  updateDependency: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      return (ctx) => dependencies.updateDependency(ctx, dependency.id, dependency.version, dependencyChanges(model.id));
    },
  },
  deleteDependency: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { dependency } = await inventoryRows(org);
      return (ctx) => dependencies.deleteDependency(ctx, dependency.id, dependency.version);
    },
  },
  dependencyDeletionImpact: {
    permission: "inventory:read",
    prepare: async (org) => {
      const { dependency } = await inventoryRows(org);
      return (ctx) => dependencies.dependencyDeletionImpact(ctx, dependency.id);
    },
  },
  // fallbacks
  createFallback: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      return (ctx) => fallbacks.createFallback(ctx, fallbackSchema.parse({ dependencyId: dependency.id, modelId: model.id, accessPath: "direct_api", switchTimeMinutes: "30" }));
    },
  },
  updateFallback: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { fallback, model } = await inventoryRows(org);
      return (ctx) => fallbacks.updateFallback(ctx, fallback.id, fallback.version, fallbackChanges(model.id));
    },
  },
  deleteFallback: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { fallback } = await inventoryRows(org);
      return (ctx) => fallbacks.deleteFallback(ctx, fallback.id, fallback.version);
    },
  },
  // data flows
  createDataFlow: {
    permission: "inventory:write",
    prepare: async (org) => {
      const rows = await inventoryRows(org);
      return (ctx) => dataFlows.createDataFlow(ctx, dataFlowInput(rows));
    },
  },
  updateDataFlow: {
    permission: "inventory:write",
    prepare: async (org) => {
      const rows = await inventoryRows(org);
      return (ctx) => dataFlows.updateDataFlow(ctx, rows.dataFlow.id, rows.dataFlow.version, dataFlowInput(rows));
    },
  },
  deleteDataFlow: {
    permission: "inventory:write",
    prepare: async (org) => {
      const { dataFlow } = await inventoryRows(org);
      return (ctx) => dataFlows.deleteDataFlow(ctx, dataFlow.id, dataFlow.version);
    },
  },
  // catalogue
  addVendorFromCatalogue: { permission: "inventory:write", prepare: async () => (ctx) => catalogue.addVendorFromCatalogue(ctx, { catalogueKey: "mistral" }) },
  // inventory import (JSON document and files)
  planInventoryImport: {
    permission: "inventory:read",
    prepare: async (org) => {
      const document = await documentWithNewOffice(org);
      return (ctx) => inventoryImport.planInventoryImport(ctx, document);
    },
  },
  applyInventoryImport: {
    permission: "inventory:write",
    prepare: async (org) => {
      const document = await documentWithNewOffice(org);
      return async (ctx) => {
        const result = await inventoryImport.applyInventoryImport(ctx, document);
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        return result;
      };
    },
  },
  previewInventoryFile: {
    permission: "inventory:read",
    prepare: async (org) => {
      const upload = jsonUpload(await documentWithNewOffice(org));
      return (ctx) => inventoryFile.previewInventoryFile(ctx, upload);
    },
  },
  importInventoryFile: {
    permission: "inventory:write",
    prepare: async (org) => {
      const upload = jsonUpload(await documentWithNewOffice(org));
      return async (ctx) => {
        const summary = await inventoryFile.importInventoryFile(ctx, upload);
        if (!summary.applied) throw new Error(JSON.stringify(summary.problems));
        return summary;
      };
    },
  },
  exportInventoryFile: {
    permission: "inventory:read",
    prepare: async (org) => {
      await inventoryRows(org);
      return (ctx) => inventoryFile.exportInventoryFile(ctx, "json");
    },
  },
  // assessments and board reports
  freezeAssessment: {
    permission: "assessments:write",
    prepare: async (org) => {
      await inventoryRows(org);
      return (ctx) => assessments.freezeAssessment(ctx, { note: "Quarterly review" });
    },
  },
  startReportRun: {
    permission: "reports:export",
    prepare: async (org) => {
      await inventoryRows(org);
      const assessment = await assessments.freezeAssessment(ownerOf(org), { note: "Board" });
      return (ctx) => reportRuns.startReportRun(ctx, { assessmentId: assessment.id, paper: "a4" });
    },
  },
  // scenarios
  createScenario: {
    permission: "scenarios:run",
    prepare: async (org) => {
      await inventoryRows(org);
      return (ctx) => scenarios.createScenario(ctx, scenarioInput());
    },
  },
  updateScenario: {
    permission: "scenarios:run",
    prepare: async (org) => {
      const scenario = await savedScenario(org);
      return (ctx) => scenarios.updateScenario(ctx, scenario.id, scenario.version, scenarioInput());
    },
  },
  deleteScenario: {
    permission: "scenarios:run",
    prepare: async (org) => {
      const scenario = await savedScenario(org);
      return (ctx) => scenarios.deleteScenario(ctx, scenario.id, scenario.version);
    },
  },
  runScenario: {
    permission: "scenarios:run",
    prepare: async (org) => {
      const scenario = await savedScenario(org);
      return (ctx) => scenarios.runScenario(ctx, scenario.id);
    },
  },
  // policy events
  createPolicyEvent: { permission: "policy_events:manage", prepare: async () => (ctx) => policyEvents.createPolicyEvent(ctx, { ...BAN, key: `ban-${tag()}` }) },
  updatePolicyEvent: {
    permission: "policy_events:manage",
    prepare: async (org) => {
      const row = await savedPolicyEvent(org);
      return (ctx) => policyEvents.updatePolicyEvent(ctx, row.id, row.version, { ...BAN, key: row.key, title: `${row.title} (edited)` });
    },
  },
  deletePolicyEvent: {
    permission: "policy_events:manage",
    prepare: async (org) => {
      const row = await savedPolicyEvent(org);
      return (ctx) => policyEvents.deletePolicyEvent(ctx, row.id, row.version);
    },
  },
  // remediation
  createRemediationAction: { permission: "remediation:manage", prepare: async () => (ctx) => remediation.createRemediationAction(ctx, remediationSchema.parse({ title: "Negotiate exit terms", priority: "high", expectedGain: "2" })) },
  addSuggestionToPlan: {
    permission: "remediation:manage",
    prepare: async (org) => {
      await inventoryRows(org);
      const found = await listRemediationSuggestions(ownerOf(org));
      if (!found.ok || !found.suggestions[0]) throw new Error("the inventory should have a suggestion");
      const findingKey = found.suggestions[0].id;
      return (ctx) => remediation.addSuggestionToPlan(ctx, suggestionSchema.parse({ findingKey, priority: "high" }));
    },
  },
  updateRemediationAction: {
    permission: "remediation:manage",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return (ctx) => remediation.updateRemediationAction(ctx, row.id, row.version, { title: "Renamed", priority: "critical", status: "in_progress" });
    },
  },
  closeRemediationAction: {
    permission: "remediation:manage",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return (ctx) => remediation.closeRemediationAction(ctx, row.id, row.version);
    },
  },
  deleteRemediationAction: {
    permission: "remediation:manage",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return (ctx) => remediation.deleteRemediationAction(ctx, row.id, row.version);
    },
  },
  // API tokens
  createApiToken: { permission: "api_tokens:manage", prepare: async () => (ctx) => apiTokens.createApiToken(ctx, { name: "Release gate", role: "viewer" }) },
  revokeApiToken: {
    permission: "api_tokens:manage",
    prepare: async (org) => {
      const token = await tokenOf(org, org.users.owner.id);
      return (ctx) => apiTokens.revokeApiToken(ctx, token.id);
    },
  },
  revokeOwnApiToken: {
    permission: "api_tokens:own",
    prepare: async (org, userId) => {
      const token = await tokenOf(org, userId); // the caller's own token
      return (ctx) => apiTokens.revokeOwnApiToken(ctx, token.id);
    },
  },
  updateApiTokenPolicy: { permission: "api_tokens:manage", prepare: async () => (ctx) => apiTokens.updateApiTokenPolicy(ctx, { defaultDays: 30, maxDays: 180 }) },
  // members
  createInvitation: { permission: "members:manage", prepare: async () => (ctx) => members.createInvitation(ctx, { role: "viewer" }) },
  endPracticeEngagement: {
    permission: "members:manage",
    prepare: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return (ctx) => practices.endPracticeEngagement(ctx, e.id, e.version);
    },
  },
  setBenchmarkConsent: {
    permission: "members:manage",
    prepare: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return (ctx) => practices.setBenchmarkConsent(ctx, e.id, e.version, true);
    },
  },
  revokeInvitation: {
    permission: "members:manage",
    prepare: async (org) => {
      const invitation = await members.createInvitation(ownerOf(org), { role: "viewer" });
      return (ctx) => members.revokeInvitation(ctx, invitation.id);
    },
  },
  changeMemberRole: {
    permission: "members:manage",
    prepare: async (org) => {
      const m = await extraMember(org);
      return (ctx) => members.changeMemberRole(ctx, { membershipId: m.id, role: "editor", version: m.version });
    },
  },
  removeMember: {
    permission: "members:manage",
    prepare: async (org) => {
      const m = await extraMember(org);
      return (ctx) => members.removeMember(ctx, m.id);
    },
  },
  createPasswordReset: {
    permission: "members:manage",
    prepare: async (org) => {
      const m = await extraMember(org);
      return (ctx) => members.createPasswordReset(ctx, { membershipId: m.id });
    },
  },
  // workshops (decision 038)
  startWorkshop: { permission: "workshops:run", prepare: async () => (ctx) => workshops.startWorkshop(ctx, { title: `Workshop ${tag()}`, attendees: [] }) },
  setWorkshopStep: {
    permission: "workshops:run",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return (ctx) => workshops.setWorkshopStep(ctx, w.id, w.version, 2);
    },
  },
  updateWorkshopAttendees: {
    permission: "workshops:run",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return (ctx) => workshops.updateWorkshopAttendees(ctx, w.id, w.version, ["CTO", "CISO"]);
    },
  },
  captureSystem: {
    permission: "inventory:write",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      const { model } = await inventoryRows(org);
      return (ctx) => workshops.captureSystem(ctx, captureInput(w.id, model.id));
    },
  },
  runWorkshopShock: {
    permission: "workshops:run",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      const scenario = await savedScenario(org);
      return (ctx) => scenarios.runWorkshopShock(ctx, { workshopId: w.id, scenarioId: scenario.id });
    },
  },
  flagToVerify: {
    permission: "workshops:run",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return (ctx) => workshops.flagToVerify(ctx, { subjectType: "ai_system", subjectId: system.id, question: "Which region?", owner: "Ops" });
    },
  },
  confirmVerifyItem: {
    permission: "workshops:run",
    prepare: async (org) => {
      const item = await verifyRow(org);
      return (ctx) => workshops.confirmVerifyItem(ctx, item.id, item.version);
    },
  },
  endWorkshop: {
    permission: "workshops:run",
    prepare: async (org) => {
      await inventoryRows(org);
      const w = await runningWorkshop(org);
      return (ctx) => workshops.endWorkshop(ctx, w.id, w.version);
    },
  },
  freezeWorkshopAssessment: {
    permission: "workshops:run",
    prepare: async (org) => {
      await inventoryRows(org);
      return (ctx) => assessments.freezeWorkshopAssessment(ctx, { note: "Workshop: test" });
    },
  },
  startWorkshopSummaryRun: {
    permission: "workshops:run",
    prepare: async (org) => {
      await inventoryRows(org);
      const w = await runningWorkshop(org);
      await workshops.endWorkshop(ownerOf(org), w.id, w.version);
      return (ctx) => reportRuns.startWorkshopSummaryRun(ctx, { workshopId: w.id });
    },
  },
  addAgreedAction: {
    permission: "workshops:run",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return (ctx) => remediation.addAgreedAction(ctx, { workshopId: w.id, title: "Drill the fallback", ownerId: null, dueDate: null, priority: "high" });
    },
  },
  // the pre-workshop questionnaire (decision 039)
  createQuestionnaire: { permission: "questionnaires:manage", prepare: async () => (ctx) => questionnaires.createQuestionnaire(ctx, { title: "Before the workshop", days: 14 }) },
  revokeQuestionnaire: {
    permission: "questionnaires:manage",
    prepare: async (org) => {
      const { link } = await questionnaireRows(org);
      return (ctx) => questionnaires.revokeQuestionnaire(ctx, link.id, link.version);
    },
  },
  addItemToInventory: {
    permission: "questionnaires:manage",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      return (ctx) => questionnaires.addItemToInventory(ctx, addItemInput(item, item.version));
    },
  },
  mergeItem: {
    permission: "questionnaires:manage",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      const { system } = await inventoryRows(org);
      return (ctx) => questionnaires.mergeItem(ctx, { id: item.id, version: item.version, aiSystemId: system.id, note: null });
    },
  },
  rejectItem: {
    permission: "questionnaires:manage",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      return (ctx) => questionnaires.rejectItem(ctx, { id: item.id, version: item.version, note: null });
    },
  },
  reopenItem: {
    permission: "questionnaires:manage",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      const rejected = await db().questionnaireItem.update({ where: { id: item.id }, data: { status: "rejected", version: { increment: 1 } } });
      return (ctx) => questionnaires.reopenItem(ctx, rejected.id, rejected.version);
    },
  },
  // single sign-on (decision 049)
  saveSsoConnection: { permission: "sso:manage", prepare: async () => (ctx) => sso.saveSsoConnection(ctx, samlConnectionInput(null)) },
  refreshSamlMetadata: {
    permission: "sso:manage",
    prepare: async (org) => {
      await samlConnectionRow(org);
      return (ctx) => sso.refreshSamlMetadata(ctx);
    },
  },
  deleteSsoConnection: {
    permission: "sso:manage",
    prepare: async (org) => {
      const c = await samlConnectionRow(org);
      return (ctx) => sso.deleteSsoConnection(ctx, c.version);
    },
  },
  addSsoDomain: { permission: "sso:manage", prepare: async () => (ctx) => sso.addSsoDomain(ctx, `${tag()}.guard.example.test`) },
  verifySsoDomain: {
    permission: "sso:manage",
    prepare: async (org) => {
      const d = await pendingDomain(org);
      return async (ctx) => {
        const check = await sso.verifySsoDomain(ctx, d.id, { servers: [dnsServer.address], timeoutMs: 2_000 });
        if (!check.verified) throw new Error(check.message);
      };
    },
  },
  removeSsoDomain: {
    permission: "sso:manage",
    prepare: async (org) => {
      const d = await pendingDomain(org);
      return (ctx) => sso.removeSsoDomain(ctx, d.id);
    },
  },
  setSsoRequired: {
    permission: "sso:manage",
    prepare: async (org) => {
      const { version } = await readyForSsoRequired(org);
      return (ctx) => sso.setSsoRequired(ctx, { required: true, version });
    },
  },
  setBreakGlass: {
    permission: "sso:manage",
    prepare: async (org) => {
      const m = await ownerMembershipOf(org);
      return (ctx) => members.setBreakGlass(ctx, { membershipId: m.id, breakGlass: true, version: m.version });
    },
  },
  createScimToken: { permission: "sso:manage", prepare: async () => (ctx) => scimTokens.createScimToken(ctx, { name: "Okta" }) },
  revokeScimToken: {
    permission: "sso:manage",
    prepare: async (org) => {
      const t = await db().scimToken.create({ data: { organisationId: org.organisation.id, name: "Okta", tokenHash: `h-${Math.random()}` } });
      return (ctx) => scimTokens.revokeScimToken(ctx, t.id);
    },
  },
  listScimTokens: { permission: "sso:manage", prepare: async () => (ctx) => scimTokens.listScimTokens(ctx) },
  // the organisation
  updateOrganisation: {
    permission: "organisation:update",
    prepare: async (org) => {
      const { version } = await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id }, select: { version: true } });
      return (ctx) => organisations.updateOrganisation(ctx, organisationInput(version));
    },
  },
};

/** Exported functions of these modules that act for no organisation role, and why. */
const EXEMPT: Record<string, string> = {
  changePassword: "the signed-in person's own account, scoped by their user id from the session",
  signOutEverywhere: "the signed-in person's own sessions, scoped by their user id",
  resetPasswordWithLink: "scoped by a one-time secret token an owner issued; the holder has no role yet",
  recordApiTokenUse: "bookkeeping for a token checkApiToken accepted, scoped by that token's organisation; no caller",
  recordPracticeApiTokenUse: "bookkeeping for a practice token checkPracticeApiToken accepted, scoped by that token's practice; no caller",
  acceptInvitation: "joins the organisation named by a secret invitation token; the caller has no role there yet",
  acceptInvitationWithNewAccount: "creates an account and joins the organisation named by a secret invitation token",
  createOrganisation: "a signed-in user creates a new organisation and becomes its owner",
  insertOrganisationRow: "a new organisation's row, inside the caller's transaction: called only by createOrganisation and by createClient (which checks the practice role)",
  importIntoNewOrganisation: "takes the caller's transaction first, then a context whose role it checks (inventory:write); only createClient calls it, for the organisation it created in that transaction",
  createPractice: "a signed-in user founds a practice and becomes its partner; it reaches no organisation yet",
  acceptPracticeInvitation: "joins the practice named by a secret invitation token; the caller has no role there yet (lib/practices/invitations.int.test.ts)",
  acceptPracticeInvitationWithNewAccount: "creates an account and joins the practice named by a secret invitation token (lib/practices/invitations.int.test.ts)",
  createFirstAccount: "first run only: refused once any account exists",
  submitQuestionnaireAnswer: "someone without an account answers through a secret questionnaire link, which names the organisation; throttled, and written only as drafts for review",
  formatOf: "pure: the format a file name says",
  inventoryTemplateFile: "the empty template workbook, the same for everyone",
};

// ---- enumerating the mutations from the source ----------------------------------------------

/** The mutation modules: lib/*\/mutations.ts and *-mutations.ts, the inventory import's two, and the SCIM tokens'. */
function mutationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : mutationFiles(full);
    return /(^|-)mutations\.ts$/.test(e.name) ? [full] : [];
  });
}
const LIB = path.join(process.cwd(), "lib");
const FILES = [...mutationFiles(LIB), path.join(LIB, "inventory/import.ts"), path.join(LIB, "inventory/import-file.ts"), path.join(LIB, "scim/tokens.ts")];

interface Declared {
  name: string;
  file: string;
  /** The first parameter is an OrgContext. */
  takesContext: boolean;
  /** The first parameter is a PracticeContext. */
  takesPracticeContext: boolean;
  /** The signature takes a version, or the body guards a write with one (`where: { …, version … }`). */
  versioned: boolean;
}

function declaredFunctions(): Declared[] {
  return FILES.flatMap((file) => {
    const text = readFileSync(file, "utf8");
    const starts = [...text.matchAll(/^export (?:async )?function (\w+)\s*(?:<[^>]*>)?\(\s*(\w+)?\s*:?\s*(\w+)?/gm)];
    return starts.map((m, i) => {
      const body = text.slice(m.index, starts[i + 1]?.index ?? text.length);
      const signature = body.slice(0, body.search(/\)\s*(?::[^{]*)?\{/) + 1);
      return {
        name: m[1]!,
        file: path.relative(process.cwd(), file),
        takesContext: m[3] === "OrgContext",
        // A practice's functions are checked against the practice's own hand-written matrix, for
        // role, version and isolation, in lib/practices/practices.int.test.ts.
        takesPracticeContext: m[3] === "PracticeContext",
        versioned: /\bversion\b/.test(signature) || /where:\s*\{[^}]*\bversion\b/.test(body),
      };
    });
  });
}

// ---- what a refused call must leave alone ------------------------------------------------------

/** Every row of the organisation (and its members' sessions), to prove a refused call wrote nothing. */
async function snapshot(organisationId: string): Promise<string> {
  const where = { organisationId };
  const orderBy = { id: "asc" as const };
  const p = db();
  const rows = await Promise.all([
    p.organisation.findUnique({ where: { id: organisationId } }),
    p.membership.findMany({ where, orderBy }),
    p.invitation.findMany({ where, orderBy }),
    p.passwordReset.findMany({ where, orderBy }),
    p.apiToken.findMany({ where, orderBy }),
    p.practiceClient.findMany({ where, orderBy }),
    p.session.findMany({ where: { user: { memberships: { some: where } } }, orderBy }),
    p.office.findMany({ where, orderBy }),
    p.vendor.findMany({ where, orderBy }),
    p.model.findMany({ where, orderBy }),
    p.aiSystem.findMany({ where, orderBy }),
    p.aiSystemOffice.findMany({ where, orderBy: [{ aiSystemId: "asc" }, { officeId: "asc" }] }),
    p.dependency.findMany({ where, orderBy }),
    p.fallback.findMany({ where, orderBy }),
    p.dataFlow.findMany({ where, orderBy }),
    p.assessment.findMany({ where, orderBy }),
    p.remediationAction.findMany({ where, orderBy }),
    p.scenario.findMany({ where, orderBy }),
    p.policyEvent.findMany({ where, orderBy }),
    p.reportRun.findMany({ where, orderBy }),
    p.workshop.findMany({ where, orderBy }),
    p.verifyItem.findMany({ where, orderBy }),
    p.questionnaire.findMany({ where, orderBy }),
    p.questionnaireResponse.findMany({ where, orderBy }),
    p.questionnaireItem.findMany({ where, orderBy }),
    p.aiActRegistration.findMany({ where, orderBy }),
    p.ssoConnection.findMany({ where, orderBy }),
    p.ssoDomain.findMany({ where, orderBy }),
    p.scimToken.findMany({ where, orderBy }),
    p.auditEvent.findMany({ where, orderBy }),
  ]);
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

// ---- A role the code does not know ---------------------------------------------------------------

/** A role that is not in the table (a future or corrupted one): every mutation must refuse it. */
const UNKNOWN_ROLE = "auditor" as unknown as Role;

describe("every mutation checks the caller's role itself", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  for (const [name, { permission, prepare }] of Object.entries(CASES)) {
    for (const role of MATRIX_ROLES) {
      const allowed = mayUse(role, permission);
      it(`${name} ${allowed ? "runs" : "is refused (FORBIDDEN, nothing written)"} for ${role}`, async () => {
        const userId = org.users[role].id;
        const call = await prepare(org, userId);
        const ctx = contextFor(org.organisation, userId, role);
        if (allowed) {
          await call(ctx);
          return;
        }
        const before = await snapshot(org.organisation.id);
        await expect(call(ctx)).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
        expect(await snapshot(org.organisation.id)).toBe(before);
      });
    }

    it(`${name} is refused for a role the permission table does not know (fails closed)`, async () => {
      const call = await prepare(org, org.users.owner.id);
      const before = await snapshot(org.organisation.id);
      await expect(call(contextFor(org.organisation, org.users.owner.id, UNKNOWN_ROLE))).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
      expect(await snapshot(org.organisation.id)).toBe(before);
    });
  }

  it("has a case for every exported mutation that takes an organisation context, and exempts only those that take none", () => {
    const declared = declaredFunctions();
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((d) => d.takesContext && !(d.name in CASES)).map((d) => `${d.file}: ${d.name}`)).toEqual([]);
    expect(declared.filter((d) => !d.takesContext && !d.takesPracticeContext && !(d.name in EXEMPT)).map((d) => `${d.file}: ${d.name} (no case and no written exemption)`)).toEqual([]);
    expect(declared.filter((d) => d.takesContext && d.name in EXEMPT).map((d) => `${d.file}: ${d.name} takes a context and cannot be exempt`)).toEqual([]);
    // No stale entries: every case and exemption names a function that exists.
    const names = new Set(declared.map((d) => d.name));
    expect([...Object.keys(CASES), ...Object.keys(EXEMPT)].filter((n) => !names.has(n))).toEqual([]);
  });
});

// ---- optimistic locking ------------------------------------------------------------------------------

const STALE_MESSAGE = /while you were editing/;

/**
 * name -> who edits, and `prepare`: a row at `version`, `change` (someone else saving it
 * meanwhile, on the database directly: the version goes up by one) and `call` (the edit based on
 * the version read before the change).
 */
const STALE_CASES: Record<string, { role: Role; prepare: (org: Org) => Promise<{ version: number; change: () => Promise<unknown>; call: (ctx: OrgContext, version: number) => Promise<unknown> }> }> = {
  updateOffice: {
    role: "editor",
    prepare: async (org) => {
      const { office } = await inventoryRows(org);
      return { version: office.version, change: () => db().office.update({ where: { id: office.id }, data: { city: "Köln", version: { increment: 1 } } }), call: (ctx, v) => offices.updateOffice(ctx, office.id, v, officeInput()) };
    },
  },
  deleteOffice: {
    role: "editor",
    prepare: async (org) => {
      const { office } = await inventoryRows(org);
      return { version: office.version, change: () => db().office.update({ where: { id: office.id }, data: { city: "Köln", version: { increment: 1 } } }), call: (ctx, v) => offices.deleteOffice(ctx, office.id, v) };
    },
  },
  updateVendor: {
    role: "editor",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return { version: vendor.version, change: () => db().vendor.update({ where: { id: vendor.id }, data: { hqCountry: "GB", version: { increment: 1 } } }), call: (ctx, v) => vendors.updateVendor(ctx, vendor.id, v, vendorInput()) };
    },
  },
  deleteVendor: {
    role: "editor",
    prepare: async (org) => {
      const { vendor } = await inventoryRows(org);
      return { version: vendor.version, change: () => db().vendor.update({ where: { id: vendor.id }, data: { hqCountry: "GB", version: { increment: 1 } } }), call: (ctx, v) => vendors.deleteVendor(ctx, vendor.id, v) };
    },
  },
  updateAiSystem: {
    role: "editor",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return { version: system.version, change: () => db().aiSystem.update({ where: { id: system.id }, data: { owner: "Someone else", version: { increment: 1 } } }), call: (ctx, v) => aiSystems.updateAiSystem(ctx, system.id, v, aiSystemInput()) };
    },
  },
  deleteAiSystem: {
    role: "editor",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      return { version: system.version, change: () => db().aiSystem.update({ where: { id: system.id }, data: { owner: "Someone else", version: { increment: 1 } } }), call: (ctx, v) => aiSystems.deleteAiSystem(ctx, system.id, v) };
    },
  },
  updateModel: {
    role: "editor",
    prepare: async (org) => {
      const { model } = await inventoryRows(org);
      return { version: model.version, change: () => db().model.update({ where: { id: model.id }, data: { family: "changed", version: { increment: 1 } } }), call: (ctx, v) => models.updateModel(ctx, model.id, v, modelInput()) };
    },
  },
  deleteModel: {
    role: "editor",
    prepare: async (org) => {
      const { model } = await inventoryRows(org);
      return { version: model.version, change: () => db().model.update({ where: { id: model.id }, data: { family: "changed", version: { increment: 1 } } }), call: (ctx, v) => models.deleteModel(ctx, model.id, v) };
    },
  },
  updateDependency: {
    role: "editor",
    prepare: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      return { version: dependency.version, change: () => db().dependency.update({ where: { id: dependency.id }, data: { notes: "theirs", version: { increment: 1 } } }), call: (ctx, v) => dependencies.updateDependency(ctx, dependency.id, v, dependencyChanges(model.id)) };
    },
  },
  deleteDependency: {
    role: "editor",
    prepare: async (org) => {
      const { dependency } = await inventoryRows(org);
      return { version: dependency.version, change: () => db().dependency.update({ where: { id: dependency.id }, data: { notes: "theirs", version: { increment: 1 } } }), call: (ctx, v) => dependencies.deleteDependency(ctx, dependency.id, v) };
    },
  },
  updateFallback: {
    role: "editor",
    prepare: async (org) => {
      const { fallback, model } = await inventoryRows(org);
      return { version: fallback.version, change: () => db().fallback.update({ where: { id: fallback.id }, data: { exitPlan: "theirs", version: { increment: 1 } } }), call: (ctx, v) => fallbacks.updateFallback(ctx, fallback.id, v, fallbackChanges(model.id)) };
    },
  },
  setWorkshopStep: {
    role: "editor",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return { version: w.version, change: () => db().workshop.update({ where: { id: w.id }, data: { step: 1, version: { increment: 1 } } }), call: (ctx, v) => workshops.setWorkshopStep(ctx, w.id, v, 3) };
    },
  },
  updateWorkshopAttendees: {
    role: "editor",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return { version: w.version, change: () => db().workshop.update({ where: { id: w.id }, data: { step: 1, version: { increment: 1 } } }), call: (ctx, v) => workshops.updateWorkshopAttendees(ctx, w.id, v, ["CFO"]) };
    },
  },
  confirmVerifyItem: {
    role: "editor",
    prepare: async (org) => {
      const item = await verifyRow(org);
      return { version: item.version, change: () => db().verifyItem.update({ where: { id: item.id }, data: { owner: "Legal", version: { increment: 1 } } }), call: (ctx, v) => workshops.confirmVerifyItem(ctx, item.id, v) };
    },
  },
  endWorkshop: {
    role: "owner",
    prepare: async (org) => {
      const w = await runningWorkshop(org);
      return { version: w.version, change: () => db().workshop.update({ where: { id: w.id }, data: { step: 4, version: { increment: 1 } } }), call: (ctx, v) => workshops.endWorkshop(ctx, w.id, v) };
    },
  },
  endPracticeEngagement: {
    role: "owner",
    prepare: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return { version: e.version, change: () => db().practiceClient.update({ where: { id: e.id }, data: { role: "viewer", version: { increment: 1 } } }), call: (ctx, v) => practices.endPracticeEngagement(ctx, e.id, v) };
    },
  },
  setBenchmarkConsent: {
    role: "owner",
    prepare: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return { version: e.version, change: () => db().practiceClient.update({ where: { id: e.id }, data: { role: "viewer", version: { increment: 1 } } }), call: (ctx, v) => practices.setBenchmarkConsent(ctx, e.id, v, true) };
    },
  },
  deleteFallback: {
    role: "editor",
    prepare: async (org) => {
      const { fallback } = await inventoryRows(org);
      return { version: fallback.version, change: () => db().fallback.update({ where: { id: fallback.id }, data: { exitPlan: "theirs", version: { increment: 1 } } }), call: (ctx, v) => fallbacks.deleteFallback(ctx, fallback.id, v) };
    },
  },
  updateDataFlow: {
    role: "editor",
    prepare: async (org) => {
      const rows = await inventoryRows(org);
      return { version: rows.dataFlow.version, change: () => db().dataFlow.update({ where: { id: rows.dataFlow.id }, data: { volume: "medium", version: { increment: 1 } } }), call: (ctx, v) => dataFlows.updateDataFlow(ctx, rows.dataFlow.id, v, dataFlowInput(rows)) };
    },
  },
  deleteDataFlow: {
    role: "editor",
    prepare: async (org) => {
      const { dataFlow } = await inventoryRows(org);
      return { version: dataFlow.version, change: () => db().dataFlow.update({ where: { id: dataFlow.id }, data: { volume: "medium", version: { increment: 1 } } }), call: (ctx, v) => dataFlows.deleteDataFlow(ctx, dataFlow.id, v) };
    },
  },
  updateScenario: {
    role: "analyst",
    prepare: async (org) => {
      const scenario = await savedScenario(org);
      return { version: scenario.version, change: () => db().scenario.update({ where: { id: scenario.id }, data: { description: "theirs", version: { increment: 1 } } }), call: (ctx, v) => scenarios.updateScenario(ctx, scenario.id, v, scenarioInput()) };
    },
  },
  deleteScenario: {
    role: "analyst",
    prepare: async (org) => {
      const scenario = await savedScenario(org);
      return { version: scenario.version, change: () => db().scenario.update({ where: { id: scenario.id }, data: { description: "theirs", version: { increment: 1 } } }), call: (ctx, v) => scenarios.deleteScenario(ctx, scenario.id, v) };
    },
  },
  updatePolicyEvent: {
    role: "analyst",
    prepare: async (org) => {
      const row = await savedPolicyEvent(org);
      return {
        version: row.version,
        change: () => db().policyEvent.update({ where: { id: row.id }, data: { title: "theirs", version: { increment: 1 } } }),
        call: (ctx, v) => policyEvents.updatePolicyEvent(ctx, row.id, v, { ...BAN, key: row.key, title: "mine" }),
      };
    },
  },
  deletePolicyEvent: {
    role: "analyst",
    prepare: async (org) => {
      const row = await savedPolicyEvent(org);
      return { version: row.version, change: () => db().policyEvent.update({ where: { id: row.id }, data: { title: "theirs", version: { increment: 1 } } }), call: (ctx, v) => policyEvents.deletePolicyEvent(ctx, row.id, v) };
    },
  },
  updateRemediationAction: {
    role: "analyst",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return {
        version: row.version,
        change: () => db().remediationAction.update({ where: { id: row.id }, data: { priority: "low", version: { increment: 1 } } }),
        call: (ctx, v) => remediation.updateRemediationAction(ctx, row.id, v, { title: "mine", priority: "critical" }),
      };
    },
  },
  closeRemediationAction: {
    role: "analyst",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return { version: row.version, change: () => db().remediationAction.update({ where: { id: row.id }, data: { priority: "low", version: { increment: 1 } } }), call: (ctx, v) => remediation.closeRemediationAction(ctx, row.id, v) };
    },
  },
  deleteRemediationAction: {
    role: "analyst",
    prepare: async (org) => {
      const row = await remediationRow(org);
      return { version: row.version, change: () => db().remediationAction.update({ where: { id: row.id }, data: { priority: "low", version: { increment: 1 } } }), call: (ctx, v) => remediation.deleteRemediationAction(ctx, row.id, v) };
    },
  },
  changeMemberRole: {
    role: "owner",
    prepare: async (org) => {
      const m = await extraMember(org);
      return {
        version: m.version,
        change: () => db().membership.update({ where: { id: m.id }, data: { role: "analyst", version: { increment: 1 } } }),
        call: (ctx, v) => members.changeMemberRole(ctx, { membershipId: m.id, role: "editor", version: v }),
      };
    },
  },
  revokeQuestionnaire: {
    role: "editor",
    prepare: async (org) => {
      const { link } = await questionnaireRows(org);
      return { version: link.version, change: () => db().questionnaire.update({ where: { id: link.id }, data: { title: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => questionnaires.revokeQuestionnaire(ctx, link.id, v) };
    },
  },
  addItemToInventory: {
    role: "editor",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      const input = addItemInput(item, item.version);
      return { version: item.version, change: () => db().questionnaireItem.update({ where: { id: item.id }, data: { purpose: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => questionnaires.addItemToInventory(ctx, { ...input, version: v }) };
    },
  },
  mergeItem: {
    role: "editor",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      const { system } = await inventoryRows(org);
      return { version: item.version, change: () => db().questionnaireItem.update({ where: { id: item.id }, data: { purpose: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => questionnaires.mergeItem(ctx, { id: item.id, version: v, aiSystemId: system.id, note: null }) };
    },
  },
  rejectItem: {
    role: "editor",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      return { version: item.version, change: () => db().questionnaireItem.update({ where: { id: item.id }, data: { purpose: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => questionnaires.rejectItem(ctx, { id: item.id, version: v, note: null }) };
    },
  },
  reopenItem: {
    role: "editor",
    prepare: async (org) => {
      const { item } = await questionnaireRows(org);
      const rejected = await db().questionnaireItem.update({ where: { id: item.id }, data: { status: "rejected", version: { increment: 1 } } });
      return { version: rejected.version, change: () => db().questionnaireItem.update({ where: { id: item.id }, data: { reviewNote: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => questionnaires.reopenItem(ctx, item.id, v) };
    },
  },
  saveAiActRegistration: {
    role: "editor",
    prepare: async (org) => {
      const { system } = await inventoryRows(org);
      const registration = await db().aiActRegistration.create({ data: { organisationId: org.organisation.id, aiSystemId: system.id, deployerName: "Stadt" } });
      return {
        version: registration.version,
        change: () => db().aiActRegistration.update({ where: { id: registration.id }, data: { friaSummary: "Theirs", version: { increment: 1 } } }),
        call: (ctx, v) => aiActRegistrations.saveAiActRegistration(ctx, registrationInput(system.id, v)),
      };
    },
  },
  saveSsoConnection: {
    role: "owner",
    prepare: async (org) => {
      const c = await samlConnectionRow(org);
      return { version: c.version, change: () => db().ssoConnection.update({ where: { id: c.id }, data: { name: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => sso.saveSsoConnection(ctx, samlConnectionInput(v)) };
    },
  },
  deleteSsoConnection: {
    role: "owner",
    prepare: async (org) => {
      const c = await samlConnectionRow(org);
      return { version: c.version, change: () => db().ssoConnection.update({ where: { id: c.id }, data: { name: "Theirs", version: { increment: 1 } } }), call: (ctx, v) => sso.deleteSsoConnection(ctx, v) };
    },
  },
  setSsoRequired: {
    role: "owner",
    prepare: async (org) => {
      const { version } = await readyForSsoRequired(org);
      return {
        version,
        change: () => db().organisation.update({ where: { id: org.organisation.id }, data: { sector: "Banking", version: { increment: 1 } } }),
        call: (ctx, v) => sso.setSsoRequired(ctx, { required: true, version: v }),
      };
    },
  },
  setBreakGlass: {
    role: "owner",
    prepare: async (org) => {
      const m = await ownerMembershipOf(org);
      return { version: m.version, change: () => db().membership.update({ where: { id: m.id }, data: { version: { increment: 1 } } }), call: (ctx, v) => members.setBreakGlass(ctx, { membershipId: m.id, breakGlass: true, version: v }) };
    },
  },
  updateOrganisation: {
    role: "owner",
    prepare: async (org) => {
      const { version } = await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id }, select: { version: true } });
      return {
        version,
        change: () => db().organisation.update({ where: { id: org.organisation.id }, data: { sector: "Banking", version: { increment: 1 } } }),
        call: (ctx, v) => organisations.updateOrganisation(ctx, organisationInput(v)),
      };
    },
  },
};

describe("every update and delete that takes a version refuses a stale one", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  for (const [name, { role, prepare }] of Object.entries(STALE_CASES)) {
    it(`${name} with the version from before someone else's save: CONFLICT, nothing changed; with the current one it goes through`, async () => {
      const { version, change, call } = await prepare(org);
      await change();
      const ctx = contextFor(org.organisation, org.users[role].id, role);
      const before = await snapshot(org.organisation.id);
      await expect(call(ctx, version)).rejects.toMatchObject({ name: "AppError", code: "CONFLICT", message: expect.stringMatching(STALE_MESSAGE) });
      expect(await snapshot(org.organisation.id)).toBe(before);
      // The refusal was about the version: the same edit on the current version is accepted.
      await call(ctx, version + 1);
      expect(await snapshot(org.organisation.id)).not.toBe(before);
    });
  }

  it("has a case for every update and delete that takes a version", () => {
    const versioned = declaredFunctions().filter((d) => d.versioned && d.takesContext);
    expect(versioned.length).toBeGreaterThan(20);
    expect(versioned.filter((d) => !(d.name in STALE_CASES)).map((d) => `${d.file}: ${d.name}`)).toEqual([]);
    expect(Object.keys(STALE_CASES).filter((n) => !versioned.some((d) => d.name === n))).toEqual([]);
  });
});

// ---- the import's per-row updates ----------------------------------------------------------------

type DocumentList = "offices" | "vendors" | "models" | "aiSystems" | "dependencies" | "fallbacks" | "dataFlows" | "policyEvents";

/** Per entity type: the document list, a change to its first row, and the table to bump meanwhile. */
const IMPORT_UPDATES: Record<ImportEntityType, { list: DocumentList; edit: Record<string, unknown>; table: "office" | "vendor" | "model" | "aiSystem" | "dependency" | "fallback" | "dataFlow" | "policyEvent" }> = {
  office: { list: "offices", edit: { headcount: 41 }, table: "office" },
  vendor: { list: "vendors", edit: { hqCountry: "CA" }, table: "vendor" },
  model: { list: "models", edit: { family: "edited" }, table: "model" },
  ai_system: { list: "aiSystems", edit: { owner: "Edited owner" }, table: "aiSystem" },
  dependency: { list: "dependencies", edit: { notes: "Edited" }, table: "dependency" },
  fallback: { list: "fallbacks", edit: { exitPlan: "Edited" }, table: "fallback" },
  data_flow: { list: "dataFlows", edit: { volume: "high" }, table: "dataFlow" },
  policy_event: { list: "policyEvents", edit: { title: "Edited title" }, table: "policyEvent" },
};

describe("the inventory import refuses to overwrite a row saved since it planned", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
    importHook.afterRead = null;
  });

  for (const type of IMPORT_ENTITY_TYPES) {
    const { list, edit, table } = IMPORT_UPDATES[type];
    it(`import: a ${type} row saved by someone else between the import's read and its write: CONFLICT, nothing imported`, async () => {
      await inventoryRows(org);
      await savedPolicyEvent(org);
      const editor = contextFor(org.organisation, org.users.editor.id, "editor");
      const { document } = await loadInventoryDocument(editor);
      const rows = document[list] as Record<string, unknown>[] | undefined;
      if (!rows?.[0]) throw new Error(`the document should hold a row in ${list}`);
      const edited: InventoryDocumentInput = { ...document, [list]: [{ ...rows[0], ...edit }, ...rows.slice(1)] };
      // The plan updates exactly that row.
      const planned = await inventoryImport.planInventoryImport(editor, edited);
      if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
      expect(planned.plan.totals).toMatchObject({ create: 0, update: 1 });
      expect(planned.plan.entities[type].update).toHaveLength(1);

      let before = "";
      importHook.afterRead = async () => {
        // Someone else saves the row after the import read it (its version goes up by one).
        const delegate = db()[table] as unknown as { updateMany(args: object): Promise<{ count: number }> };
        expect((await delegate.updateMany({ where: { id: planned.plan.entities[type].update[0]!.id }, data: { version: { increment: 1 } } })).count).toBe(1);
        before = await snapshot(org.organisation.id);
      };
      await expect(inventoryImport.applyInventoryImport(editor, edited)).rejects.toMatchObject({ name: "AppError", code: "CONFLICT", message: expect.stringMatching(/changed while importing/) });
      expect(before).not.toBe("");
      expect(await snapshot(org.organisation.id)).toBe(before);

      // Planned again, the same document goes through.
      const applied = await inventoryImport.applyInventoryImport(editor, edited);
      expect(applied.ok && applied.plan.entities[type].update.length).toBe(1);
    });
  }
});
