import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInventoryDocument, parseScenario } from "../parse";
import { smallDoc } from "../testing/fixtures";
import { inventoryDocumentSchema, type InventoryDocument } from "./inventory";
import { formatPath, issuesFromZod } from "./issues";
import { countryCodeSchema, countrySetKeySchema, keySchema } from "./primitives";
import { checkReferences } from "./references";

// What a user reads when a document is refused: the JSON path of each problem and its sentence.
// These pin the exact paths and messages of the schema modules (issues, references, inventory,
// primitives, scenario).

const COUNTRY_SET_KEYS_TEXT = "us-key-allies, us-country-group-d5, eu-member-states, eea";

const issuesOf = (input: unknown) => {
  const r = parseInventoryDocument(input);
  return r.ok ? [] : r.issues;
};
const scenarioIssues = (shocks: unknown[]) => {
  const r = parseScenario({ schemaVersion: "1.0", key: "s", name: "S", shocks });
  return r.ok ? [] : r.issues;
};
const mutated = (mutate: (d: any) => void): unknown => {
  const d = structuredClone(smallDoc()) as any;
  mutate(d);
  return d;
};
const imposeEvent = (countries: unknown) => ({
  key: "e",
  kind: "impose",
  type: "ban",
  issuer: "US",
  title: "A ban",
  effectiveDate: "2025-01-01",
  source: "s",
  scope: {},
  restrictions: [{ countries, locus: "users", severity: "block" }],
});

