import { createServer, request as httpRequest, type Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { currentRequestId } from "../log";
import { observeRequests, pathnameOf, requestIdFor } from "./http";
import { metrics } from "./registry";
import { createRouteMatcher } from "./routes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("a request's id", () => {
  it("is a new UUID unless a trusted proxy sent a well-formed one", () => {
    expect(requestIdFor("edge-7f3a9c", 1)).toBe("edge-7f3a9c");
    expect(requestIdFor(["Root=1-67891233-abcdef012345678912345678"], 2)).toBe("Root=1-67891233-abcdef012345678912345678");
    expect(requestIdFor("edge-7f3a9c", 0)).toMatch(UUID); // no proxy: the client could have sent it
    expect(requestIdFor(undefined, 1)).toMatch(UUID);
    for (const forged of ["", "has space", "line\nbreak", '"quoted"', "x".repeat(129), "-leading-dash", "<script>"]) expect(requestIdFor(forged, 1), forged).toMatch(UUID);
  });

  it("is different for every request", () => {
    expect(new Set(Array.from({ length: 100 }, () => requestIdFor(undefined, 0))).size).toBe(100);
  });
});

describe("a request's path", () => {
  it("is its address without the query string or fragment", () => {
    expect(pathnameOf("/print/report/abc?token=secret&x=1")).toBe("/print/report/abc");
    expect(pathnameOf("/sign-in#top")).toBe("/sign-in");
    expect(pathnameOf("/api/health")).toBe("/api/health");
    expect(pathnameOf(undefined)).toBe("/");
  });
});

describe("observing requests", () => {
  let server: Server;
  let port: number;
  const lines: string[] = [];
  const seenInside: (string | undefined)[] = [];
  const savedFormat = process.env.SOVRA_LOG_FORMAT;

  const get = (path: string, headers: Record<string, string> = {}, abort = false) =>
    new Promise<{ status: number; id: string | undefined }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, id: res.headers["x-request-id"] as string | undefined }));
      });
      req.on("error", (e) => (abort ? resolve({ status: 0, id: undefined }) : reject(e)));
      req.end();
      if (abort) setTimeout(() => req.destroy(), 50);
    });

  /** The histogram's count for one label set. */
  const count = async (labels: Record<string, string>) => {
    const metric = await metrics().httpRequestDuration.get();
    return metric.values.find((v) => v.metricName === "sovra_http_request_duration_seconds_count" && Object.entries(labels).every(([k, val]) => (v.labels as Record<string, unknown>)[k] === val))?.value ?? 0;
  };

  const startServer = async (trustedProxies: number) => {
    const routeOf = createRouteMatcher(["/[org]/inventory/vendors/[id]", "/api/health"]);
    const observe = observeRequests({ routeOf, trustedProxies });
    server = createServer((req, res) =>
      observe(req, res, () => {
        seenInside.push(currentRequestId());
        if (req.url?.startsWith("/slow")) return void setTimeout(() => res.end("late"), 500);
        // What the app reads (route handlers see headers only): the id the log carries.
        setImmediate(() => {
          res.statusCode = req.url?.startsWith("/api/health") || req.url === "/_next/static/chunks/main-0a1b2c.js" ? 200 : 404;
          res.end(String(req.headers["x-request-id"]));
        });
      }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  };

  beforeAll(() => {
    process.env.SOVRA_LOG_FORMAT = "json";
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk, ...rest) => {
      if (String(chunk).includes('"msg":"request"')) {
        lines.push(String(chunk));
        return true;
      }
      return write(chunk as string, ...(rest as []));
    });
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));
  afterAll(() => {
    vi.restoreAllMocks();
    if (savedFormat === undefined) delete process.env.SOVRA_LOG_FORMAT;
    else process.env.SOVRA_LOG_FORMAT = savedFormat;
  });

  it("times each request under its route template and status class, and logs one JSON line without the query", async () => {
    await startServer(0);
    const labels = { method: "GET", route: "/[org]/inventory/vendors/[id]", status_class: "4xx" };
    const before = await count(labels);
    lines.length = 0;
    const res = await get("/mainfeld/inventory/vendors/0193a1b2-c3d4?token=s3cret", { "x-request-id": "client-chosen-id", cookie: "authjs.session-token=SESSION" });
    expect(res.status).toBe(404);
    expect(res.id).toMatch(UUID); // no trusted proxy: the client's id is not taken
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(await count(labels)).toBe(before + 1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toEqual({ level: "info", time: expect.any(String), msg: "request", requestId: res.id, method: "GET", route: "/[org]/inventory/vendors/[id]", status: 404, durationMs: expect.any(Number) });
    expect(lines[0]).not.toMatch(/mainfeld|0193a1b2|s3cret|SESSION|client-chosen/);
    expect(seenInside.at(-1)).toBe(res.id);
  });

  it("echoes a trusted proxy's request id, and hands the app the same id it logs", async () => {
    await startServer(1);
    lines.length = 0;
    const body = await new Promise<string>((resolve) => {
      httpRequest({ host: "127.0.0.1", port, path: "/api/health", headers: { "x-request-id": "lb-5d1e2f" } }, (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve(text));
      }).end();
    });
    expect(body).toBe("lb-5d1e2f");
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "lb-5d1e2f", route: "/api/health", status: 200 });
  });

  it("counts a page's hashed scripts and styles but logs them only when one fails", async () => {
    await startServer(0);
    const labels = { method: "GET", route: "/_next/static/*", status_class: "2xx" };
    const before = await count(labels);
    lines.length = 0;
    await get("/_next/static/chunks/main-0a1b2c.js");
    await get("/_next/static/chunks/missing-9z.js");
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: "/_next/static/*", status: 404 });
    await new Promise((r) => setTimeout(r, 50)); // nothing more comes for the script that loaded
    expect(lines).toHaveLength(1);
    expect(await count(labels)).toBe(before + 1);
  });

  it("counts a request whose client left before the answer as 499, once", async () => {
    await startServer(0);
    const labels = { method: "GET", route: "/*", status_class: "4xx" };
    const before = await count(labels);
    lines.length = 0;
    await get("/slow", {}, true);
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: "/*", status: 499 });
    await new Promise((r) => setTimeout(r, 600)); // the late answer adds nothing
    expect(lines).toHaveLength(1);
    expect(await count(labels)).toBe(before + 1);
  });
});
