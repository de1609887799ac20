import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL(".", import.meta.url).pathname;
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

describe("the engine's boundaries", () => {
  const engine = files(root).filter((f) => !/\/(cli|bench|testing)\//.test(f));
  it.each(engine.map((f) => [relative(root, f)]))("%s imports no framework, database or Node I/O", (file) => {
    const src = readFileSync(join(root, file), "utf8");
    const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);
    for (const i of imports) {
      expect(i, file).toMatch(/^(\.{1,2}\/|zod$)/);
    }
    expect(src).not.toMatch(/\bprocess\.|\brequire\(|Date\.now\(|new Date\(\)|Math\.random\(/);
  });
});