describe("formatPath", () => {
  it.each([
    [[], "$"],
    [["dependencies", 3, "model"], "$.dependencies[3].model"],
    [["ok_1", "$x", "_y", "trade-secret"], "$.ok_1.$x._y.trade-secret"],
    [["a b"], '$["a b"]'],
    [["offices", 0, "my colour"], '$.offices[0]["my colour"]'],
    [["1st"], '$["1st"]'],
    [["-x"], '$["-x"]'],
    [["x.y"], '$["x.y"]'],
    [['say "hi"'], '$["say \\"hi\\""]'],
  ] as const)("formats %j as %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });

  it("quotes a symbol key by its description instead of failing", () => {
    expect(formatPath(["a", Symbol("s")])).toBe('$.a["Symbol(s)"]');
  });

  it("quotes an unknown field whose name is not an identifier", () => {
    expect(issuesOf(mutated((d) => (d.organisation["my colour"] = "blue")))).toEqual([
      { path: '$.organisation["my colour"]', message: 'unknown field "my colour" (not part of the format)' },
    ]);
  });
});

describe("issuesFromZod: missing and mistyped fields", () => {
  it("calls an absent plain field missing and names the expected type", () => {
    expect(issuesOf(mutated((d) => delete d.organisation.name))).toEqual([{ path: "$.organisation.name", message: "required field is missing (expected string)" }]);
  });

  it("keeps zod's sentence for a field that is present but of the wrong type", () => {
    expect(
      issuesOf(
        mutated((d) => {
          d.offices[0].headcount = 2.5;
          d.organisation.dpfCertified = "yes";
        }),
      ),
    ).toEqual([
      { path: "$.organisation.dpfCertified", message: "Invalid input: expected boolean, received string" },
      { path: "$.offices[0].headcount", message: "Invalid input: expected int, received number" },
    ]);
  });

  it("keeps a refinement's own message (not a type problem)", () => {
    expect(issuesOf(mutated((d) => (d.aiSystems[0].toleratedDowntimeHours = -1)))).toEqual([
      { path: "$.aiSystems[0].toleratedDowntimeHours", message: "Too small: expected number to be >=0" },
    ]);
  });

  it("uses the input when zod reports it: absent means missing, even with a custom message", () => {
    const schema = z.object({ n: z.number({ error: "a number, please" }), h: z.number().int(), b: z.boolean() });
    const r = schema.safeParse({ h: 2.5, b: "yes" }, { reportInput: true });
    expect(r.success).toBe(false);
    expect(issuesFromZod(r.error!)).toEqual([
      { path: "$.n", message: "required field is missing (expected number)" },
      { path: "$.h", message: "Invalid input: expected int, received number" },
      { path: "$.b", message: "Invalid input: expected boolean, received string" },
    ]);
  });

  it("rewrites only type problems: a value problem whose message ends in 'received undefined' keeps its message", () => {
    const r = z.object({ set: countrySetKeySchema }).safeParse({});
    expect(issuesFromZod(r.error!)).toEqual([{ path: "$.set", message: `expected the key of a country set in the catalogue (${COUNTRY_SET_KEYS_TEXT}), received undefined` }]);
  });

  it("prefixes every path with the given prefix", () => {
    const r = z.object({ n: z.number() }).safeParse({ n: "1" });
    expect(issuesFromZod(r.error!, ["rows", 2])).toEqual([{ path: "$.rows[2].n", message: "Invalid input: expected number, received string" }]);
  });
});

describe("issuesFromZod: unions report the branch that got furthest", () => {
  it.each([
    ["an unknown country in a listed set", { only: ["XX"] }, "$.policyEvents[0].restrictions[0].countries.only[0]", 'expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "XX"'],
    ["an unknown country in an all-except set (the second branch)", { allExcept: ["XX"] }, "$.policyEvents[0].restrictions[0].countries.allExcept[0]", 'expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "XX"'],
    ["an unknown named set", { only: ["DE"], sets: ["zz"] }, "$.policyEvents[0].restrictions[0].countries.sets[0]", `expected the key of a country set in the catalogue (${COUNTRY_SET_KEYS_TEXT}), received "zz"`],
    ["an empty listed set", { only: [] }, "$.policyEvents[0].restrictions[0].countries.only", "expected at least one country or country set"],
  ])("reports %s at the field itself", (_label, countries, path, message) => {
    expect(issuesOf(smallDoc({ policyEvents: [imposeEvent(countries) as any] }))).toEqual([{ path, message }]);
  });

  it("reports an unknown event kind at the discriminator", () => {
    expect(issuesOf(smallDoc({ policyEvents: [{ key: "e", kind: "ban" } as any] }))).toEqual([
      { path: "$.policyEvents[0].kind", message: "Invalid discriminator value. Expected 'impose' | 'lift'" },
    ]);
  });

  it("reports a cloud-region-lost shock with neither region nor country at its region", () => {
    expect(scenarioIssues([{ type: "cloud-region-lost", cloud: "aws" }])).toEqual([
      { path: "$.shocks[0].region", message: "expected a region or a country for cloud-region-lost" },
    ]);
  });

  it("reports a shock's mistyped vendor key with the key's own message", () => {
    expect(scenarioIssues([{ type: "vendor-blocked", vendor: 5, countries: { only: ["DE"] } }])).toEqual([{ path: "$.shocks[0].vendor", message: "expected a key (string)" }]);
  });
});

describe("checkReferences", () => {
  it("finds nothing wrong in a consistent document", () => {
    expect(checkReferences(smallDoc())).toEqual([]);
  });

  it("reports a duplicate key in every collection, pointing at the first use", () => {
    const base = smallDoc();
    const doc: InventoryDocument = {
      ...base,
      offices: [...base.offices, { key: "fra", name: "Frankfurt again", country: "DE" }],
      vendors: [...base.vendors, { key: "openai", name: "OpenAI again", type: "frontier-lab", hqCountry: "US" }],
      models: [...base.models, { key: "gpt", name: "GPT again", vendor: "openai", weights: "closed" }],
      aiSystems: [...base.aiSystems, { key: "bot", name: "Bot again", criticality: "low", toleratedDowntimeHours: 1, offices: ["fra"] }],
      dependencies: [...base.dependencies, { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" }],
      dataFlows: [...base.dataFlows, { key: "f1", fromOffice: "fra", dependency: "bot/gpt", categories: ["internal"] }],
      fallbacks: [
        { key: "fb", dependency: "bot/gpt", model: "llama", accessPath: "self-hosted" },
        { key: "fb", dependency: "bot/gpt", model: "mistral-small", accessPath: "self-hosted" },
      ],
      policyEvents: [
        { key: "ev", kind: "lift", lifts: "ev0", title: "t", effectiveDate: "2025-01-01", source: "s" },
        { key: "ev0", kind: "lift", lifts: "ev", title: "t", effectiveDate: "2025-01-01", source: "s" },
        { key: "ev", kind: "lift", lifts: "ev0", title: "t", effectiveDate: "2025-02-01", source: "s" },
      ],
    };
    expect(checkReferences(doc)).toEqual([
      { path: "$.offices[2].key", message: 'duplicate key "fra" (already used at $.offices[0])' },
      { path: "$.vendors[4].key", message: 'duplicate key "openai" (already used at $.vendors[0])' },
      { path: "$.models[3].key", message: 'duplicate key "gpt" (already used at $.models[0])' },
      { path: "$.aiSystems[1].key", message: 'duplicate key "bot" (already used at $.aiSystems[0])' },
      { path: "$.dependencies[1].key", message: 'duplicate key "bot/gpt" (already used at $.dependencies[0])' },
      { path: "$.dataFlows[1].key", message: 'duplicate key "f1" (already used at $.dataFlows[0])' },
      { path: "$.fallbacks[1].key", message: 'duplicate key "fb" (already used at $.fallbacks[0])' },
      { path: "$.policyEvents[2].key", message: 'duplicate key "ev" (already used at $.policyEvents[0])' },
    ]);
  });

  it("reports every dangling reference with its path and the collection it should point into", () => {
    const base = smallDoc();
    const doc: InventoryDocument = {
      ...base,
      models: [...base.models, { key: "ghost-model", name: "Ghost", vendor: "nobody", weights: "open" }],
      aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "tokyo"] }],
      dependencies: [
        { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" },
        { key: "x/y", system: "nosystem", model: "gpt-9", accessPath: "cloud-marketplace", cloud: "aws", hostingRegion: { country: "DE" } },
      ],
      dataFlows: [{ key: "f1", fromOffice: "paris", dependency: "nodep", categories: ["personal"] }],
      fallbacks: [{ key: "fb", dependency: "gone", model: "nomodel", accessPath: "third-party-hosted", cloud: "gcp", hostingRegion: { country: "FR" } }],
      policyEvents: [{ key: "l", kind: "lift", lifts: "ghost-event", title: "t", effectiveDate: "2025-01-01", source: "s" }],
    };
    expect(checkReferences(doc)).toEqual([
      { path: "$.models[3].vendor", message: 'unknown vendor "nobody": expected the key of an entry in $.vendors' },
      { path: "$.aiSystems[0].offices[1]", message: 'unknown office "tokyo": expected the key of an entry in $.offices' },
      { path: "$.dependencies[1].system", message: 'unknown AI system "nosystem": expected the key of an entry in $.aiSystems' },
      { path: "$.dependencies[1].model", message: 'unknown model "gpt-9": expected the key of an entry in $.models' },
      { path: "$.dependencies[1].cloud", message: 'unknown cloud vendor "aws": expected the key of an entry in $.vendors' },
      { path: "$.dataFlows[0].fromOffice", message: 'unknown office "paris": expected the key of an entry in $.offices' },
      { path: "$.dataFlows[0].dependency", message: 'unknown dependency "nodep": expected the key of an entry in $.dependencies' },
      { path: "$.fallbacks[0].dependency", message: 'unknown dependency "gone": expected the key of an entry in $.dependencies' },
      { path: "$.fallbacks[0].model", message: 'unknown model "nomodel": expected the key of an entry in $.models' },
      { path: "$.fallbacks[0].cloud", message: 'unknown cloud vendor "gcp": expected the key of an entry in $.vendors' },
      { path: "$.policyEvents[0].lifts", message: 'unknown policy event "ghost-event": expected the key of an event in $.policyEvents or in the catalogue' },
    ]);
  });

  it("accepts references to existing rows, including clouds, and lifts of catalogue events", () => {
    const doc = smallDoc({
      dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "cloud-marketplace", cloud: "azure", hostingRegion: { country: "SE" } }],
      fallbacks: [{ key: "fb", dependency: "bot/gpt", model: "llama", accessPath: "third-party-hosted", cloud: "azure", hostingRegion: { country: "DE" } }],
      policyEvents: [{ key: "l", kind: "lift", lifts: "catalogue-event", title: "t", effectiveDate: "2025-01-01", source: "s" }],
    });
    expect(checkReferences(doc, new Set(["catalogue-event"]))).toEqual([]);
  });
});

