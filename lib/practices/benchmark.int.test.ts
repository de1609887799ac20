// The practice's anonymised benchmark against a real PostgreSQL (decision 040): the client's
// owner gives and withdraws consent (and nobody else can), and the benchmark counts exactly the
// practice's consenting, non-archived, scored clients, at once, naming none of them.
import { describe, expect, it } from "vitest";
import { contextFor, db } from "@/lib/testing/db";
import { buildEngagement, buildMembership, buildPracticeWithMembers, buildUser } from "@/prisma/factories";
import type { PracticeContext } from "@/lib/auth/practice-context";
import type { Role } from "@/lib/auth/permissions";
import * as practices from "@/lib/practices/mutations";
import { practiceBenchmark } from "@/lib/practices/queries";
import { scoreOrganisation } from "@/lib/scores/queries";
import { scoredClient } from "@/lib/testing/practice-fixtures";

type Practice = Awaited<ReturnType<typeof buildPracticeWithMembers>>;

const tag = () => Math.random().toString(36).slice(2, 8);
const consultantOf = (p: Practice): PracticeContext => ({ practiceId: p.practice.id, practiceSlug: p.practice.slug, practiceName: p.practice.name, userId: p.users.consultant.id, role: "consultant" });

type Client = Awaited<ReturnType<typeof scoredClient>>;

async function liveScore(c: Client): Promise<number> {
  const live = await scoreOrganisation(c.ownerCtx);
  if (!live.ok) throw new Error("the fixture should score");
  return live.result.organisation.score;
}

