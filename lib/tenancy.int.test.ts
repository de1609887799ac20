// Tenant isolation: every data function, called by a member of organisation B with the id of
// something that belongs to organisation A, must hide it or refuse with NOT_FOUND, and must
// leave A's data as it was. Adding a data function? Add a case below: the last test fails
// until every exported function of lib/*/queries.ts and lib/*/mutations.ts has one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as auditQueries from "@/lib/audit/queries";
import * as auditExport from "@/lib/audit/export";
import * as apiTokenMutations from "@/lib/api-tokens/mutations";
import * as apiTokenQueries from "@/lib/api-tokens/queries";
import * as inventoryDocument from "@/lib/inventory/document";
import * as inventoryImport from "@/lib/inventory/import";
import * as inventoryFile from "@/lib/inventory/import-file";
import * as scoreQueries from "@/lib/scores/queries";
import * as memberMutations from "@/lib/members/mutations";
import * as memberQueries from "@/lib/members/queries";
import * as officeMutations from "@/lib/offices/mutations";
import * as officeQueries from "@/lib/offices/queries";
import * as organisationMutations from "@/lib/organisations/mutations";
import * as organisationQueries from "@/lib/organisations/queries";
import * as vendorQueries from "@/lib/vendors/queries";
import * as modelQueries from "@/lib/models/queries";
import * as aiSystemQueries from "@/lib/ai-systems/queries";
import * as dataFlowQueries from "@/lib/data-flows/queries";
import * as dataFlowMutations from "@/lib/data-flows/mutations";
import { dataFlowSchema } from "@/lib/data-flows/schemas";
import { parseListParams } from "@/lib/list-params";
import * as vendorMutations from "@/lib/vendors/mutations";
import * as aiSystemMutations from "@/lib/ai-systems/mutations";
import * as dependencyMutations from "@/lib/dependencies/mutations";
import * as dependencyQueries from "@/lib/dependencies/queries";
import * as fallbackMutations from "@/lib/fallbacks/mutations";
import * as fallbackQueries from "@/lib/fallbacks/queries";
import * as catalogueMutations from "@/lib/catalogue/mutations";
import * as catalogueQueries from "@/lib/catalogue/queries";
import * as modelMutations from "@/lib/models/mutations";
import { vendorSchema } from "@/lib/vendors/schemas";
import { createModelSchema, updateModelSchema } from "@/lib/models/schemas";
import { aiSystemSchema } from "@/lib/ai-systems/schemas";
import { dependencySchema, updateDependencySchema } from "@/lib/dependencies/schemas";
import { fallbackSchema, updateFallbackSchema } from "@/lib/fallbacks/schemas";
import type { OrgContext } from "@/lib/auth/org-context";
import { buildOffice } from "@/prisma/factories";
import * as assessmentQueries from "@/lib/assessments/queries";
import * as assessmentMutations from "@/lib/assessments/mutations";
import * as remediationQueries from "@/lib/remediation/queries";
import * as remediationMutations from "@/lib/remediation/mutations";
import { remediationSchema, suggestionSchema } from "@/lib/remediation/schemas";
import { db, twoOrganisations } from "@/lib/testing/db";
import * as scenarioQueries from "@/lib/scenarios/queries";
import * as scenarioMutations from "@/lib/scenarios/mutations";
import { scenarioSchema } from "@/lib/scenarios/schemas";
import * as policyEventQueries from "@/lib/policy-events/queries";
import * as policyEventMutations from "@/lib/policy-events/mutations";
import type { PolicyEvent } from "@/scoring/schema/policy-event";
import * as exportQueries from "@/lib/exports/queries";
import * as doraPackageQueries from "@/lib/exports/dora-package-queries";
import * as reportQueries from "@/lib/reports/queries";
import * as reportRunQueries from "@/lib/reports/run-queries";
import * as reportRunMutations from "@/lib/reports/run-mutations";
import * as practiceQueries from "@/lib/practices/queries";
import * as practiceMutations from "@/lib/practices/mutations";
import * as practiceInvitationQueries from "@/lib/practices/invitation-queries";
import * as practiceInvitationMutations from "@/lib/practices/invitation-mutations";
import { buildEngagement, buildPracticeWithMembers } from "@/prisma/factories";
import * as workshopQueries from "@/lib/workshops/queries";
import * as workshopMutations from "@/lib/workshops/mutations";
import * as questionnaireQueries from "@/lib/questionnaires/queries";
import * as questionnaireMutations from "@/lib/questionnaires/mutations";
import { addItemSchema, answerSchema } from "@/lib/questionnaires/schemas";
import { captureSchema } from "@/lib/workshops/schemas";
import * as aiActRegistrationQueries from "@/lib/ai-act-registrations/queries";
import * as aiActRegistrationMutations from "@/lib/ai-act-registrations/mutations";
import { exportAiActRegistrationsPdf } from "@/lib/ai-act-registrations/pdf";
import { aiActRegistrationSchema } from "@/lib/ai-act-registrations/schemas";
import * as ssoQueries from "@/lib/sso/queries";
import * as ssoMutations from "@/lib/sso/mutations";
import * as scimTokens from "@/lib/scim/tokens";
import { ssoConnectionSchema } from "@/lib/sso/schemas";
import { recordSsoError, SsoError } from "@/lib/sso/errors";
import { createSession } from "@/lib/auth/sessions";
import { selfSignedCertificate } from "@/e2e/support/saml-idp";

type World = Awaited<ReturnType<typeof setupWorld>>;

