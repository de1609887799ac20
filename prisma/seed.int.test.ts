import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/runtime/database";
import { createDatabase, dropDatabase } from "../lib/testing/global-setup";
import { verifyPassword } from "../lib/auth/password";
import { seedDemo } from "./seed";
import { isValidLei } from "@/lib/exports/dora/lei";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed-data";
import { documentFromRows } from "../lib/inventory/document-rows";
import { readInventoryRows } from "../lib/inventory/document";
import { parseInventoryDocument } from "../scoring/parse";
import { scoreInventory } from "../scoring/score-inventory";
import { METHODOLOGY_VERSION } from "../scoring/version";
import { benchmark, sizeBandOf, type BenchmarkClient } from "../lib/practices/benchmark";
import { checkLogo } from "../lib/practices/logo";
import { missingFields } from "../lib/ai-act-registrations/annex-viii";
import { COMPRESSED_FORMAT, readFrozen } from "../lib/assessments/frozen-storage";

const TABLES = ["user", "organisation", "membership", "office", "vendor", "model", "aiSystem", "aiSystemOffice", "dependency", "fallback", "dataFlow", "policyEvent", "scenario", "remediationAction", "assessment", "reportRun", "practice", "practiceMember", "practiceClient", "practiceAuditEvent", "workshop", "verifyItem", "questionnaire", "questionnaireResponse", "questionnaireItem", "aiActRegistration"] as const;

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
      // Mainfeld and Albion, and the practice's eight smaller clients (for its benchmark, decision 040).
      expect(first).toMatchObject({ organisation: 10, user: DEMO_USERS.length });
      expect(first.aiSystem).toBeGreaterThanOrEqual(12);
      expect(first.office).toBeGreaterThanOrEqual(7);
      expect(first.fallback).toBeGreaterThan(0);
      // The consultancy reaches both organisations through its practice, not by membership.
      const practice = await prisma.practice.findUniqueOrThrow({ where: { slug: "northbridge-advisory" }, include: { members: { include: { user: true } }, clients: { include: { organisation: true } } } });
      expect(practice.members.map((m) => [m.user.email, m.role]).sort()).toEqual([["advisor@sovra.example", "consultant"], ["consultant@sovra.example", "partner"]]);
      // Every client's owner agreed to be counted in the practice's benchmark.
      expect(practice.clients.map((c) => [c.organisation.slug, c.role, c.benchmarkConsentAt !== null]).sort()).toEqual([
        ["albion-mutual", "analyst", true],
        ["harbour-mutual-insurance", "analyst", true],
        ["hartmann-antriebstechnik", "analyst", true],
        ["kestrel-software", "analyst", true],
        ["mainfeld", "editor", true],
        ["pennine-building-society", "analyst", true],
        ["rhone-composites", "analyst", true],
        ["severn-savings-bank", "analyst", true],
        ["tamworth-castings", "analyst", true],
        ["vistula-machine-tools", "analyst", true],
      ]);
      expect(await prisma.membership.count({ where: { user: { email: { in: ["consultant@sovra.example", "advisor@sovra.example"] } } } })).toBe(0);
      // Albion, a bank under DORA, has an LEI whose check digits pass, so its DORA package can be downloaded.
      const albion = await prisma.organisation.findUniqueOrThrow({ where: { slug: "albion-mutual" }, select: { lei: true } });
      expect(albion.lei && isValidLei(albion.lei)).toBe(true);
      // Its next workshop with Mainfeld is planned, five weeks ahead.
      const mainfeld = practice.clients.find((c) => c.organisation.slug === "mainfeld")!;
      expect(mainfeld.nextWorkshopTitle).toBe("Fallback drill with the platform team");
      expect(Math.round((mainfeld.nextWorkshopOn!.getTime() - Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())) / 86_400_000)).toBe(35);
      // Its name and logo go on its reports for clients; the logo passes the upload's own check.
      expect(practice.brandReports).toBe(true);
      expect(practice.logo && checkLogo(practice.logo)).toEqual({ ok: true, type: "image/png", width: 720, height: 192 });
      expect(practice.logoType).toBe("image/png");
      // A little of its history is in its own audit trail (decision 043): founded, its consultant added, branding on.
      expect((await prisma.practiceAuditEvent.findMany({ where: { practiceId: practice.id }, orderBy: { createdAt: "asc" }, select: { action: true, actor: { select: { email: true } } } })).map((e) => [e.action, e.actor?.email])).toEqual([
        ["create", "consultant@sovra.example"],
        ["add_member", "consultant@sovra.example"],
        ["branding", "consultant@sovra.example"],
      ]);
      // Each smaller client has an owner of its own (who agreed), and no history.
      const small = await prisma.organisation.findMany({ where: { slug: { notIn: ["mainfeld", "albion-mutual"] } }, select: { slug: true, memberships: { select: { role: true } }, _count: { select: { assessments: true, aiSystems: true } } } });
      expect(small.map((o) => [o.slug, o.memberships.map((m) => m.role), o._count.assessments])).toEqual(small.map((o) => [o.slug, ["owner"], 0]));
      expect(small.every((o) => o._count.aiSystems >= 2)).toBe(true);

      // The demo benchmark shows figures: each client scored as the app scores it, then benchmarked.
      const clients = await demoBenchmarkClients(prisma);
      const of = (slug: string) => {
        const c = clients.find((x) => x.slug === slug)!;
        return benchmark({ clients, subject: { ...c, scored: c }, methodologyVersion: METHODOLOGY_VERSION }).cohorts.map((x) => [x.kind, x.label, x.status, x.status === "shown" ? x.n : x.reason]);
      };
      expect(of("mainfeld")).toEqual([
        ["all", "All clients", "shown", 10],
        ["sector", "Industrial manufacturing", "shown", 5],
        ["size", "5,000 people and more", "withheld", "fewer-than-k"],
      ]);
      expect(of("albion-mutual")).toEqual([
        ["all", "All clients", "shown", 10],
        ["sector", "Banking", "withheld", "fewer-than-k"],
        ["size", "1,000–4,999 people", "shown", 5],
      ]);
      // Not ten copies of one score: the cut inventories differ.
      expect(new Set(clients.map((c) => c.score)).size).toBeGreaterThanOrEqual(8);

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
      const history = await prisma.assessment.findMany({
        where: { organisation: { slug: "mainfeld" } },
        orderBy: { createdAt: "asc" },
        select: { id: true, asOf: true, score: true, frozenFormat: true, inputs: true, inputsCompressed: true, results: true, resultsCompressed: true },
      });
      expect(history.map((h) => h.asOf.toISOString().slice(0, 10))).toEqual(["2026-02-16", "2026-05-04", "2026-09-07"]);
      // Stored compressed, as the app freezes them (decision 053), and read as the app reads them.
      expect(history.map((h) => h.frozenFormat)).toEqual([COMPRESSED_FORMAT, COMPRESSED_FORMAT, COMPRESSED_FORMAT]);
      const [before, during, after] = await Promise.all(history.map(async (h) => ({ ...h, ...((await readFrozen(h)) as unknown as { results: Frozen; inputs: { fallbacks: unknown[] } }) })));
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
      // A questionnaire link still open, with answers from two people waiting for review (decision 039).
      const questionnaire = await prisma.questionnaire.findFirstOrThrow({ include: { responses: { include: { items: true }, orderBy: { submittedAt: "asc" } } } });
      expect(questionnaire.revokedAt).toBeNull();
      expect(questionnaire.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(questionnaire.responses.map((r) => [r.respondentName, r.items.map((i) => [i.systemName, i.status]).sort()])).toEqual([
        ["Lena Hoffmann", [["ChatGPT Team", "pending"], ["Customer support assistant", "pending"]]],
        ["Arjun Mehta", [["DeepL", "pending"], ["GitHub Copilot", "pending"]]],
      ]);
      // One AI system's EU AI Act registration, half done: answers to show, and what is still missing (decision 046).
      const registrations = await prisma.aiActRegistration.findMany({ include: { aiSystem: { select: { name: true } }, organisation: { select: { slug: true } } } });
      expect(registrations.map((r) => [r.organisation.slug, r.aiSystem.name, r.annexIIIArea])).toEqual([["mainfeld", "HR policy chatbot", "4"]]);
      expect(registrations[0]).toMatchObject({ deployerName: "Mainfeld Maschinenbau AG", submitterName: "Miriam Schulz, HR Director", version: 1 });
      expect(missingFields(registrations[0]!)).toEqual(["Address of the person submitting", "Contact details of the person submitting", "Provider's EU database entry (URL)", "Data protection impact assessment: summary (or mark that none applies)"]);
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

/** Every organisation of the seeded database, scored from its rows as the app scores it today, as the benchmark reads it. */
async function demoBenchmarkClients(prisma: PrismaClient): Promise<(BenchmarkClient & { slug: string })[]> {
  const asOf = new Date().toISOString().slice(0, 10);
  const out: (BenchmarkClient & { slug: string })[] = [];
  for (const organisation of await prisma.organisation.findMany({ orderBy: { slug: "asc" } })) {
    const rows = await readInventoryRows(prisma, organisation);
    const parsed = parseInventoryDocument((await documentFromRows(rows)).document);
    if (!parsed.ok) throw new Error(`${organisation.slug} does not score: ${parsed.issues.map((i) => i.message).join("; ")}`);
    const result = scoreInventory(parsed.value, { asOf });
    const headcount = rows.offices.reduce((n, x) => n + x.headcount, 0);
    out.push({ slug: organisation.slug, clientKey: organisation.id, sector: organisation.sector, sizeBand: sizeBandOf(headcount), methodologyVersion: result.methodologyVersion, score: result.organisation.score, rating: result.organisation.rating, dimensions: result.organisation.dimensions });
  }
  return out;
}
