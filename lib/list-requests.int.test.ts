// The list budget's second half (issue 4): at most 10 SQL statements per list page request. A
// request resolves who is asking (session -> user and memberships, lib/auth/context.ts) and then
// runs the list's page query; this counts both, for each list in its default view and a heavy
// one, on an organisation with a few hundred rows. Outside a React render `cache()` does not
// memoise, so the identity is read once per call here (twice per request: the session check and
// the organisation context): the count is an upper bound of a real request, which reads it once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseListParams } from "@/lib/list-params";
import { buildLargeInventory } from "@/lib/testing/inventory-factories";
import { createQueryCounter } from "@/lib/testing/query-counter";
import { db, twoOrganisations } from "@/lib/testing/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const { requireOrg } = await import("@/lib/auth/context");
const { listOfficesTablePage, officeListSpec } = await import("@/lib/offices/queries");
const { listVendorsPage, vendorListSpec } = await import("@/lib/vendors/queries");
const { listModelsPage, modelListSpec } = await import("@/lib/models/queries");
const { listAiSystemsPage, aiSystemListSpec } = await import("@/lib/ai-systems/queries");
const { listDataFlowsPage, dataFlowListSpec } = await import("@/lib/data-flows/queries");
const { scoreOrganisation } = await import("@/lib/scores/queries");

type Ctx = Awaited<ReturnType<typeof requireOrg>>;
type AnyList = (ctx: Ctx, state: never) => Promise<{ rows: unknown[]; total: number }>;

const LISTS: { name: string; list: AnyList; spec: Parameters<typeof parseListParams>[0]; heavy: Record<string, string> }[] = [
  { name: "offices", list: listOfficesTablePage as AnyList, spec: officeListSpec, heavy: { sort: "aiSystems.desc", size: "100", "f.country": "DE" } },
  { name: "vendors", list: listVendorsPage as AnyList, spec: vendorListSpec, heavy: { sort: "models.desc", size: "100", q: "vendor" } },
  { name: "models", list: listModelsPage as AnyList, spec: modelListSpec, heavy: { sort: "dependencies.desc", size: "100" } },
  { name: "AI systems", list: listAiSystemsPage as AnyList, spec: aiSystemListSpec, heavy: { sort: "dependencies.desc", page: "2", size: "100", "f.accessPath": "direct_api" } },
  { name: "data flows", list: listDataFlowsPage as AnyList, spec: dataFlowListSpec, heavy: { sort: "aiSystem.asc", page: "3", size: "100", q: "flow" } },
];

describe("a list page request's SQL statements", () => {
  let w: Awaited<ReturnType<typeof twoOrganisations>>;
  const counter = createQueryCounter();
  afterAll(() => counter.close());

  beforeAll(async () => {
    w = await twoOrganisations();
    await buildLargeInventory(db(), w.a.organisation.id, 300);
    session.userId = w.a.users.viewer.id;
    // The AI systems and vendors lists show live ratings from the live score, which is computed
    // once per inventory change and then read from the per-process cache (one inventory-version
    // query): the budget below is for a list read while the inventory is unchanged.
    await scoreOrganisation(w.ctx(w.a, "viewer"));
  });

  it("the first AI systems list after an inventory change re-scores it: the inventory's tables read once more, nothing per row", async () => {
    const { state } = parseListParams(aiSystemListSpec, {});
    await db().office.updateMany({ where: { organisationId: w.a.organisation.id }, data: { updatedAt: new Date() } });
    const { result, statements } = await counter.count(async () => {
      const ctx = await requireOrg(w.a.organisation.slug, "inventory:read");
      return listAiSystemsPage(ctx, state as never);
    });
    expect(result.rows.length).toBeGreaterThan(0);
    expect((result.rows as { rating: unknown }[]).every((r) => r.rating !== undefined)).toBe(true);
    // identity and the page's own queries (at most 10) + the document's nine inventory tables and the organisation
    expect(statements.length).toBeLessThanOrEqual(20);
  });

  for (const { name, list, spec, heavy } of LISTS) {
    for (const [view, params] of [["default view", {}], ["sorted, filtered, deep page of 100", heavy]] as const) {
      it(`${name}, ${view}: at most 10, identity included`, async () => {
        const { state } = parseListParams(spec, params);
        const { result, statements } = await counter.count(async () => {
          const ctx = await requireOrg(w.a.organisation.slug, "inventory:read");
          return list(ctx, state as never);
        });
        expect(result.total).toBeGreaterThan(0);
        expect(result.rows.length).toBeGreaterThan(0);
        expect(statements.length).toBeLessThanOrEqual(10);
      });
    }
  }
});
