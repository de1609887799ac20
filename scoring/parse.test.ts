import { afterEach, describe, expect, it, vi } from "vitest";
import { parseInventoryDocument, parseJsonText, parseScenario, type ParseResult } from "./parse";
import { smallDoc } from "./testing/fixtures";

// parseJsonText turns a JSON syntax error into one issue at "$" whose message says where the
// error is as "(line L, column C)", the same on every supported Node version (Node 20 says
// "in JSON at position N"; Node 22 adds "(line L column C)" itself).

const accept = (input: unknown): ParseResult<unknown> => ({ ok: true, value: input });
const jsonIssues = (text: string) => {
  const r = parseJsonText(text, accept);
  return r.ok ? [] : r.issues;
};

/** Twelve lines; the stray "x" is on line 12, column 12 (offset 43). */
const TRAILING_X = "[\n" + "1,\n".repeat(10) + "1]         x";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("parseJsonText", () => {
  it("hands valid JSON to the validator and returns its answer", () => {
    expect(parseJsonText('{"a": [1, 2]}', accept)).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonText("[]", () => ({ ok: false, issues: [{ path: "$", message: "no" }] }))).toEqual({ ok: false, issues: [{ path: "$", message: "no" }] });
  });

  it.each([
    ["an unquoted name on line 1", "{ nope", "invalid JSON: Expected property name or '}' (line 1, column 3)"],
    ["an unquoted name on line 3", '{\n  "schemaVersion": "1.0",\n  oops\n}', "invalid JSON: Expected double-quoted property name (line 3, column 3)"],
    ["a trailing comma after several lines", '{\n  "a": 1,\n  "b": 2,\n}', "invalid JSON: Expected double-quoted property name (line 4, column 1)"],
    ["an unterminated string", '"abc', "invalid JSON: Unterminated string (line 1, column 5)"],
    ["text after the document", '{"a":1}x', "invalid JSON: Unexpected non-whitespace character after JSON at position 7 (line 1, column 8)"],
    ["text after the document on line 12, column 12", TRAILING_X, "invalid JSON: Unexpected non-whitespace character after JSON at position 43 (line 12, column 12)"],
  ])("locates %s", (_label, text, message) => {
    expect(jsonIssues(text)).toEqual([{ path: "$", message }]);
  });

  it.each([
    ["an empty text", "", "invalid JSON: Unexpected end of JSON input"],
    ["a trailing comma in an array", "[1,]", `invalid JSON: Unexpected token ']', "[1,]" is not valid JSON`],
  ])("passes on the parser's message when it gives no position (%s)", (_label, text, message) => {
    expect(jsonIssues(text)).toEqual([{ path: "$", message }]);
  });

  it("does not repeat the line and column that newer Node versions already put in the message", () => {
    vi.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw new SyntaxError("Unexpected non-whitespace character after JSON at position 43 (line 12 column 12)");
    });
    expect(jsonIssues(TRAILING_X)).toEqual([{ path: "$", message: "invalid JSON: Unexpected non-whitespace character after JSON at position 43 (line 12, column 12)" }]);
  });

  it("drops Node 22's position and line note after 'in JSON'", () => {
    vi.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw new SyntaxError("Expected double-quoted property name in JSON at position 14 (line 3 column 3)");
    });
    expect(jsonIssues('{\n  "a": 1,\n  oops\n}')).toEqual([{ path: "$", message: "invalid JSON: Expected double-quoted property name (line 3, column 3)" }]);
  });

  it("reports something thrown that is not an Error as text", () => {
    vi.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw "parser crashed";
    });
    expect(jsonIssues("{}")).toEqual([{ path: "$", message: "invalid JSON: parser crashed" }]);
  });
});

describe("parseInventoryDocument", () => {
  it("returns the document with its defaults applied", () => {
    const { dataFlows: _f, fallbacks: _b, policyEvents: _p, ...bare } = smallDoc();
    const r = parseInventoryDocument(bare);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.dataFlows).toEqual([]);
      expect(r.value.fallbacks).toEqual([]);
      expect(r.value.policyEvents).toEqual([]);
    }
  });

  it("checks references only once the schema holds, and accepts lifts of catalogue events", () => {
    const bad = structuredClone(smallDoc()) as any;
    bad.offices[0].country = "XX";
    bad.dependencies[0].model = "gpt-9";
    expect(parseInventoryDocument(bad)).toEqual({
      ok: false,
      issues: [{ path: "$.offices[0].country", message: 'expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "XX"' }],
    });

    const lift = smallDoc({ policyEvents: [{ key: "l", kind: "lift", lifts: "us-ai-diffusion-rule-2025", title: "t", effectiveDate: "2025-05-13", source: "s" }] });
    expect(parseInventoryDocument(lift).ok).toBe(true);
  });
});

describe("parseScenario", () => {
  it("accepts a valid scenario and refuses an empty one with the path of each problem", () => {
    const shock = { type: "closed-models-unavailable", vendorCountries: ["US"], region: { only: ["DE"] } };
    expect(parseScenario({ schemaVersion: "1.0", key: "s", name: "S", shocks: [shock] })).toEqual({
      ok: true,
      value: { schemaVersion: "1.0", key: "s", name: "S", shocks: [shock] },
    });
    expect(parseScenario({ schemaVersion: "2.0", key: "s", name: "S", shocks: [] })).toEqual({
      ok: false,
      issues: [
        { path: "$.schemaVersion", message: 'expected schemaVersion "1.0"' },
        { path: "$.shocks", message: "Too small: expected array to have >=1 items" },
      ],
    });
  });
});
