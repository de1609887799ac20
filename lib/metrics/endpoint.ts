import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { processMetricsText } from "@/lib/metrics/cluster";
import { jobMetricsText } from "@/lib/metrics/jobs";
import { metrics } from "@/lib/metrics/registry";
import { log } from "@/lib/log";

// GET /api/metrics (docs/decisions/050, docs/OPERATIONS.md): Prometheus's text format for the
// whole instance, for a bearer token. Without SOVRA_METRICS_TOKEN the endpoint does not exist
// (404): request counts by route and queue sizes say how the instance is used, which is nobody's
// business without the operator's say-so. The token is compared in constant time (as digests, so
// that neither its length nor its first bytes leak through the comparison's duration).

const NO_STORE = { "cache-control": "no-store" };

/**
 * Whether an Authorization header carries `Bearer <token>`.
 * @example bearerMatches("Bearer s3cret-s3cret-s3cret", "s3cret-s3cret-s3cret") // true
 */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  const digest = (s: string) => createHash("sha256").update(s).digest();
  // Compared even without a header, so that a missing one takes as long as a wrong one.
  const same = timingSafeEqual(digest(match?.[1] ?? ""), digest(token));
  return match !== null && same;
}

/**
 * The metrics response for a request: 404 without a configured token, 401 without the right
 * bearer token, 503 when the web server's processes could not be asked, else 200 with the
 * process metrics (summed over the web processes) and the job queue's.
 * @example return serveMetrics(request, env().SOVRA_METRICS_TOKEN);
 */
export async function serveMetrics(request: Request, token: string | undefined): Promise<Response> {
  if (!token) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", ...NO_STORE } });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("A bearer token is required (SOVRA_METRICS_TOKEN).\n", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="sovra-metrics"', ...NO_STORE },
    });
  }
  try {
    const [processes, jobs] = await Promise.all([processMetricsText(), jobMetricsText()]);
    return new Response(`${processes}${processes.endsWith("\n") || processes === "" ? "" : "\n"}${jobs}`, {
      headers: { "content-type": metrics().registry.contentType, ...NO_STORE },
    });
  } catch (e) {
    log.error("metrics could not be collected", { error: (e as Error).message });
    return new Response("The metrics could not be collected: see the server's log.\n", { status: 503, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "5", ...NO_STORE } });
  }
}
