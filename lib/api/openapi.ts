import { z } from "zod";
import type { ApiErrorCode } from "@/lib/api/errors";
import { API_ERROR_CODES } from "@/lib/api/errors";
import { OPERATIONS, type AnyOperation } from "@/lib/api/operations";
import { PRACTICE_OPERATIONS } from "@/lib/api/practice-operations";
import { requestComponents, responseComponents } from "@/lib/api/schemas";
import packageJson from "@/package.json";

// The OpenAPI 3.1 description of /api/v1, generated from the operations and their zod schemas
// with zod's own z.toJSONSchema (docs/decisions/006). OpenAPI 3.1 Schema Objects are JSON Schema
// 2020-12, so the converted schemas go in as they are, only with their references moved from
// zod's `$defs` to `#/components/schemas`.

type Json = Record<string, unknown>;
type Registry = typeof requestComponents;

const COMPONENT_REF = "#/components/schemas/";
const SHARED_REF = /^#\/components\/schemas\/__shared#\/\$defs\/(.+)$/;
/** Schemas that carry an id of their own (the inventory document's parts) are prefixed, so they cannot clash with the API's. */
const sharedName = (id: string) => `Inventory${id}`;

/** Rewrites zod's `…/__shared#/$defs/X` references to `#/components/schemas/InventoryX` and drops `$schema`/`$id`. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$schema" || k === "$id") continue;
    const shared = k === "$ref" && typeof v === "string" ? SHARED_REF.exec(v) : null;
    out[k] = shared ? COMPONENT_REF + sharedName(shared[1]!) : relink(v);
  }
  return out;
}

function convertRegistry(registry: Registry, io: "input" | "output"): Record<string, Json> {
  const { schemas } = z.toJSONSchema(registry, { io, target: "draft-2020-12", unrepresentable: "any", uri: (id) => COMPONENT_REF + id });
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    if (id === "__shared") {
      const defs = (schema as { $defs?: Record<string, unknown> }).$defs ?? {};
      for (const [defId, def] of Object.entries(defs)) out[sharedName(defId)] = relink(def) as Json;
    } else out[id] = relink(schema) as Json;
  }
  return out;
}

/** All component schemas: requests as they may be sent, responses as they are sent. */
function componentSchemas(): Record<string, Json> {
  const requests = convertRegistry(requestComponents, "input");
  const responses = convertRegistry(responseComponents, "output");
  for (const [id, schema] of Object.entries(responses)) {
    if (id in requests && JSON.stringify(requests[id]) !== JSON.stringify(schema)) throw new Error(`OpenAPI component ${id} differs between requests and responses: give one of them another id`);
    requests[id] = schema;
  }
  return requests;
}

/** A schema by reference if it is a named component, else converted in place. */
function schemaFor(schema: z.ZodType, io: "input" | "output"): Json {
  const id = requestComponents.get(schema)?.id ?? responseComponents.get(schema)?.id;
  if (id) return { $ref: COMPONENT_REF + id };
  return relink(z.toJSONSchema(schema, { io, unrepresentable: "any" })) as Json;
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === "path" || (json.required ?? []).includes(name), ...(description !== undefined && { description }), schema: relink(rest) };
  });
}

const ERROR_DESCRIPTIONS: Record<ApiErrorCode, string> = {
  MALFORMED_JSON: "The body is not valid JSON",
  UNAUTHENTICATED: "No valid API token or session",
  FORBIDDEN: "The token's or member's role does not allow this",
  NOT_FOUND: "No such organisation or practice for this caller, or no such row in it",
  CONFLICT: "Someone saved a newer version (`error.current` holds it), or the request conflicts with the data",
  PAYLOAD_TOO_LARGE: "The body is too large",
  UNSUPPORTED_MEDIA_TYPE: "The body is not sent as application/json",
  INVALID_INPUT: "Validation failed: `error.fields` lists every problem",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Unexpected error; `error.reference` is in the server log",
  UNAVAILABLE: "The database cannot be reached right now; try again after the seconds in `Retry-After`",
};

function errorCodes(op: AnyOperation): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INTERNAL", "UNAVAILABLE", ...(op.errors ?? [])]);
  if (op.query || op.body) codes.add("INVALID_INPUT");
  return [...codes];
}

