// Bad text through the real entry points, against the real database (docs/decisions/030): a NUL
// made PostgreSQL fail ("invalid byte sequence for encoding UTF8: 0x00") and the request answer
// 500; a lone surrogate was stored as U+FFFD; a bidi override was stored as it came. Now each is
// a 4xx naming the field (the API) or a form error on the field (server actions), nothing is
// stored, and a list's search with a control character is ignored with a notice. Only auth()
// (which needs an HTTP request) and Next's cache invalidation are replaced.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { ActionState } from "@/lib/action-state";
import { TEXT_MESSAGES } from "@/lib/text";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens, type RouteHandler } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
const signInCalls = vi.hoisted(() => [] as { redirectTo?: string }[]);
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: "test" } : null),
  signIn: async (_provider: string, options: { redirectTo?: string }) => {
    signInCalls.push(options);
    // What a successful sign-in does: redirect (Next's redirect() throws).
    const { redirect } = await import("next/navigation");
    redirect(options.redirectTo ?? "/");
  },
  signOut: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const routes = {
  offices: await import("@/app/api/v1/orgs/[org]/offices/route"),
  office: await import("@/app/api/v1/orgs/[org]/offices/[id]/route"),
  vendors: await import("@/app/api/v1/orgs/[org]/vendors/route"),
  models: await import("@/app/api/v1/orgs/[org]/models/route"),
  aiSystems: await import("@/app/api/v1/orgs/[org]/ai-systems/route"),
  dependencies: await import("@/app/api/v1/orgs/[org]/dependencies/route"),
  fallbacks: await import("@/app/api/v1/orgs/[org]/fallbacks/route"),
  dataFlows: await import("@/app/api/v1/orgs/[org]/data-flows/route"),
  scenarios: await import("@/app/api/v1/orgs/[org]/scenarios/route"),
  policyEvents: await import("@/app/api/v1/orgs/[org]/policy-events/route"),
  remediation: await import("@/app/api/v1/orgs/[org]/remediation-actions/route"),
  assessments: await import("@/app/api/v1/orgs/[org]/assessments/route"),
  inventory: await import("@/app/api/v1/orgs/[org]/inventory/route"),
  inventoryImport: await import("@/app/api/v1/orgs/[org]/inventory/import/route"),
};
const { createOfficeAction } = await import("@/lib/offices/actions");
const { createVendorAction } = await import("@/lib/vendors/actions");
const { createAiSystemAction } = await import("@/lib/ai-systems/actions");
const { createModelAction } = await import("@/lib/models/actions");
const { createDependencyAction } = await import("@/lib/dependencies/actions");
const { createFallbackAction } = await import("@/lib/fallbacks/actions");
const { createDataFlowAction } = await import("@/lib/data-flows/actions");
const { createScenarioAction } = await import("@/lib/scenarios/actions");
const { createPolicyEventAction } = await import("@/lib/policy-events/actions");
const { createRemediationActionAction } = await import("@/lib/remediation/actions");
const { freezeAssessmentAction } = await import("@/lib/assessments/actions");
const { updateOrganisationAction, createOrganisationAction } = await import("@/lib/organisations/actions");
const { createApiTokenAction } = await import("@/lib/api-tokens/actions");
const { signInAction, setupAction } = await import("@/lib/auth/actions");
const { parseListParams } = await import("@/lib/list-params");
const { listOfficesTablePage, officeListSpec } = await import("@/lib/offices/queries");
const { listVendorsPage, vendorListSpec } = await import("@/lib/vendors/queries");
const { listModelsPage, modelListSpec } = await import("@/lib/models/queries");
const { listAiSystemsPage, aiSystemListSpec } = await import("@/lib/ai-systems/queries");
const { listDataFlowsPage, dataFlowListSpec } = await import("@/lib/data-flows/queries");
const { getScenario } = await import("@/lib/scenarios/queries");
const { getPolicyEvent } = await import("@/lib/policy-events/queries");

