import { describe, expect, it } from "vitest";
import { ANNEX_III_AREAS, ANNEX_VIII_C, ANSWER_FIELDS, annexIIIAreaLabel, annexIIIAreaNote, annexPointOf, missingFieldKeys, missingFields, type RegistrationFields } from "./annex-viii";
import { registrationPackFileName, registrationTable, REGISTRATION_CSV_HEADERS, toRegistrationForm } from "./pack";

const filled: RegistrationFields = {
  annexIIIArea: "5",
  deployerName: "Stadt Musterhausen",
  deployerAddress: "Rathausplatz 1\n12345 Musterhausen",
  deployerContact: "ki-register@musterhausen.example",
  submitterName: "Eva Schmidt, Data Protection Officer",
  submitterAddress: "Rathausplatz 1, 12345 Musterhausen",
  submitterContact: "+49 30 1234567",
  providerEuDatabaseUrl: "https://eu-database.example.eu/entries/42",
  friaSummary: "Risk of unequal access for non-German speakers; mitigated by human review.",
  dpiaSummary: "DPIA of 2026-03-01: residual risk low.",
  dpiaNotApplicable: false,
};

describe("the Annex III areas", () => {
  it("are the eight points of Annex III, each in words with its number", () => {
    expect(Object.keys(ANNEX_III_AREAS)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(annexIIIAreaLabel("1")).toBe("Annex III point 1: Biometrics");
    expect(annexIIIAreaLabel("4")).toBe("Annex III point 4: Employment, workers' management and access to self-employment");
    expect(annexIIIAreaLabel("8")).toBe("Annex III point 8: Administration of justice and democratic processes");
  });

  it("say 'Not recorded' when no area is judged, and never show an internal value without words", () => {
    expect(annexIIIAreaLabel(null)).toBe("Not recorded");
    expect(annexIIIAreaLabel("")).toBe("Not recorded");
    // Only what the database may hold after a future change: still a sentence, not "undefined".
    expect(annexIIIAreaLabel("9")).toBe("Annex III point 9");
    expect(annexIIIAreaLabel("constructor")).toBe("Annex III point constructor");
  });

  it("note that point 2 is outside Art. 49(3), that points 1, 6 and 7 may go to the non-public section, and nothing for the others", () => {
    expect(annexIIIAreaNote("2")).toMatch(/Art\. 49\(3\) does not cover Annex III point 2.*national level \(Art\. 49\(5\)\)/);
    for (const area of ["1", "6", "7"]) expect(annexIIIAreaNote(area)).toMatch(/secure non-public section.*Art\. 49\(4\)/);
    for (const area of ["3", "4", "5", "8"]) expect(annexIIIAreaNote(area)).toBeNull();
    expect(annexIIIAreaNote(null)).toMatch(/not recorded yet/);
  });
});

describe("Annex VIII Section C", () => {
  it("has its five items in the Regulation's words, answered by nine fields in order", () => {
    expect(ANNEX_VIII_C.map((i) => i.point)).toEqual([1, 2, 3, 4, 5]);
    expect(ANNEX_VIII_C[0].wording).toBe("The name, address and contact details of the deployer");
    expect(ANNEX_VIII_C[2].wording).toBe("The URL of the entry of the AI system in the EU database by its provider");
    expect(ANNEX_VIII_C[4].wording).toMatch(/Article 35 of Regulation \(EU\) 2016\/679 or Article 27 of Directive \(EU\) 2016\/680 .* where applicable$/);
    expect(ANSWER_FIELDS).toEqual(["deployerName", "deployerAddress", "deployerContact", "submitterName", "submitterAddress", "submitterContact", "providerEuDatabaseUrl", "friaSummary", "dpiaSummary"]);
    expect(ANSWER_FIELDS.map(annexPointOf)).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 5]);
  });
});

