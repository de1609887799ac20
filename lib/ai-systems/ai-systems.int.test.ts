import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiSystemListSpec, listAiSystemsPage } from "./queries";
import { parseListParams } from "@/lib/list-params";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem, buildDependency, buildFallback, buildLargeInventory, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";
import { scoreOrganisation } from "@/lib/scores/queries";

const state = (params: Record<string, string> = {}) => parseListParams(aiSystemListSpec, params).state;
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listAiSystemsPage", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    const org = w.a.organisation.id;
    const [berlin, paris] = [await buildOffice(db(), org, { name: "Berlin" }), await buildOffice(db(), org, { name: "Paris" })];
    const vendor = await buildVendor(db(), org);
    const gpt = await buildModel(db(), org, vendor.id);
    const llama = await buildModel(db(), org, vendor.id, { weights: "open" });
    const support = await buildAiSystem(db(), org, { name: "Support chat", owner: "Dana Okafor", criticality: "high", toleratedDowntimeMinutes: 60, officeIds: [berlin.id, paris.id] });
    const code = await buildAiSystem(db(), org, { name: "Code assistant", owner: "Markus Lehmann", criticality: "medium", toleratedDowntimeMinutes: 480, officeIds: [berlin.id] });
    await buildAiSystem(db(), org, { name: "Fraud screening", owner: "Priya Raman", criticality: "critical", toleratedDowntimeMinutes: 15, description: "Scores payments" });
    await buildAiSystem(db(), org, { name: "Board pack drafts", owner: "Dana Okafor", criticality: "low", toleratedDowntimeMinutes: 2880 });
    const d1 = await buildDependency(db(), org, support.id, gpt.id);
    await buildDependency(db(), org, support.id, llama.id, { accessPath: "self_hosted" });
    await buildFallback(db(), org, d1.id, llama.id);
    await buildFallback(db(), org, d1.id, llama.id, { accessPath: "direct_api" });
    // A complete route (the engine scores it): a marketplace listing names its cloud and where it runs.
    await buildDependency(db(), org, code.id, gpt.id, { accessPath: "cloud_marketplace", cloudVendorId: vendor.id, hostingCountry: "DE", hostingRegion: "eu-central-1" });
    // Organisation B has a system whose name matches every search used below.
    await buildAiSystem(db(), w.b.organisation.id, { name: "Support chat of B", owner: "Dana Okafor", criticality: "critical" });
  });

  it("counts offices served, dependencies and fallbacks per system", async () => {
    const page = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ q: "support" }));
    expect(page.rows).toEqual([
      { id: expect.any(String), name: "Support chat", owner: "Dana Okafor", criticality: "high", toleratedDowntimeMinutes: 60, rating: { score: expect.any(Number), rating: expect.any(String) }, officeCount: 2, dependencyCount: 2, fallbackCount: 2 },
    ]);
    expect(page.total).toBe(1);
  });

  it("sorts criticality by rank, not alphabetically, both ways", async () => {
    const asc = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ sort: "criticality.asc" }));
    expect(asc.rows.map((r) => r.criticality)).toEqual(["low", "medium", "high", "critical"]);
    const desc = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ sort: "criticality.desc" }));
    expect(names(desc)).toEqual(["Fraud screening", "Support chat", "Code assistant", "Board pack drafts"]);
  });

  it("sorts by tolerated downtime and by dependency count", async () => {
    expect(names(await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ sort: "downtime.asc" })))).toEqual(["Fraud screening", "Support chat", "Code assistant", "Board pack drafts"]);
    const byDeps = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ sort: "dependencies.desc" }));
    expect(byDeps.rows.map((r) => r.dependencyCount)).toEqual([2, 1, 0, 0]);
  });

  it("filters by criticality, owner and the access path of any dependency", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listAiSystemsPage(ctx, state({ "f.criticality": "critical" })))).toEqual(["Fraud screening"]);
    expect(names(await listAiSystemsPage(ctx, state({ "f.owner": "okafor" })))).toEqual(["Board pack drafts", "Support chat"]);
    expect(names(await listAiSystemsPage(ctx, state({ "f.accessPath": "cloud_marketplace" })))).toEqual(["Code assistant"]);
    expect(names(await listAiSystemsPage(ctx, state({ q: "payments" })))).toEqual(["Fraud screening"]); // the description
  });

  it("pages with a total, and answers a page past the end with the last page", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const second = await listAiSystemsPage(ctx, state({ size: "3", page: "2" }));
    expect({ names: names(second), total: second.total, page: second.page }).toEqual({ names: ["Support chat"], total: 4, page: 2 });
    const past = await listAiSystemsPage(ctx, state({ size: "3", page: "40" }));
    expect({ names: names(past), page: past.page }).toEqual({ names: ["Support chat"], page: 2 });
  });

  it("never returns another organisation's systems", async () => {
    const asB = await listAiSystemsPage(w.ctx(w.b, "viewer"), state({ q: "support" }));
    expect(names(asB)).toEqual(["Support chat of B"]);
    const asA = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ "f.owner": "Dana" }));
    expect(names(asA)).not.toContain("Support chat of B");
  });

  it("shows each system's live score and rating, and sorts by it: lowest first, systems with no score last, both ways", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const live = await scoreOrganisation(ctx);
    if (!live.ok) throw new Error(`A's inventory should score: ${JSON.stringify(live.issues)}`);
    const scored = Object.fromEntries(live.result.systems.map((s) => [s.name, { score: s.score, rating: s.rating }]));
    const asc = await listAiSystemsPage(ctx, state({ sort: "score.asc" }));
    // Support chat has a self-hosted dependency and two fallbacks; Code assistant one marketplace route and none.
    expect(asc.rows.map((r) => [r.name, r.rating])).toEqual([
      ["Code assistant", scored["Code assistant"]],
      ["Support chat", scored["Support chat"]],
      ["Board pack drafts", null], // no dependency: nothing to score; then by name
      ["Fraud screening", null],
    ]);
    expect(scored["Code assistant"]!.score).toBeLessThan(scored["Support chat"]!.score);
    const desc = await listAiSystemsPage(ctx, state({ sort: "score.desc" }));
    expect(names(desc)).toEqual(["Support chat", "Code assistant", "Board pack drafts", "Fraud screening"]);
    const second = await listAiSystemsPage(ctx, state({ sort: "score.asc", size: "3", page: "2" }));
    expect({ names: names(second), total: second.total }).toEqual({ names: ["Fraud screening"], total: 4 });
    const filtered = await listAiSystemsPage(ctx, state({ sort: "score.asc", "f.criticality": "high" }));
    expect(names(filtered)).toEqual(["Support chat"]);
  });

  it("sends one page query, one count and nothing per row", async () => {
    await listAiSystemsPage(w.ctx(w.a, "viewer"), state()); // the live score, reused below while the inventory is unchanged
    const { result, statements } = await counter.count(() => listAiSystemsPage(w.ctx(w.a, "viewer"), state({ sort: "offices.desc" })));
    expect(result.rows).toHaveLength(4);
    // the inventory version (the live score is cached) + systems (with office counts) + their dependencies' fallback counts + count + COMMIT
    expect(statements.length).toBeLessThanOrEqual(11);
    expect(statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(4);
    expect(statements.every((s) => !/"public"\."AiSystem"\."id" = \$/.test(s))).toBe(true);
  });

  it("reads no live score for a view without the score column, unless it ranks by score", async () => {
    const ctx = w.ctx(w.a, "viewer");
    await listAiSystemsPage(ctx, state({ cols: "name,owner,dependencies" })); // the total's counts, cached for this inventory version
    const { result, statements } = await counter.count(() => listAiSystemsPage(ctx, state({ cols: "name,owner,dependencies" })));
    expect(names(result)).toEqual(["Board pack drafts", "Code assistant", "Fraud screening", "Support chat"]);
    expect(result.rows.every((r) => r.rating === null)).toBe(true);
    // systems + their dependencies' fallback counts + the inventory version for the total: the live
    // score is not read (it would read the version once more and, when it changed, the whole inventory)
    const versionReads = (sql: string[]) => sql.filter((s) => s.includes('"InventoryVersion"')).length;
    expect(statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(3);
    expect(versionReads(statements)).toBe(1);
    expect(statements.some((s) => s.includes('"DataFlow"'))).toBe(false);
    expect(versionReads((await counter.count(() => listAiSystemsPage(ctx, state({ cols: "name,owner,score" })))).statements)).toBe(2);
    const ranked = await listAiSystemsPage(ctx, state({ cols: "name,owner", sort: "score.asc" }));
    expect(names(ranked).slice(0, 2)).toEqual(["Code assistant", "Support chat"]);
    expect(ranked.rows[0]!.rating).not.toBeNull();
  });
});

