import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRouteMatcher, loadRouteMatcher, readPublicFiles, readRouteTemplates, UNMATCHED } from "./routes";

/**
 * The app's route templates from its source, as Next derives them for the manifest: each folder
 * with a page or route file, route groups "(x)" left out. The unit tests need no build.
 */
function templatesFromAppDir(dir: string, prefix = ""): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && /^(page|route)\.tsx?$/.test(e.name)) ? [prefix || "/"] : [];
  return [
    ...here,
    ...entries
      .filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith("@"))
      .flatMap((e) => templatesFromAppDir(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? prefix : `${prefix}/${e.name}`)),
  ];
}

const TEMPLATES = templatesFromAppDir(path.resolve("app"));
const routeOf = createRouteMatcher(TEMPLATES, ["/favicon.ico", "/robots.txt", "/icons/icon-192.png"]);

describe("the route template of a request's path", () => {
  it("finds the app's routes in its source (the test's own premise)", () => {
    expect(TEMPLATES).toEqual(expect.arrayContaining(["/", "/[org]", "/[org]/inventory/vendors/[id]", "/[org]/inventory/vendors/new", "/api/auth/[...nextauth]", "/api/health"]));
  });

  it.each([
    ["/mainfeld/inventory/vendors/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "/[org]/inventory/vendors/[id]"],
    ["/other-bank/inventory/vendors/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "/[org]/inventory/vendors/[id]"],
    ["/mainfeld/inventory/vendors/new", "/[org]/inventory/vendors/new"],
    ["/mainfeld/inventory/vendors", "/[org]/inventory/vendors"],
    ["/mainfeld/inventory/vendors/", "/[org]/inventory/vendors"],
    ["/mainfeld", "/[org]"],
    ["/", "/"],
    ["/sign-in", "/sign-in"],
    ["/api/health", "/api/health"],
    ["/api/auth/callback/sso-instance", "/api/auth/[...nextauth]"],
    ["/api/auth/session", "/api/auth/[...nextauth]"],
    ["/api/v1/orgs/mainfeld/vendors/0193a1b2", "/api/v1/orgs/[org]/vendors/[id]"],
    ["/api/v1/orgs/mainfeld/exports/cyclonedx.json", "/api/v1/orgs/[org]/exports/cyclonedx.json"],
    ["/print/report/eyJhbGciOi.secret-token", "/print/report/[token]"],
    ["/invite/abcdef123456", "/invite/[token]"],
    ["/practices/acme-consulting/clients/mainfeld/benchmark", "/practices/[practice]/clients/[client]/benchmark"],
  ])("labels %s as %s", (pathname, template) => {
    expect(routeOf(pathname)).toBe(template);
  });

  it("prefers a public file to a route that would match it", () => {
    expect(routeOf("/favicon.ico")).toBe("/favicon.ico");
    expect(routeOf("/icons/icon-192.png")).toBe("/icons/icon-192.png");
  });

  it("gives paths that match no route one of four labels, whatever a client asks for", () => {
    expect(routeOf("/_next/static/chunks/app/page-0a1b2c.js")).toBe(UNMATCHED.static);
    expect(routeOf("/_next/image")).toBe(UNMATCHED.next);
    expect(routeOf("/api/v1/nothing/here/at/all")).toBe(UNMATCHED.api);
    expect(routeOf("/mainfeld/no-such-area/x/y/z")).toBe(UNMATCHED.other);
    const labels = new Set(Array.from({ length: 200 }, (_, i) => routeOf(`/org-${i}/random-${i}/deeper-${i}/x`)));
    expect([...labels]).toEqual([UNMATCHED.other]);
  });

  it("never yields a label that is not a template, a public file or one of the four", () => {
    const allowed = new Set([...TEMPLATES, "/favicon.ico", "/robots.txt", "/icons/icon-192.png", ...Object.values(UNMATCHED)]);
    const samples = ["/a", "/a/b", "/a/b/c/d/e/f", "/api", "/api/x", "/_next", "/%2e%2e/etc/passwd", "//double//slash", "/mainfeld/inventory/vendors/1/2/3"];
    for (const sample of samples) expect(allowed.has(routeOf(sample)), sample).toBe(true);
  });

  it("follows Next's precedence: static, then dynamic, then catch-all, then optional catch-all", () => {
    const match = createRouteMatcher(["/docs/[[...slug]]", "/docs/[...all]", "/docs/[page]", "/docs/intro", "/shop/[[...slug]]"]);
    expect(match("/docs/intro")).toBe("/docs/intro");
    expect(match("/docs/setup")).toBe("/docs/[page]");
    expect(match("/docs/setup/advanced")).toBe("/docs/[...all]");
    expect(match("/docs")).toBe("/docs/[[...slug]]");
    expect(match("/shop")).toBe("/shop/[[...slug]]");
    expect(match("/shop/a/b")).toBe("/shop/[[...slug]]");
  });

  it("labels everything coarsely when there is no build", () => {
    const match = createRouteMatcher([]);
    expect(match("/mainfeld/inventory")).toBe(UNMATCHED.other);
    expect(match("/api/health")).toBe(UNMATCHED.api);
  });
});

describe("reading a build's routes and public files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sovra-routes-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the templates from .next/app-path-routes-manifest.json and the files under public/", () => {
    mkdirSync(path.join(dir, ".next"));
    mkdirSync(path.join(dir, "public", "icons"), { recursive: true });
    writeFileSync(
      path.join(dir, ".next", "app-path-routes-manifest.json"),
      JSON.stringify({ "/(app)/[org]/scores/page": "/[org]/scores", "/(app)/[org]/page": "/[org]", "/_not-found/page": "/_not-found", "/api/health/route": "/api/health" }),
    );
    writeFileSync(path.join(dir, "public", "robots.txt"), "");
    writeFileSync(path.join(dir, "public", "icons", "icon.svg"), "");
    expect(readRouteTemplates(dir).sort()).toEqual(["/[org]", "/[org]/scores", "/api/health"]);
    expect(readPublicFiles(dir).sort()).toEqual(["/icons/icon.svg", "/robots.txt"]);
    const match = loadRouteMatcher(dir);
    expect(match("/mainfeld/scores")).toBe("/[org]/scores");
    expect(match("/robots.txt")).toBe("/robots.txt");
    expect(match("/icons/icon.svg")).toBe("/icons/icon.svg");
  });

  it("reads no templates from a folder without a build, or with a broken manifest", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "sovra-routes-empty-"));
    try {
      expect(readRouteTemplates(empty)).toEqual([]);
      expect(readPublicFiles(empty)).toEqual([]);
      mkdirSync(path.join(empty, ".next"));
      writeFileSync(path.join(empty, ".next", "app-path-routes-manifest.json"), "{ not json");
      expect(readRouteTemplates(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
