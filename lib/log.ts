import { AsyncLocalStorage } from "node:async_hooks";

// Structured logs (docs/decisions/050): one line per event, JSON by default in production (a log
// collector parses it without a pattern), plain `time level msg key=value` otherwise or with
// SOVRA_LOG_FORMAT=text. Each line carries the request id of the request it belongs to: Sovra's
// web server (lib/runtime/web-server.ts) runs every request inside withRequestId(), and the board
// report job runs inside the id of the request that queued it (lib/reports/report-job.ts).
//
// No "server-only" here: the web server loads this file outside Next's bundle, where that package
// throws. The store lives on globalThis because the web server's copy of this module and the one
// in Next's server bundle are two module instances in one process; they must share one store.
// The format is read from process.env, not env(): a log call must never throw because some other
// variable is invalid (npm start and the container validate the whole environment at start).

export type LogLevel = "info" | "warn" | "error";
export type LogFormat = "json" | "text";
export type LogFields = Record<string, unknown>;

interface RequestContext {
  requestId?: string;
}

const STORE = Symbol.for("sovra.requestContext");
const requestContext = ((globalThis as Record<symbol, unknown>)[STORE] ??= new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

/**
 * Runs `fn` with `requestId` as the current request id (undefined: none), for every log line and
 * queued job inside it, across awaits.
 * @example withRequestId("3f2a9c1e-…", () => handle(req, res))
 */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

/**
 * The id of the request this code runs for, if any.
 * @example currentRequestId() // "3f2a9c1e-…" inside a request, undefined in a timer
 */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Field names whose values never reach a log line, whoever passes them. */
const SECRET_FIELD = /password|secret|token|cookie|authorization/i;

/**
 * The log format: SOVRA_LOG_FORMAT when it is `json` or `text`, else JSON in production and text
 * in development and tests.
 * @example logFormat({ NODE_ENV: "production" }) // "json"
 */
export function logFormat(source: Record<string, string | undefined> = process.env): LogFormat {
  const chosen = source.SOVRA_LOG_FORMAT?.trim().toLowerCase();
  if (chosen === "json" || chosen === "text") return chosen;
  return source.NODE_ENV === "production" ? "json" : "text";
}

/** A value as it is logged: an error by its name and message (and stack), a secret field redacted. */
function loggable(key: string, value: unknown): unknown {
  if (SECRET_FIELD.test(key)) return "[redacted]";
  if (value instanceof Error) return { name: value.name, message: value.message, ...(value.stack && { stack: value.stack }) };
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * One log line, without its newline: `{"level","time","msg",...fields}` in JSON, or
 * `time level msg key=value …` in text. The current request id is added unless `fields` has one;
 * fields whose name says password, secret, token, cookie or authorization are redacted.
 * @example formatLogLine("info", "request", { route: "/[org]" }, { format: "json", now: new Date(0), requestId: "r1" })
 * // '{"level":"info","time":"1970-01-01T00:00:00.000Z","msg":"request","requestId":"r1","route":"/[org]"}'
 */
export function formatLogLine(level: LogLevel, msg: string, fields: LogFields = {}, options: { format: LogFormat; now?: Date; requestId?: string }): string {
  const time = (options.now ?? new Date()).toISOString();
  const entries: [string, unknown][] = [];
  if (options.requestId !== undefined && fields.requestId === undefined) entries.push(["requestId", options.requestId]);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) entries.push([key, loggable(key, value)]);
  if (options.format === "json") {
    const line: Record<string, unknown> = { level, time, msg };
    for (const [key, value] of entries) if (!(key in line)) line[key] = value;
    return safeStringify(line);
  }
  const pairs = entries.map(([key, value]) => `${key}=${textValue(value)}`);
  return [time, level, msg, ...pairs].join(" ");
}

function textValue(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) || value === "" ? JSON.stringify(value) : value;
  if (value !== null && typeof value === "object") return safeStringify(value);
  return String(value);
}

/** JSON.stringify that never throws (a cycle, a BigInt deep inside): a log call must not fail. */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return JSON.stringify({ unserialisable: String(value) });
  }
}

function write(level: LogLevel, msg: string, fields?: LogFields): void {
  const line = formatLogLine(level, msg, fields, { format: logFormat(), requestId: currentRequestId() });
  // Errors and warnings on stderr, as console.error did, so that nothing changes for whoever
  // separates the two streams.
  (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * The app's structured log: one line per call, with the current request id.
 * @example log.info("report run succeeded", { runId, pages: 24, durationMs: 8120 })
 */
export const log = {
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};
