import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVendorsPage, vendorListSpec } from "./queries";
import { parseListParams } from "@/lib/list-params";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";
import { scoreOrganisation } from "@/lib/scores/queries";

const state = (params: Record<string, string> = {}) => parseListParams(vendorListSpec, params).state;
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listVendorsPage", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    const org = w.a.organisation.id;
    const openai = await buildVendor(db(), org, { name: "OpenAI", hqCountry: "US", parentName: "OpenAI Foundation", parentCountry: "US", source: "https://openai.com", sourceAsOf: new Date("2026-11-01") });
    const mistral = await buildVendor(db(), org, { name: "Mistral AI", hqCountry: "FR", parentName: "Mistral AI SAS", parentCountry: "FR", sourceAsOf: new Date("2026-10-01") });
    const ovh = await buildVendor(db(), org, { name: "OVHcloud", vendorType: "cloud_provider", hqCountry: "FR" });
    await buildVendor(db(), org, { name: "Alibaba Cloud", vendorType: "hyperscaler", hqCountry: "CN", parentName: "Alibaba Group", parentCountry: "KY" });
    const gpt5 = await buildModel(db(), org, openai.id);
    const gpt41 = await buildModel(db(), org, openai.id);
    const mistralSmall = await buildModel(db(), org, mistral.id);
    const [s1, s2] = [await buildAiSystem(db(), org), await buildAiSystem(db(), org)];
    await buildDependency(db(), org, s1.id, gpt5.id);
    await buildDependency(db(), org, s2.id, gpt5.id);
    await buildDependency(db(), org, s2.id, gpt41.id);
    // Mistral's open weights run on OVHcloud: a dependency on Mistral's model, hosted by OVHcloud.
    await buildDependency(db(), org, s1.id, mistralSmall.id, { accessPath: "third_party_hosted", cloudVendorId: ovh.id, hostingCountry: "FR" });
    await buildVendor(db(), w.b.organisation.id, { name: "OpenAI", hqCountry: "US" });
  });

  it("shows each vendor's parent, source, model count and the dependencies on its models", async () => {
    const page = await listVendorsPage(w.ctx(w.a, "viewer"), state({ q: "openai" }));
    expect(page.rows).toEqual([
      {
        id: expect.any(String),
        name: "OpenAI",
        vendorType: "frontier_lab",
        hqCountry: "US",
        parentName: "OpenAI Foundation",
        parentCountry: "US",
        source: "https://openai.com",
        sourceAsOf: new Date("2026-11-01"),
        rating: { score: expect.any(Number), rating: expect.any(String) },
        modelCount: 2,
        dependencyCount: 3,
        hostedCount: 0,
      },
    ]);
  });

  it("counts what a cloud hosts, whoever made the model (a host of others' models no longer shows 0), and sorts by it", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const page = await listVendorsPage(ctx, state({ sort: "hosted.desc" }));
    expect(page.rows.map((r) => [r.name, r.dependencyCount, r.hostedCount])).toEqual([
      ["OVHcloud", 0, 1],
      ["Alibaba Cloud", 0, 0],
      ["Mistral AI", 1, 0],
      ["OpenAI", 3, 0],
    ]);
  });

  it("sorts by model count, by type and by source date (unknown dates last)", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listVendorsPage(ctx, state({ sort: "models.desc" })))).toEqual(["OpenAI", "Mistral AI", "Alibaba Cloud", "OVHcloud"]);
    expect(names(await listVendorsPage(ctx, state({ sort: "type.asc" })))).toEqual(["Mistral AI", "OpenAI", "Alibaba Cloud", "OVHcloud"]);
    expect(names(await listVendorsPage(ctx, state({ sort: "source.desc" }))).slice(0, 2)).toEqual(["OpenAI", "Mistral AI"]);
  });

  it("filters by type, HQ country and the parent's country", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listVendorsPage(ctx, state({ "f.type": "cloud_provider" })))).toEqual(["OVHcloud"]);
    expect(names(await listVendorsPage(ctx, state({ "f.hqCountry": "FR" })))).toEqual(["Mistral AI", "OVHcloud"]);
    expect(names(await listVendorsPage(ctx, state({ "f.parentCountry": "KY" })))).toEqual(["Alibaba Cloud"]);
  });

  it("pages through the same order without overlap, with a total", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const all = names(await listVendorsPage(ctx, state()));
    const [first, second] = [await listVendorsPage(ctx, state({ size: "2" })), await listVendorsPage(ctx, state({ size: "2", page: "2" }))];
    expect([...names(first), ...names(second)]).toEqual(all);
    expect([first.total, second.total]).toEqual([4, 4]);
  });

  it("never returns another organisation's vendors", async () => {
    const asB = await listVendorsPage(w.ctx(w.b, "viewer"), state());
    expect(asB.rows.map((r) => [r.name, r.modelCount, r.dependencyCount])).toEqual([["OpenAI", 0, 0]]);
  });

  it("shows each vendor's live score and rating where something depends on its models, and sorts by it, unscored last", async () => {
    const ctx = w.ctx(w.a, "viewer");
    const live = await scoreOrganisation(ctx);
    if (!live.ok) throw new Error(`A's inventory should score: ${JSON.stringify(live.issues)}`);
    const scored = Object.fromEntries(live.result.vendors.map((v) => [v.name, { score: v.score, rating: v.rating }]));
    expect(Object.keys(scored).sort()).toEqual(["Mistral AI", "OpenAI"]);
    // OpenAI: a US frontier lab reached by direct API, no fallback; Mistral: open weights in France.
    expect(scored["OpenAI"]!.score).toBeLessThan(scored["Mistral AI"]!.score);
    const asc = await listVendorsPage(ctx, state({ sort: "score.asc" }));
    expect(asc.rows.map((r) => [r.name, r.rating])).toEqual([
      ["OpenAI", scored["OpenAI"]],
      ["Mistral AI", scored["Mistral AI"]],
      ["Alibaba Cloud", null],
      ["OVHcloud", null],
    ]);
    expect(names(await listVendorsPage(ctx, state({ sort: "score.desc" })))).toEqual(["Mistral AI", "OpenAI", "Alibaba Cloud", "OVHcloud"]);
    expect(names(await listVendorsPage(ctx, state({ sort: "score.asc", size: "2", page: "2" })))).toEqual(["Alibaba Cloud", "OVHcloud"]);
  });

  it("loads the page's models' dependency counts in one query, not one per vendor", async () => {
    await listVendorsPage(w.ctx(w.a, "viewer"), state()); // the live score, reused below while the inventory is unchanged
    const { statements } = await counter.count(() => listVendorsPage(w.ctx(w.a, "viewer"), state({ sort: "models.desc" })));
    // the inventory version (the live score is cached) + vendors + their models' counts + count
    expect(statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(4);
    expect(statements.length).toBeLessThanOrEqual(11);
  });

  it("reads no live score for a view without the score column, unless it ranks by score", async () => {
    const ctx = w.ctx(w.a, "viewer");
    await listVendorsPage(ctx, state({ cols: "name,type,models" })); // the total's counts, cached for this inventory version
    const { result, statements } = await counter.count(() => listVendorsPage(ctx, state({ cols: "name,type,models" })));
    expect(names(result)).toEqual(["Alibaba Cloud", "Mistral AI", "OVHcloud", "OpenAI"]); // by name, in the database's collation
    expect(result.rows.every((r) => r.rating === null)).toBe(true);
    // vendors + their models' counts + the inventory version for the total: the live score is not read
    // (it would read the version once more and, when it changed, the whole inventory)
    const versionReads = (sql: string[]) => sql.filter((s) => s.includes('"InventoryVersion"')).length;
    expect(statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(3);
    expect(versionReads(statements)).toBe(1);
    expect(statements.some((s) => s.includes('"DataFlow"'))).toBe(false);
    expect(versionReads((await counter.count(() => listVendorsPage(ctx, state({ cols: "name,type,score" })))).statements)).toBe(2);
    const ranked = await listVendorsPage(ctx, state({ cols: "name,type", sort: "score.asc" }));
    expect(names(ranked).slice(0, 2)).toEqual(["OpenAI", "Mistral AI"]);
    expect(ranked.rows[0]!.rating).not.toBeNull();
  });
});
