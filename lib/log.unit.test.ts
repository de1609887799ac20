import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRequestId, formatLogLine, log, logFormat, withRequestId } from "./log";

const AT = new Date("2026-12-10T09:30:00.000Z");

describe("a log line", () => {
  it("is one JSON object with level, time and message first, then the request id and the fields", () => {
    const line = formatLogLine("info", "request", { method: "GET", route: "/[org]/inventory", status: 200, durationMs: 12.3 }, { format: "json", now: AT, requestId: "r-1" });
    expect(line).toBe('{"level":"info","time":"2026-12-10T09:30:00.000Z","msg":"request","requestId":"r-1","method":"GET","route":"/[org]/inventory","status":200,"durationMs":12.3}');
    expect(line).not.toContain("\n");
  });

  it("keeps a request id passed in the fields over the current one, and leaves out undefined fields", () => {
    const line = JSON.parse(formatLogLine("warn", "job", { requestId: "from-job", runId: undefined }, { format: "json", now: AT, requestId: "current" })) as Record<string, unknown>;
    expect(line).toEqual({ level: "warn", time: AT.toISOString(), msg: "job", requestId: "from-job" });
  });

  it("cannot be made to lie about its level, time or message by a field", () => {
    const line = JSON.parse(formatLogLine("error", "boom", { level: "info", msg: "fine", time: "never" }, { format: "json", now: AT })) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "error", msg: "boom", time: AT.toISOString() });
  });

  it("redacts fields named like secrets, whoever passes them", () => {
    const line = formatLogLine("info", "x", { password: "hunter2", authorization: "Bearer abc", cookie: "authjs.session-token=s", printToken: "t", clientSecret: "c", route: "/sign-in" }, { format: "json", now: AT });
    for (const secret of ["hunter2", "Bearer abc", "authjs.session-token", '"t"', '"c"']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ password: "[redacted]", cookie: "[redacted]", route: "/sign-in" });
  });

  it("writes an error as its name, message and stack, and survives values JSON cannot hold", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = JSON.parse(formatLogLine("error", "failed", { error: new TypeError("bad input"), big: 10n }, { format: "json", now: AT })) as { error: { name: string; message: string; stack: string }; big: string };
    expect(error.error).toMatchObject({ name: "TypeError", message: "bad input" });
    expect(error.error.stack).toContain("TypeError: bad input");
    expect(error.big).toBe("10");
    expect(() => JSON.parse(formatLogLine("info", "odd", { circular }, { format: "json", now: AT }))).not.toThrow();
  });

  it("reads as `time level msg key=value` in text, quoting values with spaces", () => {
    const line = formatLogLine("info", "report run failed", { runId: "r9", error: "Chromium is missing", attempt: 3 }, { format: "text", now: AT, requestId: "req-7" });
    expect(line).toBe('2026-12-10T09:30:00.000Z info report run failed requestId=req-7 runId=r9 error="Chromium is missing" attempt=3');
  });
});

describe("the log format", () => {
  it("is JSON in production and text otherwise, unless SOVRA_LOG_FORMAT says which", () => {
    expect(logFormat({ NODE_ENV: "production" })).toBe("json");
    expect(logFormat({ NODE_ENV: "development" })).toBe("text");
    expect(logFormat({})).toBe("text");
    expect(logFormat({ NODE_ENV: "production", SOVRA_LOG_FORMAT: "text" })).toBe("text");
    expect(logFormat({ NODE_ENV: "development", SOVRA_LOG_FORMAT: "JSON" })).toBe("json");
    expect(logFormat({ NODE_ENV: "production", SOVRA_LOG_FORMAT: "yaml" })).toBe("json");
  });
});

describe("the current request id", () => {
  const saved = process.env.SOVRA_LOG_FORMAT;
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.SOVRA_LOG_FORMAT;
    else process.env.SOVRA_LOG_FORMAT = saved;
  });

  it("follows the code across awaits and timers, and is gone outside", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequestId("req-42", async () => {
      await new Promise((r) => setTimeout(r, 5));
      const inTimer = await new Promise<string | undefined>((r) => setImmediate(() => r(currentRequestId())));
      return [currentRequestId(), inTimer];
    });
    expect(seen).toEqual(["req-42", "req-42"]);
    expect(currentRequestId()).toBeUndefined();
    expect(withRequestId(undefined, () => withRequestId("inner", () => currentRequestId()))).toBe("inner");
  });

  it("is on every line log writes inside it, one line per call, warnings and errors on stderr", () => {
    process.env.SOVRA_LOG_FORMAT = "json";
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
    withRequestId("req-9", () => {
      log.info("first", { n: 1 });
      log.error("second");
    });
    log.warn("outside");
    vi.restoreAllMocks();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/\n$/);
    expect(JSON.parse(out[0]!)).toMatchObject({ level: "info", msg: "first", requestId: "req-9", n: 1 });
    expect(err.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: "error", msg: "second", requestId: "req-9" }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
  });
});
