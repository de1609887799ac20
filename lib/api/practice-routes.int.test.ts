// The practice's endpoints of the public API (decision 043), called as Next calls them, against
// the real database: read-only practice API tokens (made by partners, refused once their creator
// leaves), members' sessions, and isolation between practices and from clients' own people.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PracticeContext } from "@/lib/auth/practice-context";
import { K_ANONYMITY } from "@/lib/practices/benchmark";
import { createPracticeApiToken, revokePracticeApiToken } from "@/lib/practices/api-token-mutations";
import { archiveClient, planNextWorkshop } from "@/lib/practices/mutations";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { buildEngagement, buildMembership, buildOrganisation, buildPracticeWithMembers, buildUser } from "@/prisma/factories";
import { contextFor, db } from "@/lib/testing/db";
import { scoredClient } from "@/lib/testing/practice-fixtures";
import { scoreOrganisation } from "@/lib/scores/queries";
import { callRoute as call, type RouteHandler } from "@/lib/testing/api-call";
import { getClientBenchmarkOperation, getPortfolioOperation, getPracticeOperation, listPracticeClientsOperation, PRACTICE_OPERATIONS } from "@/lib/api/practice-operations";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const practiceRoute = await import("@/app/api/v1/practices/[practice]/route");
const clientsRoute = await import("@/app/api/v1/practices/[practice]/clients/route");
const portfolioRoute = await import("@/app/api/v1/practices/[practice]/portfolio/route");
const benchmarkRoute = await import("@/app/api/v1/practices/[practice]/clients/[id]/benchmark/route");
const officesRoute = await import("@/app/api/v1/orgs/[org]/offices/route");

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

const ctxOf = (p: Practice, role: "partner" | "consultant"): PracticeContext => ({ practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users[role].id, role });
const tokenOf = async (p: Practice, name = "Dashboard", days = 90) => (await createPracticeApiToken(ctxOf(p, "partner"), { name, expiresInDays: days })).token;

/** Two practices: A with clients (one scored, one empty, one archived), B with one client of its own. */
async function world() {
  const a = await buildPracticeWithMembers(db());
  const b = await buildPracticeWithMembers(db());
  const scored = await scoredClient(a, { sector: "Banking" });
  const empty = await buildOrganisation(db(), { name: "Aardvark empty client" });
  const emptyEngagement = await buildEngagement(db(), a.practice.id, empty.id, "viewer");
  const archived = await buildOrganisation(db(), { name: "Archived client" });
  const archivedEngagement = await buildEngagement(db(), a.practice.id, archived.id, "editor");
  await archiveClient(ctxOf(a, "partner"), archivedEngagement.id, archivedEngagement.version);
  const theirs = await scoredClient(b, { sector: "Insurance" });
  return { a, b, scored, empty, emptyEngagement, archived, archivedEngagement, theirs };
}

