import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import { OPERATIONS, type AnyOperation } from "./operations";
import { PRACTICE_OPERATIONS } from "./practice-operations";
import { officeCreateSchema, officeUpdateSchema, requestComponents, responseComponents } from "./schemas";

type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;
const schemas = doc.components.schemas as Json;

/** Every `route.ts` under app/api/v1 with the HTTP methods it exports, as OpenAPI paths. */
function routeFiles(): { path: string; methods: string[] }[] {
  const root = path.resolve(import.meta.dirname, "../../app/api/v1");
  const out: { path: string; methods: string[] }[] = [];
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (path.basename(entry) !== "route.ts") continue;
    const source = readFileSync(path.join(root, entry), "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    const dir = path.dirname(entry).split(path.sep).join("/");
    out.push({ path: `/api/v1/${dir}`.replace(/\[(\w+)\]/g, "{$1}"), methods });
  }
  return out;
}

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and survives a JSON round trip unchanged", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("documents every method of every route handler under /api/v1, and nothing else", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const documented = Object.entries(doc.paths as Record<string, Json>).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    const implemented = files.flatMap((f) => f.methods.map((m) => `${m.toUpperCase()} ${f.path}`));
    expect(documented.sort()).toEqual(implemented.sort());
  });

  it("has each operation with its parameters, body, success and error responses", () => {
    for (const op of [...OPERATIONS, ...PRACTICE_OPERATIONS] as AnyOperation[]) {
      const o = doc.paths[op.path][op.method.toLowerCase()];
      expect(o.operationId).toBe(op.operationId);
      expect(o.responses[String(op.success.status)]).toBeDefined();
      for (const status of ["401", "403", "404", "500"]) expect(o.responses[status].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
      if (op.query || op.body) expect(o.responses["422"]).toBeDefined();
      for (const name of op.path.match(/\{(\w+)\}/g)!.map((p) => p.slice(1, -1))) expect(o.parameters).toContainEqual(expect.objectContaining({ name, in: "path", required: true }));
      expect(Boolean(o.requestBody)).toBe(Boolean(op.body));
    }
    const patch = doc.paths["/api/v1/orgs/{org}/offices/{id}"].patch;
    expect(patch.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/OfficeUpdate" });
    expect(patch.responses["409"]).toBeDefined();
    const list = doc.paths["/api/v1/orgs/{org}/offices"].get;
    expect(list.parameters).toContainEqual(expect.objectContaining({ name: "size", in: "query", required: false, schema: expect.objectContaining({ maximum: 200 }) }));
    expect(doc.paths["/api/v1/orgs/{org}/inventory/import"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/InventoryDocument" });
  });

  it("describes the practice's operations with the practice token, and the organisation's with theirs", () => {
    expect(PRACTICE_OPERATIONS.length).toBe(4);
    for (const op of PRACTICE_OPERATIONS) {
      const o = doc.paths[op.path][op.method.toLowerCase()];
      expect(op.path.startsWith("/api/v1/practices/{practice}")).toBe(true);
      expect(o.security).toEqual([{ practiceToken: [] }, { sessionCookie: [] }]);
      expect(o.description).toContain("practice permission `practice:read`");
      expect(o.tags).toEqual(["Practices"]);
    }
    for (const op of OPERATIONS) expect(doc.paths[op.path][op.method.toLowerCase()].security, op.operationId).toBeUndefined();
    expect(doc.components.securitySchemes.practiceToken).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: expect.stringContaining("sovra_pr_") });
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain("Practices");
  });

  it("has every named schema as a component, and every reference resolves", () => {
    for (const registry of [requestComponents, responseComponents]) for (const [id] of registry._idmap) expect(schemas[id], id).toBeDefined();
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\/[\w.-]+$/);
      expect(schemas[ref.split("/").pop()!], ref).toBeDefined();
    }
    expect(schemas.Error.properties.error.properties.fields).toBeDefined();
    expect(schemas.InventoryDocument.properties.offices.items).toEqual({ $ref: "#/components/schemas/InventoryOffice" });
  });

  it("shows policy events' estimated dates, date notes, references, partial lifts, licence terms and named country sets", () => {
    const [impose, lift] = schemas.PolicyEventCreate.oneOf as Json[];
    for (const branch of [impose!, lift!]) {
      expect(branch.properties.dateEstimated).toEqual({ type: "boolean" });
      expect(branch.properties.dateNote).toMatchObject({ type: "string" });
      expect(branch.properties.references.items.$ref).toMatch(/Reference$/);
    }
    expect(impose!.properties.type.enum).toContain("licence-term");
    expect(lift!.properties.countries.$ref).toMatch(/CountrySet$/);
    const countrySet = schemas[lift!.properties.countries.$ref.split("/").pop()];
    expect(JSON.stringify(countrySet)).toContain("CountrySetKey");
    expect(schemas[(countrySet.anyOf ?? countrySet.oneOf)[0].properties.sets.items.$ref.split("/").pop()].enum).toEqual(["us-key-allies", "us-country-group-d5", "eu-member-states", "eea"]);
    expect(JSON.stringify(schemas.InventoryPolicyEvent)).toContain("licensee");
    expect(schemas.PolicyEventList.properties.items.items.properties.partialLifts.items.properties).toMatchObject({ dateEstimated: { type: "boolean" }, countries: { $ref: expect.stringMatching(/CountrySet$/) } });
  });

  it("has no field named after a credential in any schema (questionnaire links and API tokens keep theirs as hashes that never leave)", () => {
    const fields: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, at));
      else if (value && typeof value === "object") {
        const properties = (value as Json).properties as Json | undefined;
        if (properties) for (const name of Object.keys(properties)) if (/token|secret|password|hash/i.test(name)) fields.push(`${at}.${name}`);
        for (const [k, v] of Object.entries(value)) walk(v, k === "properties" ? at : `${at}/${k}`);
      }
    };
    walk(schemas, "");
    // The one hash: of the inventory document an assessment scored, not of a secret.
    expect(fields.sort()).toEqual(["/Assessment.inputsHash", "/AssessmentSummary.inputsHash"]);
  });

  it("declares the bearer token and the session cookie, and leaves itself open", () => {
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });

  // The documented request schemas, read back into zod, accept and refuse the same bodies as the
  // routes. Values are drawn from a domain where the two should agree: the routes trim names
  // (so "  " is refused) and check country codes against the ISO list, which JSON Schema here
  // does not express, so those values are left out.
  const value = {
    name: fc.constantFrom(undefined, "Lyon plant", "", "x".repeat(121), 7, null),
    country: fc.constantFrom(undefined, "DE", "FR", 5, null, ["DE"]),
    city: fc.constantFrom(undefined, "Lyon", "", true),
    headcount: fc.constantFrom(undefined, 0, 420, 1_000_000, -1, 1.5, 1_000_001, null, true, "12", {}),
    teams: fc.constantFrom(undefined, [], ["Ops", "Quality"], "Ops, Quality", [1], 3),
    version: fc.constantFrom(undefined, 1, 2, 0, -1, 1.5, null),
    extra: fc.constantFrom(undefined, "surprise"),
  };
  const body = fc.record(value).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

  it.each([
    ["OfficeCreate", officeCreateSchema],
    ["OfficeUpdate", officeUpdateSchema],
  ] as const)("the documented %s accepts exactly what the route accepts", (id, routeSchema) => {
    const documented = z.fromJSONSchema(schemas[id] as Parameters<typeof z.fromJSONSchema>[0]);
    fc.assert(
      fc.property(body, (b) => {
        expect({ body: b, accepted: documented.safeParse(b).success }).toEqual({ body: b, accepted: routeSchema.safeParse(b).success });
      }),
      { numRuns: 2000 },
    );
  });
});
