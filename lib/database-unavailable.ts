// Recognises "the database cannot be reached" among the errors Prisma (with @prisma/adapter-pg)
// and pg throw, so that callers answer 503 with Retry-After, "try again shortly", instead of a
// 500 that reads like a bug (docs/decisions/030-headers-and-input-hygiene.md). No imports: the
// error shapes are matched structurally, as they were seen when PostgreSQL was stopped, its port
// closed and its backends terminated (lib/database-unavailable.int.test.ts).

/** Seconds a client should wait before trying again (sent as Retry-After with every 503). */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable right now. Try again in a few seconds.";

/**
 * Prisma's codes for a connection that could not be made or was lost: can't reach the server
 * (P1001), timed out (P1002, P1008), server closed the connection (P1017), no connection free in
 * the pool in time (P2024).
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/adapter-pg's error kinds for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** PostgreSQL SQLSTATEs: connection exceptions (08xxx), too many connections, shutting down or starting up. */
const SQLSTATE = /^(08\d{3}|53300|57P01|57P02|57P03)$/;
/** Node's socket errors. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
/** Messages of errors that carry no code: pg's pool and client, Prisma's raw-query wrapper. */
const MESSAGES = /Can't reach database server|Connection terminated|Server has closed the connection|timeout exceeded when trying to connect|Timed out fetching a new connection|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

type Loose = { code?: unknown; message?: unknown; kind?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

/**
 * Whether `e` says the database is unreachable (refused, gone, timed out, overloaded, restarting),
 * as opposed to a query the database refused.
 * @example isDatabaseUnavailable(await prisma.user.findFirst().catch((e) => e)) // true while PostgreSQL is down
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const check = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== "object" || seen.has(v) || depth > 5) return false;
    seen.add(v);
    const x = v as Loose;
    if (typeof x.code === "string" && (PRISMA_CODES.has(x.code) || SOCKET_CODES.has(x.code) || SQLSTATE.test(x.code))) return true;
    if (typeof x.originalCode === "string" && SQLSTATE.test(x.originalCode)) return true;
    if (typeof x.kind === "string" && ADAPTER_KINDS.has(x.kind)) return true;
    if (typeof x.message === "string" && MESSAGES.test(x.message)) return true;
    return check(x.cause, depth + 1) || check(x.meta?.driverAdapterError, depth + 1) || (e instanceof AggregateError && depth === 0 && e.errors.some((inner) => check(inner, depth + 1)));
  };
  return check(e, 0);
}