describe("the inventory schema: cloud paths need a cloud and a hosting region", () => {
  it.each(["cloud-marketplace", "third-party-hosted"] as const)("reports both missing fields of a %s dependency and fallback", (accessPath) => {
    const d = mutated((x) => {
      x.dependencies[0] = { key: "bot/gpt", system: "bot", model: "gpt", accessPath };
      x.fallbacks = [{ key: "fb", dependency: "bot/gpt", model: "llama", accessPath }];
    });
    expect(issuesOf(d)).toEqual([
      { path: "$.dependencies[0].cloud", message: `expected a cloud vendor key when accessPath is "${accessPath}"` },
      { path: "$.dependencies[0].hostingRegion", message: `expected a hostingRegion when accessPath is "${accessPath}"` },
      { path: "$.fallbacks[0].cloud", message: `expected a cloud vendor key when accessPath is "${accessPath}"` },
      { path: "$.fallbacks[0].hostingRegion", message: `expected a hostingRegion when accessPath is "${accessPath}"` },
    ]);
  });

  it("reports only the hosting region when the cloud is given", () => {
    const d = mutated((x) => (x.dependencies[0] = { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "third-party-hosted", cloud: "azure" }));
    expect(issuesOf(d)).toEqual([{ path: "$.dependencies[0].hostingRegion", message: 'expected a hostingRegion when accessPath is "third-party-hosted"' }]);
  });

  it("raises them as custom zod issues (for callers that read the schema directly)", () => {
    const d = mutated((x) => (x.dependencies[0] = { key: "bot/gpt", system: "bot", model: "gpt", accessPath: "cloud-marketplace" }));
    const r = inventoryDocumentSchema.safeParse(d);
    expect(r.error?.issues.map((i) => ({ code: i.code, path: i.path, message: i.message }))).toEqual([
      { code: "custom", path: ["dependencies", 0, "cloud"], message: 'expected a cloud vendor key when accessPath is "cloud-marketplace"' },
      { code: "custom", path: ["dependencies", 0, "hostingRegion"], message: 'expected a hostingRegion when accessPath is "cloud-marketplace"' },
    ]);
  });

  it.each(["direct-api", "self-hosted"] as const)("asks nothing more of a %s dependency", (accessPath) => {
    expect(issuesOf(mutated((x) => (x.dependencies[0] = { key: "bot/gpt", system: "bot", model: "gpt", accessPath })))).toEqual([]);
  });
});

