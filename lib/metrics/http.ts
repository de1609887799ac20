import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log, withRequestId } from "../log";
import { metrics, statusClass } from "./registry";
import { UNMATCHED } from "./routes";

// What Sovra's web server does around every request (lib/runtime/web-server.ts, docs/decisions/050):
// give it a request id (the one a trusted proxy sent, else a new one) that the response echoes and
// every log line and queued job inside it carries; when it ends, observe its duration under its
// route template and write one log line. Nothing of the request's address beyond its route
// template is kept: no query string, no header, no cookie. Relative imports: it runs outside
// Next's bundle.

export const REQUEST_ID_HEADER = "x-request-id";

/** A request id a proxy may hand on: a UUID, a trace id, a short token; nothing that could break a header or a log line. */
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:=+/-]{0,127}$/;

/** Methods that get a label of their own; any other is "other". */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The request's id: the X-Request-ID a trusted proxy sent (only when SOVRA_TRUSTED_PROXIES > 0,
 * since a client could send any), when well formed; otherwise a new UUID.
 * @example requestIdFor("edge-7f3a", 1) // "edge-7f3a"
 * @example requestIdFor("edge-7f3a", 0) // a new UUID: no proxy is trusted
 */
export function requestIdFor(header: string | string[] | undefined, trustedProxies: number): string {
  const sent = Array.isArray(header) ? header[0] : header;
  if (trustedProxies > 0 && sent !== undefined && WELL_FORMED_ID.test(sent)) return sent;
  return randomUUID();
}

/** The request's path without its query string (which may hold a token), for matching. */
export const pathnameOf = (url: string | undefined) => {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
};

export interface RequestObserverOptions {
  /** The route template of a path (lib/metrics/routes.ts). */
  routeOf: (pathname: string) => string;
  /** SOVRA_TRUSTED_PROXIES: whether an X-Request-ID from the client side is believed. */
  trustedProxies: number;
}

/**
 * Wraps a request handler: the request gets its id (set on the request's X-Request-ID for the app,
 * and on the response), `serve` runs with that id current, and when the response ends (or the
 * client goes away: 499) its duration is observed and one line logged.
 * @example const observe = observeRequests({ routeOf, trustedProxies: 0 }); createServer((req, res) => observe(req, res, () => handle(req, res)))
 */
export function observeRequests({ routeOf, trustedProxies }: RequestObserverOptions) {
  const { httpRequestDuration } = metrics();
  return (req: IncomingMessage, res: ServerResponse, serve: () => void): void => {
    const started = performance.now();
    const requestId = requestIdFor(req.headers[REQUEST_ID_HEADER], trustedProxies);
    // Overwritten, so that the app reads the id the logs carry, never a client's own.
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.once("close", () => {
      const durationMs = performance.now() - started;
      // A response that never started went to a client that left (nginx's 499).
      const status = res.headersSent ? res.statusCode : 499;
      const method = req.method && KNOWN_METHODS.has(req.method) ? req.method : "other";
      const route = routeOf(pathnameOf(req.url));
      httpRequestDuration.observe({ method, route, status_class: statusClass(status) }, durationMs / 1000);
      // A page load fetches a score of hashed scripts and styles: counted, but logged only when one fails,
      // so that the log reads as what people did.
      if (route === UNMATCHED.static && status < 400) return;
      log.info("request", { requestId, method, route, status, durationMs: Math.round(durationMs * 10) / 10 });
    });
    withRequestId(requestId, serve);
  };
}
