// The score CLI, against the mutants of run.ts that survived run.test.ts: the exact words of
// each usage error (and when the usage text follows them), why a file could not be read, dates
// the YYYY-MM-DD check rejects, how many remediations each format carries and the gate's message
// without a scenario. Every expected text is written out by hand.
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../testing/cli";

const run = runCliInProcess;

const BANK = "examples/uk-bank.json";
const FRANKFURT = "examples/frankfurt-manufacturer.json";

const USAGE_TEXT = `Usage: npm run score -- <inventory.json> [--as-of YYYY-MM-DD] [--scenario <file>] [--format table|json|markdown] [--fail-below <rating>]

  --as-of        score against the policy landscape on this date (default: today, UTC)
  --scenario     simulate a shock described in a scenario file
  --format       table (default), json (the full result) or markdown
  --fail-below   exit 1 when the organisation's rating (after the shock, with --scenario)
                 is below this rating: "Very Low", "Low", "Medium", "High", "Very High"

Exit codes: 0 ok, 1 below the --fail-below rating, 2 invalid input or usage.
`;

describe("usage errors, word for word", () => {
  it("prints the usage text with --help", () => {
    expect(run(["--help"])).toEqual({ code: 0, stdout: USAGE_TEXT, stderr: "" });
  });

  it.each([
    ["a flag without its value (and nothing else)", [BANK, "--as-of"], "error: --as-of expects a value\n"],
    ["a date in another format", [BANK, "--as-of", "01/11/2026"], 'error: --as-of: expected a date as YYYY-MM-DD, received "01/11/2026"\n'],
    ["a date without leading zeros", [BANK, "--as-of", "2026-1-1"], 'error: --as-of: expected a date as YYYY-MM-DD, received "2026-1-1"\n'],
    ["extra inventories, naming only the extra ones", [BANK, "b.json", "c.json"], "error: unexpected argument(s): b.json c.json (expected one inventory file)\n"],
    ["an unknown rating, listing the ratings", [BANK, "--fail-below", "Great"], 'error: --fail-below: expected one of "Very Low", "Low", "Medium", "High", "Very High", received "Great"\n'],
    ["a scenario file that does not exist", [BANK, "--scenario", "nope.json"], "error: nope.json: cannot read the scenario: file not found\n"],
    [
      "two problems, one a line, without the usage text",
      [BANK, "--format", "xml", "--fail-below", "Great"],
      'error: --format: expected one of table, json, markdown, received "xml"\nerror: --fail-below: expected one of "Very Low", "Low", "Medium", "High", "Very High", received "Great"\n',
    ],
  ])("exits 2 on %s", (_l, args, stderr) => {
    expect(run(args)).toEqual({ code: 2, stdout: "", stderr });
  });

  it.each([
    ["an unknown option", [BANK, "--colour=red"], "error: unknown option --colour\n"],
    ["a missing inventory", [], "error: missing argument <inventory.json>\n"],
    ["an unknown option among other problems", [BANK, "--format", "xml", "--colour=red"], 'error: unknown option --colour\nerror: --format: expected one of table, json, markdown, received "xml"\n'],
  ])("adds the usage text after %s", (_l, args, errors) => {
    expect(run(args)).toEqual({ code: 2, stdout: "", stderr: `${errors}\n${USAGE_TEXT}` });
  });

  it("reports an argument list it cannot parse as a usage error instead of throwing", () => {
    const r = run([null] as unknown as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^error: \S.*\n\n/);
    expect(r.stderr.endsWith(`\n\n${USAGE_TEXT}`)).toBe(true);
  });
});

describe("files it cannot read", () => {
  it.each([
    ["a directory", Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: "EISDIR" }), "error: inv.json: cannot read the inventory: is a directory\n"],
    ["a file it may not read, with the system's message", Object.assign(new Error("EACCES: permission denied, open 'inv.json'"), { code: "EACCES" }), "error: inv.json: cannot read the inventory: EACCES: permission denied, open 'inv.json'\n"],
    ["anything else thrown", "disk on fire", "error: inv.json: cannot read the inventory: disk on fire\n"],
  ])("names %s", (_l, thrown, stderr) => {
    expect(run(["inv.json"], {}, { "inv.json": thrown })).toEqual({ code: 2, stdout: "", stderr });
  });
});

describe("remediations per format", () => {
  it("puts up to 20 remediations in the JSON result", () => {
    // The Frankfurt manufacturer has more than 20 candidate actions: JSON carries the first 20.
    expect(JSON.parse(run([FRANKFURT, "--format", "json"]).stdout).remediations).toHaveLength(20);
  });

  it("shows the top 5 in the table", () => {
    const out = run([FRANKFURT]).stdout;
    const section = out.slice(out.indexOf("Top remediations\n")).split("\n\n")[0]!;
    expect(section.split("\n").filter((l) => /^\d+\. /.test(l)).map((l) => l.slice(0, 3))).toEqual(["1. ", "2. ", "3. ", "4. ", "5. "]);
  });
});

describe("the sovereignty gate", () => {
  it("names the rating and score it failed on, without a scenario", () => {
    // examples/us-startup.json scores 43.74 (Low) on 2026-11-01 (scoring/testing/golden/us-startup.json).
    const r = run(["examples/us-startup.json", "--fail-below", "High"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("sovereignty gate failed: the organisation is rated Low (43.7), below High\n");
  });
});