/** A real (self-signed) signing certificate for the SAML connections' metadata. */
const SAML_CERTIFICATE = selfSignedCertificate("Tenancy test IdP");
/** SAML metadata naming `entityId`, with that certificate, as an owner would paste it. */
const samlMetadata = (entityId: string) => `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${SAML_CERTIFICATE.certificateBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

/** lib/**\/queries.ts, mutations.ts and their *-queries.ts, *-mutations.ts siblings. */
function dataFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : dataFiles(full);
    return /(^|-)(queries|mutations)\.ts$/.test(e.name) ? [full] : [];
  });
}

const A_BAN: PolicyEvent = { kind: "impose", key: "a-ban", title: "A's ban", effectiveDate: "2025-01-01", source: "A", type: "ban", issuer: "FR", scope: {}, restrictions: [{ countries: { only: ["FR"] }, locus: "users", severity: "block" }] };

async function setupWorld() {
  const { a, b, ctx } = await twoOrganisations();
  const ownerA = ctx(a, "owner");
  const ownerB = ctx(b, "owner");
  const officeA = await buildOffice(db(), a.organisation.id, { name: "A's secret office" });
  await buildOffice(db(), b.organisation.id, { name: "B's office" });
  const invitationA = await memberMutations.createInvitation(ownerA, { role: "viewer", email: "a-invitee@example.test" });
  await officeMutations.updateOffice(ownerA, officeA.id, officeA.version, { name: "A's secret office", country: "FR", city: "Lyon", headcount: 7, teams: ["Red team"] });
  const vendorA = await db().vendor.create({ data: { organisationId: a.organisation.id, name: "A's vendor", catalogueKey: "ionos", vendorType: "frontier_lab", hqCountry: "US" } });
  const modelA = await db().model.create({ data: { organisationId: a.organisation.id, vendorId: vendorA.id, name: "A's model", family: "a", weights: "closed", licence: "proprietary" } });
  const systemA = await db().aiSystem.create({ data: { organisationId: a.organisation.id, name: "A's system", owner: "A", criticality: "high", toleratedDowntimeMinutes: 60 } });
  await db().aiSystemOffice.create({ data: { organisationId: a.organisation.id, aiSystemId: systemA.id, officeId: officeA.id } });
  const dependencyA = await db().dependency.create({ data: { organisationId: a.organisation.id, aiSystemId: systemA.id, modelId: modelA.id, accessPath: "direct_api" } });
  const fallbackA = await db().fallback.create({ data: { organisationId: a.organisation.id, dependencyId: dependencyA.id, modelId: modelA.id, accessPath: "self_hosted" } });
  const dataFlowA = await db().dataFlow.create({
    data: { organisationId: a.organisation.id, name: "A's flow", originOfficeId: officeA.id, dependencyId: dependencyA.id, vendorId: vendorA.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
  });
  const tokenA = await apiTokenMutations.createApiToken(ownerA, { name: "A's CI pipeline", role: "viewer" });
  const membershipA = await db().membership.findFirstOrThrow({ where: { organisationId: a.organisation.id, role: "editor" }, select: { id: true, version: true } });
  const assessmentA = await assessmentMutations.freezeAssessment(ownerA, { note: "A's assessment" });
  const remediationA = await db().remediationAction.create({ data: { organisationId: a.organisation.id, title: "A's action", origin: "engine", findingKey: "test-fallback:a-secret", priority: "high", ownerId: a.users.editor.id, expectedGain: 3 } });
  const scenarioA = await scenarioMutations.createScenario(ownerA, scenarioSchema.parse({ name: "A's scenario", shocks: [{ type: "vendor-blocked", vendor: "a-s-vendor", countries: { only: ["FR"] } }] }));
  const policyEventA = await policyEventMutations.createPolicyEvent(ownerA, A_BAN);
  const reportRunA = await db().reportRun.create({ data: { organisationId: a.organisation.id, assessmentId: assessmentA.id, requestedById: a.users.owner.id, paper: "a4", status: "succeeded", pdf: new Uint8Array([37, 80, 68, 70]), pdfBytes: 4, pageCount: 1 } });
  const practiceA = await buildPracticeWithMembers(db());
  const engagementA = await buildEngagement(db(), practiceA.practice.id, a.organisation.id, "editor");
  const workshopA = await workshopMutations.startWorkshop(ownerA, { title: "A's workshop", attendees: ["A's CTO"] });
  const verifyA = await workshopMutations.flagToVerify(ownerA, { workshopId: workshopA.id, subjectType: "ai_system", subjectId: systemA.id, question: "A's question", owner: "A's owner" });
  const questionnaireA = await questionnaireMutations.createQuestionnaire(ownerA, { title: "A's questionnaire", days: 14 });
  await questionnaireMutations.submitQuestionnaireAnswer(answerSchema.parse({ token: questionnaireA.token, respondentName: "A's respondent", systemName: ["A's answered tool", "A's rejected tool"], purpose: ["A's purpose", "A's other purpose"] }), "192.0.2.77");
  const [itemA, rejectedA] = await db().questionnaireItem.findMany({ where: { organisationId: a.organisation.id }, orderBy: { systemName: "asc" } });
  const rejectedItemA = await questionnaireMutations.rejectItem(ownerA, { id: rejectedA!.id, version: rejectedA!.version, note: "A's reason" });
  const registrationA = await aiActRegistrationMutations.saveAiActRegistration(ownerA, aiActRegistrationSchema.parse({ aiSystemId: systemA.id, version: "", deployerName: "A's deployer", friaSummary: "A's secret findings" }));
  // Single sign-on (decision 049): A's SAML connection read from a URL, a verified and a pending
  // domain, a SCIM token, a failed sign-in, a break-glass owner and an editor's password session.
  const ssoConnectionA = await db().ssoConnection.create({
    data: { organisationId: a.organisation.id, protocol: "saml", name: "A's IdP", samlMetadataUrl: "http://127.0.0.1:9/a-metadata", samlIdpEntityId: "https://idp.a.example.test", samlIdpSsoUrl: "https://idp.a.example.test/sso", samlIdpCertificates: [SAML_CERTIFICATE.certificateBody] },
  });
  const ssoDomainA = await ssoMutations.addSsoDomain(ownerA, "a-verified.example.test");
  await db().ssoDomain.update({ where: { id: ssoDomainA.id }, data: { verifiedAt: new Date(), verifiedDomain: ssoDomainA.domain } });
  const pendingDomainA = await ssoMutations.addSsoDomain(ownerA, "a-pending.example.test");
  const scimTokenA = await scimTokens.createScimToken(ownerA, { name: "A's SCIM token" });
  const ssoErrorA = await recordSsoError(db(), new SsoError("no_role", "A's secret detail", a.organisation.id, "someone@a-verified.example.test"));
  const ownerMembershipA = await db().membership.update({ where: { organisationId_userId: { organisationId: a.organisation.id, userId: a.users.owner.id } }, data: { breakGlass: true, version: { increment: 1 } } });
  const passwordSessionA = await createSession(db(), { userId: a.users.editor.id, method: "password" });
  return { passwordSessionA, ssoConnectionA, ssoDomainA, pendingDomainA, scimTokenA, ssoErrorA, ownerMembershipA, a, b, ownerA, ownerB, practiceA: practiceA.practice, engagementA, workshopA, verifyA, questionnaireA: questionnaireA.questionnaire, itemA: itemA!, rejectedItemA, assessmentA, remediationA, scenarioA, policyEventA, reportRunA, officeA: { ...officeA, version: officeA.version + 1 }, invitationA, membershipA, tokenA, vendorA, modelA, systemA, dependencyA, fallbackA, dataFlowA, registrationA };
}

/** A's rows as they stand, to prove a failed cross-tenant call changed nothing. */
async function snapshotOf(w: World) {
  const organisationId = w.a.organisation.id;
  return {
    organisation: await db().organisation.findUnique({ where: { id: organisationId } }),
    offices: await db().office.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    memberships: await db().membership.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    invitations: await db().invitation.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    apiTokens: await db().apiToken.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    vendors: await db().vendor.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    models: await db().model.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    aiSystems: await db().aiSystem.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    aiSystemOffices: await db().aiSystemOffice.findMany({ where: { organisationId }, orderBy: [{ aiSystemId: "asc" }, { officeId: "asc" }] }),
    dependencies: await db().dependency.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    fallbacks: await db().fallback.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    dataFlows: await db().dataFlow.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    assessments: await db().assessment.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    remediationActions: await db().remediationAction.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    scenarios: await db().scenario.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    policyEvents: await db().policyEvent.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    reportRuns: await db().reportRun.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    passwordResets: await db().passwordReset.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    practiceClients: await db().practiceClient.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    workshops: await db().workshop.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    verifyItems: await db().verifyItem.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    questionnaires: await db().questionnaire.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    questionnaireResponses: await db().questionnaireResponse.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    questionnaireItems: await db().questionnaireItem.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    aiActRegistrations: await db().aiActRegistration.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    ssoConnections: await db().ssoConnection.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    ssoDomains: await db().ssoDomain.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    scimTokens: await db().scimToken.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    ssoLoginErrors: await db().ssoLoginError.findMany({ where: { organisationId }, orderBy: { id: "asc" } }),
    // Requiring SSO elsewhere must not end A's editor's password session.
    passwordSession: await db().session.findUnique({ where: { id: w.passwordSessionA } }),
  };
}

/** Audit events came back, none of which is one of A's. */
async function expectNoAuditEventOfA(w: World, rows: { id: string }[]) {
  const aIds = new Set((await db().auditEvent.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } })).map((e) => e.id.toString()));
  expect(aIds.size).toBeGreaterThan(0);
  expect(rows.filter((r) => aIds.has(r.id))).toEqual([]);
}

async function expectNotFound(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
}

const json = (v: unknown) => JSON.stringify(v);

/** A list came back with rows, none of which is one of A's. */
async function expectNoneOfA(w: World, table: "vendor" | "model" | "aiSystem" | "dataFlow", rows: { id: string }[]) {
  const delegate = db()[table] as unknown as { findMany(args: object): Promise<{ id: string }[]> };
  const aIds = new Set((await delegate.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } })).map((r) => r.id));
  expect(aIds.size).toBeGreaterThan(0);
  expect(rows.filter((r) => aIds.has(r.id))).toEqual([]);
}

/** name -> what B's owner does with A's things, and what must hold afterwards. */
const CASES: Record<string, (w: World, asB: OrgContext) => Promise<void>> = {
  // the pre-workshop questionnaire (decision 039): B's reviewer never sees or decides A's answers
  listQuestionnaires: async (w, asB) => {
    expect(json(await questionnaireQueries.listQuestionnaires(asB))).not.toContain("A's questionnaire");
  },
  listPendingItems: async (w, asB) => {
    expect(json(await questionnaireQueries.listPendingItems(asB))).not.toContain(w.itemA.id);
  },
  listReviewedItems: async (w, asB) => {
    expect(json(await questionnaireQueries.listReviewedItems(asB))).not.toContain(w.rejectedItemA.id);
  },
  listRespondents: async (w, asB) => {
    expect(json(await questionnaireQueries.listRespondents(asB))).not.toContain("A's respondent");
  },
  countPendingItems: async (w, asB) => {
    expect(await questionnaireQueries.countPendingItems(asB)).toBe(await db().questionnaireItem.count({ where: { organisationId: w.b.organisation.id, status: "pending" } }));
  },
  listSystemsToMergeInto: async (w, asB) => {
    expect((await questionnaireQueries.listSystemsToMergeInto(asB)).map((s) => s.id)).not.toContain(w.systemA.id);
  },
  createQuestionnaire: async (w, asB) => {
    const { questionnaire } = await questionnaireMutations.createQuestionnaire(asB, { title: "B's questionnaire", days: 3 });
    expect((await db().questionnaire.findUniqueOrThrow({ where: { id: questionnaire.id } })).organisationId).toBe(w.b.organisation.id);
  },
  revokeQuestionnaire: async (w, asB) => {
    await expectNotFound(questionnaireMutations.revokeQuestionnaire(asB, w.questionnaireA.id, w.questionnaireA.version));
  },
  addItemToInventory: async (w, asB) => {
    await expectNotFound(questionnaireMutations.addItemToInventory(asB, addItemSchema.parse({ id: w.itemA.id, version: String(w.itemA.version), name: "B's system", owner: "B", criticality: "low", model: "catalogue:mistral-large", accessPath: "direct_api" })));
  },
  mergeItem: async (w, asB) => {
    await expectNotFound(questionnaireMutations.mergeItem(asB, { id: w.itemA.id, version: w.itemA.version, aiSystemId: w.systemA.id, note: null }));
    // B's own answer cannot be merged into A's system.
    const { token } = await questionnaireMutations.createQuestionnaire(asB, { title: "B's merge questionnaire", days: 3 });
    await questionnaireMutations.submitQuestionnaireAnswer(answerSchema.parse({ token, respondentName: "B's respondent", systemName: "B's tool", purpose: "B's purpose" }), "192.0.2.78");
    const itemB = await db().questionnaireItem.findFirstOrThrow({ where: { organisationId: w.b.organisation.id, systemName: "B's tool" } });
    await expect(questionnaireMutations.mergeItem(asB, { id: itemB.id, version: itemB.version, aiSystemId: w.systemA.id, note: null })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  },
  rejectItem: async (w, asB) => {
    await expectNotFound(questionnaireMutations.rejectItem(asB, { id: w.itemA.id, version: w.itemA.version, note: "B's reason" }));
  },
  reopenItem: async (w, asB) => {
    await expectNotFound(questionnaireMutations.reopenItem(asB, w.rejectedItemA.id, w.rejectedItemA.version));
  },
  // workshops (decision 038): B's owner never reaches A's workshop, facts to verify or rows
  listWorkshops: async (w, asB) => {
    await workshopMutations.startWorkshop(asB, { title: "B's workshop", attendees: [] });
    const rows = await workshopQueries.listWorkshops(asB);
    expect(rows.map((r) => r.title)).toEqual(["B's workshop"]);
  },
  getWorkshop: async (w, asB) => {
    await expectNotFound(workshopQueries.getWorkshop(asB, w.workshopA.id));
  },
  listVerifyItems: async (w, asB) => {
    expect(await workshopQueries.listVerifyItems(asB)).toEqual([]);
    expect(await workshopQueries.listVerifyItems(asB, { workshopId: w.workshopA.id })).toEqual([]);
  },
  listCapturedSystems: async (w, asB) => {
    const rows = await workshopQueries.listCapturedSystems(asB, new Date(0));
    expect(rows.map((r) => r.name)).not.toContain("A's system");
  },
  captureOptions: async (w, asB) => {
    const { models, clouds } = await workshopQueries.captureOptions(asB);
    expect(models.length).toBeGreaterThan(0);
    expect(json({ models, clouds })).not.toContain(w.modelA.id);
    expect(json({ models, clouds })).not.toContain("A's model");
  },
  listWorkshopActions: async (w, asB) => {
    const rows = await workshopQueries.listWorkshopActions(asB, { startedAt: new Date(0), endedAt: null });
    expect(rows.map((r) => r.id)).not.toContain(w.remediationA.id);
  },
  inventoryCounts: async (w, asB) => {
    const counts = await workshopQueries.inventoryCounts(asB);
    expect(counts.systems).toBe(await db().aiSystem.count({ where: { organisationId: w.b.organisation.id } }));
  },
  listRecentDataFlows: async (w, asB) => {
    const rows = await workshopQueries.listRecentDataFlows(asB, 500);
    expect(rows.map((r) => r.id)).not.toContain(w.dataFlowA.id);
    expect(json(rows)).not.toContain("A's");
  },
  listFlowDependencies: async (w, asB) => {
    const organisationId = w.b.organisation.id;
    const vendorB = await db().vendor.create({ data: { organisationId, name: "B's flow vendor", vendorType: "frontier_lab", hqCountry: "FR" } });
    const modelB = await db().model.create({ data: { organisationId, vendorId: vendorB.id, name: "B's flow model", family: "b", weights: "open", licence: "Apache-2.0" } });
    const systemB = await db().aiSystem.create({ data: { organisationId, name: "B's flow system", owner: "B", criticality: "low", toleratedDowntimeMinutes: 60 } });
    const dependencyB = await db().dependency.create({ data: { organisationId, aiSystemId: systemB.id, modelId: modelB.id, accessPath: "direct_api" } });
    const rows = await workshopQueries.listFlowDependencies(asB);
    expect(rows.map((r) => r.id)).toContain(dependencyB.id);
    expect(rows.map((r) => r.id)).not.toContain(w.dependencyA.id);
    expect(json(rows)).not.toContain(w.vendorA.id);
  },
  startWorkshop: async (w, asB) => {
    // A's running workshop does not stop B from starting one (one running per organisation).
    const own = await db().workshop.findFirst({ where: { organisationId: w.b.organisation.id, status: "running" } });
    if (!own) await workshopMutations.startWorkshop(asB, { title: "B's own", attendees: [] });
    expect(await db().workshop.count({ where: { organisationId: w.b.organisation.id, status: "running" } })).toBe(1);
  },
  setWorkshopStep: async (w, asB) => {
    await expectNotFound(workshopMutations.setWorkshopStep(asB, w.workshopA.id, w.workshopA.version, 3));
  },
  updateWorkshopAttendees: async (w, asB) => {
    await expectNotFound(workshopMutations.updateWorkshopAttendees(asB, w.workshopA.id, w.workshopA.version, ["B"]));
  },
  captureSystem: async (w, asB) => {
    // Into A's workshop, or with A's model or office: refused, nothing written.
    await expectNotFound(workshopMutations.captureSystem(asB, captureSchema.parse({ workshopId: w.workshopA.id, name: "B's capture", owner: "B", criticality: "low", model: "catalogue:mistral-large", accessPath: "direct_api" })));
    const bWorkshop = (await db().workshop.findFirst({ where: { organisationId: w.b.organisation.id, status: "running" } })) ?? (await workshopMutations.startWorkshop(asB, { title: "B's capture workshop", attendees: [] }));
    await expect(workshopMutations.captureSystem(asB, captureSchema.parse({ workshopId: bWorkshop.id, name: "B's capture", owner: "B", criticality: "low", model: `model:${w.modelA.id}`, accessPath: "direct_api" }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(workshopMutations.captureSystem(asB, captureSchema.parse({ workshopId: bWorkshop.id, name: "B's capture", owner: "B", criticality: "low", model: "catalogue:mistral-large", accessPath: "direct_api", officeIds: [w.officeA.id] }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  },
  flagToVerify: async (w, asB) => {
    await expect(workshopMutations.flagToVerify(asB, { subjectType: "ai_system", subjectId: w.systemA.id, question: "B?", owner: "B" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expectNotFound(workshopMutations.flagToVerify(asB, { workshopId: w.workshopA.id, subjectType: "ai_system", subjectId: w.systemA.id, question: "B?", owner: "B" }));
  },
  confirmVerifyItem: async (w, asB) => {
    await expectNotFound(workshopMutations.confirmVerifyItem(asB, w.verifyA.id, w.verifyA.version));
  },
  endWorkshop: async (w, asB) => {
    await expectNotFound(workshopMutations.endWorkshop(asB, w.workshopA.id, w.workshopA.version));
  },
  freezeWorkshopAssessment: async (w, asB) => {
    const frozen = await assessmentMutations.freezeWorkshopAssessment(asB, { note: "Workshop: B's" });
    const row = await db().assessment.findUniqueOrThrow({ where: { id: frozen.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
  },
  getWorkshopSummary: async (w, asB) => {
    expect(await workshopQueries.getWorkshopSummary(asB, w.workshopA.id)).toBeNull();
  },
  listWorkshopSummaryRuns: async (w, asB) => {
    expect(await reportRunQueries.listWorkshopSummaryRuns(asB, w.workshopA.id)).toEqual([]);
  },
  startWorkshopSummaryRun: async (w, asB) => {
    await expectNotFound(reportRunMutations.startWorkshopSummaryRun(asB, { workshopId: w.workshopA.id }));
  },
  addAgreedAction: async (w, asB) => {
    await expectNotFound(remediationMutations.addAgreedAction(asB, { workshopId: w.workshopA.id, title: "B's action", ownerId: null, dueDate: null, priority: "high" }));
    const bWorkshop = (await db().workshop.findFirst({ where: { organisationId: w.b.organisation.id, status: "running" } })) ?? (await workshopMutations.startWorkshop(asB, { title: "B's action workshop", attendees: [] }));
    await expect(remediationMutations.addAgreedAction(asB, { workshopId: bWorkshop.id, title: "B's action", ownerId: w.a.users.editor.id, dueDate: null, priority: "high" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  },
  // organisations
  getOrganisation: async (w, asB) => {
    const org = await organisationQueries.getOrganisation(asB);
    expect(org.id).toBe(w.b.organisation.id);
  },
  getInventoryCounts: async (w, asB) => {
    // B's counts only, however often asked: the cache is keyed by organisation.
    const ofB = { offices: await db().office.count({ where: { organisationId: w.b.organisation.id } }), dataFlows: await db().dataFlow.count({ where: { organisationId: w.b.organisation.id } }) };
    await organisationQueries.getInventoryCounts(w.ownerA);
    expect(await organisationQueries.getInventoryCounts(asB)).toMatchObject(ofB);
  },
  getOrganisationOverview: async (w, asB) => {
    // Every figure the overview answers, counted straight from the rows. A holds at least one of
    // each, so a figure that counted across organisations would differ from B's own count.
    const figures = async (organisationId: string) => {
      const where = { organisationId };
      return {
        offices: await db().office.count({ where }),
        vendors: await db().vendor.count({ where }),
        models: await db().model.count({ where }),
        aiSystems: await db().aiSystem.count({ where }),
        dependencies: await db().dependency.count({ where }),
        dataFlows: await db().dataFlow.count({ where }),
        fallbacks: await db().fallback.count({ where }),
        openActions: await db().remediationAction.count({ where: { ...where, status: { in: ["open", "in_progress"] } } }),
      };
    };
    const ofA = await figures(w.a.organisation.id);
    expect(Object.entries(ofA).filter(([, n]) => n < 1)).toEqual([]);
    expect(await organisationQueries.getOrganisationOverview(w.ownerA)).toEqual(ofA);
    expect(await organisationQueries.getOrganisationOverview(asB)).toEqual(await figures(w.b.organisation.id));
  },
  updateOrganisation: async (w, asB) => {
    const b = await organisationQueries.getOrganisation(asB);
    await organisationMutations.updateOrganisation(asB, { name: "B renamed", hqCountry: "GB", sector: "Banking", regimes: ["dora"], version: b.version });
    const a = await db().organisation.findUniqueOrThrow({ where: { id: w.a.organisation.id } });
    expect(a.name).toBe(w.a.organisation.name);
  },
  // offices
  listOffices: async (_w, asB) => {
    const offices = await officeQueries.listOffices(asB);
    expect(offices.map((o) => o.name)).toEqual(["B's office"]);
  },
  listOfficesByName: async (w, asB) => {
    const page = await officeQueries.listOfficesByName(asB, { page: 1, size: 50 });
    expect(page.items.map((o) => o.id)).not.toContain(w.officeA.id);
  },
  listOfficesTablePage: async (w, asB) => {
    const page = await officeQueries.listOfficesTablePage(asB, parseListParams(officeQueries.officeListSpec, { size: "250" }).state);
    expect(page.rows.map((o) => o.id)).not.toContain(w.officeA.id);
  },
  getOfficeUsage: async (w, asB) => {
    expect(await officeQueries.getOfficeUsage(asB, w.officeA.id)).toEqual({ aiSystems: [], dataFlows: [] });
  },
  getOffice: async (w, asB) => {
    expect(await officeQueries.getOffice(asB, w.officeA.id)).toBeNull();
  },
  createOffice: async (w, asB) => {
    const office = await officeMutations.createOffice(asB, { name: "A's secret office", country: "DE", city: "Berlin", headcount: 1, teams: [] });
    const row = await db().office.findUniqueOrThrow({ where: { id: office.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
  },
  updateOffice: async (w, asB) => {
    await expectNotFound(officeMutations.updateOffice(asB, w.officeA.id, w.officeA.version, { name: "pwned", country: "DE", city: "X", headcount: 0, teams: [] }));
  },
  deleteOffice: async (w, asB) => {
    await expectNotFound(officeMutations.deleteOffice(asB, w.officeA.id, w.officeA.version));
  },
  officeDeletionImpact: async (w, asB) => {
    // A's office has a system linked to it and a flow from it (A sees them); B must see neither.
    expect(await officeMutations.officeDeletionImpact(w.ownerA, w.officeA.id)).toEqual({ aiSystemLinks: 1, dataFlows: 1 });
    expect(await officeMutations.officeDeletionImpact(asB, w.officeA.id)).toEqual({ aiSystemLinks: 0, dataFlows: 0 });
  },
  // members
  listMembers: async (w, asB) => {
    const members = await memberQueries.listMembers(asB);
    const aUserIds = Object.values(w.a.users).map((u) => u.id);
    expect(members).toHaveLength(4);
    expect(members.some((m) => aUserIds.includes(m.user.id))).toBe(false);
  },
  listPendingInvitations: async (_w, asB) => {
    expect(await memberQueries.listPendingInvitations(asB)).toEqual([]);
  },
  createInvitation: async (w, asB) => {
    const invitation = await memberMutations.createInvitation(asB, { role: "owner" });
    const row = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
  },
  revokeInvitation: async (w, asB) => {
    await expectNotFound(memberMutations.revokeInvitation(asB, w.invitationA.id));
  },
  changeMemberRole: async (w, asB) => {
    await expectNotFound(memberMutations.changeMemberRole(asB, { membershipId: w.membershipA.id, role: "owner", version: w.membershipA.version }));
  },
  removeMember: async (w, asB) => {
    const editorA = await db().membership.findUniqueOrThrow({ where: { id: w.membershipA.id }, select: { userId: true } });
    const sessionA = await db().session.create({ data: { userId: editorA.userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    await expectNotFound(memberMutations.removeMember(asB, w.membershipA.id));
    // A's member keeps their sessions: a refused removal ends nobody's.
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionA.id } })).revokedAt).toBeNull();
  },
  createPasswordReset: async (w, asB) => {
    await expectNotFound(memberMutations.createPasswordReset(asB, { membershipId: w.membershipA.id }));
    // B's own member: the link is B's, for B's member, and says nothing of A.
    const memberB = await db().membership.findFirstOrThrow({ where: { organisationId: w.b.organisation.id, role: "viewer" }, select: { id: true, userId: true } });
    const reset = await memberMutations.createPasswordReset(asB, { membershipId: memberB.id });
    expect(await db().passwordReset.findUniqueOrThrow({ where: { id: reset.id } })).toMatchObject({ organisationId: w.b.organisation.id, userId: memberB.userId });
  },
  // inventory document and scores
  loadInventoryDocument: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(asB);
    expect(document.organisation.key).toBe(w.b.organisation.slug);
    expect(document.offices).toHaveLength(await db().office.count({ where: { organisationId: w.b.organisation.id } }));
  },
  readInventoryRows: async (w) => {
    // The organisation handed in is the scope: B's rows only, though A's exist in every table.
    const b = await db().organisation.findUniqueOrThrow({ where: { id: w.b.organisation.id } });
    const rows = await inventoryDocument.readInventoryRows(db(), b);
    // The rows carry only the columns the document reads (not organisationId): each table's ids
    // must be exactly B's.
    const where = { organisationId: w.b.organisation.id };
    const select = { id: true } as const;
    const ids = (list: readonly { id: string }[]) => list.map((r) => r.id).sort();
    const bIds = {
      offices: ids(await db().office.findMany({ where, select })),
      vendors: ids(await db().vendor.findMany({ where, select })),
      models: ids(await db().model.findMany({ where, select })),
      aiSystems: ids(await db().aiSystem.findMany({ where, select })),
      dependencies: ids(await db().dependency.findMany({ where, select })),
      fallbacks: ids(await db().fallback.findMany({ where, select })),
      dataFlows: ids(await db().dataFlow.findMany({ where, select })),
      policyEvents: ids(await db().policyEvent.findMany({ where, select })),
    };
    expect(Object.values(bIds).flat().length).toBeGreaterThan(0);
    expect({
      offices: ids(rows.offices),
      vendors: ids(rows.vendors),
      models: ids(rows.models),
      aiSystems: ids(rows.aiSystems),
      dependencies: ids(rows.dependencies),
      fallbacks: ids(rows.fallbacks),
      dataFlows: ids(rows.dataFlows),
      policyEvents: ids(rows.policyEvents),
    }).toEqual(bIds);
    expect(rows.policyEvents.every((r) => r.organisationId === w.b.organisation.id)).toBe(true);
  },
  planInventoryImport: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(w.ownerA); // A's own rows, as a document
    const result = await inventoryImport.planInventoryImport(asB, document);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const planned = Object.values(result.plan.entities).flatMap((e) => [...e.update, ...e.unchanged].map((r) => r.id));
    const aIds = new Set((await db().office.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } })).map((o) => o.id));
    expect(planned.some((id) => aIds.has(id))).toBe(false);
  },
  applyInventoryImport: async (w, asB) => {
    const { document } = await inventoryDocument.loadInventoryDocument(w.ownerA);
    const result = await inventoryImport.applyInventoryImport(asB, document);
    expect(result.ok).toBe(true);
    expect(await db().office.count({ where: { organisationId: w.b.organisation.id, name: "A's secret office" } })).toBe(1);
  },
  exportInventoryFile: async (w, asB) => {
    const file = await inventoryFile.exportInventoryFile(asB, "json");
    const document = JSON.parse(new TextDecoder().decode(file.body));
    expect(document.organisation.key).toBe(w.b.organisation.slug);
    expect(document.vendors).toHaveLength(await db().vendor.count({ where: { organisationId: w.b.organisation.id } }));
  },
  previewInventoryFile: async (w, asB) => {
    const aFile = await inventoryFile.exportInventoryFile(w.ownerA, "xlsx"); // A's own rows, as a workbook
    const summary = await inventoryFile.previewInventoryFile(asB, { fileName: "a.xlsx", bytes: aFile.body });
    expect(summary.applied).toBe(false);
  },
  importInventoryFile: async (w, asB) => {
    const aFile = await inventoryFile.exportInventoryFile(w.ownerA, "json");
    const summary = await inventoryFile.importInventoryFile(asB, { fileName: "a.json", bytes: aFile.body });
    expect(summary.errorCount).toBe(0);
    expect(summary.applied).toBe(true);
  },
  scoreOrganisation: async (w, asB) => {
    const live = await scoreQueries.scoreOrganisation(asB);
    // B's inventory scores (B has an office and, by now, rows other cases added); without that the case would check nothing.
    if (!live.ok) throw new Error(`B's inventory should score: ${JSON.stringify(live.issues)}`);
    const [a, b] = await Promise.all([w.a, w.b].map((o) => db().organisation.findUniqueOrThrow({ where: { id: o.organisation.id }, select: { name: true } })));
    expect(live.result.organisation.name).toBe(b!.name); // as it stands: a case before renames B
    expect(live.result.organisation.name).not.toBe(a!.name);
  },
  scoreOrganisations: async (w, asB) => {
    // Scored together with itself (a portfolio of one client twice): each answer is B's own, and nothing of A's.
    const [first, second] = await scoreQueries.scoreOrganisations([asB, asB]);
    if (!first?.ok || !second?.ok) throw new Error("B's inventory should score");
    const a = await db().organisation.findUniqueOrThrow({ where: { id: w.a.organisation.id }, select: { name: true } });
    expect(first.result.organisation.name).not.toBe(a.name);
    expect(second.result).toBe(first.result);
    // Names can repeat across organisations (an import case copies A's into B): compare row ids.
    const ids = Object.values(first.systemIds);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(w.systemA.id);
    expect(await db().aiSystem.count({ where: { id: { in: ids }, organisationId: w.b.organisation.id } })).toBe(ids.length);
  },
  inventoryVersions: async (w, asB) => {
    // B's version only: A's organisation is not in B's context, so it is never read.
    const versions = await scoreQueries.inventoryVersions([asB]);
    expect([...versions.keys()]).toEqual([w.b.organisation.id]);
  },
  loadLiveScore: async (w, asB) => {
    const live = await scoreQueries.loadLiveScore(asB);
    if (!live.ok) throw new Error("B's inventory should score");
    expect(Object.values(live.systemIds)).not.toContain(w.systemA.id);
    expect(await db().aiSystem.count({ where: { id: { in: Object.values(live.systemIds) }, organisationId: w.b.organisation.id } })).toBe(Object.values(live.systemIds).length);
  },
  liveSystemRatings: async (w, asB) => {
    const ratings = await scoreQueries.liveSystemRatings(asB);
    const aSystems = await db().aiSystem.findMany({ where: { organisationId: w.a.organisation.id }, select: { id: true } });
    expect(aSystems.length).toBeGreaterThan(0);
    for (const s of aSystems) expect(ratings.has(s.id)).toBe(false);
    const bSystems = await db().aiSystem.findMany({ where: { organisationId: w.b.organisation.id }, select: { id: true } });
    expect([...ratings.keys()].every((id) => bSystems.some((s) => s.id === id))).toBe(true);
  },
  liveVendorRatings: async (w, asB) => {
    const ratings = await scoreQueries.liveVendorRatings(asB);
    const bVendors = new Set((await db().vendor.findMany({ where: { organisationId: w.b.organisation.id }, select: { name: true } })).map((v) => v.name));
    // Names can repeat across organisations (an import case copies A's into B): each rated vendor is one of B's.
    expect([...ratings.keys()].every((name) => bVendors.has(name))).toBe(true);
  },
  // inventory lists: B's pages hold none of A's rows (compared by id: an import case copies A's names into B)
  listVendorsPage: async (w, asB) => {
    const page = await vendorQueries.listVendorsPage(asB, parseListParams(vendorQueries.vendorListSpec, { size: "250" }).state);
    await expectNoneOfA(w, "vendor", page.rows);
  },
  listModelsPage: async (w, asB) => {
    const page = await modelQueries.listModelsPage(asB, parseListParams(modelQueries.modelListSpec, { size: "250" }).state);
    await expectNoneOfA(w, "model", page.rows);
  },
  listAiSystemsPage: async (w, asB) => {
    const page = await aiSystemQueries.listAiSystemsPage(asB, parseListParams(aiSystemQueries.aiSystemListSpec, { size: "250" }).state);
    await expectNoneOfA(w, "aiSystem", page.rows);
  },
  listDataFlowsPage: async (w, asB) => {
    const page = await dataFlowQueries.listDataFlowsPage(asB, parseListParams(dataFlowQueries.dataFlowListSpec, { size: "250" }).state);
    await expectNoneOfA(w, "dataFlow", page.rows);
  },
  // inventory edits: B cannot read, change, delete or link to A's vendor, system, dependency or fallback
  getVendor: async (w, asB) => {
    expect(await vendorQueries.getVendor(asB, w.vendorA.id)).toBeNull();
  },
  createVendor: async (w, asB) => {
    const vendor = await vendorMutations.createVendor(asB, vendorSchema.parse({ name: "B's vendor", vendorType: "hyperscaler", hqCountry: "DE" }));
    expect((await db().vendor.findUniqueOrThrow({ where: { id: vendor.id } })).organisationId).toBe(w.b.organisation.id);
  },
  updateVendor: async (w, asB) => {
    await expectNotFound(vendorMutations.updateVendor(asB, w.vendorA.id, w.vendorA.version, vendorSchema.parse({ name: "pwned", vendorType: "other", hqCountry: "DE" })));
  },
  deleteVendor: async (w, asB) => {
    await expectNotFound(vendorMutations.deleteVendor(asB, w.vendorA.id, w.vendorA.version));
  },
  vendorDeletionImpact: async (w, asB) => {
    expect(Object.values(await vendorMutations.vendorDeletionImpact(asB, w.vendorA.id)).every((n) => n === 0)).toBe(true);
  },
  getAiSystem: async (w, asB) => {
    expect(await aiSystemQueries.getAiSystem(asB, w.systemA.id)).toBeNull();
  },
  createAiSystem: async (w, asB) => {
    const input = aiSystemSchema.parse({ name: "B's system", owner: "B", criticality: "low", officeIds: [w.officeA.id] });
    await expect(aiSystemMutations.createAiSystem(asB, input)).rejects.toMatchObject({ name: "AppError" }); // A's office cannot be linked
  },
  updateAiSystem: async (w, asB) => {
    const input = aiSystemSchema.parse({ name: "pwned", owner: "B", criticality: "low" });
    await expectNotFound(aiSystemMutations.updateAiSystem(asB, w.systemA.id, w.systemA.version, input));
  },
  deleteAiSystem: async (w, asB) => {
    await expectNotFound(aiSystemMutations.deleteAiSystem(asB, w.systemA.id, w.systemA.version));
  },
  aiSystemDeletionImpact: async (w, asB) => {
    expect(Object.values(await aiSystemMutations.aiSystemDeletionImpact(asB, w.systemA.id)).every((n) => n === 0)).toBe(true);
  },
  createDependency: async (w, asB) => {
    const input = dependencySchema.parse({ aiSystemId: w.systemA.id, modelId: w.modelA.id, accessPath: "direct_api" });
    await expect(dependencyMutations.createDependency(asB, input)).rejects.toMatchObject({ name: "AppError" });
  },
  deleteDependency: async (w, asB) => {
    await expectNotFound(dependencyMutations.deleteDependency(asB, w.dependencyA.id, w.dependencyA.version));
  },
  dependencyDeletionImpact: async (w, asB) => {
    expect(Object.values(await dependencyMutations.dependencyDeletionImpact(asB, w.dependencyA.id)).every((n) => n === 0)).toBe(true);
  },
  listModelChoices: async (w, asB) => {
    expect((await dependencyQueries.listModelChoices(asB)).map((m) => m.id)).not.toContain(w.modelA.id);
  },
  listCloudChoices: async (w, asB) => {
    expect((await dependencyQueries.listCloudChoices(asB)).map((v) => v.id)).not.toContain(w.vendorA.id);
  },
  countDataFlowsByDependency: async (w, asB) => {
    expect((await dependencyQueries.countDataFlowsByDependency(asB, [w.dependencyA.id])).get(w.dependencyA.id) ?? 0).toBe(0);
  },
  createFallback: async (w, asB) => {
    const input = fallbackSchema.parse({ dependencyId: w.dependencyA.id, modelId: w.modelA.id, accessPath: "self_hosted" });
    await expect(fallbackMutations.createFallback(asB, input)).rejects.toMatchObject({ name: "AppError" });
  },
  deleteFallback: async (w, asB) => {
    await expectNotFound(fallbackMutations.deleteFallback(asB, w.fallbackA.id, w.fallbackA.version));
  },
  getDataFlow: async (w, asB) => {
    expect(await dataFlowQueries.getDataFlow(asB, w.dataFlowA.id)).toBeNull();
  },
  getDataFlowFields: async (w, asB) => {
    expect(await dataFlowQueries.getDataFlowFields(asB, w.dataFlowA.id)).toBeNull();
  },
  listDataFlowsByName: async (w, asB) => {
    await expectNoneOfA(w, "dataFlow", (await dataFlowQueries.listDataFlowsByName(asB, { page: 1, size: 200 })).items);
  },
  listDataFlowChoices: async (w, asB) => {
    const choices = await dataFlowQueries.listDataFlowChoices(asB);
    expect(choices.offices.map((o) => o.id)).not.toContain(w.officeA.id);
    await expectNoneOfA(w, "aiSystem", choices.aiSystems);
    expect(choices.dependencies.map((d) => d.id)).not.toContain(w.dependencyA.id);
    expect(choices.vendors.map((v) => v.id)).not.toContain(w.vendorA.id);
  },
  createDataFlow: async (w, asB) => {
    // Linking A's office, dependency and vendor from B is refused as not found
    const input = dataFlowSchema.parse({ name: "B's flow", originOfficeId: w.officeA.id, dependencyId: w.dependencyA.id, vendorId: w.vendorA.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "none" });
    await expectNotFound(dataFlowMutations.createDataFlow(asB, input));
  },
  updateDataFlow: async (w, asB) => {
    const input = dataFlowSchema.parse({ name: "pwned", originOfficeId: w.officeA.id, vendorId: w.vendorA.id, processingCountry: "US", dataCategories: ["public"], volume: "low", transferMechanism: "none", encryption: "none" });
    await expectNotFound(dataFlowMutations.updateDataFlow(asB, w.dataFlowA.id, 1, input));
  },
  deleteDataFlow: async (w, asB) => {
    await expectNotFound(dataFlowMutations.deleteDataFlow(asB, w.dataFlowA.id, 1));
  },
  // catalogue: A already has "A's vendor"; B adding from the catalogue creates in B only
  addVendorFromCatalogue: async (w, asB) => {
    const added = await catalogueMutations.addVendorFromCatalogue(asB, { catalogueKey: "stackit" });
    const vendor = await db().vendor.findFirstOrThrow({ where: { organisationId: w.b.organisation.id, catalogueKey: "stackit" } });
    expect(vendor.organisationId).toBe(w.b.organisation.id);
    expect(added).toBeTruthy();
  },
  findCatalogueVendorsInInventory: async (w, asB) => {
    const found = await catalogueQueries.findCatalogueVendorsInInventory(asB, [{ key: "ionos", name: "IONOS" }]);
    // A's vendor is IONOS from the catalogue (an import case may have copied it into B: compare ids)
    expect(found.get("ionos")?.vendorId).not.toBe(w.vendorA.id);
  },
  // API tokens
  // single sign-on (decision 049): B's owner never reads or changes A's connection, domains,
  // tokens, failed sign-ins or break-glass owners. Order matters: B has no connection until saveSsoConnection.
  getSsoSettings: async (w, asB) => {
    const seen = json(await ssoQueries.getSsoSettings(asB));
    for (const secret of [w.ssoConnectionA.id, "A's IdP", w.ssoDomainA.domain, w.pendingDomainA.verificationToken, "A's SCIM token", w.ssoErrorA, "A's secret detail", w.a.users.owner.email]) expect(seen).not.toContain(secret);
  },
  refreshSamlMetadata: async (_w, asB) => {
    await expectNotFound(ssoMutations.refreshSamlMetadata(asB));
  },
  deleteSsoConnection: async (w, asB) => {
    await expectNotFound(ssoMutations.deleteSsoConnection(asB, w.ssoConnectionA.version));
  },
  saveSsoConnection: async (w, asB) => {
    // B's first save creates B's own connection; A's is neither read nor changed.
    const input = ssoConnectionSchema.parse({ version: "", protocol: "saml", name: "B's IdP", enabled: "on", groupsAttribute: "groups", defaultRole: "viewer", samlMetadataXml: samlMetadata("https://idp.b.example.test") });
    const saved = await ssoMutations.saveSsoConnection(asB, input);
    expect(saved.id).not.toBe(w.ssoConnectionA.id);
    expect((await db().ssoConnection.findUniqueOrThrow({ where: { id: saved.id } })).organisationId).toBe(w.b.organisation.id);
    // Editing afterwards changes B's row only: the organisation comes from the context, never from the input.
    await ssoMutations.saveSsoConnection(asB, { ...input, version: saved.version, name: "B's IdP, renamed" });
  },
  addSsoDomain: async (w, asB) => {
    // A domain A verified cannot be claimed; one A only added can (B must prove it too).
    await expect(ssoMutations.addSsoDomain(asB, w.ssoDomainA.domain)).rejects.toMatchObject({ code: "CONFLICT", message: expect.not.stringContaining(w.a.organisation.name) });
    const added = await ssoMutations.addSsoDomain(asB, w.pendingDomainA.domain);
    expect(added.verificationToken).not.toBe(w.pendingDomainA.verificationToken);
  },
  verifySsoDomain: async (w, asB) => {
    await expectNotFound(ssoMutations.verifySsoDomain(asB, w.pendingDomainA.id, { servers: ["127.0.0.1:9"], timeoutMs: 500 }));
  },
  removeSsoDomain: async (w, asB) => {
    await expectNotFound(ssoMutations.removeSsoDomain(asB, w.ssoDomainA.id));
    await expectNotFound(ssoMutations.removeSsoDomain(asB, w.pendingDomainA.id));
  },
  setSsoRequired: async (w, asB) => {
    // B requires SSO (with its own connection, domain and break-glass owner): A's members keep their sessions.
    const domain = await db().ssoDomain.create({ data: { organisationId: w.b.organisation.id, domain: "b-required.example.test", verificationToken: "sovra-verify=b", verifiedAt: new Date(), verifiedDomain: "b-required.example.test" } });
    const owner = await db().membership.update({ where: { organisationId_userId: { organisationId: w.b.organisation.id, userId: w.b.users.owner.id } }, data: { breakGlass: true } });
    const { version } = await db().organisation.findUniqueOrThrow({ where: { id: w.b.organisation.id } });
    const on = await ssoMutations.setSsoRequired(asB, { required: true, version });
    await ssoMutations.setSsoRequired(asB, { required: false, version: on.version });
    await db().ssoDomain.delete({ where: { id: domain.id } });
    await db().membership.update({ where: { id: owner.id }, data: { breakGlass: false } });
  },
  setBreakGlass: async (w, asB) => {
    await expectNotFound(memberMutations.setBreakGlass(asB, { membershipId: w.ownerMembershipA.id, breakGlass: false, version: w.ownerMembershipA.version }));
  },
  createScimToken: async (w, asB) => {
    const created = await scimTokens.createScimToken(asB, { name: "B's SCIM token" });
    expect((await db().scimToken.findUniqueOrThrow({ where: { id: created.id } })).organisationId).toBe(w.b.organisation.id);
  },
  revokeScimToken: async (w, asB) => {
    await expectNotFound(scimTokens.revokeScimToken(asB, w.scimTokenA.id));
  },
  listScimTokens: async (_w, asB) => {
    expect((await scimTokens.listScimTokens(asB)).map((t) => t.name)).not.toContain("A's SCIM token");
  },
  listApiTokens: async (_w, asB) => {
    expect((await apiTokenQueries.listApiTokens(asB)).map((t) => t.name)).not.toContain("A's CI pipeline");
  },
  createApiToken: async (w, asB) => {
    const token = await apiTokenMutations.createApiToken(asB, { name: "B's token", role: "owner" });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).organisationId).toBe(w.b.organisation.id);
  },
  revokeApiToken: async (w, asB) => {
    await expectNotFound(apiTokenMutations.revokeApiToken(asB, w.tokenA.id));
  },
  listOwnApiTokens: async (w, asB) => {
    await apiTokenMutations.createApiToken(asB, { name: "B's own", role: "viewer" });
    const own = await apiTokenQueries.listOwnApiTokens(asB);
    expect(own.map((t) => t.name)).toContain("B's own");
    expect(own.map((t) => t.id)).not.toContain(w.tokenA.id);
  },
  revokeOwnApiToken: async (w, asB) => {
    await expectNotFound(apiTokenMutations.revokeOwnApiToken(asB, w.tokenA.id));
  },
  getApiTokenPolicy: async (_w, asB) => {
    expect(await apiTokenQueries.getApiTokenPolicy(asB)).toEqual({ defaultDays: expect.any(Number), maxDays: expect.any(Number) });
  },
  updateApiTokenPolicy: async (w, asB) => {
    // Changes B's own policy only (A's organisation row is in the snapshot).
    await apiTokenMutations.updateApiTokenPolicy(asB, { defaultDays: 7, maxDays: 14 });
    expect(await apiTokenQueries.getApiTokenPolicy(asB)).toEqual({ defaultDays: 7, maxDays: 14 });
    expect(await apiTokenQueries.getApiTokenPolicy(w.ownerA)).toEqual({ defaultDays: 90, maxDays: 365 });
    await apiTokenMutations.updateApiTokenPolicy(asB, { defaultDays: 90, maxDays: 365 });
  },
  // audit: a filter naming A's actor or A's entity finds nothing, not A's rows
  listAuditEventsPage: async (w, asB) => {
    const page = await auditQueries.listAuditEventsPage(asB, {}, { page: 1, size: 250 });
    expect(page.rows.length).toBeGreaterThan(0); // B's own createInvitation etc.
    await expectNoAuditEventOfA(w, page.rows);
    expect((await auditQueries.listAuditEventsPage(asB, { actorId: w.a.users.owner.id }, { page: 1, size: 250 })).total).toBe(0);
    expect((await auditQueries.listAuditEventsPage(asB, { entityId: w.tokenA.id }, { page: 1, size: 250 })).total).toBe(0);
  },
  getAuditEvent: async (w, asB) => {
    const aEvent = await db().auditEvent.findFirstOrThrow({ where: { organisationId: w.a.organisation.id }, select: { id: true } });
    expect(await auditQueries.getAuditEvent(asB, aEvent.id)).toBeNull();
    expect(await auditQueries.getAuditEvent(w.ownerA, aEvent.id)).not.toBeNull();
  },
  listAuditActors: async (w, asB) => {
    const ids = (await auditQueries.listAuditActors(asB)).map((u) => u.id);
    expect(ids).toContain(w.b.users.owner.id);
    expect(ids).not.toContain(w.a.users.owner.id);
  },
  auditEventsInBatches: async (w, asB) => {
    const rows = [];
    for await (const batch of auditQueries.auditEventsInBatches(asB, {}, 2)) rows.push(...batch);
    expect(rows.length).toBeGreaterThan(2);
    await expectNoAuditEventOfA(w, rows);
  },
  countAuditEvents: async (w, asB) => {
    expect(await auditQueries.countAuditEvents(asB, { actorId: w.a.users.owner.id })).toBe(0);
    expect(await auditQueries.countAuditEvents(asB, {})).toBeGreaterThan(0);
  },
  exportAuditEventsCsv: async (w, asB) => {
    const text = new TextDecoder().decode((await auditExport.exportAuditEventsCsv(asB, {})).body);
    expect(text).toContain(w.b.users.owner.email);
    // By ids and A's people: other cases copy A's names into B.
    for (const secret of [w.a.users.owner.email, w.a.users.editor.name, w.tokenA.id, w.officeA.id, w.vendorA.id, w.a.organisation.id]) expect(text).not.toContain(secret);
  },
  // models: B cannot read, change, delete or create under A's model or vendor
  getModel: async (w, asB) => {
    expect(await modelQueries.getModel(asB, w.modelA.id)).toBeNull();
  },
  modelUsage: async (w, asB) => {
    expect(await modelQueries.modelUsage(asB, w.modelA.id)).toEqual({ dependencies: [], fallbacks: [] });
  },
  listModelsOfVendor: async (w, asB) => {
    expect(await modelQueries.listModelsOfVendor(asB, w.vendorA.id)).toEqual([]);
  },
  listModelVendorChoices: async (w, asB) => {
    expect((await modelQueries.listModelVendorChoices(asB)).map((v) => v.id)).not.toContain(w.vendorA.id);
  },
  listModelsByName: async (w, asB) => {
    expect(await modelQueries.listModelsByName(asB, { page: 1, size: 200, vendorId: w.vendorA.id })).toEqual({ items: [], total: 0 });
    await expectNoneOfA(w, "model", (await modelQueries.listModelsByName(asB, { page: 1, size: 200 })).items);
  },
  createModel: async (w, asB) => {
    const input = createModelSchema.parse({ vendorId: w.vendorA.id, name: "B's model", family: "b", weights: "open", licence: "MIT", trainingCompute: "unknown" });
    await expectNotFound(modelMutations.createModel(asB, input));
  },
  updateModel: async (w, asB) => {
    const input = updateModelSchema.omit({ id: true, version: true }).parse({ name: "pwned", family: "b", weights: "open", licence: "MIT", trainingCompute: "unknown" });
    await expectNotFound(modelMutations.updateModel(asB, w.modelA.id, 1, input));
  },
  deleteModel: async (w, asB) => {
    await expectNotFound(modelMutations.deleteModel(asB, w.modelA.id, 1));
  },
  listVendorsByName: async (w, asB) => {
    await expectNoneOfA(w, "vendor", (await vendorQueries.listVendorsByName(asB, { page: 1, size: 200 })).items);
  },
  modelDeletionImpact: async (w, asB) => {
    expect(await modelMutations.modelDeletionImpact(asB, w.modelA.id)).toEqual({ dependencies: 0, fallbacks: 0, dataFlows: 0, systems: [] });
  },
  // assessments
  listAssessments: async (w, asB) => {
    expect((await assessmentQueries.listAssessments(asB)).map((x) => x.id)).not.toContain(w.assessmentA.id);
  },
  getAssessment: async (w, asB) => {
    expect(await assessmentQueries.getAssessment(asB, w.assessmentA.id)).toBeNull();
  },
  listAssessmentNotes: async (w, asB) => {
    const notes = await assessmentQueries.listAssessmentNotes(asB);
    expect(notes.has(w.assessmentA.id)).toBe(false);
    expect([...notes.values()]).not.toContain("A's assessment");
  },
  compareAssessments: async (w, asB) => {
    await expectNotFound(assessmentQueries.compareAssessments(asB, w.assessmentA.id, w.assessmentA.id));
  },
  assessmentChanges: async (w, asB) => {
    // A's digest kept first (as A's overview would), then asked for by B with A's summaries.
    const [summaryA] = await assessmentQueries.listAssessments(w.ownerA);
    await assessmentQueries.assessmentChanges(w.ownerA, summaryA!, summaryA!);
    await expectNotFound(assessmentQueries.assessmentChanges(asB, summaryA!, summaryA!));
  },
  freezeAssessment: async (w, asB) => {
    const frozen = await assessmentMutations.freezeAssessment(asB, { asOf: "2025-01-15" });
    const row = await db().assessment.findUniqueOrThrow({ where: { id: frozen.id } });
    expect(row.organisationId).toBe(w.b.organisation.id);
    expect((await assessmentQueries.getAssessment(asB, frozen.id))!.inputs.organisation.key).toBe(w.b.organisation.slug);
  },
  // exports: built from an assessment of the caller's organisation only
  getExportSource: async (w, asB) => {
    await expectNotFound(exportQueries.getExportSource(asB, w.assessmentA.id));
    const latest = await exportQueries.getExportSource(asB).then((x) => x.id, (e: { code: string }) => e.code);
    expect(latest).not.toBe(w.assessmentA.id);
  },
  exportAssessmentXlsx: async (w, asB) => {
    await expectNotFound(exportQueries.exportAssessmentXlsx(asB, w.assessmentA.id));
  },
  exportDoraCsv: async (w, asB) => {
    for (const file of ["b_05.01", "b_02.02", "b_07.01", "gaps"] as const) await expectNotFound(exportQueries.exportDoraCsv(asB, file, w.assessmentA.id));
  },
  exportDoraPackage: async (w, asB) => {
    await expectNotFound(doraPackageQueries.exportDoraPackage(asB, { assessmentId: w.assessmentA.id, consolidation: "CON", currency: "EUR" }));
  },
  getDoraPackageChecks: async (w, asB) => {
    await expectNotFound(doraPackageQueries.getDoraPackageChecks(asB, { assessmentId: w.assessmentA.id, consolidation: "CON", currency: "EUR" }));
  },
  exportAiActCsv: async (w, asB) => {
    await expectNotFound(exportQueries.exportAiActCsv(asB, w.assessmentA.id));
  },
  getExportsOverview: async (w, asB) => {
    expect((await exportQueries.getExportsOverview(asB)).assessments.map((x) => x.id)).not.toContain(w.assessmentA.id);
  },
  // dependency and fallback edits: B cannot change A's rows, nor point its own at A's model
  updateDependency: async (w, asB) => {
    const { id: _id, version: _version, ...changes } = updateDependencySchema.parse({ id: w.dependencyA.id, version: w.dependencyA.version, modelId: w.modelA.id, accessPath: "direct_api", notes: "pwned" });
    await expectNotFound(dependencyMutations.updateDependency(asB, w.dependencyA.id, w.dependencyA.version, changes));
  },
  updateFallback: async (w, asB) => {
    const { id: _id, version: _version, ...changes } = updateFallbackSchema.parse({ id: w.fallbackA.id, version: w.fallbackA.version, modelId: w.modelA.id, accessPath: "self_hosted", exitPlan: "pwned" });
    await expectNotFound(fallbackMutations.updateFallback(asB, w.fallbackA.id, w.fallbackA.version, changes));
  },
  // the public API's reads of AI systems, dependencies and fallbacks: a filter on A's row is NOT_FOUND, not an empty page
  listAiSystemsByName: async (w, asB) => {
    const page = await aiSystemQueries.listAiSystemsByName(asB, { page: 1, size: 200 });
    await expectNoneOfA(w, "aiSystem", page.items);
  },
  listDependencies: async (w, asB) => {
    expect((await dependencyQueries.listDependencies(asB, { page: 1, size: 200 })).items.map((d) => d.id)).not.toContain(w.dependencyA.id);
    await expectNotFound(dependencyQueries.listDependencies(asB, { aiSystemId: w.systemA.id, page: 1, size: 200 }));
  },
  getDependency: async (w, asB) => {
    expect(await dependencyQueries.getDependency(asB, w.dependencyA.id)).toBeNull();
  },
  listFallbacks: async (w, asB) => {
    expect((await fallbackQueries.listFallbacks(asB, { page: 1, size: 200 })).items.map((f) => f.id)).not.toContain(w.fallbackA.id);
    await expectNotFound(fallbackQueries.listFallbacks(asB, { dependencyId: w.dependencyA.id, page: 1, size: 200 }));
  },
  getFallback: async (w, asB) => {
    expect(await fallbackQueries.getFallback(asB, w.fallbackA.id)).toBeNull();
  },
  // remediation
  listRemediationActions: async (w, asB) => {
    expect((await remediationQueries.listRemediationActions(asB)).map((x) => x.id)).not.toContain(w.remediationA.id);
  },
  getRemediationAction: async (w, asB) => {
    expect(await remediationQueries.getRemediationAction(asB, w.remediationA.id)).toBeNull();
  },
  listOwnerChoices: async (w, asB) => {
    const ids = (await remediationQueries.listOwnerChoices(asB)).map((u) => u.id);
    expect(ids).toContain(w.b.users.owner.id);
    expect(ids).not.toContain(w.a.users.editor.id);
  },
  listRemediationSuggestions: async (w, asB) => {
    const found = await remediationQueries.listRemediationSuggestions(asB);
    if (!found.ok) throw new Error(`B's inventory should score, else there is nothing to check: ${JSON.stringify(found)}`);
    expect(found.suggestions.some((s) => s.inPlan?.id === w.remediationA.id)).toBe(false);
  },
  createRemediationAction: async (w, asB) => {
    const input = remediationSchema.parse({ title: "B's action", priority: "low", ownerId: w.a.users.editor.id });
    await expect(remediationMutations.createRemediationAction(asB, input)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const own = await remediationMutations.createRemediationAction(asB, { ...input, ownerId: w.b.users.editor.id });
    expect((await db().remediationAction.findUniqueOrThrow({ where: { id: own.id } })).organisationId).toBe(w.b.organisation.id);
  },
  addSuggestionToPlan: async (w, asB) => {
    // A's finding key is not B's: B is not answered A's action.
    await expect(remediationMutations.addSuggestionToPlan(asB, suggestionSchema.parse({ findingKey: w.remediationA.findingKey }))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  },
  updateRemediationAction: async (w, asB) => {
    await expectNotFound(remediationMutations.updateRemediationAction(asB, w.remediationA.id, w.remediationA.version, { title: "taken over" }));
  },
  closeRemediationAction: async (w, asB) => {
    await expectNotFound(remediationMutations.closeRemediationAction(asB, w.remediationA.id, w.remediationA.version));
  },
  deleteRemediationAction: async (w, asB) => {
    await expectNotFound(remediationMutations.deleteRemediationAction(asB, w.remediationA.id, w.remediationA.version));
  },
  // scenarios
  listScenarios: async (w, asB) => {
    expect((await scenarioQueries.listScenarios(asB)).map((x) => x.id)).not.toContain(w.scenarioA.id);
  },
  getScenario: async (w, asB) => {
    expect(await scenarioQueries.getScenario(asB, w.scenarioA.id)).toBeNull();
  },
  scenarioBuilderOptions: async (w, asB) => {
    const options = await scenarioQueries.scenarioBuilderOptions(asB);
    const own = await db().vendor.findMany({ where: { organisationId: w.b.organisation.id }, select: { name: true } });
    // B's own vendors only (an import case may have copied A's names into B: compared with B's rows).
    expect(options.vendors.map((v) => v.name).sort()).toEqual(own.map((v) => v.name).sort());
  },
  createScenario: async (w, asB) => {
    const created = await scenarioMutations.createScenario(asB, scenarioSchema.parse({ name: "A's scenario", shocks: w.scenarioA.shocks }));
    expect((await db().scenario.findUniqueOrThrow({ where: { id: created.id } })).organisationId).toBe(w.b.organisation.id);
  },
  updateScenario: async (w, asB) => {
    await expectNotFound(scenarioMutations.updateScenario(asB, w.scenarioA.id, 1, scenarioSchema.parse({ name: "pwned", shocks: w.scenarioA.shocks })));
  },
  deleteScenario: async (w, asB) => {
    await expectNotFound(scenarioMutations.deleteScenario(asB, w.scenarioA.id, 1));
  },
  runWorkshopShock: async (w, asB) => {
    await expectNotFound(scenarioMutations.runWorkshopShock(asB, { workshopId: w.workshopA.id, scenarioId: w.scenarioA.id }));
    // B's own running workshop does not reach A's scenario either.
    const own = (await db().workshop.findFirst({ where: { organisationId: w.b.organisation.id, status: "running" } })) ?? (await workshopMutations.startWorkshop(asB, { title: "B's workshop", attendees: [] }));
    await expectNotFound(scenarioMutations.runWorkshopShock(asB, { workshopId: own.id, scenarioId: w.scenarioA.id }));
  },
  runScenario: async (w, asB) => {
    await expectNotFound(scenarioMutations.runScenario(asB, w.scenarioA.id));
  },
  // policy events
  listPolicyEvents: async (w, asB) => {
    // Compared by id: an import case may have copied A's events into B.
    const own = (await policyEventQueries.listPolicyEvents(asB)).filter((i) => i.origin === "own");
    const bIds = (await db().policyEvent.findMany({ where: { organisationId: w.b.organisation.id }, select: { id: true } })).map((r) => r.id);
    expect(own.map((i) => i.id).sort()).toEqual(bIds.sort());
    expect(own.map((i) => i.id)).not.toContain(w.policyEventA.id);
  },
  getPolicyEvent: async (w, asB) => {
    expect(await policyEventQueries.getPolicyEvent(asB, w.policyEventA.id)).toBeNull();
  },
  createPolicyEvent: async (w, asB) => {
    // A lift of a key B's landscape lacks is refused (A's rows are not looked at).
    await expect(policyEventMutations.createPolicyEvent(asB, { kind: "lift", key: "b-lift", title: "Lift", effectiveDate: "2025-02-01", source: "B", lifts: "only-in-nobodys-landscape" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const created = await policyEventMutations.createPolicyEvent(asB, { ...A_BAN, key: "b-own-ban" });
    expect((await db().policyEvent.findUniqueOrThrow({ where: { id: created.id } })).organisationId).toBe(w.b.organisation.id);
  },
  updatePolicyEvent: async (w, asB) => {
    await expectNotFound(policyEventMutations.updatePolicyEvent(asB, w.policyEventA.id, 1, { ...A_BAN, key: "pwned" }));
  },
  deletePolicyEvent: async (w, asB) => {
    await expectNotFound(policyEventMutations.deletePolicyEvent(asB, w.policyEventA.id, 1));
  },
  // board report
  getBoardReport: async (w, asB) => {
    expect(await reportQueries.getBoardReport(asB, w.assessmentA.id)).toBeNull();
    // B's own report holds none of A's plan, scenarios or assessments (by id: other cases copy A's names into B).
    const own = await assessmentMutations.freezeAssessment(asB, { asOf: "2025-02-01" });
    const report = await reportQueries.getBoardReport(asB, own.id);
    expect(report?.meta.assessmentId).toBe(own.id);
    expect(report?.plan.actions.map((a) => a.id)).not.toContain(w.remediationA.id);
    expect(report?.scenarios.map((s) => s.id)).not.toContain(w.scenarioA.id);
    expect(report?.trend.map((t) => t.id)).not.toContain(w.assessmentA.id);
  },
  getReportInventory: async (w, asB) => {
    expect(await reportQueries.getReportInventory(asB, w.assessmentA.id)).toBeNull();
    // Remembered for A (a slice printed for A), it is still not B's.
    const ofA = await reportQueries.getReportInventory(w.ownerA, w.assessmentA.id);
    expect(ofA?.inventory.map((s) => s.name)).toContain(w.systemA.name);
    expect(await reportQueries.getReportInventory(asB, w.assessmentA.id)).toBeNull();
    const own = await assessmentMutations.freezeAssessment(asB, { asOf: "2025-03-15" });
    const inventory = await reportQueries.getReportInventory(asB, own.id);
    expect(inventory?.meta.assessmentId).toBe(own.id);
    // Its own assessment's inventory (names are no test: other cases copy A's names into B).
    expect(inventory?.inventory).toEqual((await reportQueries.getBoardReport(asB, own.id))?.inventory);
  },
  // board report runs
  listReportRuns: async (w, asB) => {
    expect((await reportRunQueries.listReportRuns(asB)).map((r) => r.id)).not.toContain(w.reportRunA.id);
  },
  getLatestReportRun: async (w, asB) => {
    // B's own report, older than A's: B is answered its own, never A's newer one.
    const own = await assessmentMutations.freezeAssessment(asB, { asOf: "2025-04-20" });
    await db().reportRun.create({
      data: { organisationId: w.b.organisation.id, assessmentId: own.id, requestedById: w.b.users.owner.id, paper: "a4", status: "succeeded", pdf: new Uint8Array([37, 80, 68, 70]), pdfBytes: 4, pageCount: 1, createdAt: new Date("2020-01-01T00:00:00Z") },
    });
    const latest = await reportRunQueries.getLatestReportRun(asB);
    expect(latest).not.toBeNull();
    expect(latest!.id).not.toBe(w.reportRunA.id);
    expect((await db().reportRun.findUniqueOrThrow({ where: { id: latest!.id } })).organisationId).toBe(w.b.organisation.id);
  },
  getReportRun: async (w, asB) => {
    expect(await reportRunQueries.getReportRun(asB, w.reportRunA.id)).toBeNull();
  },
  getReportRunPdf: async (w, asB) => {
    expect(await reportRunQueries.getReportRunPdf(asB, w.reportRunA.id)).toBeNull();
  },
  exportCycloneDx: async (w, asB) => {
    // Ids only: earlier cases give B a policy event also titled "A's ban".
    const text = new TextDecoder().decode((await exportQueries.exportCycloneDx(asB)).body);
    expect(JSON.parse(text).metadata.component["bom-ref"]).toBe(`organisation/${w.b.organisation.id}`);
    for (const id of [w.a.organisation.id, w.vendorA.id, w.modelA.id, w.systemA.id, w.dependencyA.id, w.fallbackA.id, w.dataFlowA.id]) expect(text).not.toContain(id);
  },
  reportBranding: async (w, asB) => {
    // B's owner, even with a context naming A's practice (which works with A and brands its reports), gets no branding in B.
    await db().practice.update({ where: { id: w.practiceA.id }, data: { brandReports: true } });
    expect(await practiceQueries.reportBranding({ ...asB, via: "A's practice", viaPracticeId: w.practiceA.id })).toBeNull();
    expect(await practiceQueries.reportBranding(asB)).toBeNull();
    await db().practice.update({ where: { id: w.practiceA.id }, data: { brandReports: false } });
  },
  listPracticeAccess: async (w, asB) => {
    expect(await practiceQueries.listPracticeAccess(asB)).toEqual([]);
  },
  endPracticeEngagement: async (w, asB) => {
    await expectNotFound(practiceMutations.endPracticeEngagement(asB, w.engagementA.id, w.engagementA.version));
  },
  setBenchmarkConsent: async (w, asB) => {
    await expectNotFound(practiceMutations.setBenchmarkConsent(asB, w.engagementA.id, w.engagementA.version, true));
    await expectNotFound(practiceMutations.setBenchmarkConsent(asB, w.engagementA.id, w.engagementA.version, false));
  },
  startReportRun: async (w, asB) => {
    await expectNotFound(reportRunMutations.startReportRun(asB, { assessmentId: w.assessmentA.id, paper: "a4" }));
  },
  // EU AI Act registrations (decision 046): B never reads, exports or changes A's
  getAiActRegistration: async (w, asB) => {
    expect(await aiActRegistrationQueries.getAiActRegistration(asB, w.systemA.id)).toBeNull();
  },
  listAiActRegistrations: async (w, asB) => {
    expect(json(await aiActRegistrationQueries.listAiActRegistrations(asB))).not.toContain(w.registrationA.id);
  },
  getAiActRegistrationSummary: async (w, asB) => {
    const where = { organisationId: w.b.organisation.id };
    expect(await aiActRegistrationQueries.getAiActRegistrationSummary(asB)).toMatchObject({ aiSystems: await db().aiSystem.count({ where }), registered: await db().aiActRegistration.count({ where }) });
  },
  getAiActRegistrationPack: async (w, asB) => {
    await expectNotFound(aiActRegistrationQueries.getAiActRegistrationPack(asB, w.systemA.id));
    expect(json(await aiActRegistrationQueries.getAiActRegistrationPack(asB))).not.toContain("A's deployer");
  },
  exportAiActRegistrationsCsv: async (w, asB) => {
    const text = new TextDecoder().decode((await aiActRegistrationQueries.exportAiActRegistrationsCsv(asB)).body);
    expect(text).not.toContain("A's deployer");
    expect(text).not.toContain("A's system");
  },
  exportAiActRegistrationsPdf: async (w, asB) => {
    // Refused before anything is printed, so no browser or print server is needed.
    await expectNotFound(exportAiActRegistrationsPdf(asB, { aiSystemId: w.systemA.id }, null));
  },
  saveAiActRegistration: async (w, asB) => {
    const save = (version: string) => aiActRegistrationMutations.saveAiActRegistration(asB, aiActRegistrationSchema.parse({ aiSystemId: w.systemA.id, version, deployerName: "B's overwrite" }));
    await expectNotFound(save(""));
    await expectNotFound(save(String(w.registrationA.version)));
  },
};

/** A practice's functions: scoped by the caller's practice; isolation between practices is lib/practices/practices.int.test.ts. */
const PRACTICE_SCOPED = "scoped by the caller's practice (where: { practiceId }); one practice against another in lib/practices/practices.int.test.ts";

/** Functions that are scoped by the user or by a secret token rather than by an organisation. */
const NOT_ORG_SCOPED: Record<string, string> = {
  changeDigest: "pure: the digest of a comparison its caller already holds; reads nothing",
  getPractice: PRACTICE_SCOPED,
  getPracticeLogo: PRACTICE_SCOPED,
  updatePracticeBranding: PRACTICE_SCOPED,
  listPracticeMembers: PRACTICE_SCOPED,
  listPortfolio: PRACTICE_SCOPED,
  getPracticeClient: PRACTICE_SCOPED,
  comparePortfolioClients: PRACTICE_SCOPED,
  practiceBenchmark: PRACTICE_SCOPED,
  createPractice: PRACTICE_SCOPED,
  updatePractice: PRACTICE_SCOPED,
  addPracticeMember: PRACTICE_SCOPED,
  changePracticeMemberRole: PRACTICE_SCOPED,
  removePracticeMember: PRACTICE_SCOPED,
  createClient: PRACTICE_SCOPED,
  setClientRole: PRACTICE_SCOPED,
  planNextWorkshop: PRACTICE_SCOPED,
  archiveClient: PRACTICE_SCOPED,
  restoreClient: PRACTICE_SCOPED,
  deleteClient: PRACTICE_SCOPED,
  listPracticeClients: PRACTICE_SCOPED,
  countPracticeClients: PRACTICE_SCOPED,
  listPracticeAuditEventsPage: PRACTICE_SCOPED,
  createPracticeApiToken: PRACTICE_SCOPED,
  revokePracticeApiToken: PRACTICE_SCOPED,
  listPracticeApiTokens: PRACTICE_SCOPED,
  checkPracticeApiToken: "looked up by the hash of the practice token's secret; the token names its practice, whose membership of the creator it reads",
  recordPracticeApiTokenUse: "only for a practice token checkPracticeApiToken accepted; its where includes that token's practice",
  createPracticeInvitation: PRACTICE_SCOPED,
  revokePracticeInvitation: PRACTICE_SCOPED,
  listPendingPracticeInvitations: PRACTICE_SCOPED,
  findUsablePracticeInvitation: "looked up by the hash of a 256-bit secret token; answers only the practice's name and slug, the role and the invited address",
  acceptPracticeInvitation: "joins the practice named by the secret token (a 256-bit link token, hashed); no organisation",
  acceptPracticeInvitationWithNewAccount: "creates an account and joins the practice named by the secret token; no organisation",

  findHomeOrganisationSlug: "the caller's own first membership (where: { userId })",
  hasAnyUser: "first-run check; returns a boolean only",
  createOrganisation: "creates a new organisation owned by the caller",
  insertOrganisationRow: "a new organisation's row, inside the caller's transaction: called only by createOrganisation and by createClient (which checks the practice role)",
  importIntoNewOrganisation: "takes the caller's transaction first, then a context whose role it checks (inventory:write); only createClient calls it, for the organisation it created in that transaction",
  changePassword: "the signed-in person's own account (their user id from the session)",
  signOutEverywhere: "the signed-in person's own sessions (their user id)",
  resetPasswordWithLink: "scoped by a one-time secret token an owner issued",
  listMySessions: "the signed-in person's own sessions (where: { userId })",
  findUsablePasswordReset: "looked up by the hash of a one-time secret token",
  createFirstAccount: "first run only; refused once any account exists",
  findUsableInvitation: "looked up by the hash of a 256-bit secret token",
  findUsableQuestionnaire: "looked up by the hash of a 256-bit secret token; answers only the link's title, expiry and organisation name",
  submitQuestionnaireAnswer: "writes into the organisation named by the secret token (a 256-bit link token, hashed), nowhere else",
  linkState: "pure: a link's state from its dates, no data access",
  acceptInvitation: "joins the organisation named by the secret token",
  acceptInvitationWithNewAccount: "joins the organisation named by the secret token",
  toDocumentValue: "pure value translation, no data access",
  formatOf: "pure: the format a file name says",
  inventoryTemplateFile: "the empty template workbook, the same for everyone",
  findActiveApiToken: "looked up by the hash of the token's secret; the token names its organisation",
  checkApiToken: "looked up by the hash of the token's secret; the token names its organisation, whose membership of the creator it reads",
  recordApiTokenUse: "only for a token checkApiToken accepted; its where includes that token's organisation",
  today: "pure date helper, no data access",
  typedModel: "pure: types a model row's JSON column, no data access",
  inputsHashOf: "pure: sha256 of a document",
  typedScenario: "pure: types a scenario row's JSON columns, no data access",
  policyEventFromRow: "pure: a stored row as the engine's policy event, no data access",
};

describe("tenant isolation", () => {
  let world: World;
  beforeAll(async () => {
    world = await setupWorld();
  });

  for (const [name, run] of Object.entries(CASES)) {
    it(`${name} never reveals or changes another organisation's rows`, async () => {
      const before = await snapshotOf(world);
      await run(world, world.ownerB);
      expect(json(await snapshotOf(world))).toBe(json(before));
    });
  }

  it("has a case for every organisation-scoped data function", () => {
    const modules = { modelMutations, catalogueMutations, catalogueQueries, inventoryFile, vendorMutations, aiSystemMutations, dependencyMutations, dependencyQueries, fallbackMutations, vendorQueries, modelQueries, aiSystemQueries, dataFlowQueries, auditQueries, auditExport, apiTokenMutations, apiTokenQueries, inventoryDocument, inventoryImport, scoreQueries, memberMutations, memberQueries, officeMutations, officeQueries, organisationMutations, organisationQueries, assessmentQueries, assessmentMutations, dataFlowMutations, fallbackQueries, remediationQueries, remediationMutations, scenarioQueries, scenarioMutations, policyEventQueries, policyEventMutations, exportQueries, doraPackageQueries, reportQueries, reportRunQueries, reportRunMutations, practiceQueries, practiceMutations, practiceInvitationQueries, practiceInvitationMutations, workshopQueries, workshopMutations, questionnaireQueries, questionnaireMutations, aiActRegistrationQueries, aiActRegistrationMutations, ssoQueries, ssoMutations, scimTokens };
    const exported = Object.values(modules).flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "function").map(([k]) => k));
    const missing = exported.filter((name) => !(name in CASES) && !(name in NOT_ORG_SCOPED));
    expect(missing).toEqual([]);
    // A new queries or mutations module that nobody added to `modules` above is caught here: every
    // exported function declared in such a file under lib/ needs a case or a written reason too.
    const declared = dataFiles(path.join(process.cwd(), "lib")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => `${path.relative(process.cwd(), file)}: ${m[1]!}`),
    );
    expect(declared.length).toBeGreaterThan(100);
    expect(declared.filter((d) => { const name = d.split(": ")[1]!; return !(name in CASES) && !(name in NOT_ORG_SCOPED); })).toEqual([]);
  });
});
