// The public API's assessment routes, called as Next calls them, against the real database.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { FREEZE_LIMITS } from "@/lib/assessments/mutations";
import { today } from "@/lib/scores/queries";
import { buildOffice } from "@/prisma/factories";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute as call, roleTokens } from "@/lib/testing/api-call";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const assessments = await import("@/app/api/v1/orgs/[org]/assessments/route");
const assessment = await import("@/app/api/v1/orgs/[org]/assessments/[id]/route");
const compare = await import("@/app/api/v1/orgs/[org]/assessments/compare/route");

/** One critical system on a US frontier API with an untested self-hosted fallback. */
async function inventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const vendor = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US" } });
  const publisher = await db().vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db().model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  return db().fallback.create({ data: { organisationId, dependencyId: dependency.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60 } });
}

describe("the assessments API", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  let tokens: Record<Role, string>;
  let tokenB: string;
  let a: string;
  let fallbackId: string;
  beforeEach(async () => {
    w = await twoOrganisations();
    a = w.a.organisation.slug;
    fallbackId = (await inventory(w.a.organisation.id)).id;
    await inventory(w.b.organisation.id);
    tokens = await roleTokens(w.ctx(w.a, "owner"));
    tokenB = (await createApiToken(w.ctx(w.b, "owner"), { name: "B", role: "owner" })).token;
  });

  it("freezes with an analyst's token (201 and its URL), lists it, reads it whole, and refuses a duplicate with 409", async () => {
    expect((await call(assessments.GET, "GET", { org: a }, { token: tokens.viewer })).json).toEqual({ items: [] });
    const created = await call(assessments.POST, "POST", { org: a }, { token: tokens.analyst, body: { note: "Q4 board" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ asOf: today(), rating: expect.any(String), inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/), createdBy: { name: expect.any(String) } });
    expect(created.headers.get("location")).toBe(`/api/v1/orgs/${a}/assessments/${created.json.id}`);

    const list = await call(assessments.GET, "GET", { org: a }, { token: tokens.viewer });
    expect(list.json.items.map((x: { id: string }) => x.id)).toEqual([created.json.id]);
    const one = await call(assessment.GET, "GET", { org: a, id: created.json.id }, { token: tokens.viewer });
    expect(one.status).toBe(200);
    expect(one.json.inputs.organisation.key).toBe(a);
    expect(one.json.results.organisation.score).toBe(created.json.score);
    expect(one.json.results.note).toBe("Q4 board");
    expect(one.json.landscape.catalogueEvents.length).toBeGreaterThan(0);

    const again = await call(assessments.POST, "POST", { org: a }, { token: tokens.owner, body: {} });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "CONFLICT", current: { id: created.json.id } });
  });

  it("refuses editors and viewers the freeze (403) and validates the body (422)", async () => {
    for (const role of ["editor", "viewer"] as const) expect((await call(assessments.POST, "POST", { org: a }, { token: tokens[role], body: {} })).status).toBe(403);
    const bad = await call(assessments.POST, "POST", { org: a }, { token: tokens.owner, body: { asOf: "2999-01-01", note: "x".repeat(501) } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["asOf", "note"]);
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("answers 422 with a message a person understands when the inventory is too large to freeze, and stores nothing", async () => {
    const limit = FREEZE_LIMITS.maxFrozenChars;
    FREEZE_LIMITS.maxFrozenChars = 2_000; // far below what even this small inventory freezes to
    let res: Awaited<ReturnType<typeof call>>;
    try {
      res = await call(assessments.POST, "POST", { org: a }, { token: tokens.owner, body: {} });
    } finally {
      FREEZE_LIMITS.maxFrozenChars = limit;
    }
    expect(res.status).toBe(422);
    expect(res.json.error).toEqual({ code: "INVALID_INPUT", message: expect.stringMatching(/^This inventory is too large to freeze as an assessment yet: its 1 dependency and 0 data flows make a record of (about|at least) \d+ KB, and an assessment can hold at most 2 KB\. Nothing was saved\./) });
    expect(await db().assessment.count({ where: { organisationId: w.a.organisation.id } })).toBe(0);
  });

  it("answers 422 with the problems by JSON path when the inventory cannot be scored", async () => {
    const system = await db().aiSystem.findFirstOrThrow({ where: { organisationId: w.a.organisation.id } });
    const model = await db().model.findFirstOrThrow({ where: { organisationId: w.a.organisation.id, name: "Open Model" } });
    await db().dependency.create({ data: { organisationId: w.a.organisation.id, aiSystemId: system.id, modelId: model.id, accessPath: "cloud_marketplace" } });
    const res = await call(assessments.POST, "POST", { org: a }, { token: tokens.owner, body: {} });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/cannot be scored yet/);
    expect(Object.keys(res.json.error.fields).some((k) => k.startsWith("$.dependencies"))).toBe(true);
  });

  it("compares two assessments with the deltas and the changed inputs", async () => {
    const before = (await call(assessments.POST, "POST", { org: a }, { token: tokens.analyst, body: {} })).json;
    await db().fallback.update({ where: { id: fallbackId }, data: { lastTestedAt: new Date(`${today()}T00:00:00Z`) } });
    const after = (await call(assessments.POST, "POST", { org: a }, { token: tokens.analyst, body: {} })).json;
    const res = await call(compare.GET, "GET", { org: a }, { token: tokens.viewer, query: `a=${before.id}&b=${after.id}` });
    expect(res.status).toBe(200);
    expect(res.json.organisation.delta).toBeGreaterThan(0);
    const [y, m, d] = today().split("-").map(Number);
    const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m! - 1];
    expect(res.json.inputs).toEqual([
      expect.objectContaining({
        section: "fallbacks",
        change: "changed",
        fields: [expect.objectContaining({ field: "lastTested", label: "Last tested", after: today(), afterText: `${d} ${month} ${y}` })],
        description: expect.stringContaining(`Last tested — → ${d} ${month} ${y}`),
      }),
    ]);
    expect(res.json.systems[0]).toMatchObject({ name: "Support chat", status: "changed" });

    const badQuery = await call(compare.GET, "GET", { org: a }, { token: tokens.viewer, query: `a=${before.id}&b=nope` });
    expect(badQuery.status).toBe(422);
    expect(Object.keys(badQuery.json.error.fields)).toEqual(["b"]);
  });

  it("answers 404 for another organisation's assessments, by id and in a comparison", async () => {
    const ofA = (await call(assessments.POST, "POST", { org: a }, { token: tokens.owner, body: {} })).json;
    const b = w.b.organisation.slug;
    const ofB = (await call(assessments.POST, "POST", { org: b }, { token: tokenB, body: {} })).json;
    expect((await call(assessment.GET, "GET", { org: b, id: ofA.id }, { token: tokenB })).status).toBe(404);
    expect((await call(assessment.GET, "GET", { org: a, id: ofA.id }, { token: tokenB })).status).toBe(404); // B's token names B
    expect((await call(assessment.GET, "GET", { org: a, id: "not-a-uuid" }, { token: tokens.viewer })).status).toBe(404);
    expect((await call(compare.GET, "GET", { org: b }, { token: tokenB, query: `a=${ofB.id}&b=${ofA.id}` })).status).toBe(404);
    const listB = await call(assessments.GET, "GET", { org: b }, { token: tokenB });
    expect(listB.json.items.map((x: { id: string }) => x.id)).toEqual([ofB.id]);
  });
});
