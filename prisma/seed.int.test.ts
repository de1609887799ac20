import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/runtime/database";
import { createDatabase, dropDatabase } from "../lib/testing/global-setup";
import { verifyPassword } from "../lib/auth/password";
import { seedDemo } from "./seed";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-data";

const TABLES = ["user", "organisation", "membership", "office", "vendor", "model", "aiSystem", "aiSystemOffice", "dependency", "fallback", "dataFlow", "policyEvent", "scenario", "remediationAction", "assessment", "reportRun", "practice", "practiceMember", "practiceClient", "workshop", "verifyItem"] as const;

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
      // The consultancy reaches both organisations through its practice, not by membership.
      const practice = await prisma.practice.findUniqueOrThrow({ where: { slug: "northbridge-advisory" }, include: { members: { include: { user: true } }, clients: { include: { organisation: true } } } });
      expect(practice.members.map((m) => [m.user.email, m.role])).toEqual([["consultant@sovra.example", "partner"]]);
      expect(practice.clients.map((c) => [c.organisation.slug, c.role]).sort()).toEqual([["albion-mutual", "analyst"], ["mainfeld", "analyst"]]);
      expect(await prisma.membership.count({ where: { user: { email: "consultant@sovra.example" } } })).toBe(0);

      expect(await seedDemo(prisma)).toEqual({ created: false });
      expect(await counts(prisma)).toEqual(first);

      const demo = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0]!.email } });
      expect(await verifyPassword(DEMO_PASSWORD, demo.passwordHash)).toBe(true);
      const offices = await prisma.office.findMany({ where: { organisation: { slug: "mainfeld" } }, select: { country: true } });
      expect([...new Set(offices.map((o) => o.country))]).toEqual(expect.arrayContaining(["DE", "GB", "US", "JP", "SG", "IN", "BR"]));
      const paths = await prisma.dependency.findMany({ where: { organisation: { slug: "mainfeld" } }, select: { accessPath: true }, distinct: ["accessPath"] });
      expect(paths.map((p) => p.accessPath).sort()).toEqual(["cloud_marketplace", "direct_api", "self_hosted", "third_party_hosted"]);

      // The dated history tells the story of the US restriction on Anthropic's models.
      type Frozen = { organisation: { profile: string; activeRestrictions?: { key: string }[] }; landscape: { active: { key: string; partialLifts?: unknown[] }[] }; vendors: { key: string; name: string; rating: string; activeRestrictions?: { partlyLifted: boolean; recovery?: string }[] }[] };
      const history = await prisma.assessment.findMany({ where: { organisation: { slug: "mainfeld" } }, orderBy: { createdAt: "asc" }, select: { id: true, asOf: true, score: true, inputs: true, results: true } });
      expect(history.map((h) => h.asOf.toISOString().slice(0, 10))).toEqual(["2026-02-16", "2026-05-04", "2026-09-07"]);
      const [before, during, after] = history.map((h) => ({ ...h, results: h.results as unknown as Frozen, inputs: h.inputs as { fallbacks: unknown[] } }));
      const restriction = "us-anthropic-model-export-restriction";
      const anthropic = (r: Frozen) => r.vendors.find((v) => v.name === "Anthropic")!;
      expect(before!.results.landscape.active.map((e) => e.key)).not.toContain(restriction);
      expect(anthropic(before!.results).activeRestrictions).toEqual([]);
      expect(during!.results.landscape.active.find((e) => e.key === restriction)?.partialLifts).toBeUndefined();
      expect(anthropic(during!.results)).toMatchObject({ rating: "Very Low", activeRestrictions: [{ partlyLifted: false }] });
      expect(during!.results.organisation.profile).toMatch(/^Active restriction: US export restriction on Anthropic's advanced models/);
      expect(during!.score).toBeLessThan(before!.score);
      expect(after!.results.landscape.active.find((e) => e.key === restriction)?.partialLifts).toHaveLength(1);
      expect(anthropic(after!.results).activeRestrictions).toMatchObject([{ partlyLifted: true, recovery: "recovers" }]);
      expect(after!.score).toBeGreaterThan(during!.score);
      // The code assistant's Llama fallback came after the restriction: the first assessment does not have it.
      expect(before!.inputs.fallbacks.length).toBe(during!.inputs.fallbacks.length - 1);

      // The action that followed, closed with the gain measured on the dated inventories.
      const action = await prisma.remediationAction.findFirstOrThrow({ where: { title: { startsWith: "Give the code assistant a tested self-hosted fallback" } } });
      expect(action).toMatchObject({ status: "done" });
      expect(action.achievedGain).toBeCloseTo(action.scoreAtClose! - action.scoreAtCreation!, 2);
      expect(action.achievedGain!).toBeGreaterThan(0);

      // A board report of the latest assessment waits for the report worker of the first start,
      // and so does the summary of the past workshop that froze it (decision 038).
      const runs = await prisma.reportRun.findMany({ select: { kind: true, assessmentId: true, status: true, jobId: true }, orderBy: { kind: "asc" } });
      expect(runs).toEqual([
        { kind: "board", assessmentId: after!.id, status: "queued", jobId: null },
        { kind: "workshop_summary", assessmentId: after!.id, status: "queued", jobId: null },
      ]);
      const workshop = await prisma.workshop.findFirstOrThrow({ include: { verifyItems: true } });
      expect(workshop).toMatchObject({ title: "After the lifting: AI sovereignty review", status: "ended", assessmentId: after!.id });
      expect(workshop.verifyItems.map((v) => [v.subjectLabel, v.confirmedAt])).toEqual([["Contract review", null]]);
      // The action the room agreed entered the plan while the workshop ran.
      const agreed = await prisma.remediationAction.findFirstOrThrow({ where: { title: "Enable OpenAI's EU data residency for API projects" } });
      expect(agreed.createdAt.getTime()).toBeGreaterThan(workshop.startedAt.getTime());
      expect(agreed.createdAt.getTime()).toBeLessThan(workshop.endedAt!.getTime());
    } finally {
      await prisma.$disconnect();
      await dropDatabase(name);
    }
  });
});
