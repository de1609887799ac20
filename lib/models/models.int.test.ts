import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listModelsPage, modelListSpec } from "./queries";
import { parseListParams } from "@/lib/list-params";
import { buildAiSystem, buildDependency, buildModel, buildVendor } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";

const state = (params: Record<string, string> = {}) => parseListParams(modelListSpec, params).state;
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listModelsPage", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    const org = w.a.organisation.id;
    const openai = await buildVendor(db(), org, { name: "OpenAI" });
    const meta = await buildVendor(db(), org, { name: "Meta", vendorType: "open_weight_publisher" });
    const gpt5 = await buildModel(db(), org, openai.id, { name: "GPT-5", family: "GPT", trainingCompute: "above-1e26", licence: "OpenAI terms" });
    await buildModel(db(), org, openai.id, { name: "GPT-4.1", family: "GPT", trainingCompute: "1e25-1e26", licence: "OpenAI terms" });
    const llama = await buildModel(db(), org, meta.id, { name: "Llama 3.3 70B", family: "Llama", weights: "open", trainingCompute: "1e25-1e26", licence: "Llama 3.3 Community Licence" });
    const [s1, s2] = [await buildAiSystem(db(), org), await buildAiSystem(db(), org)];
    await buildDependency(db(), org, s1.id, gpt5.id);
    await buildDependency(db(), org, s2.id, gpt5.id);
    await buildDependency(db(), org, s1.id, llama.id, { accessPath: "self_hosted" });
    const bVendor = await buildVendor(db(), w.b.organisation.id, { name: "OpenAI" });
    await buildModel(db(), w.b.organisation.id, bVendor.id, { name: "GPT-5 of B", family: "GPT" });
  });

  it("shows the vendor's name and the dependency count", async () => {
    const page = await listModelsPage(w.ctx(w.a, "viewer"), state({ sort: "dependencies.desc" }));
    expect(page.rows.map((m) => [m.name, m.vendorName, m.weights, m.dependencyCount])).toEqual([
      ["GPT-5", "OpenAI", "closed", 2],
      ["Llama 3.3 70B", "Meta", "open", 1],
      ["GPT-4.1", "OpenAI", "closed", 0],
    ]);
  });

  it("sorts by vendor name, then by model name", async () => {
    expect(names(await listModelsPage(w.ctx(w.a, "viewer"), state({ sort: "vendor.asc" })))).toEqual(["Llama 3.3 70B", "GPT-4.1", "GPT-5"]);
  });

  it("filters by weights, training compute, vendor and licence; searches family and vendor", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listModelsPage(ctx, state({ "f.weights": "open" })))).toEqual(["Llama 3.3 70B"]);
    expect(names(await listModelsPage(ctx, state({ "f.trainingCompute": "1e25-1e26" })))).toEqual(["GPT-4.1", "Llama 3.3 70B"]);
    expect(names(await listModelsPage(ctx, state({ "f.vendor": "open" })))).toEqual(["GPT-4.1", "GPT-5"]);
    expect(names(await listModelsPage(ctx, state({ "f.licence": "community" })))).toEqual(["Llama 3.3 70B"]);
    expect(names(await listModelsPage(ctx, state({ q: "meta" })))).toEqual(["Llama 3.3 70B"]);
  });

  it("pages with a total", async () => {
    const page = await listModelsPage(w.ctx(w.a, "viewer"), state({ size: "2", page: "2" }));
    expect({ names: names(page), total: page.total }).toEqual({ names: ["Llama 3.3 70B"], total: 3 });
  });

  it("never returns another organisation's models", async () => {
    expect(names(await listModelsPage(w.ctx(w.a, "viewer"), state({ q: "gpt-5" })))).toEqual(["GPT-5"]);
    expect(names(await listModelsPage(w.ctx(w.b, "viewer"), state()))).toEqual(["GPT-5 of B"]);
  });

  it("answers with the page, its vendors (one query for all), the inventory version and, once per version, the count", async () => {
    const { statements } = await counter.count(() => listModelsPage(w.ctx(w.a, "viewer"), state({ sort: "vendor.desc", q: "gpt" })));
    expect(statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(4);
    const again = await counter.count(() => listModelsPage(w.ctx(w.a, "viewer"), state({ sort: "name.asc", q: "gpt" })));
    expect(again.statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(3);
    expect(statements.length).toBeLessThanOrEqual(10);
  });
});
