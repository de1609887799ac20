// The public API's policy event and scenario routes, called as Next calls them, against the real database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, type RouteHandler, roleTokens } from "@/lib/testing/api-call";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const policyEvents = await import("@/app/api/v1/orgs/[org]/policy-events/route");
const policyEvent = await import("@/app/api/v1/orgs/[org]/policy-events/[id]/route");
const scenarios = await import("@/app/api/v1/orgs/[org]/scenarios/route");
const scenario = await import("@/app/api/v1/orgs/[org]/scenarios/[id]/route");
const run = await import("@/app/api/v1/orgs/[org]/scenarios/[id]/run/route");

/** A critical support chat in Berlin on a US frontier API, no fallback. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const vendor = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
}

const BLOCKED = { name: "Frontier Labs blocked in Germany", shocks: [{ type: "vendor-blocked", vendor: "frontier-labs", countries: { only: ["DE"] } }] };
const BAN = {
  kind: "impose",
  key: "frontier-ban",
  title: "Frontier Labs banned in Germany",
  effectiveDate: "2025-06-01",
  source: "https://example.test",
  type: "ban",
  issuer: "DE",
  scope: { vendors: ["frontier-labs"] },
  restrictions: [{ countries: { only: ["DE"] }, locus: "users", severity: "block" }],
};

describe("the scenarios and policy events API", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let tokenB: string;
  let a: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    await inventory(w.a.organisation.id);
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    tokenB = (await createApiToken(w.ctx(w.b, "owner"), { name: "B", role: "owner" })).token;
  });

  it("saves a scenario (201 and its URL), runs it, and keeps the last result; PATCH checks the version; DELETE needs it", async () => {
    const created = await call(scenarios.POST, "POST", { org: a }, { token: tokens.analyst, body: BLOCKED });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/scenarios/${created.json.id}`);
    expect(created.json).toMatchObject({ name: BLOCKED.name, version: 1, lastRunAt: null, lastResult: null });

    const ran = await call(run.POST, "POST", { org: a, id: created.json.id }, { token: tokens.analyst });
    expect(ran.status).toBe(200);
    expect(ran.json.result.systems).toEqual([expect.objectContaining({ name: "Support chat", status: "no-recovery", affectedOffices: ["berlin"] })]);
    expect(ran.json.result.systems[0].dependencies).toHaveLength(1); // the whole result leaves, not only the documented fields

    const read = await call(scenario.GET, "GET", { org: a, id: created.json.id }, { token: tokens.viewer });
    expect(read.json.lastResult.counts.systemsAffected).toBe(1);
    expect((await call(scenarios.GET, "GET", { org: a }, { token: tokens.viewer })).json.items).toHaveLength(1);

    const patched = await call(scenario.PATCH, "PATCH", { org: a, id: created.json.id }, { token: tokens.owner, body: { version: 1, name: "Renamed" } });
    expect(patched.json).toMatchObject({ name: "Renamed", version: 2, shocks: BLOCKED.shocks });
    expect((await call(scenario.PATCH, "PATCH", { org: a, id: created.json.id }, { token: tokens.owner, body: { version: 1, name: "Stale" } })).status).toBe(409);
    expect((await call(scenario.DELETE, "DELETE", { org: a, id: created.json.id }, { token: tokens.owner, query: "version=1" })).status).toBe(409);
    expect((await call(scenario.DELETE, "DELETE", { org: a, id: created.json.id }, { token: tokens.owner, query: "version=2" })).status).toBe(204);
  });

  it("refuses invalid shocks with 422 and the engine's message", async () => {
    const bad = await call(scenarios.POST, "POST", { org: a }, { token: tokens.analyst, body: { name: "Bad", shocks: [{ type: "cloud-region-lost", cloud: "aws" }] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toContain("expected a region or a country for cloud-region-lost");
    expect((await call(scenarios.POST, "POST", { org: a }, { token: tokens.analyst, body: { name: "None", shocks: [] } })).status).toBe(422);
    expect(await db().scenario.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("adds a policy event and answers what changed; lists catalogue and own; replaces and deletes with the version", async () => {
    const created = await call(policyEvents.POST, "POST", { org: a }, { token: tokens.analyst, body: BAN });
    expect(created.status).toBe(201);
    expect(created.json.impact).toMatchObject({ ok: true, landscape: { imposed: [{ key: "frontier-ban" }] }, systems: [expect.objectContaining({ name: "Support chat" })] });
    expect(created.json.impact.organisation.delta).toBeLessThan(0);
    const list = await call(policyEvents.GET, "GET", { org: a }, { token: tokens.viewer });
    expect(list.json.items.filter((i: { origin: string }) => i.origin === "own")).toEqual([expect.objectContaining({ id: created.json.id, status: "in-force" })]);
    expect(list.json.items.some((i: { origin: string }) => i.origin === "catalogue")).toBe(true);

    const replaced = await call(policyEvent.PATCH, "PATCH", { org: a, id: created.json.id }, { token: tokens.owner, body: { version: 1, event: { ...BAN, title: "Renamed" } } });
    expect(replaced.json).toMatchObject({ version: 2, event: { title: "Renamed" } });
    expect((await call(policyEvent.PATCH, "PATCH", { org: a, id: created.json.id }, { token: tokens.owner, body: { version: 1, event: BAN } })).status).toBe(409);
    const deleted = await call(policyEvent.DELETE, "DELETE", { org: a, id: created.json.id }, { token: tokens.owner, query: "version=2" });
    expect(deleted.status).toBe(200);
    expect(deleted.json.impact.landscape.lifted).toEqual([{ key: "frontier-ban", title: "Renamed" }]);
    expect((await call(policyEvent.GET, "GET", { org: a, id: created.json.id }, { token: tokens.owner })).status).toBe(404);
  });

  it("refuses invalid policy events with 422 by field", async () => {
    const bad = await call(policyEvents.POST, "POST", { org: a }, { token: tokens.analyst, body: { ...BAN, restrictions: [{ countries: { only: ["ZZ"] }, locus: "users", severity: "block" }] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toContain("restrictions");
  });

  it("takes and returns estimated dates, how they were read, references and partial lifts with named country sets; the list names the partial lifts", async () => {
    const outsideUs = { ...BAN, key: "frontier-outside-us", title: "Frontier Labs withdrawn outside the US", type: "export-control", issuer: "US", restrictions: [{ countries: { allExcept: ["US"] }, locus: "users", severity: "block" }] };
    const forAllies = {
      kind: "lift",
      key: "frontier-back-for-allies",
      title: "Frontier Labs back for US allies",
      effectiveDate: "2025-07-01",
      dateEstimated: true,
      dateNote: "The report is undated; it names the July summit.",
      source: "Press report",
      references: [{ title: "Allies regain access" }, { publisher: "Example Gazette", title: "Curbs eased", url: "https://example.test/gazette", note: "Names Germany." }],
      lifts: "frontier-outside-us",
      countries: { only: [], sets: ["us-key-allies"] },
    };
    expect((await call(policyEvents.POST, "POST", { org: a }, { token: tokens.analyst, body: outsideUs })).status).toBe(201);
    const lifted = await call(policyEvents.POST, "POST", { org: a }, { token: tokens.analyst, body: forAllies });
    expect(lifted.status).toBe(201);
    expect(lifted.json.event).toEqual(forAllies);
    expect(lifted.json.impact.organisation.delta).toBeGreaterThan(0); // Berlin is among the allies
    expect((await call(policyEvent.GET, "GET", { org: a, id: lifted.json.id }, { token: tokens.viewer })).json.event).toEqual(forAllies);
    const list = await call(policyEvents.GET, "GET", { org: a }, { token: tokens.viewer });
    expect(list.json.items.find((i: { event: { key: string } }) => i.event.key === "frontier-outside-us")).toMatchObject({
      status: "in-force",
      partialLifts: [{ key: "frontier-back-for-allies", title: "Frontier Labs back for US allies", effectiveDate: "2025-07-01", dateEstimated: true, countries: { only: [], sets: ["us-key-allies"] } }],
    });

    // Refused by field, and nothing written: an unknown named set, a reference without a title, an expiry before the start.
    const refused = [
      { ...forAllies, key: "x1", countries: { only: [], sets: ["nato"] } },
      { ...forAllies, key: "x2", references: [{ publisher: "Example Gazette" }] },
      { ...outsideUs, key: "x3", expires: "2025-01-01" },
    ];
    const fields = [];
    for (const body of refused) {
      const answer = await call(policyEvents.POST, "POST", { org: a }, { token: tokens.analyst, body });
      expect(answer.status).toBe(422);
      fields.push(Object.keys(answer.json.error.fields));
    }
    expect(fields).toEqual([[expect.stringMatching(/^countries/)], [expect.stringMatching(/^references\.0/)], ["expires"]]);
    expect(await db().policyEvent.count({ where: { organisationId: w.a.organisation.id } })).toBe(2);
  });

  it("answers 404 for another organisation's ids and 403 to roles without the permission", async () => {
    const s = await call(scenarios.POST, "POST", { org: a }, { token: tokens.owner, body: BLOCKED });
    const e = await call(policyEvents.POST, "POST", { org: a }, { token: tokens.owner, body: BAN });
    const b = w.b.organisation.slug;
    for (const [handler, method, id, extra] of [
      [scenario.GET, "GET", s.json.id, {}],
      [scenario.PATCH, "PATCH", s.json.id, { body: { version: 1, name: "pwned" } }],
      [scenario.DELETE, "DELETE", s.json.id, { query: "version=1" }],
      [run.POST, "POST", s.json.id, {}],
      [policyEvent.GET, "GET", e.json.id, {}],
      [policyEvent.PATCH, "PATCH", e.json.id, { body: { version: 1, event: BAN } }],
      [policyEvent.DELETE, "DELETE", e.json.id, { query: "version=1" }],
    ] as const) {
      expect((await call(handler as RouteHandler, method, { org: b, id }, { token: tokenB, ...extra })).status).toBe(404);
    }
    // A's token cannot reach B's organisation at all.
    expect((await call(scenarios.GET, "GET", { org: b }, { token: tokens.owner })).status).toBe(404);
    expect((await db().scenario.findUniqueOrThrow({ where: { id: s.json.id } })).name).toBe(BLOCKED.name);

    for (const role of ["editor", "viewer"] as const) {
      expect((await call(scenarios.POST, "POST", { org: a }, { token: tokens[role], body: { ...BLOCKED, name: role } })).status).toBe(403);
      expect((await call(run.POST, "POST", { org: a, id: s.json.id }, { token: tokens[role] })).status).toBe(403);
      expect((await call(policyEvents.POST, "POST", { org: a }, { token: tokens[role], body: { ...BAN, key: role } })).status).toBe(403);
      expect((await call(scenarios.GET, "GET", { org: a }, { token: tokens[role] })).status).toBe(200);
    }
  });
});
