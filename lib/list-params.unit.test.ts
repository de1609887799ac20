import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE, fetchPage, pageArgs, parseListParams, toOrderBy, toWhereParts, viewKey, type ListSpec } from "./list-params";

const spec = {
  columns: ["name", "country", "criticality", "teams"],
  alwaysShown: ["name"],
  defaultColumns: ["name", "country", "criticality"],
  sortable: ["name", "country", "criticality"],
  defaultSort: { id: "name", desc: false },
  filters: {
    country: { kind: "country" },
    criticality: { kind: "enum", values: ["low", "medium", "high", "critical"] },
    owner: { kind: "text" },
  },
} as const satisfies ListSpec;

const parse = (params: Record<string, string | string[] | undefined> | URLSearchParams) => parseListParams(spec, params);

describe("parseListParams", () => {
  it("an empty URL means the list's defaults, without notices", () => {
    expect(parse({})).toEqual({
      state: { q: "", sort: { id: "name", desc: false }, filters: {}, cols: ["name", "country", "criticality"], page: 1, size: 25 },
      notices: [],
    });
  });

  it("reads a full view from a shared link", () => {
    const { state, notices } = parse(new URLSearchParams("q=%20support%20&sort=criticality.desc&f.country=de&f.criticality=high&cols=country,name,teams&page=3&size=50"));
    expect(notices).toEqual([]);
    expect(state).toEqual({
      q: "support",
      sort: { id: "criticality", desc: true },
      filters: { country: "DE", criticality: "high" },
      cols: ["name", "country", "teams"], // display order, not the URL's
      page: 3,
      size: 50,
    });
  });

  it("an unknown sort column falls back to the default sort and says so", () => {
    const { state, notices } = parse({ sort: "passwordHash.asc" });
    expect(state.sort).toEqual({ id: "name", desc: false });
    expect(notices).toEqual([expect.stringContaining('cannot be sorted by "passwordHash.asc"')]);
  });

  it("a column that exists but is not sortable is refused like an unknown one", () => {
    expect(parse({ sort: "teams.asc" }).state.sort.id).toBe("name");
    expect(parse({ sort: "name.sideways" }).notices).toHaveLength(1);
  });

  it("unknown filters and values outside a filter's set are ignored with a notice", () => {
    const { state, notices } = parse({ "f.organisationId": "x", "f.criticality": "apocalyptic", "f.country": "XX", "f.owner": "Dana" });
    expect(state.filters).toEqual({ owner: "Dana" });
    expect(notices).toHaveLength(3);
    expect(notices.join(" ")).toMatch(/no filter "organisationId"/);
  });

  it("date and id filters keep only a calendar day (YYYY-MM-DD) and a UUID", () => {
    const dated = { ...spec, filters: { from: { kind: "date" }, actor: { kind: "uuid" } } } as const satisfies ListSpec;
    const id = "0193B7A4-5C2D-7E3F-8A1B-2C3D4E5F6A7B";
    expect(parseListParams(dated, { "f.from": "2026-12-01", "f.actor": id })).toMatchObject({ state: { filters: { from: "2026-12-01", actor: id.toLowerCase() } }, notices: [] });
    const bad = parseListParams(dated, { "f.from": "2026-13-01", "f.actor": "1 OR 1=1" });
    expect(bad.state.filters).toEqual({});
    expect(bad.notices).toHaveLength(2);
    expect(parseListParams(dated, { "f.from": "1/12/2026" }).state.filters).toEqual({});
  });

  it("an empty filter value means no filter, silently", () => {
    expect(parse({ "f.country": "", "f.owner": "  " })).toMatchObject({ state: { filters: {} }, notices: [] });
  });

  it("does not treat inherited object keys as filters", () => {
    expect(parse({ "f.toString": "x", "f.__proto__": "y" }).state.filters).toEqual({});
  });

  it("caps the page size at 250 and says so", () => {
    const { state, notices } = parse({ size: "100000" });
    expect(state.size).toBe(MAX_PAGE_SIZE);
    expect(notices).toEqual(["Showing at most 250 rows per page."]);
  });

  it("accepts a small page size from a link (the picker offers 25 to 250)", () => {
    expect(parse({ size: "5" }).state.size).toBe(5);
  });

  it.each(["0", "-2", "1.5", "abc", "1e3", ""])("page %j is not a page number: the first page", (page) => {
    const { state, notices } = parse({ page });
    expect(state.page).toBe(1);
    expect(notices).toHaveLength(1);
  });

  it("keeps the always-shown column and drops unknown ones", () => {
    const { state, notices } = parse({ cols: "country,secret" });
    expect(state.cols).toEqual(["name", "country"]);
    expect(notices).toEqual(["Unknown column ignored: secret."]);
  });

  it("a repeated parameter counts once (the first)", () => {
    expect(parse({ sort: ["country.desc", "name.asc"] }).state.sort).toEqual({ id: "country", desc: true });
  });

  it("shortens a very long search", () => {
    const { state, notices } = parse({ q: "x".repeat(500) });
    expect(state.q).toHaveLength(100);
    expect(notices).toHaveLength(1);
  });
});