describe("primitive fields", () => {
  it("says a missing country code is missing, and names what was expected", () => {
    expect(issuesOf(mutated((d) => delete d.organisation.hqCountry))).toEqual([
      { path: "$.organisation.hqCountry", message: "required field is missing (expected an ISO 3166-1 alpha-2 country code)" },
    ]);
  });

  it("quotes an unknown country code back", () => {
    expect(countryCodeSchema.safeParse("de").error?.issues[0]?.message).toBe('expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "de"');
  });

  it("tells a missing key from a key that is not a string or not well formed", () => {
    expect(issuesOf(mutated((d) => delete d.offices[0].key))).toEqual([{ path: "$.offices[0].key", message: "required field is missing (expected a key (string))" }]);
    expect(keySchema.safeParse(undefined).error?.issues[0]?.message).toBe("required field is missing (expected a key (string))");
    expect(keySchema.safeParse(42).error?.issues[0]?.message).toBe("expected a key (string)");
    expect(keySchema.safeParse(null).error?.issues[0]?.message).toBe("expected a key (string)");
    expect(keySchema.safeParse("-bad").error?.issues[0]?.message).toBe(
      "expected a key: letters, digits, '.', '_', ':', '/', '-' (1-120 characters, starting with a letter or digit)",
    );
  });

  it("lists the catalogue's country sets when a set key is unknown", () => {
    expect(countrySetKeySchema.safeParse("nato").error?.issues[0]?.message).toBe(`expected the key of a country set in the catalogue (${COUNTRY_SET_KEYS_TEXT}), received "nato"`);
    expect(countrySetKeySchema.safeParse(7).error?.issues[0]?.message).toBe(`expected the key of a country set in the catalogue (${COUNTRY_SET_KEYS_TEXT}), received 7`);
  });
});

describe("the scenario schema: cloud-region-lost", () => {
  it.each([
    ["a region", { region: "eu-central-1" }],
    ["a country", { country: "DE" }],
    ["both", { region: "eu-central-1", country: "DE" }],
  ])("accepts a lost cloud region given by %s", (_label, where) => {
    expect(scenarioIssues([{ type: "cloud-region-lost", cloud: "aws", ...where }])).toEqual([]);
  });
});

describe("a union inside a union's chosen branch", () => {
  const base = { schemaVersion: "1.0", key: "s", name: "S", asOf: "2026-01-01" };

  it("names the field inside it and says what is wrong there (a shock's countries inside the shock's type)", () => {
    const r = parseScenario({ ...base, shocks: [{ type: "vendor-blocked", vendor: "x", countries: { only: ["XX"] } }] });
    expect(r).toEqual({ ok: false, issues: [{ path: "$.shocks[0].countries.only[0]", message: 'expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "XX"' }] });
  });

  it("reads a missing field inside it as missing", () => {
    const r = parseScenario({ ...base, shocks: [{ type: "vendor-blocked", vendor: "x" }] });
    expect(r).toEqual({ ok: false, issues: [{ path: "$.shocks[0].countries", message: "required field is missing (expected object)" }] });
  });
});
