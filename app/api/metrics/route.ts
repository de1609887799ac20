import { env } from "@/lib/env";
import { serveMetrics } from "@/lib/metrics/endpoint";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics for the whole instance, for the bearer token SOVRA_METRICS_TOKEN; 404 when it
 * is unset (lib/metrics/endpoint.ts, docs/OPERATIONS.md).
 */
export function GET(request: Request) {
  return serveMetrics(request, env().SOVRA_METRICS_TOKEN);
}
