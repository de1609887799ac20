import { describe, expect, it } from "vitest";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, POLICY_EVENT_TYPE_LABELS, TRAINING_COMPUTE_LABELS, TRANSFER_MECHANISM_LABELS, WEIGHTS_LABELS } from "@/lib/labels";
import { POLICY_EVENT_TYPES } from "@/scoring/schema/policy-event";
import { ACCESS_PATHS, COMPUTE_BANDS, DATA_CATEGORIES, TRANSFER_MECHANISMS } from "@/scoring/schema/primitives";
import { countryName } from "@/lib/countries";
import { choiceOf, choices, countryCodeOf } from "./spelling";

describe("countries as people write them", () => {
  it.each([
    ["Germany", "DE"],
    ["GERMANY", "DE"],
    ["germany", "DE"],
    ["  Germany ", "DE"],
    ["DE", "DE"],
    ["de", "DE"],
    ["DEU", "DE"],
    ["deu", "DE"],
    ["United Kingdom", "GB"],
    ["UK", "GB"],
    ["GBR", "GB"],
    ["United States", "US"],
    ["United States of America", "US"],
    ["USA", "US"],
    ["Czech Republic", "CZ"],
    ["Czechia", "CZ"],
    ["Hong Kong", "HK"],
    ["South Korea", "KR"],
    ["Türkiye", "TR"],
    ["Switzerland", "CH"],
    ["CHE", "CH"],
  ])("%s is %s", (text, code) => {
    expect(countryCodeOf(text)).toBe(code);
  });

  it.each(["Atlantis", "XX", "XXX", "", "  ", "Europe", "EU"])("%j is no country", (text) => {
    expect(countryCodeOf(text)).toBeUndefined();
  });
});

describe("choices as people write them", () => {
  const access = choices(ACCESS_PATHS, ACCESS_PATH_LABELS);
  it.each([
    ["direct-api", "direct-api"],
    ["Direct API", "direct-api"],
    ["DIRECT_API", "direct-api"],
    ["direct api", "direct-api"],
    ["Self hosted", "self-hosted"],
    ["Third-party hosted", "third-party-hosted"],
    ["third party hosted", "third-party-hosted"],
    ["Cloud marketplace", "cloud-marketplace"],
  ])("access path %j is %s", (text, value) => {
    expect(choiceOf(text, access)).toBe(value);
  });

  it("reads the labels the app shows, and a label's words before its parenthesis", () => {
    expect(choiceOf("Trade secret", choices(DATA_CATEGORIES, DATA_CATEGORY_LABELS))).toBe("trade-secret");
    expect(choiceOf("special_category", choices(DATA_CATEGORIES, DATA_CATEGORY_LABELS))).toBe("special-category");
    expect(choiceOf("Standard contractual clauses", choices(TRANSFER_MECHANISMS, TRANSFER_MECHANISM_LABELS))).toBe("scc");
    expect(choiceOf("SCC", choices(TRANSFER_MECHANISMS, TRANSFER_MECHANISM_LABELS))).toBe("scc");
    expect(choiceOf("Adequacy decision", choices(TRANSFER_MECHANISMS, TRANSFER_MECHANISM_LABELS))).toBe("adequacy");
    expect(choiceOf("Closed weights", choices(["open", "closed"], WEIGHTS_LABELS))).toBe("closed");
    expect(choiceOf("Unknown", choices(COMPUTE_BANDS, TRAINING_COMPUTE_LABELS))).toBe("unknown");
    expect(choiceOf("Vendor restriction", choices(POLICY_EVENT_TYPES, POLICY_EVENT_TYPE_LABELS))).toBe("vendor-restriction");
    expect(choiceOf("Licence term (rights withheld from licensees in a region)", choices(POLICY_EVENT_TYPES, POLICY_EVENT_TYPE_LABELS))).toBe("licence-term");
  });

  it("matches nothing it does not know", () => {
    expect(choiceOf("urgent", choices(["low", "high"]))).toBeUndefined();
    expect(choiceOf("", choices(["low", "high"]))).toBeUndefined();
    expect(choiceOf("direct", access)).toBeUndefined();
  });
});

describe("what a country cell may hold besides the country", () => {
  it("reads a name written with several spaces between its words, or a tab", () => {
    expect(countryCodeOf("United   Kingdom")).toBe("GB");
    expect(countryCodeOf("South\tKorea")).toBe("KR");
  });

  it("gives no code for a country ISO lists and the app does not, however it is written", () => {
    // Kosovo (XK, XKK) is in i18n-iso-countries but not in the app's list of countries.
    expect(countryCodeOf("XK")).toBeUndefined();
    expect(countryCodeOf("XKK")).toBeUndefined();
    expect(countryCodeOf("Kosovo")).toBeUndefined();
    expect(countryCodeOf("QQQ")).toBeUndefined();
  });

  it("reads the app's own name of a country in any case", () => {
    // KN, LA and BN: "St. Kitts and Nevis", "Laos", "Brunei" are the app's names, not i18n-iso-countries'.
    for (const code of ["DE", "GB", "US", "KR", "CZ", "KN", "LA", "BN"]) {
      const name = countryName(code);
      expect(countryCodeOf(name.toUpperCase()), name).toBe(code);
      expect(countryCodeOf(name.toLowerCase()), name).toBe(code);
    }
  });
});

describe("how the words of a choice may be joined", () => {
  // Built inside each test, so that mutation testing's per-test coverage sees which tests use it.
  const options = () => choices(["trade-secret", "special-category"], { trade_secret: "Trade secret (know-how)", special_category: "Special category" });

  it("takes the label keyed by the database's spelling, and its words before the parenthesis", () => {
    expect(new Set(options()[0]!.labels)).toEqual(new Set(["Trade secret (know-how)", "Trade secret"]));
    expect(new Set(options()[1]!.labels)).toEqual(new Set(["Special category"]));
  });

  it("keeps a label that has a parenthesis inside it whole when text follows", () => {
    expect(new Set(choices(["x"], { x: "Cloud (EU) marketplace" })[0]!.labels)).toEqual(new Set(["Cloud (EU) marketplace"]));
    expect(new Set(choices(["x"], { x: "Cloud(EU)" })[0]!.labels)).toEqual(new Set(["Cloud(EU)", "Cloud"]));
    expect(new Set(choices(["x"], { x: "Cloud (EU, US)" })[0]!.labels)).toEqual(new Set(["Cloud (EU, US)", "Cloud"]));
  });

  it("reads any run of spaces, hyphens and underscores as one join, and ignores the spaces around", () => {
    expect(choiceOf("  TRADE  SECRET ", options())).toBe("trade-secret");
    expect(choiceOf("trade-_-secret", options())).toBe("trade-secret");
    expect(choiceOf("tradesecret", options())).toBeUndefined();
    expect(choiceOf("special category (know-how)", options())).toBeUndefined();
  });
});
