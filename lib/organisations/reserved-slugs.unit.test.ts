// An organisation's slug is the first segment of its pages (/<slug>/...): a slug equal to one of
// the app's own top-level routes would be shadowed by it (Next matches the static segment first).
// This reads the routes from app/ itself, route groups included, so a new top-level route that
// is not reserved fails here instead of hiding some organisation's pages.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS } from "@/lib/organisations/schemas";

const appDir = path.join(process.cwd(), "app");

/** The static first segments of the app's routes: folders of app/ and of its (groups), not [dynamic] ones. */
function topLevelSegments(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => (e.name.startsWith("(") ? topLevelSegments(path.join(dir, e.name)) : e.name.startsWith("[") || e.name.startsWith("_") ? [] : [e.name]));
}

describe("reserved organisation slugs", () => {
  it("include every top-level route of the app", () => {
    // Slugs are lower-case letters, digits and hyphens (slugify): a route such as world-map.svg cannot clash.
    const routes = topLevelSegments(appDir).filter((r) => /^[a-z0-9-]+$/.test(r));
    expect(routes).toEqual(expect.arrayContaining(["api", "print", "q", "sign-in", "invite", "practices"]));
    expect(routes.filter((r) => !RESERVED_SLUGS.has(r))).toEqual([]);
  });
});
