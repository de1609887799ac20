// Role checks for every server action: each action is called as a member of each role, with
// the real session lookup, membership resolution and database; only auth() (which needs an
// HTTP request) and Next's cache invalidation are replaced.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { PERMISSIONS, ROLES, type Permission } from "@/lib/auth/permissions";
import { MATRIX_ROLES, matrixAsPermissions, mayUse } from "@/lib/testing/role-matrix";
import type { ActionState } from "@/lib/action-state";
import { buildEngagement, buildOffice, buildOrganisation, buildOrganisationWithMembers, buildPracticeWithMembers, buildUser, buildMembership } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
// Single sign-on's protocol peers on loopback (decision 049): a DNS server that verifies domains
// (named by SOVRA_DNS_SERVERS before the environment is first read) and a SAML IdP serving metadata.
const loopback = await vi.hoisted(async () => {
  const { startDnsServer } = await import("@/e2e/support/dns-server");
  const { startSamlIdp } = await import("@/e2e/support/saml-idp");
  const dns = await startDnsServer();
  process.env.SOVRA_DNS_SERVERS = dns.address;
  return { dns, idp: await startSamlIdp() };
});
afterAll(async () => {
  await Promise.all([loopback.dns.close(), loopback.idp.close()]);
});
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// Actions that throttle read the client address from the request's headers.
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));

const { createOfficeAction, captureOfficeAction, updateOfficeAction, deleteOfficeAction } = await import("@/lib/offices/actions");
const { createInvitationAction, revokeInvitationAction, changeRoleAction, removeMemberAction, createPasswordResetAction, acceptInvitationAction } = await import("@/lib/members/actions");
const { changePasswordAction, signOutEverywhereAction } = await import("@/lib/account/actions");
const { updateOrganisationAction } = await import("@/lib/organisations/actions");
const { createApiTokenAction, revokeApiTokenAction, revokeOwnApiTokenAction, updateApiTokenPolicyAction } = await import("@/lib/api-tokens/actions");
const { createVendorAction, updateVendorAction, deleteVendorAction } = await import("@/lib/vendors/actions");
const { createAiSystemAction, updateAiSystemAction, deleteAiSystemAction } = await import("@/lib/ai-systems/actions");
const { createDependencyAction, deleteDependencyAction, updateDependencyAction } = await import("@/lib/dependencies/actions");
const { createFallbackAction, deleteFallbackAction, updateFallbackAction } = await import("@/lib/fallbacks/actions");
const { addFromCatalogueAction } = await import("@/lib/catalogue/actions");
const { createModelAction, updateModelAction, deleteModelAction } = await import("@/lib/models/actions");
const { freezeAssessmentAction } = await import("@/lib/assessments/actions");
const { createDataFlowAction, captureDataFlowAction, updateDataFlowAction, deleteDataFlowAction } = await import("@/lib/data-flows/actions");
const { createRemediationActionAction, addSuggestionAction, updateRemediationActionAction, closeRemediationActionAction, deleteRemediationActionAction } = await import("@/lib/remediation/actions");
const { listRemediationSuggestions } = await import("@/lib/remediation/queries");
const { contextFor } = await import("@/lib/testing/db");

/** An action in `org`'s remediation plan. */
async function remediationRow(org: Org) {
  return db().remediationAction.create({ data: { organisationId: org.organisation.id, title: "Drill the fallback", origin: "manual", priority: "medium" } });
}
const { createScenarioAction, updateScenarioAction, deleteScenarioAction, runScenarioAction, runWorkshopShockAction } = await import("@/lib/scenarios/actions");
const { createPolicyEventAction, updatePolicyEventAction, deletePolicyEventAction } = await import("@/lib/policy-events/actions");
const { startReportRunAction } = await import("@/lib/reports/run-actions");
const { freezeAssessment } = await import("@/lib/assessments/mutations");
const practiceActions = await import("@/lib/practices/actions");
const practiceInvitationActions = await import("@/lib/practices/invitation-actions");
const practiceTokenActions = await import("@/lib/practices/api-token-actions");
const { createPracticeApiToken } = await import("@/lib/practices/api-token-mutations");
const { gifHeader, pngBytes } = await import("@/lib/testing/images");
const workshopActions = await import("@/lib/workshops/actions");
const questionnaireActions = await import("@/lib/questionnaires/actions");
const { saveAiActRegistrationAction } = await import("@/lib/ai-act-registrations/actions");
const ssoActions = await import("@/lib/sso/actions");
const { setBreakGlassAction } = await import("@/lib/members/actions");

/** A questionnaire link of `org` and one answered item waiting for review. */
async function questionnaireItem(org: Org, status: "pending" | "rejected" = "pending") {
  const link = await db().questionnaire.create({ data: { organisationId: org.organisation.id, title: "Before the workshop", tokenHash: `hash-${Math.random()}`, expiresAt: new Date(Date.now() + 86_400_000) } });
  const response = await db().questionnaireResponse.create({ data: { organisationId: org.organisation.id, questionnaireId: link.id, respondentName: "Dana" } });
  const item = await db().questionnaireItem.create({ data: { organisationId: org.organisation.id, responseId: response.id, systemName: "ChatGPT", purpose: "Emails", status } });
  return { link, item };
}

/** A running workshop in `org`, straight in the database (one runs at a time: an earlier one ends first). */
async function workshopRow(org: Org) {
  await db().workshop.updateMany({ where: { organisationId: org.organisation.id, status: "running" }, data: { status: "ended", endedAt: new Date() } });
  return db().workshop.create({ data: { organisationId: org.organisation.id, title: `Workshop ${Math.random()}`, attendees: [] } });
}

/** A vendor, model, AI system and dependency in `org`, for the inventory actions' inputs. */
async function inventoryRows(org: Org) {
  const organisationId = org.organisation.id;
  const tag = Math.random().toString(36).slice(2, 8);
  const vendor = await db().vendor.create({ data: { organisationId, name: `Vendor ${tag}`, vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: `Model ${tag}`, family: "m", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: `System ${tag}`, owner: "Ops", criticality: "high", toleratedDowntimeMinutes: 60 } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  return { vendor, model, system, dependency };
}

type Org = Awaited<ReturnType<typeof buildOrganisationWithMembers>>;

/** The server action modules under `dir`: files named actions.ts or *-actions.ts. */
function actionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : actionFiles(full);
    return /(^|-)actions\.ts$/.test(e.name) ? [full] : [];
  });
}
type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, String(item));
  return fd;
}

