// Calls a public API route handler the way Next does, for the API's integration tests.
import { createApiToken } from "@/lib/api-tokens/mutations";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/auth/org-context";

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteCall {
  /** An organisation API token, sent as `Authorization: Bearer`. */
  token?: string;
  /** A JSON body. */
  body?: unknown;
  /** A body sent as it is (malformed JSON, wrong types). */
  raw?: string;
  headers?: Record<string, string>;
  query?: string;
}

/** Answers the status, headers and parsed JSON body (undefined when empty). */
export async function callRoute(handler: RouteHandler, method: string, params: Record<string, string>, opts: RouteCall = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");
  const url = `http://localhost/api/v1/orgs/${params.org ?? "-"}/x${opts.query ? `?${opts.query}` : ""}`;
  const request = new Request(url, { method, headers, body: hasBody ? (opts.raw ?? JSON.stringify(opts.body)) : undefined });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/** An API token of each role in the owner's organisation (created through the app's own mutation). */
export async function roleTokens(owner: OrgContext): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = (await createApiToken(owner, { name: role, role })).token;
  return tokens;
}
