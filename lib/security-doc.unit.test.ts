import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import asvs from "@/lib/testing/asvs-5.0-l2.json";

// docs/SECURITY.md maps every OWASP ASVS 5.0 level 1 and 2 requirement to the test that covers
// it, the design that holds it, the deployment step it needs, or why it does not apply. This
// keeps the map complete and its references real: a renamed or deleted test breaks it here.

const root = path.resolve(import.meta.dirname, "..");
const doc = readFileSync(path.join(root, "docs/SECURITY.md"), "utf8");
const STATUSES = ["Tested", "By design", "Deployment", "N/A", "Open"] as const;

interface Row {
  id: string;
  level: number;
  status: string;
  evidence: string;
}

const rows: Row[] = doc
  .split("\n")
  .filter((line) => /^\| \d+\.\d+\.\d+ \|/.test(line))
  .map((line) => {
    const cells = line.split(" | ").map((c) => c.replace(/^\| ?| ?\|$/g, "").trim());
    return { id: cells[0]!, level: Number(cells[1]), status: cells[3]!, evidence: cells.slice(4).join(" | ") };
  });

// Backticked repository paths: `lib/x.ts`, `e2e/y.spec.ts`, `docs/…md`, `README.md`.
const pathsIn = (text: string) =>
  [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!).filter((p) => /^(lib|app|components|e2e|scoring|prisma|docs|public)\/|^(README\.md|package(-lock)?\.json|eslint\.config\.mjs|\.gitignore)$/.test(p) && !/[…*]/.test(p));

describe("docs/SECURITY.md", () => {
  it("lists every ASVS 5.0 level 1 and 2 requirement exactly once, with its level", () => {
    const expected = asvs.requirements.map((r) => `${r.id} L${r.level}`);
    expect(rows.map((r) => `${r.id} L${r.level}`)).toEqual(expected);
  });

  it("gives every requirement a known status and an explanation", () => {
    for (const row of rows) {
      expect(STATUSES, row.id).toContain(row.status);
      expect(row.evidence.length, `${row.id} has no evidence`).toBeGreaterThan(5);
    }
  });

  it("names a test file for every requirement it calls tested", () => {
    const untested = rows.filter((r) => r.status === "Tested" && !pathsIn(r.evidence).some((p) => /\.(test|spec)\.ts$/.test(p)));
    expect(untested.map((r) => r.id)).toEqual([]);
  });

  it("names only files that exist", () => {
    const missing = [...new Set(pathsIn(doc))].filter((p) => !existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });
});
