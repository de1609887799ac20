import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/runtime/database";
import { createDatabase, dropDatabase } from "../lib/testing/global-setup";
import { verifyPassword } from "../lib/auth/password";
import { seedDemo } from "./seed";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-data";

const TABLES = ["user", "organisation", "membership", "office", "vendor", "model", "aiSystem", "aiSystemOffice", "dependency", "fallback", "dataFlow", "policyEvent", "scenario", "remediationAction"] as const;

async function counts(prisma: PrismaClient) {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await (prisma[t] as unknown as { count(): Promise<number> }).count();
  return out;
}

describe("demo seed", () => {
  it("seeds a realistic demo once, and a second run changes nothing", { timeout: 60_000 }, async () => {
    const { name, url } = await createDatabase("sovra_seed");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await applyMigrations(url);
      expect(await seedDemo(prisma)).toEqual({ created: true });
      const first = await counts(prisma);
      expect(first).toMatchObject({ organisation: 2, user: DEMO_USERS.length });
      expect(first.aiSystem).toBeGreaterThanOrEqual(12);
      expect(first.office).toBeGreaterThanOrEqual(7);
      expect(first.fallback).toBeGreaterThan(0);

      expect(await seedDemo(prisma)).toEqual({ created: false });
      expect(await counts(prisma)).toEqual(first);

      const demo = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
      expect(await verifyPassword(DEMO_PASSWORD, demo.passwordHash)).toBe(true);
      const offices = await prisma.office.findMany({ where: { organisation: { slug: "mainfeld" } }, select: { country: true } });
      expect([...new Set(offices.map((o) => o.country))]).toEqual(expect.arrayContaining(["DE", "GB", "US", "JP", "SG", "IN", "BR"]));
      const paths = await prisma.dependency.findMany({ where: { organisation: { slug: "mainfeld" } }, select: { accessPath: true }, distinct: ["accessPath"] });
      expect(paths.map((p) => p.accessPath).sort()).toEqual(["cloud_marketplace", "direct_api", "self_hosted", "third_party_hosted"]);
    } finally {
      await prisma.$disconnect();
      await dropDatabase(name);
    }
  });
});
