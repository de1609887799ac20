import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOfficesTablePage, officeListSpec } from "./queries";
import { parseListParams } from "@/lib/list-params";
import { buildOffice } from "@/prisma/factories";
import { buildAiSystem } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";

const state = (params: Record<string, string> = {}) => parseListParams(officeListSpec, params).state;
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describe("listOfficesTablePage", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    const org = w.a.organisation.id;
    const frankfurt = await buildOffice(db(), org, { name: "Frankfurt HQ", country: "DE", city: "Frankfurt", headcount: 1200 });
    const munich = await buildOffice(db(), org, { name: "Munich R&D", country: "DE", city: "Munich", headcount: 300 });
    await buildOffice(db(), org, { name: "Lyon plant", country: "FR", city: "Lyon", headcount: 420 });
    await buildOffice(db(), org, { name: "Pune centre", country: "IN", city: "Pune", headcount: 80 });
    await buildAiSystem(db(), org, { officeIds: [frankfurt.id, munich.id] });
    await buildAiSystem(db(), org, { officeIds: [frankfurt.id] });
    await buildOffice(db(), w.b.organisation.id, { name: "Frankfurt of B", country: "DE", city: "Frankfurt" });
  });

  it("sorts by name by default, and by headcount or AI systems served on request", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listOfficesTablePage(ctx, state()))).toEqual(["Frankfurt HQ", "Lyon plant", "Munich R&D", "Pune centre"]);
    expect(names(await listOfficesTablePage(ctx, state({ sort: "headcount.desc" })))).toEqual(["Frankfurt HQ", "Lyon plant", "Munich R&D", "Pune centre"]);
    const bySystems = await listOfficesTablePage(ctx, state({ sort: "aiSystems.desc" }));
    expect(bySystems.rows.map((r) => [r.name, r.aiSystemCount])).toEqual([["Frankfurt HQ", 2], ["Munich R&D", 1], ["Lyon plant", 0], ["Pune centre", 0]]);
  });

  it("filters by country and by city, and searches name and city", async () => {
    const ctx = w.ctx(w.a, "viewer");
    expect(names(await listOfficesTablePage(ctx, state({ "f.country": "DE" })))).toEqual(["Frankfurt HQ", "Munich R&D"]);
    expect(names(await listOfficesTablePage(ctx, state({ "f.city": "LYO" })))).toEqual(["Lyon plant"]);
    expect(names(await listOfficesTablePage(ctx, state({ q: "pune" })))).toEqual(["Pune centre"]);
  });

  it("pages with the total of all matching rows", async () => {
    const page = await listOfficesTablePage(w.ctx(w.a, "viewer"), state({ size: "3", page: "2" }));
    expect({ names: names(page), total: page.total, page: page.page, size: page.size }).toEqual({ names: ["Pune centre"], total: 4, page: 2, size: 3 });
  });

  it("never returns another organisation's offices", async () => {
    const asA = await listOfficesTablePage(w.ctx(w.a, "viewer"), state({ q: "frankfurt", "f.country": "DE" }));
    expect(names(asA)).toEqual(["Frankfurt HQ"]);
    const asB = await listOfficesTablePage(w.ctx(w.b, "viewer"), state());
    expect({ names: names(asB), total: asB.total }).toEqual({ names: ["Frankfurt of B"], total: 1 });
  });

  it("shows the first three AI systems of each office by name, and counts them all", async () => {
    const org = w.a.organisation.id;
    const lyon = await buildOffice(db(), org, { name: "Lyon annex", country: "FR", city: "Lyon" });
    for (const name of ["Quality vision", "Anomaly alerts", "Maintenance copilot", "Shift planner"]) await buildAiSystem(db(), org, { name, officeIds: [lyon.id] });
    await buildAiSystem(db(), w.b.organisation.id, { name: "B's system" });
    const page = await listOfficesTablePage(w.ctx(w.a, "viewer"), state({ q: "lyon" }));
    expect(page.rows.map((r) => [r.name, r.aiSystemNames, r.aiSystemCount])).toEqual([
      ["Lyon annex", ["Anomaly alerts", "Maintenance copilot", "Quality vision"], 4],
      ["Lyon plant", [], 0],
    ]);
    await db().office.delete({ where: { id: lyon.id } });
  });

  it("answers in one query for the page, one for the AI system names, and for the count the inventory version and, once per version, the count", async () => {
    const view = { sort: "aiSystems.desc", "f.country": "DE" };
    const { statements } = await counter.count(() => listOfficesTablePage(w.ctx(w.a, "viewer"), state(view)));
    expect(statements.filter((s) => s.trimStart().startsWith("SELECT"))).toHaveLength(4);
    expect(statements.length).toBeLessThanOrEqual(10);
    // The same view again (another page, another sort): the count is reused while the inventory stands.
    const again = await counter.count(() => listOfficesTablePage(w.ctx(w.a, "viewer"), state({ ...view, sort: "name.asc" })));
    expect(again.statements.filter((s) => s.trimStart().startsWith("SELECT"))).toHaveLength(3);
  });
});
