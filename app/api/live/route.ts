export const dynamic = "force-dynamic";

/**
 * Liveness, for an orchestrator that restarts a process which stopped answering (Kubernetes'
 * livenessProbe, deploy/kubernetes/). It answers from this process alone and never asks the
 * database: if it did, a PostgreSQL outage would fail every instance's liveness at once, and the
 * orchestrator would restart all of them, over and over, for a fault none of them can fix (and
 * drop the requests they were serving). Whether to send this instance traffic is readiness:
 * /api/health, which does ask the database (docs/decisions/048).
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
