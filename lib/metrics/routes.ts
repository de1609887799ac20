import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// A request's path as its route template, for metrics and logs: /mainfeld/inventory/vendors/0193…
// is /[org]/inventory/vendors/[id]. A label per organisation or id would make a time series per
// organisation and per record, without bound; the templates are the app's routes, a fixed set.
// They come from the build (.next/app-path-routes-manifest.json, Next's map of app routes to
// their URLs) and public/; a path that matches none gets one of four coarse labels, so a client
// that asks for random addresses adds no series (docs/decisions/050).
// No "server-only": the web server (lib/runtime/web-server.ts) loads this outside Next's bundle.

/** Labels of paths that match no route. */
export const UNMATCHED = { static: "/_next/static/*", next: "/_next/*", api: "/api/*", other: "/*" } as const;

type Node = {
  statics: Map<string, Node>;
  dynamic?: Node;
  catchAll?: string;
  optionalCatchAll?: string;
  template?: string;
};

const newNode = (): Node => ({ statics: new Map() });

function staticChild(node: Node, segment: string): Node {
  let child = node.statics.get(segment);
  if (!child) node.statics.set(segment, (child = newNode()));
  return child;
}

/** A path's segments: none for the root. */
const segmentsOf = (pathname: string) => pathname.split("/").filter(Boolean);

/**
 * A matcher from paths to route templates, Next's precedence: a static segment before a dynamic
 * one, before a catch-all ([...x]), before an optional catch-all ([[...x]]). `files` are exact
 * paths (public/'s files) that win over every route, as Next serves them first.
 * @example createRouteMatcher(["/[org]/inventory/vendors/[id]", "/[org]/inventory/vendors/new"])("/acme/inventory/vendors/0193abcd")
 * // "/[org]/inventory/vendors/[id]"
 */
export function createRouteMatcher(templates: Iterable<string>, files: Iterable<string> = []): (pathname: string) => string {
  const root = newNode();
  for (const template of templates) {
    let node = root;
    let catchAll = false;
    for (const segment of segmentsOf(template)) {
      // Nothing follows a catch-all segment: it takes the rest of the path.
      if (segment.startsWith("[[...")) node.optionalCatchAll ??= template;
      else if (segment.startsWith("[...")) node.catchAll ??= template;
      else {
        node = segment.startsWith("[") ? (node.dynamic ??= newNode()) : staticChild(node, segment);
        continue;
      }
      catchAll = true;
      break;
    }
    if (!catchAll) node.template ??= template;
  }
  const exact = new Set(files);

  const match = (node: Node, segments: string[], i: number): string | undefined => {
    if (i === segments.length) return node.template ?? node.optionalCatchAll;
    const segment = segments[i]!;
    const viaStatic = node.statics.get(segment);
    const found = (viaStatic && match(viaStatic, segments, i + 1)) ?? (node.dynamic && match(node.dynamic, segments, i + 1));
    return found ?? node.catchAll ?? node.optionalCatchAll;
  };

  return (pathname) => {
    if (exact.has(pathname)) return pathname;
    if (pathname.startsWith("/_next/")) return pathname.startsWith("/_next/static/") ? UNMATCHED.static : UNMATCHED.next;
    return match(root, segmentsOf(pathname), 0) ?? (pathname === "/api" || pathname.startsWith("/api/") ? UNMATCHED.api : UNMATCHED.other);
  };
}

/**
 * The route templates of a build: the values of `.next/app-path-routes-manifest.json` under
 * `dir` (Next's own pages such as /_not-found left out), or none when there is no build.
 * @example readRouteTemplates(process.cwd()) // ["/", "/[org]", "/[org]/inventory", …]
 */
export function readRouteTemplates(dir: string): string[] {
  const file = path.join(dir, ".next", "app-path-routes-manifest.json");
  if (!existsSync(file)) return [];
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return [...new Set(Object.values(manifest).filter((v): v is string => typeof v === "string" && v.startsWith("/") && !v.startsWith("/_")))];
  } catch {
    return [];
  }
}

/**
 * The files of `dir`/public as the paths they are served at, e.g. /favicon.ico; none without it.
 * @example readPublicFiles(process.cwd()) // ["/favicon.ico", "/robots.txt", …]
 */
export function readPublicFiles(dir: string): string[] {
  const publicDir = path.join(dir, "public");
  if (!existsSync(publicDir)) return [];
  try {
    return readdirSync(publicDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`);
  } catch {
    return [];
  }
}

/**
 * The matcher for the app in `dir` (its build and public/): what the web server labels requests with.
 * @example const routeOf = loadRouteMatcher(process.cwd()); routeOf("/acme/scores") // "/[org]/scores"
 */
export function loadRouteMatcher(dir: string): (pathname: string) => string {
  return createRouteMatcher(readRouteTemplates(dir), readPublicFiles(dir));
}