describe("listAiSystemsPage at 5,000 systems", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());
  beforeAll(async () => {
    w = await twoOrganisations();
    await buildLargeInventory(db(), w.a.organisation.id, 5000);
  });

  it("serves any page of 250 in a handful of queries and well under a second", async () => {
    const ctx = w.ctx(w.a, "viewer");
    await counter.count(() => listAiSystemsPage(ctx, state({ size: "250" }))); // warm the pool
    const started = performance.now();
    const { result, statements } = await counter.count(() => listAiSystemsPage(ctx, state({ sort: "criticality.desc", page: "7", size: "250", "f.accessPath": "direct_api" })));
    const ms = performance.now() - started;
    expect(result.total).toBe(5000);
    expect(result.rows).toHaveLength(250);
    expect(result.rows.every((r) => r.criticality === "critical" || r.criticality === "high")).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(10);
    expect(ms).toBeLessThan(1000);
    console.log(`listAiSystemsPage, 5,000 systems, page 7 of 250 sorted by criticality: ${statements.length} statements, ${ms.toFixed(0)} ms`);
  });

  it("the last page has the remainder", async () => {
    const page = await listAiSystemsPage(w.ctx(w.a, "viewer"), state({ page: "51", size: "99" }));
    expect({ rows: page.rows.length, page: page.page }).toEqual({ rows: 5000 - 50 * 99, page: 51 });
  });
});
