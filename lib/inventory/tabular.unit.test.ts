import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInventoryDocument } from "@/scoring/parse";
import type { InventoryDocumentInput } from "@/scoring/schema/inventory";
import {
  documentToRecords,
  documentToTables,
  issuesToProblems,
  mergeRecords,
  neutralise,
  noTableMessage,
  recordsToDocument,
  TABLE_COLUMNS,
  TABLE_ENTITIES,
  tableOfHeaders,
  tablesToRecords,
  unneutralise,
  type Cell,
  type RawTable,
  type Records,
  type TableEntity,
} from "./tabular";

const example = (name: string): InventoryDocumentInput => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../examples", name), "utf8"));
const organisation = { key: "acme", name: "Acme", hqCountry: "DE" } as const;
const table = (entity: TableEntity, headers: string[], ...rows: Cell[][]): RawTable => ({ entity, sheet: "Sheet", headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });
const empty = () => documentToRecords({ schemaVersion: "1.0", organisation, offices: [], vendors: [], models: [], aiSystems: [], dependencies: [] });

/** Exported tables read back as they would be from a file (cells neutralised as written). */
const asRead = (doc: InventoryDocumentInput): RawTable[] =>
  documentToTables(doc).map((t) => ({ entity: t.entity, sheet: t.title, headers: t.headers, rows: t.rows.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => (typeof c === "string" ? neutralise(c) : c)) })) }));

