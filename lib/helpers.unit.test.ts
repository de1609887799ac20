import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryCodeSchema, countryName } from "./countries";
import { COUNTRY_NAMES } from "./country-names";
import catalogueCountries from "@/scoring/catalogue/countries.json";
import { slugify } from "./organisations/schemas";
import { formValues, submitted } from "./action-state";
import { formatWait } from "./auth/throttle";
import { officeSchema } from "./offices/schemas";
import { signInSchema, setupSchema } from "./auth/schemas";
import { hashToken, newToken } from "./members/tokens";

describe("countries", () => {
  it("knows the 249 ISO 3166-1 alpha-2 codes, each once", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
  });

  it.each([["de", "DE"], [" jp ", "JP"], ["GB", "GB"]])("normalises %j to %s", (input, code) => {
    expect(countryCodeSchema.parse(input)).toBe(code);
  });

  it.each([["UK"], ["EU"], ["XX"], ["DEU"], [""]])("refuses %j with a readable message", (input) => {
    const r = countryCodeSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Choose a country/);
  });

  it("names countries in English", () => {
    expect(countryName("DE")).toBe("Germany");
    expect(countryName("SG")).toBe("Singapore");
  });

  it("names every country from one table, so the server and the browser agree (their ICU data do not: hydration failed on Hong Kong)", () => {
    expect(Object.keys(COUNTRY_NAMES).sort()).toEqual([...COUNTRY_CODES].sort());
    expect(countryName("HK")).toBe("Hong Kong");
    expect(countryName("CD")).toBe("Democratic Republic of the Congo");
    // Not read from the runtime: with Intl.DisplayNames gone the names are the same.
    const original = Intl.DisplayNames;
    try {
      (Intl as { DisplayNames: unknown }).DisplayNames = class {
        of(): string {
          throw new Error("not available");
        }
      };
      expect(COUNTRY_CODES.map(countryName)).toEqual(COUNTRY_CODES.map((c) => COUNTRY_NAMES[c]));
    } finally {
      (Intl as { DisplayNames: unknown }).DisplayNames = original;
    }
    for (const name of Object.values(COUNTRY_NAMES)) expect(name).not.toMatch(/ & | SAR /);
    // The scoring catalogue (CLI, reports) names them the same way.
    expect(Object.fromEntries(catalogueCountries.countries.map((c) => [c.code, c.name]))).toEqual(COUNTRY_NAMES);
  });
});

describe("slugify", () => {
  it.each([
    ["Mainfeld Maschinenbau AG", "mainfeld-maschinenbau-ag"],
    ["Société Générale", "societe-generale"],
    ["  --ACME & Co.--  ", "acme-co"],
    ["株式会社", "organisation"],
    ["x".repeat(80), "x".repeat(48)],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("form helpers", () => {
  it("collects repeated keys into arrays and drops Next's internal keys", () => {
    const fd = new FormData();
    fd.append("name", "Lyon");
    fd.append("regimes", "gdpr");
    fd.append("regimes", "dora");
    fd.append("$ACTION_ID_abc", "");
    expect(formValues(fd)).toEqual({ name: "Lyon", regimes: ["gdpr", "dora"] });
  });

  it("returns what was submitted only after an error", () => {
    expect(submitted({ status: "error", code: "X", message: "m", values: { teams: ["a", "b"] } }, "teams")).toBe("a, b");
    expect(submitted({ status: "success" }, "teams")).toBeUndefined();
  });

  it("formats throttle waits for people", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(40_000)).toBe("40 seconds");
    expect(formatWait(61_000)).toBe("2 minutes");
  });
});

describe("shared schemas", () => {
  it("lower-cases and trims the sign-in email", () => {
    expect(signInSchema.parse({ email: "  Dana@Example.COM ", password: "x" }).email).toBe("dana@example.com");
  });

  it("reports every invalid field of the first-run form at once", () => {
    const r = setupSchema.safeParse({ name: "", email: "nope", password: "short", organisationName: "", hqCountry: "XX", sector: "" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["name", "email", "password", "organisationName", "hqCountry", "sector"]));
  });

  it("splits office teams on commas, trims and removes duplicates", () => {
    const office = officeSchema.parse({ name: "Pune", country: "in", city: "Pune", headcount: "120", teams: " Platform, Data ,Platform,, " });
    expect(office).toEqual({ name: "Pune", country: "IN", city: "Pune", headcount: 120, teams: ["Platform", "Data"] });
  });

  it.each([["-1", "Cannot be negative"], ["2.5", "Enter a whole number"], ["abc", "Enter a number"]])("refuses headcount %j (%s)", (headcount, message) => {
    const r = officeSchema.safeParse({ name: "X", country: "DE", city: "Y", headcount });
    expect(r.error?.issues[0]?.message).toBe(message);
  });
});

describe("invitation tokens", () => {
  it("are 256-bit URL-safe strings stored only as their SHA-256", () => {
    const { token, hash } = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashToken(token));
    expect(hash).not.toContain(token);
  });
});
