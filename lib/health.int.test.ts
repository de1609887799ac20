import { afterEach, describe, expect, it, vi } from "vitest";

const holder = globalThis as unknown as { sovraPrisma?: unknown };

async function loadHealthRoute(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  holder.sovraPrisma = undefined; // a fresh client for this URL
  return import("@/app/api/health/route");
}

describe("GET /api/health", () => {
  const original = { url: process.env.DATABASE_URL, client: holder.sovraPrisma };
  afterEach(() => {
    process.env.DATABASE_URL = original.url;
    holder.sovraPrisma = original.client;
  });

  it("answers 200 with the database ok and the version", async () => {
    const { GET } = await loadHealthRoute(original.url!);
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("answers 503 with the database down when PostgreSQL is unreachable", async () => {
    const { GET } = await loadHealthRoute("postgresql://postgres@127.0.0.1:1/nowhere");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "error", database: "down" });
  });
});