describe("the practice API", () => {
  let w: Awaited<ReturnType<typeof world>>;
  let token: string;
  beforeEach(async () => {
    session.userId = null;
    w = await world();
    token = await tokenOf(w.a);
  });

  it("answers the practice: name, caller's role, members by role, clients counted", async () => {
    const res = await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toEqual({
      slug: w.a.practice.slug,
      name: w.a.practice.name,
      role: "partner",
      brandReports: false,
      members: [
        { name: w.a.users.partner.name, role: "partner", since: expect.any(String) },
        { name: w.a.users.consultant.name, role: "consultant", since: expect.any(String) },
      ],
      clients: { active: 2, archived: 1 },
    });
    // No email address leaves through the API.
    expect(JSON.stringify(res.json)).not.toContain("@");
  });

  it("lists the clients by name, the archived ones on request, with the next workshop and benchmark consent", async () => {
    await planNextWorkshop(ctxOf(w.a, "consultant"), w.emptyEngagement.id, w.emptyEngagement.version, { on: new Date("2099-03-01T00:00:00Z"), title: "Fallback drill" });
    const res = await call(clientsRoute.GET, "GET", { practice: w.a.practice.slug }, { token });
    expect(res.status).toBe(200);
    expect(res.json.items.map((c: { organisation: { name: string } }) => c.organisation.name)).toEqual([w.empty.name, w.scored.organisation.name]);
    expect(res.json.items[0]).toEqual({
      id: w.emptyEngagement.id,
      organisation: { slug: w.empty.slug, name: w.empty.name },
      sector: "Manufacturing",
      hqCountry: "DE",
      role: "viewer",
      since: expect.any(String),
      archivedAt: null,
      nextWorkshop: { on: "2099-03-01", title: "Fallback drill" },
      benchmarkConsent: false,
      version: w.emptyEngagement.version + 1,
    });
    expect(res.json.items[1]).toMatchObject({ benchmarkConsent: true, nextWorkshop: null, role: "analyst" });
    const archived = await call(clientsRoute.GET, "GET", { practice: w.a.practice.slug }, { token, query: "archived=true" });
    expect(archived.json.items.map((c: { id: string; archivedAt: string | null }) => [c.id, typeof c.archivedAt])).toEqual([[w.archivedEngagement.id, "string"]]);
    const bad = await call(clientsRoute.GET, "GET", { practice: w.a.practice.slug }, { token, query: "archived=maybe" });
    expect(bad).toMatchObject({ status: 422, json: { error: { code: "INVALID_INPUT", fields: { archived: [expect.any(String)] } } } });
  });

  it("answers the portfolio: the scored client's live score and rating, the empty one without, never the archived one or another practice's", async () => {
    const res = await call(portfolioRoute.GET, "GET", { practice: w.a.practice.slug }, { token });
    expect(res.status).toBe(200);
    expect(res.json.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [empty, scored] = res.json.items;
    expect(res.json.items).toHaveLength(2);
    expect(empty).toMatchObject({ id: w.emptyEngagement.id, aiSystems: 0, score: null, rating: null, unscored: "No AI systems yet", trend: null, lastAssessment: null });
    expect(scored).toMatchObject({ id: w.scored.engagement.id, organisation: { name: w.scored.organisation.name }, aiSystems: 1, unscored: null, overdueActions: 0, openActions: 0 });
    // The client's own live score, as its owner sees it today.
    const own = await scoreOrganisation(w.scored.ownerCtx);
    if (!own.ok) throw new Error("the fixture should score");
    expect([scored.score, scored.rating]).toEqual([own.result.organisation.score, own.result.organisation.rating]);
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(w.archived.name);
    expect(text).not.toContain(w.theirs.organisation.name);
  });

  it("answers a consenting client's benchmark with every cohort withheld below k, and shown from k clients, never naming another client", async () => {
    const few = await call(benchmarkRoute.GET, "GET", { practice: w.a.practice.slug, id: w.scored.engagement.id }, { token });
    expect(few.status).toBe(200);
    expect(few.json).toMatchObject({ k: K_ANONYMITY, client: { id: w.scored.engagement.id, name: w.scored.organisation.name, consentedAt: expect.any(String) } });
    expect(few.json.cohorts.map((c: { status: string }) => c.status)).toEqual(["withheld", "withheld", "withheld"]);

    const others = [];
    for (let i = 1; i < K_ANONYMITY; i++) others.push(await scoredClient(w.a, { sector: "Banking" }));
    const enough = await call(benchmarkRoute.GET, "GET", { practice: w.a.practice.slug, id: w.scored.engagement.id }, { token });
    expect(enough.json.cohorts[0]).toMatchObject({ kind: "all", status: "shown", n: K_ANONYMITY, standing: expect.any(Object) });
    const text = JSON.stringify(enough.json);
    for (const o of others) {
      expect(text).not.toContain(o.organisation.name);
      expect(text).not.toContain(o.engagement.id);
    }
  });

  it("answers 404 for a benchmark of an archived client, of another practice's client, and of a malformed id", async () => {
    for (const id of [w.archivedEngagement.id, w.theirs.engagement.id, "not-a-uuid"]) {
      const res = await call(benchmarkRoute.GET, "GET", { practice: w.a.practice.slug, id }, { token });
      expect(res, id).toMatchObject({ status: 404, json: { error: { code: "NOT_FOUND", message: expect.stringContaining("Client") } } });
    }
  });

  describe("credentials", () => {
    it("refuses no credentials, a malformed header and an unknown token with 401, and the token in the address", async () => {
      const none = await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug });
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      expect((await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { headers: { authorization: "Basic dXNlcjpwdw==" } })).status).toBe(401);
      expect((await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token: "sovra_pr_" + "x".repeat(43) })).json.error.message).toContain("unknown");
      expect((await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { query: `token=${token}` })).status).toBe(401);
    });

    it("refuses an organisation's token here and a practice's token on an organisation's endpoints, each saying which it needs", async () => {
      const org = await buildOrganisation(db());
      const owner = await buildUser(db());
      await buildMembership(db(), org.id, owner.id, "owner");
      const orgToken = (await createApiToken(contextFor(org, owner.id, "owner"), { name: "o", role: "owner" })).token;
      const here = await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token: orgToken });
      expect(here).toMatchObject({ status: 401, json: { error: { message: expect.stringContaining("sovra_pr_") } } });
      // A practice token opens no client's data: not even a client of its own practice.
      for (const slug of [org.slug, w.scored.organisation.slug]) {
        const there = await call(officesRoute.GET, "GET", { org: slug }, { token });
        expect(there, slug).toMatchObject({ status: 401, json: { error: { message: expect.stringContaining("/api/v1/practices/") } } });
      }
    });

    it("answers 404 to practice A's token on practice B's URL, and to an unknown practice", async () => {
      for (const [handler, params] of [
        [practiceRoute.GET, {}],
        [clientsRoute.GET, {}],
        [portfolioRoute.GET, {}],
        [benchmarkRoute.GET, { id: w.theirs.engagement.id }],
      ] as [RouteHandler, Record<string, string>][]) {
        expect((await call(handler, "GET", { practice: w.b.practice.slug, ...params }, { token })).status).toBe(404);
        expect((await call(handler, "GET", { practice: "no-such-practice", ...params }, { token })).status).toBe(404);
      }
    });

    it("stops a token when it is revoked, when it expires, and when its creator leaves the practice; notes its last use", async () => {
      await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token });
      const row = await db().practiceApiToken.findFirstOrThrow({ where: { practiceId: w.a.practice.id, name: "Dashboard" } });
      expect(row.lastUsedAt).not.toBeNull();

      await revokePracticeApiToken(ctxOf(w.a, "partner"), row.id);
      expect((await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token })).json.error.message).toContain("revoked");

      const expiring = await tokenOf(w.a, "Expiring", 7);
      await db().practiceApiToken.updateMany({ where: { practiceId: w.a.practice.id, name: "Expiring" }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token: expiring })).json.error.message).toContain("expired on");

      const leaving = await tokenOf(w.a, "Leaving");
      expect((await call(portfolioRoute.GET, "GET", { practice: w.a.practice.slug }, { token: leaving })).status).toBe(200);
      await db().practiceMember.delete({ where: { id: w.a.members.partner.id } });
      const left = await call(portfolioRoute.GET, "GET", { practice: w.a.practice.slug }, { token: leaving });
      expect(left).toMatchObject({ status: 401, json: { error: { code: "UNAUTHENTICATED", message: expect.stringContaining("has left the practice") } } });
    });

    it("reads with the creator's practice role now: a partner become consultant still reads, as a consultant", async () => {
      await db().practiceMember.update({ where: { id: w.a.members.partner.id }, data: { role: "consultant" } });
      const res = await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug }, { token });
      expect(res).toMatchObject({ status: 200, json: { role: "consultant" } });
    });

    it("uses a member's session when there is no Authorization header; the client's own people and other practices' members get 404", async () => {
      session.userId = w.a.users.consultant.id;
      expect(await call(practiceRoute.GET, "GET", { practice: w.a.practice.slug })).toMatchObject({ status: 200, json: { role: "consultant" } });
      expect((await call(portfolioRoute.GET, "GET", { practice: w.a.practice.slug })).status).toBe(200);
      // The scored client's own owner works in the client, not in the practice.
      session.userId = w.scored.ownerCtx.userId;
      for (const handler of [practiceRoute.GET, clientsRoute.GET, portfolioRoute.GET]) expect((await call(handler, "GET", { practice: w.a.practice.slug })).status).toBe(404);
      expect((await call(benchmarkRoute.GET, "GET", { practice: w.a.practice.slug, id: w.scored.engagement.id })).status).toBe(404);
      session.userId = w.b.users.partner.id;
      expect((await call(portfolioRoute.GET, "GET", { practice: w.a.practice.slug })).status).toBe(404);
      expect((await call(portfolioRoute.GET, "GET", { practice: w.b.practice.slug })).json.items.map((i: { id: string }) => i.id)).toEqual([w.theirs.engagement.id]);
      // An Authorization header is never ignored in favour of the cookie.
      expect((await call(portfolioRoute.GET, "GET", { practice: w.b.practice.slug }, { token: "sovra_pr_" + "y".repeat(43) })).status).toBe(401);
    });

    it("ends a member's reach at once when they leave the practice", async () => {
      session.userId = w.a.users.consultant.id;
      expect((await call(clientsRoute.GET, "GET", { practice: w.a.practice.slug })).status).toBe(200);
      await db().practiceMember.delete({ where: { id: w.a.members.consultant.id } });
      expect((await call(clientsRoute.GET, "GET", { practice: w.a.practice.slug })).status).toBe(404);
    });
  });

  // Route-by-route probes, one per practice operation: a partner's token and each member's session
  // read (practice:read is every member's), no credentials 401, another practice 404, an unknown
  // query parameter 422.
  const routes: [string, RouteHandler, (typeof PRACTICE_OPERATIONS)[number], (x: typeof w) => Record<string, string>][] = [
    ["getPractice", practiceRoute.GET, getPracticeOperation, () => ({})],
    ["listPracticeClients", clientsRoute.GET, listPracticeClientsOperation, () => ({})],
    ["getPortfolio", portfolioRoute.GET, getPortfolioOperation, () => ({})],
    ["getClientBenchmark", benchmarkRoute.GET, getClientBenchmarkOperation, (x) => ({ id: x.scored.engagement.id })],
  ];

  it("probes every practice operation", () => {
    expect(routes.map((r) => r[2].operationId).sort()).toEqual(PRACTICE_OPERATIONS.map((o) => o.operationId).sort());
  });

  it.each(routes)("%s: a token and every member's session read, 401 without credentials, 404 on another practice, 422 for an unknown query parameter", async (_name, handler, operation, params) => {
    expect(operation.permission).toBe("practice:read");
    const here = { practice: w.a.practice.slug, ...params(w) };
    expect((await call(handler, "GET", here, { token })).status).toBe(200);
    for (const role of ["partner", "consultant"] as const) {
      session.userId = w.a.users[role].id;
      expect((await call(handler, "GET", here)).status, role).toBe(200);
    }
    session.userId = null;
    expect((await call(handler, "GET", here)).status).toBe(401);
    expect((await call(handler, "GET", { ...here, practice: w.b.practice.slug }, { token })).status).toBe(404);
    const typo = await call(handler, "GET", here, { token, query: "clientName=x" });
    expect(typo).toMatchObject({ status: 422, json: { error: { code: "INVALID_INPUT" } } });
    expect(JSON.stringify(typo.json.error.fields)).toContain("clientName");
  });
});