type World = Awaited<ReturnType<typeof twoOrganisations>>;
type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) fd.append(k, item);
  return fd;
}

async function act(action: Action, fields: Record<string, string | string[]>): Promise<ActionState> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (e) {
    if (String((e as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return { status: "success", message: String((e as { digest: string }).digest) };
    throw e;
  }
}

/** A vendor, model, AI system and dependency in the organisation, for inputs that refer to them. */
async function rows(w: World) {
  const organisationId = w.a.organisation.id;
  const tag = Math.random().toString(36).slice(2, 8);
  const vendor = await db().vendor.create({ data: { organisationId, name: `Vendor ${tag}`, vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: `Model ${tag}`, family: "m", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: `System ${tag}`, owner: "Ops", criticality: "high", toleratedDowntimeMinutes: 60 } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  const office = await db().office.create({ data: { organisationId, name: `Office ${tag}`, country: "DE", city: "Bonn", headcount: 3 } });
  return { vendor, model, system, dependency, office };
}

const shocks = [{ type: "cloud-region-lost", cloud: "aws", region: "eu-central-1" }];
const policyEvent = {
  key: "own-restriction",
  kind: "impose",
  title: "Own restriction",
  effectiveDate: "2026-03-02",
  source: "https://news.example/a",
  type: "export-control",
  issuer: "US",
  scope: { vendors: ["anthropic"] },
  restrictions: [{ countries: { only: ["CN"] }, locus: "users", severity: "block" }],
};

describe("bad text through the public API", () => {
  let w: World;
  let tokens: Record<Role, string>;
  let org: string;
  let r: Awaited<ReturnType<typeof rows>>;
  beforeEach(async () => {
    w = await twoOrganisations();
    session.userId = null;
    org = w.a.organisation.slug;
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    r = await rows(w);
  });

  const cases = (): { name: string; handler: RouteHandler; body: Record<string, unknown>; field: string; message: string }[] => [
    { name: "offices: NUL in the name", handler: routes.offices.POST, body: { name: "Ly\u0000on", country: "FR", city: "Lyon", headcount: 4 }, field: "name", message: TEXT_MESSAGES.nul },
    { name: "offices: a line break in a team", handler: routes.offices.POST, body: { name: "Lyon", country: "FR", city: "Lyon", headcount: 4, teams: ["Ops\nSales"] }, field: "teams.0", message: TEXT_MESSAGES.lineBreak },
    { name: "vendors: a bidi override in the name", handler: routes.vendors.POST, body: { name: "Acme\u202E", vendorType: "frontier_lab", hqCountry: "US" }, field: "name", message: TEXT_MESSAGES.bidi },
    { name: "models: a C1 control in the licence", handler: routes.models.POST, body: { vendorId: r.vendor.id, name: "M", family: "m", weights: "open", licence: "MIT\u0085" }, field: "licence", message: TEXT_MESSAGES.control },
    { name: "AI systems: an isolate in the owner", handler: routes.aiSystems.POST, body: { name: "Bot", owner: "Ops\u2066", criticality: "low", toleratedDowntimeMinutes: 60 }, field: "owner", message: TEXT_MESSAGES.bidi },
    { name: "dependencies: NUL in the notes", handler: routes.dependencies.POST, body: { aiSystemId: r.system.id, modelId: r.model.id, accessPath: "direct_api", notes: "a\u0000b" }, field: "notes", message: TEXT_MESSAGES.nul },
    { name: "fallbacks: a tab in the region", handler: routes.fallbacks.POST, body: { dependencyId: r.dependency.id, modelId: r.model.id, accessPath: "direct_api", hostingRegion: "eu\twest" }, field: "hostingRegion", message: TEXT_MESSAGES.lineBreak },
    {
      name: "data flows: a line break in the region",
      handler: routes.dataFlows.POST,
      body: { name: "Flow", originOfficeId: r.office.id, vendorId: r.vendor.id, processingCountry: "US", processingRegion: "us\neast", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
      field: "processingRegion",
      message: TEXT_MESSAGES.lineBreak,
    },
    { name: "scenarios: a bidi override in a shock's region", handler: routes.scenarios.POST, body: { name: "Outage", shocks: [{ ...shocks[0], region: "eu\u202Ecentral" }] }, field: "shocks.0.region", message: TEXT_MESSAGES.bidi },
    { name: "policy events: a bidi override in the title", handler: routes.policyEvents.POST, body: { ...policyEvent, title: "Own \u202Erestriction" }, field: "title", message: TEXT_MESSAGES.bidi },
    { name: "remediation: NUL in the title", handler: routes.remediation.POST, body: { title: "Drill\u0000" }, field: "title", message: TEXT_MESSAGES.nul },
    { name: "assessments: an escape in the note", handler: routes.assessments.POST, body: { note: "\u001B[31mboard" }, field: "note", message: TEXT_MESSAGES.control },
  ];

  it("answers 422 naming the field, for a text field of every create route, and stores nothing", async () => {
    const before = await db().office.count({ where: { organisationId: w.a.organisation.id } });
    for (const { name, handler, body, field, message } of cases()) {
      const res = await call(handler, "POST", { org }, { token: tokens.owner, body });
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe("INVALID_INPUT");
      expect(res.json.error.fields[field], name).toContain(message);
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
    }
    expect(await db().office.count({ where: { organisationId: w.a.organisation.id } })).toBe(before);
    expect(await db().scenario.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("answers 422 for a lone surrogate sent as a JSON escape", async () => {
    const res = await call(routes.offices.POST, "POST", { org }, { token: tokens.owner, raw: '{"name":"Ly\\ud800on","country":"FR","city":"Lyon","headcount":4}' });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ name: [TEXT_MESSAGES.surrogate] });
    expect(await db().office.count({ where: { organisationId: w.a.organisation.id, city: "Lyon" } })).toBe(0);
  });

  it("refuses NUL in a PATCH too", async () => {
    const res = await call(routes.office.PATCH, "PATCH", { org, id: r.office.id }, { token: tokens.owner, body: { name: "x\u0000", version: r.office.version } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields.name).toEqual([TEXT_MESSAGES.nul]);
  });

  it("keeps line breaks, tabs and right-to-left text in free text, and stores accented names as they are", async () => {
    const res = await call(routes.aiSystems.POST, "POST", { org }, { token: tokens.owner, body: { name: "Vertragsprüfung 🤖", description: "Line one\n\tLine two \u202Bעברית\u202C", owner: "Rechtsabteilung", criticality: "low", toleratedDowntimeMinutes: 60 } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: "Vertragsprüfung 🤖", description: "Line one\n\tLine two \u202Bעברית\u202C" });
  });

  it("refuses NUL anywhere in an inventory document (passed on as it is) by its path, and imports nothing", async () => {
    const exported = await call(routes.inventory.GET, "GET", { org }, { token: tokens.owner });
    expect(exported.status).toBe(200);
    const document = structuredClone(exported.json) as { offices: { name: string }[] };
    document.offices[0]!.name = "Bonn\u0000";
    const res = await call(routes.inventoryImport.POST, "POST", { org }, { token: tokens.owner, body: document });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ "offices.0.name": [TEXT_MESSAGES.nul] });
    expect((await db().office.findMany({ where: { organisationId: w.a.organisation.id }, select: { name: true } })).map((o) => o.name)).toEqual([r.office.name]);
  });

  it("answers 404, not 500, for an organisation slug with a control character (the session path looks it up)", async () => {
    session.userId = w.a.users.owner.id;
    const res = await call(routes.offices.GET, "GET", { org: `${org}\u0000` });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });

  it("answers 422 for a NUL in a query parameter it reads", async () => {
    const res = await call(routes.offices.GET, "GET", { org }, { token: tokens.viewer, query: "page=%00" });
    expect(res.status).toBe(422);
  });
});

describe("bad text through the server actions", () => {
  let w: World;
  let r: Awaited<ReturnType<typeof rows>>;
  let slug: string;
  beforeAll(async () => {
    w = await twoOrganisations();
    r = await rows(w);
    slug = w.a.organisation.slug;
  });
  beforeEach(() => {
    session.userId = w.a.users.owner.id;
  });

  const cases = (): { name: string; action: Action; fields: Record<string, string | string[]>; field: string; message: string }[] => [
    { name: "office", action: createOfficeAction, fields: { name: "Ly\u0000on", country: "FR", city: "Lyon", headcount: "4" }, field: "name", message: TEXT_MESSAGES.nul },
    { name: "office (bidi)", action: createOfficeAction, fields: { name: "Lyon\u202E", country: "FR", city: "Lyon", headcount: "4" }, field: "name", message: TEXT_MESSAGES.bidi },
    { name: "vendor", action: createVendorAction, fields: { name: "Acme", vendorType: "frontier_lab", hqCountry: "US", notes: "a\u0000" }, field: "notes", message: TEXT_MESSAGES.nul },
    // (A lone surrogate cannot arrive in a form: FormData holds well-formed strings and makes it U+FFFD.)
    { name: "AI system", action: createAiSystemAction, fields: { name: "Bot\u0085", owner: "Ops", criticality: "low", downtimeHours: "4", downtimeMinutes: "0" }, field: "name", message: TEXT_MESSAGES.control },
    { name: "model", action: createModelAction, fields: { vendorId: r.vendor.id, name: "M", family: "fam\u0007", weights: "open", licence: "MIT", trainingCompute: "unknown" }, field: "family", message: TEXT_MESSAGES.control },
    { name: "dependency", action: createDependencyAction, fields: { aiSystemId: r.system.id, modelId: r.model.id, accessPath: "direct_api", hostingRegion: "eu\u2067west" }, field: "hostingRegion", message: TEXT_MESSAGES.bidi },
    { name: "fallback", action: createFallbackAction, fields: { dependencyId: r.dependency.id, modelId: r.model.id, accessPath: "direct_api", exitPlan: "x\u0000" }, field: "exitPlan", message: TEXT_MESSAGES.nul },
    {
      name: "data flow",
      action: createDataFlowAction,
      fields: { name: "Flow\u0000", originOfficeId: r.office.id, vendorId: r.vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
      field: "name",
      message: TEXT_MESSAGES.nul,
    },
    { name: "scenario", action: createScenarioAction, fields: { name: "Outage\u202E", shocks: JSON.stringify(shocks) }, field: "name", message: TEXT_MESSAGES.bidi },
    {
      name: "policy event (NUL in a hidden JSON field)",
      action: createPolicyEventAction,
      fields: { kind: "impose", title: "Own", effectiveDate: "2026-03-02", source: "press", type: "export-control", issuer: "US", scope: JSON.stringify({ modelFamilies: ["cl\u0000aude"] }), restrictions: JSON.stringify(policyEvent.restrictions) },
      field: "scope",
      message: TEXT_MESSAGES.nul,
    },
    {
      name: "policy event (bidi in a reference title)",
      action: createPolicyEventAction,
      fields: { kind: "impose", title: "Own", effectiveDate: "2026-03-02", source: "press", type: "export-control", issuer: "US", scope: "{}", restrictions: JSON.stringify(policyEvent.restrictions), references: JSON.stringify([{ title: "Report\u202E" }]) },
      field: "references",
      message: TEXT_MESSAGES.bidi,
    },
    { name: "remediation action", action: createRemediationActionAction, fields: { title: "Drill\u0000", priority: "high" }, field: "title", message: TEXT_MESSAGES.nul },
    { name: "assessment", action: freezeAssessmentAction, fields: { note: "\u0000" }, field: "note", message: TEXT_MESSAGES.nul },
    { name: "organisation settings", action: updateOrganisationAction, fields: { name: "Mainfeld\u202E", hqCountry: "DE", sector: "Manufacturing", version: "1" }, field: "name", message: TEXT_MESSAGES.bidi },
    { name: "API token", action: createApiTokenAction, fields: { name: "CI\u0000", role: "viewer" }, field: "name", message: TEXT_MESSAGES.nul },
  ];

  it("answers a form error on the field, never INTERNAL, and stores nothing", async () => {
    const count = () => Promise.all([db().office.count(), db().vendor.count(), db().aiSystem.count(), db().scenario.count(), db().policyEvent.count(), db().remediationAction.count(), db().assessment.count(), db().dataFlow.count()]);
    const before = await count();
    for (const { name, action, fields, field, message } of cases()) {
      const state = await act(action, { org: slug, ...fields });
      expect(state, name).toMatchObject({ status: "error", code: "INVALID_INPUT" });
      expect(state.status === "error" && state.fieldErrors?.[field], name).toContain(message);
    }
    expect(await count()).toEqual(before);
  });

  it("refuses a control character in the organisation's slug before looking it up", async () => {
    const state = await act(createOfficeAction, { org: `${slug}\u0000`, name: "Lyon", country: "FR", city: "Lyon", headcount: "4" });
    expect(state).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { org: [TEXT_MESSAGES.nul] } });
  });

  it("refuses bad text in the forms outside an organisation: a new organisation, the first run", async () => {
    expect(await act(createOrganisationAction, { name: "New\u0000 AG", hqCountry: "DE", sector: "Retail" })).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { name: [TEXT_MESSAGES.nul] } });
    session.userId = null;
    const setup = await act(setupAction, { name: "Ada\u202E", email: "ada@example.com", password: "correct horse battery", organisationName: "Ada AG", hqCountry: "DE", sector: "Retail" });
    expect(setup).toMatchObject({ status: "error", code: "INVALID_INPUT", fieldErrors: { name: [TEXT_MESSAGES.bidi] } });
    expect(await db().user.count({ where: { email: "ada@example.com" } })).toBe(0);
  });

  it("signs in to the start page when the callbackUrl has a line break, a javascript: URL or another host", async () => {
    session.userId = null;
    signInCalls.length = 0;
    for (const callbackUrl of ["/mainfeld\n/scores", "javascript:alert(1)", "https://evil.example/", "//evil.example", "/\t/evil.example", "/mainfeld/scores"]) {
      const state = await act(signInAction, { email: "someone@example.com", password: "whatever-it-is", callbackUrl });
      expect(state.status, callbackUrl).toBe("success");
    }
    expect(signInCalls.map((c) => c.redirectTo)).toEqual(["/", "/", "/", "/", "/", "/mainfeld/scores"]);
  });
});

describe("bad text in a list's address", () => {
  const LISTS = [
    { name: "offices", list: listOfficesTablePage, spec: officeListSpec },
    { name: "vendors", list: listVendorsPage, spec: vendorListSpec },
    { name: "models", list: listModelsPage, spec: modelListSpec },
    { name: "AI systems", list: listAiSystemsPage, spec: aiSystemListSpec },
    { name: "data flows", list: listDataFlowsPage, spec: dataFlowListSpec },
  ] as { name: string; list: unknown; spec: Parameters<typeof parseListParams>[0] }[];
  let w: World;
  beforeAll(async () => {
    w = await twoOrganisations();
    const r = await rows(w);
    await db().dataFlow.create({
      data: { organisationId: w.a.organisation.id, name: "Flow", originOfficeId: r.office.id, vendorId: r.vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" },
    });
  });

  for (const { name, list, spec } of LISTS) {
    it(`${name}: ?q=%00 and a NUL in every text filter are ignored with a notice, and the list answers`, async () => {
      const textFilters = Object.entries(spec.filters as Record<string, { kind: string }>).filter(([, f]) => f.kind === "text").map(([id]) => id);
      const params = { q: "a\u0000b", ...Object.fromEntries(textFilters.map((id) => [`f.${id}`, "x\u0000"])) };
      const { state, notices } = parseListParams(spec, params);
      expect(state.q).toBe("");
      expect(state.filters).toEqual({});
      expect(notices).toContain("The search contains an invisible control character and was ignored.");
      expect(notices.join(" ")).not.toMatch(/\u0000/);
      const page = await (list as (ctx: unknown, s: unknown) => Promise<{ total: number }>)(w.ctx(w.a, "viewer"), state);
      expect(page.total).toBeGreaterThan(0);
    });
  }

  it("quotes, SQL and markup in the search are bound as text in every list: they find nothing here, change nothing, and find the row that holds them", async () => {
    // `%`, `_` and `\` are LIKE's wildcards and escape: unescaped, "%" and "_" would match every row.
    const searches = ["'", "x' OR '1'='1", `'; DROP TABLE "Office"; --`, `" OR ""="`, "<script>alert(1)</script>", "$1", "%", "_", "\\", "%_%"];
    const before = await db().office.count();
    for (const { name, list, spec } of LISTS) {
      for (const q of searches) {
        const { state, notices } = parseListParams(spec, { q });
        expect(state.q, `${name}: ${q}`).toBe(q);
        expect(notices, `${name}: ${q}`).toEqual([]);
        const page = await (list as (ctx: unknown, s: unknown) => Promise<{ total: number }>)(w.ctx(w.a, "viewer"), state);
        expect(page.total, `${name}: ${q}`).toBe(0);
      }
    }
    expect(await db().office.count()).toBe(before);
    const vendor = await db().vendor.create({ data: { organisationId: w.a.organisation.id, name: `O'Brien "AI" <b>Labs</b>`, vendorType: "frontier_lab", hqCountry: "IE" } });
    const found = await listVendorsPage(w.ctx(w.a, "viewer"), parseListParams(vendorListSpec, { q: `'brien "ai" <b>` }).state);
    expect(found.rows.map((v: { id: string; name: string }) => [v.id, v.name])).toEqual([[vendor.id, vendor.name]]);
    // The wildcard characters themselves are found as typed, and only where they are.
    const percent = await db().vendor.create({ data: { organisationId: w.a.organisation.id, name: "Yield 50% AI_Labs \\ North", vendorType: "frontier_lab", hqCountry: "IE" } });
    for (const q of ["50%", "i_l", "\\ north"]) {
      const hit = await listVendorsPage(w.ctx(w.a, "viewer"), parseListParams(vendorListSpec, { q }).state);
      expect(hit.rows.map((v: { id: string }) => v.id), q).toEqual([percent.id]);
    }
    const miss = await listVendorsPage(w.ctx(w.a, "viewer"), parseListParams(vendorListSpec, { q: "Yield 5_%" }).state);
    expect(miss.total).toBe(0);
  });

  it("a lone surrogate in the search is ignored too (PostgreSQL would search for U+FFFD)", () => {
    expect(parseListParams(officeListSpec, { q: "a\uDC00" }).state.q).toBe("");
  });
});

describe("ids from the address that are not UUIDs", () => {
  it("are no scenario and no policy event, where PostgreSQL refused them as uuid (500)", async () => {
    const w = await twoOrganisations();
    const ctx = w.ctx(w.a, "owner");
    for (const id of ["not-a-uuid", "x\u0000", ""]) {
      expect(await getScenario(ctx, id)).toBeNull();
      expect(await getPolicyEvent(ctx, id)).toBeNull();
    }
  });
});
