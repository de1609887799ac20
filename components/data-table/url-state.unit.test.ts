import { describe, expect, it } from "vitest";
import { rowRange, toSearchParams } from "./url-state";
import type { TableDefaults, TableState } from "./types";

const defaults: TableDefaults = { sort: { id: "name", desc: false }, cols: ["name", "owner", "criticality"], size: 25 };
const base: TableState = { q: "", sort: { id: "name", desc: false }, filters: {}, cols: ["name", "owner", "criticality"], page: 1, size: 25 };

describe("toSearchParams", () => {
  it("the default view has a clean URL", () => {
    expect(toSearchParams(base, defaults)).toBe("");
  });

  it("writes only what differs from the defaults", () => {
    const state: TableState = { q: "chat bot", sort: { id: "criticality", desc: true }, filters: { criticality: "high", owner: "" }, cols: ["name", "criticality"], page: 2, size: 50 };
    expect(toSearchParams(state, defaults)).toBe("q=chat+bot&sort=criticality.desc&f.criticality=high&cols=name%2Ccriticality&page=2&size=50");
  });

  it("encodes what was typed, so a search or filter cannot add or change parameters, and reads back as typed", () => {
    const q = `a&sort=x.asc#frag "<b>" 100% ü/?`;
    const written = toSearchParams({ ...base, q, filters: { owner: "x&page=9" } }, defaults);
    expect(written).toBe("q=a%26sort%3Dx.asc%23frag+%22%3Cb%3E%22+100%25+%C3%BC%2F%3F&f.owner=x%26page%3D9");
    const read = new URLSearchParams(written);
    expect([...read.keys()]).toEqual(["q", "f.owner"]);
    expect([read.get("q"), read.get("f.owner")]).toEqual([q, "x&page=9"]);
  });

  it("the default column descending is still a change", () => {
    expect(toSearchParams({ ...base, sort: { id: "name", desc: true } }, defaults)).toBe("sort=name.desc");
  });
});

describe("rowRange", () => {
  it.each([
    [1, 25, 0, "No rows"],
    [1, 25, 12, "Rows 1–12 of 12"],
    [2, 5, 12, "Rows 6–10 of 12"],
    [200, 25, 5000, "Rows 4,976–5,000 of 5,000"],
  ])("page %i of size %i with %i rows: %s", (page, size, total, text) => {
    expect(rowRange(page, size, total)).toBe(text);
  });
});