describe("to Prisma", () => {
  const state = parse({ q: "chat", sort: "country.desc", "f.criticality": "high", page: "3", size: "50" }).state;

  it("pages by skip and take", () => {
    expect(pageArgs(state)).toEqual({ skip: 100, take: 50 });
  });

  it("orders by the chosen column, then by a unique tiebreak so pages never overlap", () => {
    const orderBy = toOrderBy<"name" | "country" | "criticality", Record<string, string | undefined>>(state, { name: (d) => ({ name: d }), country: (d) => [{ country: d }, { city: d }], criticality: (d) => ({ criticality: d }) }, [{ id: "asc" }]);
    expect(orderBy).toEqual([{ country: "desc" }, { city: "desc" }, { id: "asc" }]);
  });

  it("turns the search and each filter into one AND part", () => {
    const parts = toWhereParts<"country" | "criticality" | "owner", Record<string, unknown>>(state, {
      search: (q) => ({ name: { contains: q } }),
      filters: { country: (v) => ({ country: v }), criticality: (v) => ({ criticality: v }), owner: (v) => ({ owner: v }) },
    });
    expect(parts).toEqual([{ name: { contains: "chat" } }, { criticality: "high" }]);
  });
});

describe("fetchPage", () => {
  it("answers a page past the end with the last page", async () => {
    const asked: number[] = [];
    const page = await fetchPage({ page: 9, size: 10 }, async ({ skip, take }) => {
      asked.push(skip);
      const all = Array.from({ length: 23 }, (_, i) => i);
      return [all.slice(skip, skip + take), all.length];
    });
    expect(asked).toEqual([80, 20]);
    expect(page).toEqual({ rows: [20, 21, 22], total: 23, page: 3, size: 10 });
  });

  it("an empty list is one query and page 1", async () => {
    let calls = 0;
    const page = await fetchPage({ page: 4, size: 25 }, async () => {
      calls++;
      return [[], 0];
    });
    expect({ calls, page: page.page, rows: page.rows }).toEqual({ calls: 1, page: 4, rows: [] });
  });
});

describe("viewKey", () => {
  const parse = (params: Record<string, string>) => parseListParams(spec, params).state;
  it("is the same for views that match the same rows, whatever their sort, page, size, columns or filter order", () => {
    const a = viewKey(parse({ q: "chat", "f.country": "DE", "f.criticality": "high", sort: "name.desc", page: "3", size: "100" }));
    const b = viewKey(parse({ "f.criticality": "high", q: "chat", "f.country": "DE", cols: "name" }));
    expect(a).toBe(b);
  });
  it("differs when the search or any filter differs", () => {
    const base = viewKey(parse({ q: "chat", "f.country": "DE" }));
    expect(viewKey(parse({ q: "chats", "f.country": "DE" }))).not.toBe(base);
    expect(viewKey(parse({ q: "chat", "f.country": "FR" }))).not.toBe(base);
    expect(viewKey(parse({ q: "chat" }))).not.toBe(base);
    expect(viewKey(parse({ "f.country": "DE" }))).not.toBe(base);
    // A search that looks like a filter's JSON cannot pass for it.
    expect(viewKey(parse({ q: '["chat",[["country","DE"]]]' }))).not.toBe(base);
  });
});