/** The median the textbook way, to check the benchmark's against the clients' own live scores. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const engagementRow = (id: string) => db().practiceClient.findUniqueOrThrow({ where: { id } });

// ---- consent: the client's owner, and nobody else --------------------------------------------------

describe("the client's owner decides whether it is counted in a practice's benchmark", () => {
  it("the owner turns it on and off: dated, versioned and audited; agreeing again keeps the first date", async () => {
    const p = await buildPracticeWithMembers(db());
    const c = await scoredClient(p, { consent: false });
    const on = await practices.setBenchmarkConsent(c.ownerCtx, c.engagement.id, c.engagement.version, true);
    expect(on).toMatchObject({ practiceName: p.practice.name, version: c.engagement.version + 1 });
    const agreed = (await engagementRow(c.engagement.id)).benchmarkConsentAt;
    expect(agreed).toBeInstanceOf(Date);
    await practices.setBenchmarkConsent(c.ownerCtx, c.engagement.id, on.version, true);
    expect((await engagementRow(c.engagement.id)).benchmarkConsentAt).toEqual(agreed);

    await practices.setBenchmarkConsent(c.ownerCtx, c.engagement.id, on.version + 1, false);
    expect(await engagementRow(c.engagement.id)).toMatchObject({ benchmarkConsentAt: null, version: c.engagement.version + 3 });
    const audit = await db().auditEvent.findMany({ where: { organisationId: c.organisation.id, entityType: "practice_engagement", entityId: c.engagement.id }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId, (e.after as { change: string }).change])).toEqual([
      ["update", c.ownerCtx.userId, "counted in the benchmark"],
      ["update", c.ownerCtx.userId, "counted in the benchmark"],
      ["update", c.ownerCtx.userId, "no longer counted in the benchmark"],
    ]);
  });

  for (const role of ["editor", "analyst", "viewer"] as const satisfies readonly Role[]) {
    it(`is refused for an ${role} of the client, and writes nothing`, async () => {
      const p = await buildPracticeWithMembers(db());
      const c = await scoredClient(p, { consent: false });
      const member = await buildUser(db());
      await buildMembership(db(), c.organisation.id, member.id, role);
      const before = await engagementRow(c.engagement.id);
      const audits = await db().auditEvent.count({ where: { organisationId: c.organisation.id } });
      await expect(practices.setBenchmarkConsent(contextFor(c.organisation, member.id, role), c.engagement.id, c.engagement.version, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await engagementRow(c.engagement.id)).toEqual(before);
      expect(await db().auditEvent.count({ where: { organisationId: c.organisation.id } })).toBe(audits);
    });
  }

  it("is refused for someone of the practice working in the client as its owner: the consent is the client's", async () => {
    const p = await buildPracticeWithMembers(db());
    const c = await scoredClient(p, { consent: false });
    const viaPractice = { ...contextFor(c.organisation, p.users.partner.id, "owner"), via: p.practice.name };
    await expect(practices.setBenchmarkConsent(viaPractice, c.engagement.id, c.engagement.version, true)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining(p.practice.name) });
    expect((await engagementRow(c.engagement.id)).benchmarkConsentAt).toBeNull();
  });

  it("refuses a stale version (CONFLICT) and another organisation's engagement (NOT_FOUND), changing nothing", async () => {
    const p = await buildPracticeWithMembers(db());
    const c = await scoredClient(p, { consent: false });
    const other = await scoredClient(p, { consent: false });
    await db().practiceClient.update({ where: { id: c.engagement.id }, data: { role: "viewer", version: { increment: 1 } } });
    await expect(practices.setBenchmarkConsent(c.ownerCtx, c.engagement.id, c.engagement.version, true)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/while you were editing/) });
    expect((await engagementRow(c.engagement.id)).benchmarkConsentAt).toBeNull();
    // The other client's owner cannot reach this client's engagement, whatever the version.
    await expect(practices.setBenchmarkConsent(other.ownerCtx, c.engagement.id, c.engagement.version + 1, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await engagementRow(c.engagement.id)).benchmarkConsentAt).toBeNull();
  });
});

// ---- the benchmark ------------------------------------------------------------------------------------------

describe("the practice's benchmark counts its consenting, non-archived, scored clients, and names none", () => {
  it("withholds every figure with four counted clients and shows them at five, the median being the five clients' own", async () => {
    const p = await buildPracticeWithMembers(db());
    const counted = [];
    for (let i = 0; i < 4; i++) counted.push(await scoredClient(p, { fallback: i % 2 === 0 }));
    const subject = counted[0]!;
    // Neither a client that did not agree nor one without AI systems is counted.
    await scoredClient(p, { consent: false });
    await scoredClient(p, { empty: true });

    const four = await practiceBenchmark(consultantOf(p), subject.engagement.id);
    expect(four.benchmark.cohorts.map((c) => c.status)).toEqual(["withheld", "withheld", "withheld"]);
    expect(four.benchmark.cohorts[0]).toEqual({ kind: "all", label: "All clients", status: "withheld", reason: "fewer-than-k" });

    counted.push(await scoredClient(p, { fallback: false }));
    const five = await practiceBenchmark(consultantOf(p), subject.engagement.id);
    const [all] = five.benchmark.cohorts;
    expect(all).toMatchObject({ status: "shown", n: 5 });
    if (all.status !== "shown") throw new Error("shown");
    const scores = await Promise.all(counted.map(liveScore));
    expect(new Set(scores).size).toBeGreaterThan(1); // with and without a fallback: a median worth checking
    expect(all.score.median).toBeCloseTo(median(scores), 2);
    expect(Object.values(all.ratings).reduce((a, b) => a + b, 0)).toBe(5);
    expect(all.standing).not.toBeNull();
    expect(five.client).toMatchObject({ engagementId: subject.engagement.id, name: subject.organisation.name, score: await liveScore(subject), headcount: 300, sizeBand: "250-999" });
  });

  it("a client that withdraws, or that the practice archives, is out of the very next benchmark", async () => {
    const p = await buildPracticeWithMembers(db());
    const clients = [];
    for (let i = 0; i < 5; i++) clients.push(await scoredClient(p));
    const [subject, leaving, archived] = clients as [Client, Client, Client];
    const statusNow = async () => (await practiceBenchmark(consultantOf(p), subject.engagement.id)).benchmark.cohorts[0];
    expect(await statusNow()).toMatchObject({ status: "shown", n: 5 });

    await practices.setBenchmarkConsent(leaving.ownerCtx, leaving.engagement.id, leaving.engagement.version, false);
    expect(await statusNow()).toMatchObject({ status: "withheld", reason: "fewer-than-k" });
    await practices.setBenchmarkConsent(leaving.ownerCtx, leaving.engagement.id, leaving.engagement.version + 1, true);
    expect(await statusNow()).toMatchObject({ status: "shown", n: 5 });

    const partner: PracticeContext = { ...consultantOf(p), userId: p.users.partner.id, role: "partner" };
    await practices.archiveClient(partner, archived.engagement.id, archived.engagement.version);
    expect(await statusNow()).toMatchObject({ status: "withheld", reason: "fewer-than-k" });
    // Nobody reaches an archived client, its benchmark included.
    await expect(practiceBenchmark(consultantOf(p), archived.engagement.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("counts no client of another practice, and answers NOT_FOUND for another practice's client", async () => {
    const p = await buildPracticeWithMembers(db());
    const other = await buildPracticeWithMembers(db());
    const mine = [];
    for (let i = 0; i < 4; i++) mine.push(await scoredClient(p));
    const theirs = [];
    for (let i = 0; i < 5; i++) theirs.push(await scoredClient(other));
    // One organisation that is a client of both, counted by the other practice only.
    const shared = theirs[0]!;
    await buildEngagement(db(), p.practice.id, shared.organisation.id, "viewer");

    expect((await practiceBenchmark(consultantOf(p), mine[0]!.engagement.id)).benchmark.cohorts[0]).toMatchObject({ status: "withheld" });
    expect((await practiceBenchmark(consultantOf(other), theirs[1]!.engagement.id)).benchmark.cohorts[0]).toMatchObject({ status: "shown", n: 5 });
    await expect(practiceBenchmark(consultantOf(p), theirs[1]!.engagement.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(practiceBenchmark(consultantOf(p), "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a client that has not agreed sees where it stands against those that did, uncounted itself; no other client's name, id or sector comes back", async () => {
    const p = await buildPracticeWithMembers(db());
    const counted = [];
    for (let i = 0; i < 5; i++) counted.push(await scoredClient(p, { sector: i < 3 ? "Banking" : `Secret sector ${tag()}`, headcounts: [100 * (i + 1), 50] }));
    const subject = await scoredClient(p, { consent: false, sector: "Banking", headcounts: [200, 100] });

    const result = await practiceBenchmark(consultantOf(p), subject.engagement.id);
    expect(result.client).toMatchObject({ consentedAt: null, sector: "Banking", headcount: 300, sizeBand: "250-999" });
    const [all, sector, size] = result.benchmark.cohorts;
    expect(all).toMatchObject({ status: "shown", n: 5, standing: expect.objectContaining({ percentile: expect.any(Number) }) });
    // Three banks counted (the subject is not): fewer than five.
    expect(sector).toEqual({ kind: "sector", label: "Banking", status: "withheld", reason: "fewer-than-k" });
    // Headcounts 150, 250, 350, 450, 550: four of them in 250-999, one outside.
    expect(size).toEqual({ kind: "size", label: "250–999 people", status: "withheld", reason: "fewer-than-k" });

    const text = JSON.stringify(result);
    for (const c of counted) {
      for (const secret of [c.organisation.name, c.organisation.slug, c.organisation.id, c.engagement.id]) expect(text).not.toContain(secret);
    }
    const sectors = await db().organisation.findMany({ where: { id: { in: counted.map((c) => c.organisation.id) } }, select: { sector: true } });
    for (const { sector: s } of sectors) if (s !== "Banking") expect(text).not.toContain(s);
  });
});
