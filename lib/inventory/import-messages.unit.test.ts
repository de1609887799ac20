import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInventoryDocument } from "@/scoring/parse";
import type { Issue } from "@/scoring/schema/issues";
import { cellProblem, problemMessage } from "./import-messages";

// The validator's messages are zod's own English: they are produced here by validating real
// documents, so a zod upgrade that rewords them fails these tests rather than the users.
const example = () => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../examples/frankfurt-manufacturer.json"), "utf8"));
function issueAt(change: (doc: any) => void, at: string): Issue {
  const doc = example();
  change(doc);
  const parsed = parseInventoryDocument(doc);
  const issue = parsed.ok ? undefined : parsed.issues.find((i) => i.path === at);
  if (!issue) throw new Error(`no issue at ${at}: ${JSON.stringify(parsed.ok ? [] : parsed.issues)}`);
  return issue;
}

describe("import problems in the user's words", () => {
  it.each([
    ["a negative headcount", (d: any) => (d.offices[0].headcount = -1), "$.offices[0].headcount", "Headcount", "Headcount must be 0 or more"],
    ["a headcount with a fraction", (d: any) => (d.offices[0].headcount = 2.5), "$.offices[0].headcount", "Headcount", "Headcount must be a whole number"],
    ["a headcount that is text", (d: any) => (d.offices[0].headcount = "many"), "$.offices[0].headcount", "Headcount", "Headcount must be a number"],
    ["a negative downtime", (d: any) => (d.aiSystems[0].toleratedDowntimeHours = -2), "$.aiSystems[0].toleratedDowntimeHours", "Tolerated downtime (hours)", "Tolerated downtime (hours) must be 0 or more"],
    ["a criticality not among the choices", (d: any) => (d.aiSystems[0].criticality = "urgent"), "$.aiSystems[0].criticality", "Criticality", "Criticality must be one of: low, medium, high, critical"],
    ["a missing criticality", (d: any) => delete d.aiSystems[0].criticality, "$.aiSystems[0].criticality", "Criticality", "Criticality must be one of: low, medium, high, critical"],
    ["a missing country", (d: any) => delete d.offices[0].country, "$.offices[0].country", "Country", "Country is required"],
    ["a country's name where its code belongs", (d: any) => (d.offices[0].country = "GERMANY"), "$.offices[0].country", "country", 'country must be a country\'s ISO 3166-1 alpha-2 code such as DE or US (found "GERMANY")'],
    ["an empty name", (d: any) => (d.offices[0].name = ""), "$.offices[0].name", "Name", "Name must not be empty"],
    ["a date in another format", (d: any) => (d.fallbacks[0].lastTested = "01.02.2026"), "$.fallbacks[0].lastTested", "Last tested", "Last tested must be a date as YYYY-MM-DD"],
    ["a yes/no field holding text", (d: any) => (d.vendors[0].dpfCertified = "yes"), "$.vendors[0].dpfCertified", "DPF certified", "DPF certified must be yes or no"],
    ["a flow sending no category", (d: any) => (d.dataFlows[0].categories = []), "$.dataFlows[0].categories", "Data categories", "Data categories needs at least one value"],
    ["a notes text over its limit", (d: any) => (d.dependencies[0].notes = "x".repeat(2001)), "$.dependencies[0].notes", "Notes", "Notes must have at most 2000 characters"],
    ["an exit plan link that is no web address", (d: any) => (d.fallbacks[0].exitPlanUrl = "ftp://x"), "$.fallbacks[0].exitPlanUrl", "Exit plan link", "Exit plan link must be an http or https address"],
  ])("%s", (_what, change, at, label, said) => {
    const issue = issueAt(change, at);
    expect(problemMessage(label, issue.message)).toBe(said);
    expect(problemMessage(label, issue.message)).not.toMatch(/Too small|Too big|Invalid option|Invalid input|expected one of|\$\./);
  });

  it("keeps the engine's own sentences, and a message without a field, as they are", () => {
    expect(problemMessage("Source", 'give your own source: hq country differs from the catalogue entry "mistral"')).toBe('give your own source: hq country differs from the catalogue entry "mistral"');
    expect(problemMessage(undefined, "Too small: expected number to be >=0")).toBe("Too small: expected number to be >=0");
  });

  it("says the database's limit on a number in full", () => {
    expect(problemMessage("Headcount", "too large: at most 2147483647")).toBe("Headcount is too large: at most 2,147,483,647");
  });

  it("names the column and the value found in a cell's own problems", () => {
    expect(cellProblem.choice("Criticality", ["low", "medium", "high", "critical"], "urgent")).toBe('Criticality must be one of: low, medium, high, critical (found "urgent")');
    expect(cellProblem.number("Headcount", "about 40")).toBe('Headcount must be a number (found "about 40")');
    expect(cellProblem.country("HQ country", "Atlantis")).toBe('HQ country must be a country: its name in English or its ISO code, e.g. Germany, DE or DEU (found "Atlantis")');
  });
});

describe("the rewrites the example document does not reach", () => {
  // zod's own messages for the other bounds a schema may set, so a rewording fails here too.
  const messageOf = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error(`${JSON.stringify(value)} passed`);
    return parsed.error.issues[0]!.message;
  };

  it.each([
    ["an exclusive lower bound", z.number().gt(0), 0, "Share must be more than 0"],
    ["an inclusive upper bound", z.number().max(100), 101, "Share must be 100 or less"],
    ["an exclusive upper bound", z.number().lt(1), 1, "Share must be less than 1"],
    ["a shortest text", z.string().min(3), "ab", "Share must have at least 3 characters"],
    ["a shortest list", z.array(z.string()).min(2), ["a"], "Share needs at least 2 values"],
    ["a longest list", z.array(z.string()).max(2), ["a", "b", "c"], "Share takes at most 2 values"],
    ["a literal", z.literal("1.0"), "2.0", "Share must be 1.0"],
    ["an address", z.url(), "not an address", "Share must be an http or https address"],
  ])("says %s in words", (_what, schema, value, said) => {
    expect(problemMessage("Share", messageOf(schema as z.ZodType, value))).toBe(said);
  });

  it("names the column, the choices and the value found in a list cell, a JSON cell and a number where text belongs", () => {
    expect(cellProblem.choiceInList("Data categories", ["personal", "health"], "secret")).toBe('Data categories takes values among: personal, health, separated by ; (found "secret")');
    expect(cellProblem.json("Regions", "Unexpected token")).toBe("Regions must be JSON (Unexpected token)");
    expect(cellProblem.text("Name", 42)).toBe("Name must be text, not the number 42");
    expect(cellProblem.boolean("DPF certified", "maybe")).toBe('DPF certified must be yes or no (found "maybe")');
  });
});
