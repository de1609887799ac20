import { describe, expect, it } from "vitest";
import { z } from "zod";
import { aiActRegistrationSchema, registrationPackQuerySchema } from "./schemas";

const AI_SYSTEM = "0193a000-0000-7000-8000-000000000001";
/** A form as the browser sends it: every field a string, the checkbox absent unless ticked. */
const form = (extra: Record<string, string> = {}) => ({
  aiSystemId: AI_SYSTEM,
  version: "",
  annexIIIArea: "",
  deployerName: "",
  deployerAddress: "",
  deployerContact: "",
  submitterName: "",
  submitterAddress: "",
  submitterContact: "",
  providerEuDatabaseUrl: "",
  friaSummary: "",
  dpiaSummary: "",
  ...extra,
});
const errors = (input: Record<string, string>) => {
  const result = aiActRegistrationSchema.safeParse(form(input));
  expect(result.success).toBe(false);
  return z.flattenError(result.error!).fieldErrors as Record<string, string[]>;
};

describe("the registration form's schema", () => {
  it("accepts an empty form as a first save (version blank), storing empty answers as empty strings and no area as null", () => {
    expect(aiActRegistrationSchema.parse(form())).toEqual({
      aiSystemId: AI_SYSTEM,
      version: null,
      annexIIIArea: null,
      deployerName: "",
      deployerAddress: "",
      deployerContact: "",
      submitterName: "",
      submitterAddress: "",
      submitterContact: "",
      providerEuDatabaseUrl: "",
      friaSummary: "",
      dpiaSummary: "",
      dpiaNotApplicable: false,
    });
  });

  it("reads a filled form: the version read, the area, trimmed text with its line breaks, the ticked checkbox", () => {
    const parsed = aiActRegistrationSchema.parse(
      form({ version: "3", annexIIIArea: "6", deployerName: "  Landespolizei  ", deployerAddress: "Hauptstr. 1\r\n10115 Berlin", providerEuDatabaseUrl: " https://ai-database.europa.example/entry/9 ", dpiaNotApplicable: "on" }),
    );
    expect(parsed).toMatchObject({ version: 3, annexIIIArea: "6", deployerName: "Landespolizei", deployerAddress: "Hauptstr. 1\r\n10115 Berlin", providerEuDatabaseUrl: "https://ai-database.europa.example/entry/9", dpiaNotApplicable: true });
  });

  it.each(["1", "2", "3", "4", "5", "6", "7", "8"])("accepts Annex III area %s", (area) => {
    expect(aiActRegistrationSchema.parse(form({ annexIIIArea: area })).annexIIIArea).toBe(area);
  });

  it.each(["0", "9", "4a", "biometrics", " 12"])("refuses %j as an Annex III area", (area) => {
    expect(errors({ annexIIIArea: area }).annexIIIArea).toEqual(["Choose one of the eight Annex III areas, or leave it not recorded"]);
  });

  it.each(["http://ai-database.europa.example/entry/9", "javascript:alert(1)", "ftp://x.example.eu/a", "https://", "https://localhost/entry", "www.example.eu/entry", "https://a.example.eu/x\ny"])(
    "refuses %j as the provider's entry: an https address is required",
    (url) => {
      expect(errors({ providerEuDatabaseUrl: url }).providerEuDatabaseUrl).toBeDefined();
    },
  );

  it("does not tie the provider's entry to one host: any https address of a domain is taken", () => {
    for (const url of ["https://ec.europa.eu/ai-database/entry/1", "https://eudb.example.org/x?id=2#c3"]) expect(aiActRegistrationSchema.parse(form({ providerEuDatabaseUrl: url })).providerEuDatabaseUrl).toBe(url);
  });

  it("bounds every text: names 200 characters, addresses and contacts 500, summaries 5000", () => {
    expect(errors({ deployerName: "x".repeat(201) }).deployerName).toEqual(["Use at most 200 characters"]);
    expect(aiActRegistrationSchema.parse(form({ deployerName: "x".repeat(200) })).deployerName).toHaveLength(200);
    expect(errors({ submitterContact: "x".repeat(501) }).submitterContact).toEqual(["Use at most 500 characters"]);
    expect(errors({ friaSummary: "x".repeat(5001) }).friaSummary).toEqual(["Use at most 5000 characters"]);
    expect(aiActRegistrationSchema.parse(form({ dpiaSummary: "x".repeat(5000) })).dpiaSummary).toHaveLength(5000);
    expect(errors({ providerEuDatabaseUrl: `https://a.example.eu/${"x".repeat(2000)}` }).providerEuDatabaseUrl).toEqual(["Use at most 2000 characters"]);
  });

  it("keeps names on one line, and refuses control characters anywhere", () => {
    expect(errors({ deployerName: "Stadt\nMusterhausen" }).deployerName).toBeDefined();
    expect(errors({ friaSummary: "ok\u0000not" }).friaSummary).toBeDefined();
  });

  it("refuses a DPIA summary together with 'no DPIA applies', on the summary", () => {
    expect(errors({ dpiaSummary: "DPIA of March", dpiaNotApplicable: "on" })).toEqual({ dpiaSummary: ['Clear the summary, or untick "No data protection impact assessment applies"'] });
  });

  it("refuses a malformed AI system id or version", () => {
    expect(errors({ aiSystemId: "42" }).aiSystemId).toBeDefined();
    expect(errors({ version: "0" }).version).toBeDefined();
    expect(errors({ version: "two" }).version).toBeDefined();
  });
});

describe("the pack's download options", () => {
  it("default to every registration on A4, and take one AI system and letter paper", () => {
    expect(registrationPackQuerySchema.parse({})).toEqual({ paper: "a4" });
    expect(registrationPackQuerySchema.parse({ aiSystemId: AI_SYSTEM, paper: "letter" })).toEqual({ aiSystemId: AI_SYSTEM, paper: "letter" });
    expect(registrationPackQuerySchema.safeParse({ paper: "a3" }).success).toBe(false);
    expect(registrationPackQuerySchema.safeParse({ aiSystemId: "x" }).success).toBe(false);
  });
});