describe("missingFields", () => {
  it("finds nothing missing in a complete registration", () => {
    expect(missingFields(filled)).toEqual([]);
    expect(missingFieldKeys(filled)).toEqual([]);
  });

  it("lists every empty answer in plain words, in the order of the Annex", () => {
    const partial = { ...filled, deployerContact: "", submitterAddress: "", providerEuDatabaseUrl: "", friaSummary: "" };
    expect(missingFields(partial)).toEqual(["Deployer's contact details", "Address of the person submitting", "Provider's EU database entry (URL)", "Fundamental rights impact assessment: summary of findings"]);
  });

  it("counts blank text (spaces, line breaks) as missing", () => {
    expect(missingFieldKeys({ ...filled, submitterName: "   ", friaSummary: "\n\t " })).toEqual(["submitterName", "friaSummary"]);
  });

  it("does not ask for a DPIA summary when the deployer marked that none applies, and asks for it otherwise", () => {
    expect(missingFieldKeys({ ...filled, dpiaSummary: "", dpiaNotApplicable: true })).toEqual([]);
    expect(missingFields({ ...filled, dpiaSummary: "", dpiaNotApplicable: false })).toEqual(["Data protection impact assessment: summary (or mark that none applies)"]);
  });

  it("does not count the Annex III area, which is not an Annex VIII C item", () => {
    expect(missingFields({ ...filled, annexIIIArea: null })).toEqual([]);
  });

  it("lacks every item without a registration", () => {
    expect(missingFieldKeys(null)).toEqual(ANSWER_FIELDS);
    expect(missingFields(undefined)).toHaveLength(9);
  });
});

describe("the pack as a table", () => {
  const form = (name: string, fields: RegistrationFields) =>
    toRegistrationForm({ ...fields, version: 2, updatedAt: new Date("2026-12-01T10:15:30Z"), aiSystem: { id: `id-${name}`, name, owner: "Ops", description: "Purpose" } });

  it("writes one row per registration: the area in words, every field, the DPIA answer and what is missing", () => {
    const table = registrationTable({ forms: [form("Benefits triage", filled), form("Chatbot", { ...filled, annexIIIArea: null, providerEuDatabaseUrl: "", dpiaSummary: "", dpiaNotApplicable: true })] });
    expect(table.headers).toEqual([...REGISTRATION_CSV_HEADERS]);
    const row = (i: number) => Object.fromEntries(table.headers.map((h, j) => [h, table.rows[i]![j]]));
    expect(row(0)).toMatchObject({
      "AI system": "Benefits triage",
      "Annex III area": "Annex III point 5: Access to essential private and public services and benefits",
      "Deployer's address": "Rathausplatz 1\n12345 Musterhausen",
      "Provider's EU database entry (URL)": "https://eu-database.example.eu/entries/42",
      "No data protection impact assessment applies": "no",
      "Missing (Annex VIII C)": "",
      Complete: "yes",
      "Last changed (UTC)": "2026-12-01 10:15",
    });
    expect(row(1)).toMatchObject({ "Annex III area": "Not recorded", "No data protection impact assessment applies": "yes", "Missing (Annex VIII C)": "Provider's EU database entry (URL)", Complete: "no" });
  });

  it("names the file after the organisation, the day and, for one form, the AI system", () => {
    const pack = { generatedAt: "2026-12-07T09:00:00.000Z", forms: [form("Benefits triage (pilot)", filled)] };
    expect(registrationPackFileName("stadt", pack, "pdf")).toBe("sovra-stadt-2026-12-07-ai-act-registration-pack.pdf");
    expect(registrationPackFileName("stadt", pack, "pdf", true)).toBe("sovra-stadt-2026-12-07-ai-act-registration-benefits-triage-pilot.pdf");
    expect(registrationPackFileName("stadt", { ...pack, forms: [form("Übersetzung", filled)] }, "pdf", true)).toBe("sovra-stadt-2026-12-07-ai-act-registration-bersetzung.pdf");
    expect(registrationPackFileName("stadt", { ...pack, forms: [form("ÄÖÜ", filled)] }, "csv", true)).toBe("sovra-stadt-2026-12-07-ai-act-registration-ai-system.csv");
  });
});
