import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../testing/cli";
import { underMutation } from "../testing/mutation";

const root = new URL("../../", import.meta.url).pathname;

const run = runCliInProcess;

const BANK = "examples/uk-bank.json";
const FRANKFURT = "examples/frankfurt-manufacturer.json";
const SCENARIO = "examples/scenario-us-closed-models-blocked-eu.json";

describe("the score CLI", () => {
  it("prints the vendor table and the top findings", () => {
    const r = run([FRANKFURT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Vendor\s+Access type\s+Restriction in force\s+Risk profile\s+Rating\s+Score/);
    expect(r.stdout).toContain("OpenAI");
    expect(r.stdout).toContain("Top findings");
    expect(r.stdout).toContain("As of 2026-11-01");
    expect(r.stderr).toBe("");
  });

  it("scores as of the date given with --as-of", () => {
    const a = JSON.parse(run([FRANKFURT, "--as-of", "2025-03-01", "--format", "json"]).stdout);
    const b = JSON.parse(run([FRANKFURT, "--as-of", "2026-11-01", "--format", "json"]).stdout);
    expect(a.result.asOf).toBe("2025-03-01");
    expect(a.result.landscape.active.map((e: { key: string }) => e.key)).toContain("us-ai-diffusion-rule-2025");
    expect(b.result.landscape.active.map((e: { key: string }) => e.key)).not.toContain("us-ai-diffusion-rule-2025");
  });

  it("prints the full result as JSON with --format json", () => {
    const r = run([BANK, "--format", "json"]);
    const out = JSON.parse(r.stdout);
    expect(out.result.methodologyVersion).toBe("2026.12-1");
    expect(out.result.dependencies[0].factors).toHaveLength(16);
    expect(Array.isArray(out.remediations)).toBe(true);
  });

  it("prints Markdown tables with --format markdown", () => {
    const r = run([BANK, "--format", "markdown"]);
    expect(r.stdout).toMatch(/^# Sovereignty score: Thames Mutual Bank plc/);
    expect(r.stdout).toContain("| Vendor | Access type | Restriction in force | Risk profile | Rating | Score |");
  });

  it("leads with a restriction in force, marks its vendor and prints every finding's sources (table)", () => {
    // 2026-05-04: the US restriction on Anthropic's models is in force for every country but the US.
    const r = run([FRANKFURT, "--as-of", "2026-05-04"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Organisation: \d+\.\d \([A-Za-z ]+\)\. Active restriction: US export restriction on Anthropic's advanced models/);
    expect(r.stdout).toContain("Active restrictions in force");
    expect(r.stdout).toContain("! US export restriction on Anthropic's advanced models: in force since 2026-03-02 (estimated date).");
    expect(r.stdout).toMatch(/^Anthropic\s+.*ACTIVE: switched off/m);
    expect(r.stdout).not.toMatch(/^Mistral AI\s+.*ACTIVE/m);
    // The first finding is the switch-off, with its sources: the event (with its references) and the method.
    const findings = r.stdout.slice(r.stdout.indexOf("Top findings"));
    expect(findings).toMatch(/^1\. .*blocks this model for/m);
    expect(findings).toMatch(/^ {3}Sources: US export restriction on Anthropic's advanced models \(in force from 2026-03-02, estimated date; Press reports, undated .*Review Nest \(editorial team\): "The US Export Ban on Anthropic AI/m);
    expect(findings.match(/^ {3}Sources: /gm)!.length).toBe(5);
  });

  it("prints Markdown fit for a board paper: restrictions, marks, sources and the scale", () => {
    const r = run([FRANKFURT, "--as-of", "2026-09-01", "--format", "markdown"]);
    expect(r.stdout).toContain("## Active restrictions in force");
    expect(r.stdout).toMatch(/- \*\*US export restriction on Anthropic's advanced models\*\*: in force since 2026-03-02 \(estimated date\)\. Partly lifted on 2026-07-13 \(estimated date\): US lifts the Anthropic restriction for allied nations\./);
    expect(r.stdout).toMatch(/\| Anthropic \| [^|]+ \| ACTIVE: switched off \|/);
    expect(r.stdout.match(/^ {3}- \*Sources:\* /gm)!.length).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toContain("*Estimated dates: no source gives them; an organisation can correct them for itself.*");
    expect(r.stdout).toMatch(/ratings Very Low < 35 ≤ Low < 50 ≤ Medium < 65 ≤ High < 80 ≤ Very High\. Sovra methodology 2026\.12-1, as of 2026-09-01\.\*\n$/);
  });

  it("simulates a scenario with --scenario", () => {
    const r = run([FRANKFURT, "--scenario", SCENARIO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Scenario: US closed models blocked in the EU/EEA");
    expect(r.stdout).toMatch(/Score after the shock: \d+\.\d/);
  });

  it.each([
    ["exits 1 when the organisation is rated below the threshold", ["examples/us-startup.json", "--fail-below", "High"], 1, /gate failed: the organisation is rated Low/],
    ["exits 0 when it meets the threshold", [BANK, "--fail-below", "High"], 0, /^$/],
    ["accepts a rating in any case with dashes", [BANK, "--fail-below", "very-low"], 0, /^$/],
    ["applies the gate after the shock with --scenario", [FRANKFURT, "--scenario", SCENARIO, "--fail-below", "High"], 1, /after the scenario, below High/],
  ])("%s", (_l, args, code, stderr) => {
    const r = run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(stderr);
  });

  it.each([
    ["a missing file", ["nope.json"], /nope\.json: cannot read the inventory: file not found/],
    ["bad JSON", ["bad.json"], /bad\.json: \$: invalid JSON: .*line 1/],
    ["an unknown flag", [BANK, "--colour", "red"], /unknown option --colour/],
    ["a flag without its value", [BANK, "--as-of"], /--as-of expects a value/],
    ["a malformed date", [BANK, "--as-of", "2026-02-30"], /--as-of: expected a date as YYYY-MM-DD, received "2026-02-30"/],
    ["an unknown format", [BANK, "--format", "xml"], /--format: expected one of table, json, markdown/],
    ["an unknown rating", [BANK, "--fail-below", "Great"], /--fail-below: expected one of "Very Low"/],
    ["no inventory", [], /missing argument <inventory.json>/],
    ["two inventories", [BANK, BANK], /unexpected argument/],
  ])("exits 2 on %s, naming the problem", (_l, args, message) => {
    const r = run(args, { "bad.json": "{ nope" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it("reports every schema problem at once, with JSON paths, for both files", () => {
    const inv = JSON.parse(readFileSync(root + BANK, "utf8"));
    inv.offices[0].country = "UK";
    inv.dependencies[0].model = "gpt-9";
    delete inv.aiSystems[1].criticality;
    const r = run(["inv.json", "--scenario", "scn.json", "--format", "yaml", "--bogus"], { "inv.json": JSON.stringify(inv), "scn.json": JSON.stringify({ schemaVersion: "1.0", key: "s", name: "S", shocks: [] }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inv.json: $.offices[0].country: expected an ISO 3166-1 alpha-2 country code such as "DE" or "US", received "UK"');
    expect(r.stderr).toContain("inv.json: $.aiSystems[1].criticality");
    expect(r.stderr).toContain("scn.json: $.shocks");
    expect(r.stderr).toContain("--format");
    expect(r.stderr).toContain("unknown option --bogus");
  });

  it("reports dangling references with their JSON path", () => {
    const inv = JSON.parse(readFileSync(root + BANK, "utf8"));
    inv.dependencies[0].model = "gpt-9";
    inv.dataFlows[2].dependency = "ghost";
    const r = run(["inv.json"], { "inv.json": JSON.stringify(inv) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.dependencies[0].model: unknown model "gpt-9"');
    expect(r.stderr).toContain('$.dataFlows[2].dependency: unknown dependency "ghost"');
  });

  it("prints usage with --help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run score --/);
  });

  // Skipped under mutation testing only: the child process loads the unmutated engine, so it cannot
  // notice a mutant, and it costs 1.4 s of every mutant's run. It runs in every normal suite.
  it.skipIf(underMutation)("runs through the real entry point (npx tsx scoring/cli/main.ts)", () => {
    const r = spawnSync("npx", ["tsx", "scoring/cli/main.ts", "examples/us-startup.json", "--as-of", "2026-11-01", "--fail-below", "Medium"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Lumen Labs Inc.");
    expect(r.stderr).toContain("sovereignty gate failed");
  }, 30_000);
});

