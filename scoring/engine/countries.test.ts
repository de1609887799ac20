// Countries, blocs and country sets at their edges: unknown codes and set keys, expansion and
// subtraction of sets, and sets in words. Expected values are worked out by hand from the
// catalogue (scoring/catalogue/countries.json, country-sets.json).
import { describe, expect, it } from "vitest";
import { blocOf, countryName, countrySetName, describeCountrySet, expandCountrySet, hasAdequacy, inCountrySet, lawsInForce, subtractCountrySet } from "./countries";

describe("unknown country codes and set keys", () => {
  it("an unknown code is its own bloc and name, with no adequacy and no laws", () => {
    expect(blocOf("XX")).toBe("XX");
    expect(countryName("XX")).toBe("XX");
    expect(hasAdequacy("XX", "2026-01-01")).toBe(false);
    expect(lawsInForce("XX", "2026-01-01")).toEqual([]);
  });

  it("an unknown set key holds nobody and is named by its key", () => {
    expect(inCountrySet({ only: [], sets: ["no-such-set"] }, "DE")).toBe(false);
    expect(inCountrySet({ allExcept: [], sets: ["no-such-set"] }, "DE")).toBe(true);
    expect(countrySetName("no-such-set")).toBe("no-such-set");
    expect(expandCountrySet({ only: ["US"], sets: ["no-such-set"] })).toEqual({ only: ["US"] });
  });
});

describe("lawsInForce", () => {
  it("keeps only the laws in force on the date, a law counting from its first day", () => {
    expect(lawsInForce("CN", "2021-08-31").map((l) => l.since)).toEqual(["2017-06-28"]);
    expect(lawsInForce("CN", "2021-09-01").map((l) => l.since)).toEqual(["2017-06-28", "2021-09-01"]);
    expect(lawsInForce("CN", "2017-06-27")).toEqual([]);
  });
});

describe("expandCountrySet", () => {
  it("lists the countries sorted", () => {
    expect(expandCountrySet({ only: ["US", "DE", "CN"] })).toEqual({ only: ["CN", "DE", "US"] });
    expect(expandCountrySet({ allExcept: ["US", "CN"] })).toEqual({ allExcept: ["CN", "US"] });
  });
});

describe("subtractCountrySet: the countries of a that are not in b", () => {
  it("a list minus every country except some keeps only those exceptions", () => {
    expect(subtractCountrySet({ only: ["US", "DE", "CN"] }, { allExcept: ["CN"] })).toEqual({ only: ["CN"] });
  });

  it("every country except some minus every country except more leaves the extra exceptions of b", () => {
    expect(subtractCountrySet({ allExcept: ["US"] }, { allExcept: ["US", "CN", "RU"] })).toEqual({ only: ["CN", "RU"] });
    expect(subtractCountrySet({ allExcept: ["US"] }, { allExcept: ["US"] })).toBeUndefined();
  });

  it("every country except some minus a list adds the list to the exceptions", () => {
    expect(subtractCountrySet({ allExcept: ["US"] }, { only: ["CN"] })).toEqual({ allExcept: ["CN", "US"] });
  });
});

describe("describeCountrySet", () => {
  it("an empty list is no words, and every country except nothing is every country", () => {
    expect(describeCountrySet({ only: [] })).toBe("");
    expect(describeCountrySet({ allExcept: [] })).toBe("every country");
    expect(describeCountrySet({ allExcept: ["US"] })).toBe("every country except the United States");
  });
});
