// While PostgreSQL cannot be reached, the API answers 503 with Retry-After (as /api/health does),
// a form says so, and the error shapes this rests on are the real ones: produced here by pointing
// a client at a closed port and by terminating a backend mid-query (docs/decisions/030).
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { API_TOKEN_PREFIX } from "@/lib/api-tokens/secret";
import { db, twoOrganisations } from "@/lib/testing/db";
import { callRoute } from "@/lib/testing/api-call";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId }, sessionId: "test" } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

/** Nothing listens on port 1: connections are refused at once. */
const CLOSED = "postgresql://postgres@127.0.0.1:1/sovra_nowhere";
const holder = globalThis as unknown as { sovraPrisma?: unknown };
const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe("isDatabaseUnavailable, on the errors a stopped database really gives", () => {
  const down = new PrismaClient({ adapter: new PrismaPg({ connectionString: CLOSED }) });

  it("knows a refused connection: a model query (P1001), a raw query (P2010), a transaction, and pg's own pool (ECONNREFUSED)", async () => {
    const model = await caught(down.user.findFirst());
    expect(model).toMatchObject({ code: "P1001" });
    expect(isDatabaseUnavailable(model)).toBe(true);
    const raw = await caught(down.$queryRaw`SELECT 1`);
    expect(raw).toMatchObject({ code: "P2010" });
    expect(isDatabaseUnavailable(raw)).toBe(true);
    expect(isDatabaseUnavailable(await caught(down.$transaction((tx) => tx.user.count())))).toBe(true);
    // The app's own download routes (Reports page) answer it as 503 too.
    const { exportRouteError } = await import("@/lib/exports/route-error");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const download = exportRouteError(model);
    spy.mockRestore();
    expect(download.status).toBe(503);
    expect(download.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    const pool = new pg.Pool({ connectionString: CLOSED, max: 1 });
    const fromPool = await caught(pool.query("SELECT 1"));
    expect(fromPool).toMatchObject({ code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(fromPool)).toBe(true);
    await pool.end();
  });

  it("knows a connection terminated under a running query (57P01, as when PostgreSQL shuts down)", async () => {
    const url = process.env.DATABASE_URL!;
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on("error", () => undefined); // the terminated client is reported here too
    const client = new PrismaClient({ adapter: new PrismaPg(pool) });
    await client.$queryRaw`SELECT 1`;
    const marker = `sovra_terminate_${Date.now()}`;
    const running = caught(client.$queryRawUnsafe(`SELECT pg_sleep(5) AS ${marker}`));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let i = 0; i < 50; i++) {
        const { rowCount } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`]);
        if (rowCount) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await admin.end();
    }
    const e = await running;
    expect(String((e as Error).message)).toMatch(/57P01|terminating connection/);
    expect(isDatabaseUnavailable(e)).toBe(true);
    await client.$disconnect().catch(() => undefined);
  });

  it("does not mistake a query the database refused for an outage", async () => {
    const w = await twoOrganisations();
    const duplicate = await caught(db().organisation.create({ data: { name: "Twin", slug: w.a.organisation.slug, hqCountry: "DE", sector: "x" } }));
    expect(duplicate).toMatchObject({ code: "P2002" });
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    const badUuid = await caught(db().office.findFirst({ where: { id: "not-a-uuid" } }));
    expect(badUuid).toBeTruthy();
    expect(isDatabaseUnavailable(badUuid)).toBe(false);
    expect(isDatabaseUnavailable(new Error("Something else"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("with the app's database down", () => {
  const original = { url: process.env.DATABASE_URL, client: holder.sovraPrisma };
  let slug: string;
  let ownerId: string;
  beforeAll(async () => {
    const w = await twoOrganisations();
    slug = w.a.organisation.slug;
    ownerId = w.a.users.owner.id;
  });
  afterEach(() => {
    process.env.DATABASE_URL = original.url;
    holder.sovraPrisma = original.client;
    session.userId = null;
    vi.restoreAllMocks();
  });

  /** Fresh modules whose db() points at a closed port (lib/db.ts keeps one client per process, and one pool per URL). */
  async function withDatabaseDown<T>(load: () => Promise<T>): Promise<T> {
    vi.resetModules();
    process.env.DATABASE_URL = CLOSED;
    holder.sovraPrisma = undefined;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    return load();
  }

  it("the API answers 503 UNAVAILABLE with Retry-After, for a token and for a session", async () => {
    const offices = await withDatabaseDown(() => import("@/app/api/v1/orgs/[org]/offices/route"));
    const token = `${API_TOKEN_PREFIX}${"a".repeat(43)}`;
    for (const res of [await callRoute(offices.GET, "GET", { org: slug }, { token }), await callRoute(offices.POST, "POST", { org: slug }, { token, body: { name: "Lyon", country: "FR", city: "Lyon", headcount: 1 } })]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.json).toEqual({ error: { code: "UNAVAILABLE", message: "The database is unavailable right now. Try again in a few seconds. Nothing was changed." } });
    }
    session.userId = ownerId;
    const bySession = await callRoute(offices.GET, "GET", { org: slug });
    expect(bySession.status).toBe(503);
  });

  it("a download answers 503 with Retry-After too", async () => {
    const exports = await withDatabaseDown(() => import("@/app/api/v1/orgs/[org]/exports/ai-act.csv/route"));
    const res = await callRoute(exports.GET, "GET", { org: slug }, { token: `${API_TOKEN_PREFIX}${"b".repeat(43)}` });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });

  it("a form says the database is unavailable and nothing was saved, not 'something went wrong'", async () => {
    const { createOfficeAction } = await withDatabaseDown(() => import("@/lib/offices/actions"));
    session.userId = ownerId;
    const fd = new FormData();
    for (const [k, v] of Object.entries({ org: slug, name: "Lyon", country: "FR", city: "Lyon", headcount: "4" })) fd.append(k, v);
    expect(await createOfficeAction({ status: "idle" }, fd)).toMatchObject({ status: "error", code: "UNAVAILABLE", message: "The database is unavailable right now. Try again in a few seconds. Nothing was saved." });
  });

  it("/api/health answers 503 with the same Retry-After", async () => {
    const health = await withDatabaseDown(() => import("@/app/api/health/route"));
    const res = await health.GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });
});