function responses(op: AnyOperation): Json {
  const out: Json = {};
  const { status, description, schema, headers, mediaType } = op.success;
  out[String(status)] = {
    description,
    ...(headers && { headers: Object.fromEntries(Object.entries(headers).map(([name, d]) => [name, { description: d, schema: { type: "string" } }])) }),
    ...(schema && { content: { "application/json": { schema: schemaFor(schema, "output") } } }),
    // OpenAPI 3.1 describes a file body by its media type (format "binary" was 3.0's way).
    ...(mediaType && { content: { [mediaType]: { schema: { type: "string", contentMediaType: mediaType } } } }),
  };
  // Several codes can share a status (none do today); the description lists them all.
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodes(op)) byStatus.set(API_ERROR_CODES[code], [...(byStatus.get(API_ERROR_CODES[code]) ?? []), code]);
  for (const [errorStatus, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(errorStatus)] = {
      description: codes.map((c) => `${c}: ${ERROR_DESCRIPTIONS[c]}`).join("; "),
      content: { "application/json": { schema: { $ref: COMPONENT_REF + "Error" } } },
    };
  }
  return out;
}

function operationObject(op: AnyOperation): Json {
  const practice = "scope" in op && op.scope === "practice";
  const needs = practice
    ? `Needs the practice permission \`${op.permission}\`: a practice API token (\`sovra_pr_…\`) or the session of a member of the practice.`
    : `Needs the permission \`${op.permission}\`.`;
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, needs].filter(Boolean).join("\n\n"),
    ...(practice && { security: [{ practiceToken: [] }, { sessionCookie: [] }] }),
    parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
    ...(op.body && { requestBody: { required: true, content: { "application/json": { schema: schemaFor(op.body, "input") } } } }),
    responses: responses(op),
  };
}

/** The OpenAPI 3.1 document for `operations` (all of /api/v1 by default). */
export function buildOpenApiDocument(operations: readonly AnyOperation[] = [...OPERATIONS, ...PRACTICE_OPERATIONS]): Json {
  const paths: Record<string, Json> = {
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        tags: ["Meta"],
        summary: "This description",
        security: [],
        responses: { "200": { description: "The OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (method in item) throw new Error(`Two operations for ${op.method} ${op.path}`);
    item[method] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sovra API",
      version: packageJson.version,
      description:
        "The inventory, import and export, and live scores of one organisation per URL (`/api/v1/orgs/{org}/…`, `{org}` being its slug). Authenticate with an organisation API token (`Authorization: Bearer sovra_…`, created by an owner under Settings → API tokens; it acts with the role chosen there) or, from the browser, the session cookie. A consultancy's practice reads its clients, portfolio and benchmark under `/api/v1/practices/{practice}/…` with a read-only practice API token (`Authorization: Bearer sovra_pr_…`, made by a partner under the practice's API tokens). Errors are `{ \"error\": { \"code\", \"message\", \"fields\"? } }`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [
      { name: "Offices", description: "Where the organisation works" },
      { name: "Inventory", description: "The whole inventory as one document" },
      { name: "Scores", description: "Live sovereignty scores" },
      { name: "Vendors", description: "Model providers and the clouds that host them" },
      { name: "Models", description: "The models of the organisation's vendors" },
      { name: "Assessments", description: "Immutable, dated records of the score, and comparisons between them" },
      { name: "Data flows", description: "What data leaves which office or AI system for which vendor" },
      { name: "Remediation", description: "The remediation plan: actions, owners, due dates, expected and achieved gains" },
      { name: "Policy events", description: "The dated export controls, sanctions and restrictions scores are computed against: the catalogue's and the organisation's own" },
      { name: "Scenarios", description: "Hypothetical shocks and their blast radius" },
      { name: "Audit log", description: "Every recorded change in the organisation: who, what, when, before and after" },
      { name: "Meta" },
      { name: "AI systems", description: "AI systems, the models each depends on, and the fallbacks of those dependencies" },
      { name: "Exports", description: "Regulatory and spreadsheet exports of a frozen assessment: the assessment workbook, the DORA Register of Information templates for AI providers, the EU AI Act deployer inventory" },
      { name: "Reports", description: "Board report PDFs: generate one in the background, follow its progress, download it" },
      { name: "Workshops", description: "Facilitated workshops with the client: who was in the room, the agenda step, the score when each began, the assessment it froze, the facts to verify" },
      { name: "Practices", description: "A consultancy's practice: its members, its clients, the portfolio of their ratings, and where each client stands in the anonymised benchmark (read-only)" },
      { name: "Questionnaires", description: "The pre-workshop questionnaire: the links staff answer without an account, and the AI systems they named, by review status" },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", bearerFormat: "sovra_<43 URL-safe characters>", description: "An organisation API token" },
        practiceToken: { type: "http", scheme: "bearer", bearerFormat: "sovra_pr_<43 URL-safe characters>", description: "A practice's read-only API token" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "The app's session (named __Secure-authjs.session-token over HTTPS)" },
      },
      schemas: componentSchemas(),
    },
  };
}
