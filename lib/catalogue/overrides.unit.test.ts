import { describe, expect, it } from "vitest";
import { isOwnSource } from "./overrides";

describe("the organisation's own source for a changed catalogue fact (docs/decisions/009, 033)", () => {
  const catalogue = { source: "https://openai.com/our-structure/", asOf: "2025-09-30" };

  it.each([
    ["another source", "Our due diligence, 2026", null, true],
    ["another source, dated", "https://example.org/register", "2025-09-30", true],
    ["the catalogue's source read on another day", "https://openai.com/our-structure/", "2026-11-01", true],
    ["the catalogue's source read on another day, as a date", "https://openai.com/our-structure/", new Date("2026-11-01T00:00:00.000Z"), true],
    ["the catalogue's source read before the catalogue did", "https://openai.com/our-structure/", "2024-01-15", true],
    ["the catalogue's reading repeated", "https://openai.com/our-structure/", "2025-09-30", false],
    ["the catalogue's reading repeated, in other case and spacing", " HTTPS://OPENAI.COM/our-structure/ ", new Date("2025-09-30T00:00:00.000Z"), false],
    ["the catalogue's source without a date", "https://openai.com/our-structure/", null, false],
    ["no source", null, "2026-11-01", false],
    ["a blank source", "  ", "2026-11-01", false],
  ] as const)("%s: %s", (_what, source, asOf, own) => {
    expect(isOwnSource(source, catalogue, asOf)).toBe(own);
  });
});