/** Runs an action; a redirect (Next's way to finish a successful form) counts as success. */
async function call(action: Action, fields: Record<string, string | number | string[]>): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success" };
    throw e;
  }
}

/** Each action with its permission and fresh valid input for the given organisation. */
const ACTIONS: { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] = [
  {
    name: "createOfficeAction",
    permission: "inventory:write",
    action: createOfficeAction,
    input: async (org) => ({ org: org.organisation.slug, name: `Office ${Math.random()}`, country: "DE", city: "Bonn", headcount: 3, teams: "Ops" }),
  },
  {
    name: "captureOfficeAction",
    permission: "inventory:write",
    action: captureOfficeAction,
    input: async (org) => ({ org: org.organisation.slug, name: `Office ${Math.random()}`, country: "FR", city: "Lyon", headcount: 40 }),
  },
  {
    name: "captureDataFlowAction",
    permission: "inventory:write",
    action: captureDataFlowAction,
    input: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      const { vendor, dependency } = await inventoryRows(org);
      return { org: org.organisation.slug, name: `Flow ${Math.random()}`, originOfficeId: office.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" };
    },
  },
  {
    name: "updateOfficeAction",
    permission: "inventory:write",
    action: updateOfficeAction,
    input: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return { org: org.organisation.slug, id: office.id, version: office.version, name: office.name, country: "FR", city: "Lyon", headcount: 5, teams: "" };
    },
  },
  {
    name: "deleteOfficeAction",
    permission: "inventory:write",
    action: deleteOfficeAction,
    input: async (org) => {
      const office = await buildOffice(db(), org.organisation.id);
      return { org: org.organisation.slug, id: office.id, version: office.version };
    },
  },
  {
    name: "updateOrganisationAction",
    permission: "organisation:update",
    action: updateOrganisationAction,
    input: async (org) => {
      const { version } = await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id }, select: { version: true } });
      return { org: org.organisation.slug, name: org.organisation.name, hqCountry: "DE", sector: "Manufacturing", regimes: ["gdpr", "dora"], version };
    },
  },
  { name: "createInvitationAction", permission: "members:manage", action: createInvitationAction, input: async (org) => ({ org: org.organisation.slug, role: "viewer", email: "" }) },
  {
    name: "revokeInvitationAction",
    permission: "members:manage",
    action: revokeInvitationAction,
    input: async (org) => {
      const invitation = await db().invitation.create({
        data: { organisationId: org.organisation.id, tokenHash: `h-${Math.random()}`, role: "viewer", createdById: org.users.owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return { org: org.organisation.slug, invitationId: invitation.id };
    },
  },
  {
    name: "changeRoleAction",
    permission: "members:manage",
    action: changeRoleAction,
    input: async (org) => {
      const m = await buildMembership(db(), org.organisation.id, (await buildUser(db())).id, "viewer");
      return { org: org.organisation.slug, membershipId: m.id, role: "editor", version: m.version };
    },
  },
  {
    name: "removeMemberAction",
    permission: "members:manage",
    action: removeMemberAction,
    input: async (org) => {
      const m = await buildMembership(db(), org.organisation.id, (await buildUser(db())).id, "viewer");
      return { org: org.organisation.slug, membershipId: m.id };
    },
  },
  {
    name: "createPasswordResetAction",
    permission: "members:manage",
    action: createPasswordResetAction,
    input: async (org) => {
      const m = await buildMembership(db(), org.organisation.id, (await buildUser(db())).id, "viewer");
      return { org: org.organisation.slug, membershipId: m.id };
    },
  },
  {
    name: "createVendorAction",
    permission: "inventory:write",
    action: createVendorAction,
    input: async (org) => ({ org: org.organisation.slug, name: `Mistral ${Math.random()}`, vendorType: "frontier_lab", hqCountry: "FR" }),
  },
  {
    name: "updateVendorAction",
    permission: "inventory:write",
    action: updateVendorAction,
    input: async (org) => {
      const { vendor } = await inventoryRows(org);
      return { org: org.organisation.slug, id: vendor.id, version: vendor.version, name: vendor.name, vendorType: "frontier_lab", hqCountry: "US", parentName: "Parent Inc.", parentCountry: "US" };
    },
  },
  {
    name: "deleteVendorAction",
    permission: "inventory:write",
    action: deleteVendorAction,
    input: async (org) => {
      const { vendor } = await inventoryRows(org);
      return { org: org.organisation.slug, id: vendor.id, version: vendor.version };
    },
  },
  {
    name: "createAiSystemAction",
    permission: "inventory:write",
    action: createAiSystemAction,
    input: async (org) => ({ org: org.organisation.slug, name: `Bot ${Math.random()}`, owner: "Ops", criticality: "medium", downtimeHours: "4", downtimeMinutes: "0" }),
  },
  {
    name: "updateAiSystemAction",
    permission: "inventory:write",
    action: updateAiSystemAction,
    input: async (org) => {
      const { system } = await inventoryRows(org);
      return { org: org.organisation.slug, id: system.id, version: system.version, name: system.name, owner: "New owner", criticality: "critical", downtimeHours: "1", downtimeMinutes: "30" };
    },
  },
  {
    name: "deleteAiSystemAction",
    permission: "inventory:write",
    action: deleteAiSystemAction,
    input: async (org) => {
      const { system } = await inventoryRows(org);
      return { org: org.organisation.slug, id: system.id, version: system.version };
    },
  },
  {
    name: "createDependencyAction",
    permission: "inventory:write",
    action: createDependencyAction,
    input: async (org) => {
      const { system, model } = await inventoryRows(org);
      return { org: org.organisation.slug, aiSystemId: system.id, modelId: model.id, accessPath: "self_hosted" };
    },
  },
  {
    name: "deleteDependencyAction",
    permission: "inventory:write",
    action: deleteDependencyAction,
    input: async (org) => {
      const { dependency } = await inventoryRows(org);
      return { org: org.organisation.slug, id: dependency.id, version: dependency.version };
    },
  },
  {
    name: "createFallbackAction",
    permission: "inventory:write",
    action: createFallbackAction,
    input: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      return { org: org.organisation.slug, dependencyId: dependency.id, modelId: model.id, accessPath: "self_hosted", lastTestedAt: "2026-11-01", switchTimeMinutes: "30" };
    },
  },
  {
    name: "deleteFallbackAction",
    permission: "inventory:write",
    action: deleteFallbackAction,
    input: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      const fallback = await db().fallback.create({ data: { organisationId: org.organisation.id, dependencyId: dependency.id, modelId: model.id, accessPath: "self_hosted" } });
      return { org: org.organisation.slug, id: fallback.id, version: fallback.version };
    },
  },
  { name: "addFromCatalogueAction", permission: "inventory:write", action: addFromCatalogueAction, input: async (org) => ({ org: org.organisation.slug, catalogueKey: "mistral" }) },
  {
    name: "createDataFlowAction",
    permission: "inventory:write",
    action: createDataFlowAction,
    input: async (org) => {
      const { vendor, system, dependency } = await inventoryRows(org);
      return { org: org.organisation.slug, name: `Flow ${Math.random()}`, originAiSystemId: system.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" };
    },
  },
  {
    name: "updateDataFlowAction",
    permission: "inventory:write",
    action: updateDataFlowAction,
    input: async (org) => {
      const { vendor, system, dependency } = await inventoryRows(org);
      const flow = await db().dataFlow.create({
        data: { organisationId: org.organisation.id, name: `Flow ${Math.random()}`, originAiSystemId: system.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
      });
      return { org: org.organisation.slug, id: flow.id, version: flow.version, name: flow.name, originAiSystemId: system.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "DE", dataCategories: ["internal", "personal"], volume: "high", transferMechanism: "adequacy", encryption: "at_rest" };
    },
  },
  {
    name: "deleteDataFlowAction",
    permission: "inventory:write",
    action: deleteDataFlowAction,
    input: async (org) => {
      const { vendor } = await inventoryRows(org);
      const flow = await db().dataFlow.create({
        data: { organisationId: org.organisation.id, name: `Flow ${Math.random()}`, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
      });
      return { org: org.organisation.slug, id: flow.id, version: flow.version };
    },
  },
  { name: "createApiTokenAction", permission: "api_tokens:manage", action: createApiTokenAction, input: async (org) => ({ org: org.organisation.slug, name: "Release gate", role: "viewer" }) },
  {
    name: "revokeApiTokenAction",
    permission: "api_tokens:manage",
    action: revokeApiTokenAction,
    input: async (org) => {
      const token = await db().apiToken.create({
        data: { organisationId: org.organisation.id, name: "CI", tokenHash: `h-${Math.random()}`, role: "viewer", createdById: org.users.owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return { org: org.organisation.slug, tokenId: token.id };
    },
  },
  {
    name: "revokeOwnApiTokenAction",
    permission: "api_tokens:own",
    action: revokeOwnApiTokenAction,
    input: async (org) => {
      // A token the caller created (every member revokes their own); without a session, the owner's.
      const token = await db().apiToken.create({
        data: { organisationId: org.organisation.id, name: "Mine", tokenHash: `h-${Math.random()}`, role: "viewer", createdById: session.userId ?? org.users.owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return { org: org.organisation.slug, tokenId: token.id };
    },
  },
  { name: "updateApiTokenPolicyAction", permission: "api_tokens:manage", action: updateApiTokenPolicyAction, input: async (org) => ({ org: org.organisation.slug, defaultDays: 30, maxDays: 180 }) },
  {
    name: "createModelAction",
    permission: "inventory:write",
    action: createModelAction,
    input: async (org) => {
      const { vendor } = await inventoryRows(org);
      return { org: org.organisation.slug, vendorId: vendor.id, name: "New model", family: "m", weights: "open", licence: "MIT", trainingCompute: "unknown", offeredAccessPaths: ["self_hosted"] };
    },
  },
  {
    name: "updateModelAction",
    permission: "inventory:write",
    action: updateModelAction,
    input: async (org) => {
      const { model } = await inventoryRows(org);
      return { org: org.organisation.slug, id: model.id, version: model.version, name: model.name, family: "m", weights: "closed", licence: "Commercial", trainingCompute: "unknown" };
    },
  },
  {
    name: "deleteModelAction",
    permission: "inventory:write",
    action: deleteModelAction,
    input: async (org) => {
      const { model } = await inventoryRows(org);
      return { org: org.organisation.slug, id: model.id, version: model.version };
    },
  },
  {
    name: "freezeAssessmentAction",
    permission: "assessments:write",
    action: freezeAssessmentAction,
    input: async (org) => {
      await inventoryRows(org);
      return { org: org.organisation.slug, asOf: "", note: "Quarterly review" };
    },
  },
  {
    name: "updateDependencyAction",
    permission: "inventory:write",
    action: updateDependencyAction,
    input: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      return { org: org.organisation.slug, id: dependency.id, version: dependency.version, modelId: model.id, accessPath: "direct_api", dataSent: ["internal"], notes: "Reviewed" };
    },
  },
  {
    name: "updateFallbackAction",
    permission: "inventory:write",
    action: updateFallbackAction,
    input: async (org) => {
      const { dependency, model } = await inventoryRows(org);
      const fallback = await db().fallback.create({ data: { organisationId: org.organisation.id, dependencyId: dependency.id, modelId: model.id, accessPath: "self_hosted" } });
      return { org: org.organisation.slug, id: fallback.id, version: fallback.version, modelId: model.id, accessPath: "self_hosted", lastTestedAt: "2026-11-20", exitPlanUrl: "https://wiki.example.com/exit" };
    },
  },
  {
    // The first save of an AI system's EU AI Act registration (decision 046): the inventory's editors.
    name: "saveAiActRegistrationAction",
    permission: "inventory:write",
    action: saveAiActRegistrationAction,
    input: async (org) => {
      const { system } = await inventoryRows(org);
      return { org: org.organisation.slug, aiSystemId: system.id, version: "", annexIIIArea: "5", deployerName: org.organisation.name, providerEuDatabaseUrl: "https://eu-database.example.eu/entry/1", friaSummary: "Findings" };
    },
  },
  {
    name: "startWorkshopAction",
    permission: "workshops:run",
    action: workshopActions.startWorkshopAction,
    input: async (org) => {
      await db().workshop.updateMany({ where: { organisationId: org.organisation.id, status: "running" }, data: { status: "ended", endedAt: new Date() } });
      return { org: org.organisation.slug, title: "Sovereignty workshop", attendees: "CTO\nCISO" };
    },
  },
  {
    name: "workshopStepAction",
    permission: "workshops:run",
    action: workshopActions.workshopStepAction,
    input: async (org) => {
      const w = await workshopRow(org);
      return { org: org.organisation.slug, id: w.id, version: w.version, step: 2 };
    },
  },
  {
    name: "workshopAttendeesAction",
    permission: "workshops:run",
    action: workshopActions.workshopAttendeesAction,
    input: async (org) => {
      const w = await workshopRow(org);
      return { org: org.organisation.slug, id: w.id, version: w.version, attendees: "CTO, CFO" };
    },
  },
  {
    name: "captureSystemAction",
    permission: "inventory:write",
    action: workshopActions.captureSystemAction,
    input: async (org) => {
      const w = await workshopRow(org);
      return { org: org.organisation.slug, workshopId: w.id, name: `Captured ${Math.random()}`, owner: "Ops", criticality: "high", downtimeHours: "4", model: "catalogue:mistral-large", accessPath: "direct_api" };
    },
  },
  {
    name: "runWorkshopShockAction",
    permission: "workshops:run",
    action: runWorkshopShockAction,
    input: async (org) => ({ org: org.organisation.slug, workshopId: (await workshopRow(org)).id, scenarioId: (await savedScenario(org)).scenario.id }),
  },
  {
    name: "flagToVerifyAction",
    permission: "workshops:run",
    action: workshopActions.flagToVerifyAction,
    input: async (org) => {
      const { system } = await inventoryRows(org);
      return { org: org.organisation.slug, subjectType: "ai_system", subjectId: system.id, question: "Which region?", owner: "Ops" };
    },
  },
  {
    name: "confirmVerifyAction",
    permission: "workshops:run",
    action: workshopActions.confirmVerifyAction,
    input: async (org) => {
      const { system } = await inventoryRows(org);
      const item = await db().verifyItem.create({ data: { organisationId: org.organisation.id, subjectType: "ai_system", subjectId: system.id, subjectLabel: system.name, question: "Which region?", owner: "Ops" } });
      return { org: org.organisation.slug, id: item.id, version: item.version };
    },
  },
  {
    name: "agreedActionAction",
    permission: "workshops:run",
    action: workshopActions.agreedActionAction,
    input: async (org) => {
      const w = await workshopRow(org);
      return { org: org.organisation.slug, workshopId: w.id, title: "Drill the fallback", ownerId: org.users.editor.id, dueDate: "2027-02-01", priority: "high" };
    },
  },
  {
    name: "workshopSummaryAction",
    permission: "workshops:run",
    action: workshopActions.workshopSummaryAction,
    input: async (org) => {
      await inventoryRows(org);
      const w = await workshopRow(org);
      const assessment = await freezeAssessment(contextFor(org.organisation, org.users.owner.id, "owner"), { note: `Workshop ${Math.random()}` });
      await db().workshop.update({ where: { id: w.id }, data: { status: "ended", endedAt: new Date(), assessmentId: assessment.id } });
      return { org: org.organisation.slug, id: w.id };
    },
  },
  {
    name: "endWorkshopAction",
    permission: "workshops:run",
    action: workshopActions.endWorkshopAction,
    input: async (org) => {
      await inventoryRows(org);
      const w = await workshopRow(org);
      return { org: org.organisation.slug, id: w.id, version: w.version };
    },
  },
  {
    name: "createQuestionnaireAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.createQuestionnaireAction,
    input: async (org) => ({ org: org.organisation.slug, title: "Which AI do you use?", days: "14" }),
  },
  {
    name: "revokeQuestionnaireAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.revokeQuestionnaireAction,
    input: async (org) => {
      const { link } = await questionnaireItem(org);
      return { org: org.organisation.slug, id: link.id, version: link.version };
    },
  },
  {
    name: "addItemAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.addItemAction,
    input: async (org) => {
      const { item } = await questionnaireItem(org);
      return { org: org.organisation.slug, id: item.id, version: item.version, name: `Answered ${Math.random()}`, owner: "Service", criticality: "medium", downtimeHours: "24", model: "catalogue:mistral-large", accessPath: "direct_api" };
    },
  },
  {
    name: "mergeItemAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.mergeItemAction,
    input: async (org) => {
      const { item } = await questionnaireItem(org);
      const { system } = await inventoryRows(org);
      return { org: org.organisation.slug, id: item.id, version: item.version, aiSystemId: system.id, note: "" };
    },
  },
  {
    name: "rejectItemAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.rejectItemAction,
    input: async (org) => {
      const { item } = await questionnaireItem(org);
      return { org: org.organisation.slug, id: item.id, version: item.version, note: "Personal use" };
    },
  },
  {
    name: "reopenItemAction",
    permission: "questionnaires:manage",
    action: questionnaireActions.reopenItemAction,
    input: async (org) => {
      const { item } = await questionnaireItem(org, "rejected");
      return { org: org.organisation.slug, id: item.id, version: item.version };
    },
  },
  {
    name: "createRemediationActionAction",
    permission: "remediation:manage",
    action: createRemediationActionAction,
    input: async (org) => ({ org: org.organisation.slug, title: "Negotiate exit terms", description: "", ownerId: org.users.analyst.id, dueDate: "2027-03-31", priority: "high", expectedGain: "2" }),
  },
  {
    name: "addSuggestionAction",
    permission: "remediation:manage",
    action: addSuggestionAction,
    input: async (org) => {
      await inventoryRows(org);
      const found = await listRemediationSuggestions(contextFor(org.organisation, org.users.owner.id, "owner"));
      if (!found.ok || !found.suggestions[0]) throw new Error("the inventory should have a suggestion");
      return { org: org.organisation.slug, findingKey: found.suggestions[0].id, ownerId: "", dueDate: "", priority: "high" };
    },
  },
  {
    name: "updateRemediationActionAction",
    permission: "remediation:manage",
    action: updateRemediationActionAction,
    input: async (org) => {
      const a = await remediationRow(org);
      return { org: org.organisation.slug, id: a.id, version: a.version, title: a.title, description: "", ownerId: org.users.owner.id, dueDate: "", priority: "critical", status: "in_progress" };
    },
  },
  {
    name: "closeRemediationActionAction",
    permission: "remediation:manage",
    action: closeRemediationActionAction,
    input: async (org) => {
      const a = await remediationRow(org);
      return { org: org.organisation.slug, id: a.id, version: a.version };
    },
  },
  {
    name: "deleteRemediationActionAction",
    permission: "remediation:manage",
    action: deleteRemediationActionAction,
    input: async (org) => {
      const a = await remediationRow(org);
      return { org: org.organisation.slug, id: a.id, version: a.version };
    },
  },
  ...scenarioActions(),
  ...policyEventActions(),
  ...reportActions(),
  ...ssoActionCases(),
  {
    name: "endPracticeEngagementAction",
    permission: "members:manage",
    action: practiceActions.endPracticeEngagementAction,
    input: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return { org: org.organisation.slug, engagementId: e.id, version: e.version };
    },
  },
  {
    name: "setBenchmarkConsentAction",
    permission: "members:manage",
    action: practiceActions.setBenchmarkConsentAction,
    input: async (org) => {
      const p = await buildPracticeWithMembers(db());
      const e = await buildEngagement(db(), p.practice.id, org.organisation.id, "editor");
      return { org: org.organisation.slug, engagementId: e.id, version: e.version, consent: "on" };
    },
  },
];

/** `org`'s SAML connection, read from the loopback IdP's metadata URL (written directly). */
const samlConnectionOf = (org: Org) =>
  db().ssoConnection.create({
    data: { organisationId: org.organisation.id, protocol: "saml", name: "IdP", samlMetadataUrl: loopback.idp.metadataUrl, samlIdpEntityId: loopback.idp.entityId, samlIdpSsoUrl: `${loopback.idp.url}/sso`, samlIdpCertificates: [loopback.idp.certificate] },
  });
/** A domain of `org` waiting for verification, its TXT record published on the loopback DNS server. */
async function pendingDomainOf(org: Org) {
  const domain = `${Math.random().toString(36).slice(2, 8)}.roles.example.test`;
  const row = await db().ssoDomain.create({ data: { organisationId: org.organisation.id, domain, verificationToken: `sovra-verify=${Math.random().toString(36).slice(2)}` } });
  loopback.dns.setTxt(`_sovra-verification.${domain}`, [row.verificationToken]);
  return row;
}

function ssoActionCases(): { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] {
  return [
    {
      name: "saveSsoConnectionAction",
      permission: "sso:manage",
      action: ssoActions.saveSsoConnectionAction,
      input: async (org) => ({ org: org.organisation.slug, version: "", protocol: "saml", name: "Contoso", enabled: "on", groupsAttribute: "groups", group: ["sovra-owners"], groupRole: ["owner"], defaultRole: "none", samlMetadataUrl: "", samlMetadataXml: loopback.idp.metadataXml }),
    },
    {
      name: "refreshSamlMetadataAction",
      permission: "sso:manage",
      action: ssoActions.refreshSamlMetadataAction,
      input: async (org) => {
        await samlConnectionOf(org);
        return { org: org.organisation.slug };
      },
    },
    {
      name: "deleteSsoConnectionAction",
      permission: "sso:manage",
      action: ssoActions.deleteSsoConnectionAction,
      input: async (org) => ({ org: org.organisation.slug, version: (await samlConnectionOf(org)).version }),
    },
    { name: "addSsoDomainAction", permission: "sso:manage", action: ssoActions.addSsoDomainAction, input: async (org) => ({ org: org.organisation.slug, domain: `${Math.random().toString(36).slice(2, 8)}.example.test` }) },
    {
      name: "verifySsoDomainAction",
      permission: "sso:manage",
      action: ssoActions.verifySsoDomainAction,
      input: async (org) => ({ org: org.organisation.slug, domainId: (await pendingDomainOf(org)).id }),
    },
    {
      name: "removeSsoDomainAction",
      permission: "sso:manage",
      action: ssoActions.removeSsoDomainAction,
      input: async (org) => ({ org: org.organisation.slug, domainId: (await pendingDomainOf(org)).id }),
    },
    {
      name: "setSsoRequiredAction",
      permission: "sso:manage",
      action: ssoActions.setSsoRequiredAction,
      input: async (org) => {
        // Ready to require: a usable connection, a verified domain and a break-glass owner.
        await samlConnectionOf(org);
        const domain = await pendingDomainOf(org);
        await db().ssoDomain.update({ where: { id: domain.id }, data: { verifiedAt: new Date(), verifiedDomain: domain.domain } });
        await db().membership.updateMany({ where: { organisationId: org.organisation.id, userId: org.users.owner.id }, data: { breakGlass: true } });
        const { version } = await db().organisation.findUniqueOrThrow({ where: { id: org.organisation.id } });
        return { org: org.organisation.slug, required: "on", version };
      },
    },
    {
      name: "setBreakGlassAction",
      permission: "sso:manage",
      action: setBreakGlassAction,
      input: async (org) => {
        const m = await db().membership.findFirstOrThrow({ where: { organisationId: org.organisation.id, userId: org.users.owner.id } });
        return { org: org.organisation.slug, membershipId: m.id, breakGlass: "true", version: m.version };
      },
    },
    { name: "createScimTokenAction", permission: "sso:manage", action: ssoActions.createScimTokenAction, input: async (org) => ({ org: org.organisation.slug, name: "Okta provisioning" }) },
    {
      name: "revokeScimTokenAction",
      permission: "sso:manage",
      action: ssoActions.revokeScimTokenAction,
      input: async (org) => {
        const token = await db().scimToken.create({ data: { organisationId: org.organisation.id, name: "Okta", tokenHash: `h-${Math.random()}` } });
        return { org: org.organisation.slug, tokenId: token.id };
      },
    },
  ];
}

/** An own policy event saved in `org` (directly in the database), for the policy event actions' inputs. */
async function savedPolicyEvent(org: Org) {
  const key = `ban-${Math.random().toString(36).slice(2, 8)}`;
  return db().policyEvent.create({
    data: { organisationId: org.organisation.id, key, kind: "impose", title: key, effectiveDate: new Date("2025-01-01"), source: "test", type: "ban", issuer: "US", scope: {}, restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }] },
  });
}

function policyEventActions(): { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] {
  const fields = { kind: "impose", effectiveDate: "2025-03-01", source: "https://example.test", type: "export-control", issuer: "US", scope: JSON.stringify({ weights: "closed" }), restrictions: JSON.stringify([{ countries: { only: ["RU"] }, locus: "any", severity: "block" }]) };
  return [
    {
      name: "createPolicyEventAction",
      permission: "policy_events:manage",
      action: createPolicyEventAction,
      input: async (org) => ({ org: org.organisation.slug, ...fields, title: `Control ${Math.random().toString(36).slice(2, 8)}` }),
    },
    {
      name: "updatePolicyEventAction",
      permission: "policy_events:manage",
      action: updatePolicyEventAction,
      input: async (org) => {
        const row = await savedPolicyEvent(org);
        return { org: org.organisation.slug, id: row.id, version: row.version, ...fields, key: row.key, title: `${row.title} (edited)` };
      },
    },
    {
      name: "deletePolicyEventAction",
      permission: "policy_events:manage",
      action: deletePolicyEventAction,
      input: async (org) => {
        const row = await savedPolicyEvent(org);
        return { org: org.organisation.slug, id: row.id, version: row.version };
      },
    },
  ];
}

/** A scenario saved in `org` (directly in the database), for the scenario actions' inputs. */
async function savedScenario(org: Org) {
  const { vendor } = await inventoryRows(org);
  const shocks = [{ type: "vendor-blocked", vendor: vendor.name.toLowerCase().replace(" ", "-"), countries: { only: ["DE"] } }];
  const name = `Scenario ${Math.random().toString(36).slice(2, 8)}`;
  const scenario = await db().scenario.create({ data: { organisationId: org.organisation.id, name, shocks } });
  return { scenario, shocks };
}

function scenarioActions(): { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] {
  return [
    {
      name: "createScenarioAction",
      permission: "scenarios:run",
      action: createScenarioAction,
      input: async (org) => {
        await inventoryRows(org);
        return { org: org.organisation.slug, name: `Blocked ${Math.random().toString(36).slice(2, 8)}`, description: "", asOf: "", shocks: JSON.stringify([{ type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: ["DE"] } }]) };
      },
    },
    {
      name: "updateScenarioAction",
      permission: "scenarios:run",
      action: updateScenarioAction,
      input: async (org) => {
        const { scenario, shocks } = await savedScenario(org);
        return { org: org.organisation.slug, id: scenario.id, version: scenario.version, name: `${scenario.name} (edited)`, description: "", asOf: "", shocks: JSON.stringify(shocks) };
      },
    },
    {
      name: "deleteScenarioAction",
      permission: "scenarios:run",
      action: deleteScenarioAction,
      input: async (org) => {
        const { scenario } = await savedScenario(org);
        return { org: org.organisation.slug, id: scenario.id, version: scenario.version };
      },
    },
    {
      name: "runScenarioAction",
      permission: "scenarios:run",
      action: runScenarioAction,
      input: async (org) => ({ org: org.organisation.slug, id: (await savedScenario(org)).scenario.id }),
    },
  ];
}

function reportActions(): { name: string; permission: Permission; action: Action; input: (org: Org) => Promise<Record<string, string | number | string[]>> }[] {
  return [
    {
      name: "startReportRunAction",
      permission: "reports:export",
      action: startReportRunAction,
      input: async (org) => {
        await inventoryRows(org);
        const assessment = await freezeAssessment(contextFor(org.organisation, org.users.owner.id, "owner"), { note: "Board" });
        return { org: org.organisation.slug, assessmentId: assessment.id, paper: "letter" };
      },
    },
  ];
}

describe("server actions check the session and the role themselves", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  for (const { name, permission, action, input } of ACTIONS) {
    // Expected from the hand-written matrix (lib/testing/role-matrix.ts), not from PERMISSIONS:
    // a wrong change to the permission table must fail here, not move the expectation with it.
    for (const role of MATRIX_ROLES) {
      const allowed = mayUse(role, permission);
      it(`${name} ${allowed ? "succeeds" : "is refused"} for ${role}`, async () => {
        session.userId = org.users[role].id;
        const result = await call(action, await input(org));
        if (allowed) expect(result).toMatchObject({ status: "success" });
        else expect(result).toMatchObject({ status: "error", code: "FORBIDDEN" });
      });
    }

    it(`${name} is refused without a session`, async () => {
      session.userId = null;
      expect(await call(action, await input(org))).toMatchObject({ status: "error", code: "UNAUTHENTICATED" });
    });

    it(`${name} answers NOT_FOUND to an owner of another organisation`, async () => {
      const other = await buildOrganisationWithMembers(db());
      session.userId = other.users.owner.id;
      expect(await call(action, await input(org))).toMatchObject({ status: "error", code: "NOT_FOUND" });
    });
  }

  it("the hand-written role matrix is the permission table (a deliberate change updates both)", () => {
    expect([...ROLES]).toEqual([...MATRIX_ROLES]);
    const table = Object.fromEntries(Object.entries(PERMISSIONS).map(([permission, roles]) => [permission, MATRIX_ROLES.filter((r) => (roles as readonly string[]).includes(r))]));
    expect(table).toEqual(matrixAsPermissions());
  });

  it("has a case for every organisation server action (export const … = orgAction(…) in lib)", () => {
    const declared = actionFiles(path.join(process.cwd(), "lib")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export const (\w+) = orgAction\(/g)].map((m) => m[1]));
    expect(declared.length).toBeGreaterThan(30);
    expect(declared.filter((name) => !ACTIONS.some((a) => a.name === name))).toEqual([]);
  });

  it("refuses invalid input with field errors and keeps the typed values", async () => {
    session.userId = org.users.editor.id;
    const result = await call(createOfficeAction, { org: org.organisation.slug, name: "", country: "XX", city: "Lyon", headcount: -3 });
    expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT", values: { city: "Lyon" } });
    expect(Object.keys((result as { fieldErrors: object }).fieldErrors).sort()).toEqual(["country", "headcount", "name"]);
    expect(await db().office.count({ where: { organisationId: org.organisation.id } })).toBe(0);
  });
});

// Actions on one's own account take no organisation and no role: they must act on the signed-in
// user and nobody else, and refuse without a session.
describe("account actions act on the signed-in user only", () => {
  let org: Org;
  beforeEach(async () => {
    org = await buildOrganisationWithMembers(db());
  });

  it.each([
    ["changePasswordAction", () => changePasswordAction, { currentPassword: "correct-horse-battery-staple", newPassword: "lilac otter quarry tuesday" }],
    ["signOutEverywhereAction", () => signOutEverywhereAction, {}],
    ["acceptInvitationAction", () => acceptInvitationAction, { token: "A".repeat(43) }],
    ["acceptPracticeInvitationAction", () => practiceInvitationActions.acceptPracticeInvitationAction, { token: "A".repeat(43) }],
  ] as const)("%s is refused without a session", async (_name, action, fields) => {
    session.userId = null;
    expect(await call(action(), { ...fields })).toMatchObject({ status: "error", code: "UNAUTHENTICATED" });
  });

  it("changePasswordAction changes the caller's password and no one else's", async () => {
    session.userId = org.users.viewer.id;
    const before = await db().user.findMany({ where: { id: { in: [org.users.owner.id, org.users.editor.id] } }, select: { id: true, passwordHash: true }, orderBy: { id: "asc" } });
    const mine = await db().user.findUniqueOrThrow({ where: { id: org.users.viewer.id }, select: { passwordHash: true } });
    expect(await call(changePasswordAction, { currentPassword: "correct-horse-battery-staple", newPassword: "lilac otter quarry tuesday" })).toMatchObject({ status: "success" });
    expect((await db().user.findUniqueOrThrow({ where: { id: org.users.viewer.id }, select: { passwordHash: true } })).passwordHash).not.toBe(mine.passwordHash);
    expect(await db().user.findMany({ where: { id: { in: [org.users.owner.id, org.users.editor.id] } }, select: { id: true, passwordHash: true }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("changePasswordAction never echoes a password back to the browser", async () => {
    session.userId = org.users.viewer.id;
    const result = await call(changePasswordAction, { currentPassword: "not the current one", newPassword: "lilac otter quarry tuesday" });
    expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT" });
    expect(JSON.stringify(result)).not.toMatch(/not the current one|lilac otter/);
  });

  it("saveSsoConnectionAction never echoes an IdP's client secret back to the browser", async () => {
    session.userId = org.users.owner.id;
    const result = await call(ssoActions.saveSsoConnectionAction, {
      org: org.organisation.slug,
      version: "",
      protocol: "oidc",
      name: "Contoso",
      enabled: "on",
      groupsAttribute: "groups",
      defaultRole: "none",
      oidcIssuer: "http://idp.not-loopback.example",
      oidcClientId: "sovra",
      oidcClientSecret: "s3cret-never-echoed",
    });
    expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT" });
    expect(JSON.stringify(result)).not.toContain("s3cret-never-echoed");
    expect(JSON.stringify(result)).toContain("Contoso"); // the other values come back, so nothing typed is lost
  });

  it("signOutEverywhereAction ends the caller's sessions and no one else's", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    await db().session.createMany({ data: [{ userId: org.users.viewer.id, expiresAt }, { userId: org.users.owner.id, expiresAt }] });
    session.userId = org.users.viewer.id;
    expect(await call(signOutEverywhereAction, {})).toMatchObject({ status: "success" });
    expect(await db().session.count({ where: { userId: org.users.viewer.id, revokedAt: null } })).toBe(0);
    expect(await db().session.count({ where: { userId: org.users.owner.id, revokedAt: null } })).toBe(1);
  });
});

// ---- a practice's server actions (decision 037) --------------------------------------------------

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

/** Each practice action, whether a consultant may use it (written by hand: only reading is theirs), and fresh valid input. */
const PRACTICE_ACTIONS: { name: string; consultant: boolean; action: Action; input: (p: Practice) => Promise<Record<string, string | number | string[]>> }[] = [
  { name: "updatePracticeAction", consultant: false, action: practiceActions.updatePracticeAction, input: async (p) => ({ practice: p.practice.slug, name: `Renamed ${Math.random().toString(36).slice(2, 8)}`, version: p.practice.version }) },
  { name: "updatePracticeBrandingAction", consultant: false, action: practiceActions.updatePracticeBrandingAction, input: async (p) => ({ practice: p.practice.slug, version: p.practice.version, brandReports: "on" }) },
  { name: "addPracticeMemberAction", consultant: false, action: practiceActions.addPracticeMemberAction, input: async (p) => ({ practice: p.practice.slug, email: (await buildUser(db())).email, role: "consultant" }) },
  {
    name: "changePracticeMemberRoleAction",
    consultant: false,
    action: practiceActions.changePracticeMemberRoleAction,
    input: async (p) => {
      const m = await db().practiceMember.create({ data: { practiceId: p.practice.id, userId: (await buildUser(db())).id, role: "consultant" } });
      return { practice: p.practice.slug, memberId: m.id, version: m.version, role: "partner" };
    },
  },
  {
    name: "removePracticeMemberAction",
    consultant: false,
    action: practiceActions.removePracticeMemberAction,
    input: async (p) => {
      const m = await db().practiceMember.create({ data: { practiceId: p.practice.id, userId: (await buildUser(db())).id, role: "consultant" } });
      return { practice: p.practice.slug, memberId: m.id, version: m.version };
    },
  },
  { name: "createClientAction", consultant: false, action: practiceActions.createClientAction, input: async (p) => ({ practice: p.practice.slug, name: `Client ${Math.random().toString(36).slice(2, 8)}`, hqCountry: "GB", sector: "Banking", template: "empty", role: "editor" }) },
  { name: "createPracticeInvitationAction", consultant: false, action: practiceInvitationActions.createPracticeInvitationAction, input: async (p) => ({ practice: p.practice.slug, role: "consultant", email: "" }) },
  {
    name: "revokePracticeInvitationAction",
    consultant: false,
    action: practiceInvitationActions.revokePracticeInvitationAction,
    input: async (p) => {
      const data = { practiceId: p.practice.id, tokenHash: `roles-${Math.random().toString(36).slice(2)}`, role: "consultant" as const, createdById: p.users.partner.id, expiresAt: new Date(Date.now() + 86_400_000) };
      return { practice: p.practice.slug, invitationId: (await db().practiceInvitation.create({ data, select: { id: true } })).id };
    },
  },
  { name: "createPracticeApiTokenAction", consultant: false, action: practiceTokenActions.createPracticeApiTokenAction, input: async (p) => ({ practice: p.practice.slug, name: "Dashboard", expiresInDays: "30" }) },
  {
    name: "revokePracticeApiTokenAction",
    consultant: false,
    action: practiceTokenActions.revokePracticeApiTokenAction,
    input: async (p) => {
      const partner = { practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users.partner.id, role: "partner" as const };
      return { practice: p.practice.slug, tokenId: (await createPracticeApiToken(partner, { name: "To revoke", expiresInDays: 7 })).id };
    },
  },
  {
    name: "planNextWorkshopAction",
    // Whoever facilitates the workshop plans it: partners and consultants.
    consultant: true,
    action: practiceActions.planNextWorkshopAction,
    input: async (p) => {
      const e = await buildEngagement(db(), p.practice.id, (await buildOrganisation(db())).id, "editor");
      return { practice: p.practice.slug, clientId: e.id, version: e.version, on: "2099-03-01", title: "Fallback drill" };
    },
  },
  ...(["setClientRoleAction", "archiveClientAction", "restoreClientAction", "deleteClientAction"] as const).map((name) => ({
    name,
    consultant: false,
    action: practiceActions[name],
    input: async (p: Practice) => {
      const client = await buildOrganisation(db());
      const e = await buildEngagement(db(), p.practice.id, client.id, "editor");
      if (name === "restoreClientAction") await db().practiceClient.update({ where: { id: e.id }, data: { archivedAt: new Date() } });
      return { practice: p.practice.slug, clientId: e.id, version: e.version, role: "viewer", confirmName: client.name };
    },
  })),
];

describe("a practice's server actions check the session and the practice role themselves", () => {
  let p: Practice;
  beforeEach(async () => {
    p = await buildPracticeWithMembers(db());
  });

  for (const { name, consultant, action, input } of PRACTICE_ACTIONS) {
    it(`${name} succeeds for a partner`, async () => {
      session.userId = p.users.partner.id;
      expect(await call(action, await input(p))).toMatchObject({ status: "success" });
    });
    it(`${name} ${consultant ? "succeeds" : "is refused"} for a consultant`, async () => {
      session.userId = p.users.consultant.id;
      expect(await call(action, await input(p))).toMatchObject(consultant ? { status: "success" } : { status: "error", code: "FORBIDDEN" });
    });
    it(`${name} is refused without a session, and answers NOT_FOUND to a partner of another practice`, async () => {
      session.userId = null;
      expect(await call(action, await input(p))).toMatchObject({ status: "error", code: "UNAUTHENTICATED" });
      session.userId = (await buildPracticeWithMembers(db())).users.partner.id;
      expect(await call(action, await input(p))).toMatchObject({ status: "error", code: "NOT_FOUND" });
    });
  }

  it("updatePracticeBrandingAction stores the form's logo file, and refuses another kind of file under its field, changing nothing", async () => {
    session.userId = p.users.partner.id;
    const withFile = (file: File) => {
      const data = form({ practice: p.practice.slug, version: p.practice.version, brandReports: "on" });
      data.set("logo", file);
      return data;
    };
    const gif = await practiceActions.updatePracticeBrandingAction({ status: "idle" }, withFile(new File([gifHeader(4, 4)], "logo.png", { type: "image/png" })));
    expect(gif).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { logo: ["A logo must be a PNG or JPEG picture; this file is GIF."] } });
    expect(await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { brandReports: true, logo: true, version: true } })).toEqual({ brandReports: false, logo: null, version: p.practice.version });

    const png = pngBytes(30, 10);
    expect(await practiceActions.updatePracticeBrandingAction({ status: "idle" }, withFile(new File([png], "logo.png", { type: "image/png" })))).toMatchObject({ status: "success" });
    const saved = await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { brandReports: true, logo: true, logoType: true } });
    expect({ ...saved, logo: saved.logo && Buffer.from(saved.logo).equals(Buffer.from(png)) }).toEqual({ brandReports: true, logo: true, logoType: "image/png" });

    // An empty file input (a nameless file of no bytes) keeps the logo; "Remove the logo" clears it.
    const kept = form({ practice: p.practice.slug, version: p.practice.version + 1 });
    kept.set("logo", new File([], "", { type: "application/octet-stream" }));
    expect(await practiceActions.updatePracticeBrandingAction({ status: "idle" }, kept)).toMatchObject({ status: "success" });
    expect(await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { brandReports: true, logoType: true } })).toEqual({ brandReports: false, logoType: "image/png" });
    expect(await call(practiceActions.updatePracticeBrandingAction, { practice: p.practice.slug, version: p.practice.version + 2, removeLogo: "on" })).toMatchObject({ status: "success" });
    expect((await db().practice.findUniqueOrThrow({ where: { id: p.practice.id }, select: { logoType: true } })).logoType).toBeNull();
  });

  it("has a case for every practice server action (export const … = practiceAction(…) in lib)", () => {
    const declared = actionFiles(path.join(process.cwd(), "lib")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export const (\w+) = practiceAction\(/g)].map((m) => m[1]));
    expect(declared.length).toBeGreaterThanOrEqual(9);
    expect(declared.filter((name) => !PRACTICE_ACTIONS.some((a) => a.name === name))).toEqual([]);
  });
});