describe("formula neutralising", () => {
  it("prefixes text a spreadsheet would evaluate and leaves other text alone", () => {
    expect(["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "plain", "a=b", ""].map(neutralise)).toEqual(["'=1+1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "''=x", "plain", "a=b", ""]);
  });

  it("is reversed exactly by unneutralise, for any text", () => {
    fc.assert(fc.property(fc.string(), (s) => unneutralise(neutralise(s)) === s));
    fc.assert(fc.property(fc.string(), (s) => !/^[=+\-@\t\r]/.test(neutralise(s))));
  });
});

describe("document to tables and back", () => {
  it("gives back a document with the same rows for the Frankfurt example (keys aside, which are derived from names)", () => {
    const doc = example("frankfurt-manufacturer.json");
    const { records, problems } = tablesToRecords(asRead(doc));
    expect(problems).toEqual([]);
    const back = recordsToDocument(mergeRecords(empty(), records), organisation);
    expect(back.problems).toEqual([]);
    const parsed = parseInventoryDocument(back.document);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    // Same tables again: nothing lost on the way.
    expect(documentToTables(back.document)).toEqual(documentToTables(doc));
  });

  it("carries a policy event's estimated date, how it was read, its references, a partial lift's named sets and licence terms through the tables", () => {
    const doc = example("frankfurt-manufacturer.json");
    doc.policyEvents = [
      {
        key: "claude-outside-us",
        kind: "impose",
        title: "Claude withdrawn outside the US",
        effectiveDate: "2026-03-02",
        dateEstimated: true,
        dateNote: "No source gives the date; dated from the press reports' window.",
        source: "Press reports",
        references: [{ title: "=Undated column" }, { publisher: "Example Gazette", title: "Claude cut off", url: "https://example.test/x", note: "Names Berlin." }],
        type: "licence-term",
        issuer: "vendor",
        scope: { vendors: ["openai"] },
        restrictions: [{ countries: { only: [], sets: ["eu-member-states"] }, locus: "licensee", severity: "block" }],
      },
      { key: "claude-back-for-allies", kind: "lift", title: "Claude back for allies", effectiveDate: "2026-07-13", dateEstimated: true, source: "Press report", lifts: "claude-outside-us", countries: { only: ["CH"], sets: ["us-key-allies"] } },
    ];
    const tables = asRead(doc);
    const events = tables.find((t) => t.entity === "policy_events")!;
    expect(events.headers).toEqual(expect.arrayContaining(["Date estimated", "Date note", "References (JSON)", "Countries lifted (JSON)"]));
    const { records, problems } = tablesToRecords(tables);
    expect(problems).toEqual([]);
    const back = recordsToDocument(mergeRecords(empty(), records), organisation);
    expect(back.problems).toEqual([]);
    expect(back.document.policyEvents).toEqual(doc.policyEvents);
    const parsed = parseInventoryDocument(back.document);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it("reads lists, yes/no, numbers with a decimal comma and enum spellings people type", () => {
    const { records, problems } = tablesToRecords([
      table("ai_systems", ["name", "CRITICALITY", "Tolerated downtime (hours)", "Offices", "Data sensitivity"], ["Bot", "High", "1,5", "Berlin; Paris;", "Trade secret"]),
      table("vendors", ["Name", "Type", "HQ country", "DPF certified"], ["Acme", "frontier_lab", "us", "Yes"], ["Beta", "other", "DE", "maybe"]),
    ]);
    expect(records.ai_systems![0]!.record).toEqual({ name: "Bot", criticality: "high", toleratedDowntimeHours: 1.5, offices: ["Berlin", "Paris"], dataSensitivity: "trade-secret" });
    expect(records.vendors![0]!.record).toEqual({ name: "Acme", type: "frontier-lab", hqCountry: "US", dpfCertified: true });
    expect(problems).toEqual([{ sheet: "Sheet", row: 3, column: "DPF certified", message: 'DPF certified must be yes or no (found "maybe")', severity: "error" }]);
  });

  it("reports missing required columns, repeated columns and empty required cells; warns about unknown columns", () => {
    const { problems } = tablesToRecords([
      table("offices", ["Name", "Colour"], ["Berlin", "red"]),
      table("vendors", ["Name", "Type", "HQ country", "Name"], ["", "other", "DE", "x"]),
    ]);
    expect(problems).toEqual([
      { sheet: "Sheet", row: 1, column: "Colour", message: expect.stringContaining('unknown column "Colour" is ignored'), severity: "warning" },
      { sheet: "Sheet", row: 1, column: "Country", message: 'the required column "Country" is missing', severity: "error" },
      { sheet: "Sheet", row: 1, column: "Name", message: 'the column "Name" appears twice', severity: "error" },
      { sheet: "Sheet", row: 2, column: "Name", message: "Name is required", severity: "error" },
    ]);
  });

  it("reports a repeated natural key on the second row, naming the first", () => {
    const { problems } = tablesToRecords([table("models", ["Name", "Vendor", "Weights"], ["M", "A", "open"], ["M", "B", "open"], ["M", "A", "closed"])]);
    expect(problems).toEqual([{ sheet: "Sheet", row: 4, column: "Name", message: expect.stringContaining('model "M" of vendor "A" appears twice (already on row 2)'), severity: "error" }]);
  });

  it("lays uploaded rows over the current ones by natural key, so a file may refer to rows it does not repeat", () => {
    const current = documentToRecords(example("frankfurt-manufacturer.json"));
    const { records } = tablesToRecords([table("models", ["Name", "Vendor", "Weights", "Licence"], ["GPT-4o", "OpenAI", "closed", "New terms"], ["Brand new", "OpenAI", "open", null])]);
    const merged = mergeRecords(current, records);
    expect(merged.models).toHaveLength(current.models.length + 1);
    expect(merged.models.find((m) => m.record.name === "GPT-4o")).toMatchObject({ record: { licence: "New terms" }, origin: { row: 2 } });
    expect(merged.vendors).toBe(current.vendors);
    const doc = recordsToDocument(merged, organisation);
    expect(doc.problems).toEqual([]);
    expect(parseInventoryDocument(doc.document).ok).toBe(true);
  });

  it("names unknown references by name on their cell, and maps the validator's issues to sheet, row and column", () => {
    const { records, problems } = tablesToRecords([
      table("offices", ["Name", "Country", "Headcount"], ["Berlin", "XX", -3]),
      table("ai_systems", ["Name", "Criticality", "Tolerated downtime (hours)", "Offices"], ["Bot", "urgent", 4, "Berlin; Lisbon"]),
      table("dependencies", ["AI system", "Model", "Vendor of model", "Access path", "Hosting region"], ["Bot", "M", "V", "direct-api", "eu-west"]),
    ]);
    // A value the table can tell is wrong is named on its cell, in the column's words.
    expect(problems).toEqual([
      { sheet: "Sheet", row: 2, column: "Country", message: 'Country must be a country: its name in English or its ISO code, e.g. Germany, DE or DEU (found "XX")', severity: "error" },
      { sheet: "Sheet", row: 2, column: "Criticality", message: 'Criticality must be one of: low, medium, high, critical (found "urgent")', severity: "error" },
    ]);
    const built = recordsToDocument(mergeRecords(empty(), records), organisation);
    expect(built.problems).toEqual([
      { sheet: "Sheet", row: 2, column: "Offices", message: 'no office named "Lisbon" (add it to Offices first)', severity: "error" },
      { sheet: "Sheet", row: 2, column: "Model", message: 'no model "M" of vendor "V" (add it to Models first)', severity: "error" },
    ]);
    const parsed = parseInventoryDocument(built.document);
    if (parsed.ok) throw new Error("must fail");
    // The rest comes from the validator, on the cell the row came from, said the same way; a cell
    // with a problem already gets no second one.
    expect(issuesToProblems(parsed.issues, built.origins, [...problems, ...built.problems])).toEqual([
      { sheet: "Sheet", row: 2, column: "Headcount", message: "Headcount must be 0 or more", severity: "error" },
      { sheet: "Sheet", row: 2, column: "Hosting country", message: "Hosting country is required", severity: "error" },
    ]);
  });

  it("keeps every row's origin so plan paths map back to the file", () => {
    const { records } = tablesToRecords([table("vendors", ["Name", "Type", "HQ country"], ["A", "other", "DE"], ["B", "other", "DE"])]);
    const current: Records = documentToRecords(example("us-startup.json"));
    const built = recordsToDocument(mergeRecords(current, records), organisation);
    const origins = built.origins.vendors!;
    expect(origins.slice(-2)).toEqual([{ sheet: "Sheet", row: 2 }, { sheet: "Sheet", row: 3 }]);
    expect(origins.slice(0, -2).every((o) => o === undefined)).toBe(true);
  });
});

describe("which table a CSV file holds, from its header row", () => {
  it.each(TABLE_ENTITIES.map((e) => [e] as const))("knows %s by its export's header row, and by its required columns alone", (entity) => {
    expect(tableOfHeaders(TABLE_COLUMNS[entity].map((c) => c.header))).toBe(entity);
    expect(tableOfHeaders(TABLE_COLUMNS[entity].filter((c) => c.required).map((c) => c.header.toUpperCase()))).toBe(entity);
  });

  it("tells a dependency from the fallback and the data flow that name one", () => {
    expect(tableOfHeaders(["AI system", "Model", "Vendor of model", "Access path", "Notes"])).toBe("dependencies");
    expect(tableOfHeaders(["AI system", "Model", "Vendor of model", "Access path", "Fallback model", "Vendor of fallback model", "Fallback access path"])).toBe("fallbacks");
    expect(tableOfHeaders(["From office", "AI system", "Model", "Vendor of model", "Access path", "Data categories"])).toBe("data_flows");
  });

  it("guesses nothing for a header row that fits no table", () => {
    expect(tableOfHeaders(["Colour", "Size"])).toBeUndefined();
    expect(tableOfHeaders(["Name"])).toBeUndefined(); // a name alone: offices, vendors, models and AI systems all have one
    expect(tableOfHeaders([])).toBeUndefined();
  });

  it("lists every table with its columns when refusing, the required ones marked", () => {
    const message = noTableMessage(["Colour", "Size"]);
    expect(message).toMatch(/^the header row \("Colour", "Size"\) matches no inventory table, so the file was not read\./);
    for (const entity of TABLE_ENTITIES) expect(message).toContain(`${TABLE_COLUMNS[entity][0]!.header}`);
    expect(message).toContain("Offices: Name (required), Country (required), Headcount, Teams.");
    expect(noTableMessage(["Colour"], "vendors")).toMatch(/^the header row \("Colour"\) matches none of the columns of Vendors,/);
  });
});
