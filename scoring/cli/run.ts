import { parseArgs } from "node:util";
import { parseInventoryDocument, parseJsonText, parseScenario, type Issue } from "../parse";
import { isBelow, parseRating, RATINGS, type Rating } from "../ratings";
import { suggestRemediations } from "../remediation";
import { simulateScenario } from "../scenario";
import { scoreInventory } from "../score-inventory";
import type { InventoryDocument } from "../schema/inventory";
import type { Scenario } from "../schema/scenario";
import { renderReport } from "./format";

export const USAGE = `Usage: npm run score -- <inventory.json> [--as-of YYYY-MM-DD] [--scenario <file>] [--format table|json|markdown] [--fail-below <rating>]

  --as-of        score against the policy landscape on this date (default: today, UTC)
  --scenario     simulate a shock described in a scenario file
  --format       table (default), json (the full result) or markdown
  --fail-below   exit 1 when the organisation's rating (after the shock, with --scenario)
                 is below this rating: ${RATINGS.map((r) => `"${r}"`).join(", ")}

Exit codes: 0 ok, 1 below the --fail-below rating, 2 invalid input or usage.
`;

/** Everything the CLI touches, injected so it can be tested in-process. */
export interface CliIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Today's date as YYYY-MM-DD (the default for --as-of). */
  today: () => string;
}

const FORMATS = ["table", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];
const OPTIONS = {
  "as-of": { type: "string" },
  scenario: { type: "string" },
  format: { type: "string" },
  "fail-below": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function readJson<T>(io: CliIo, path: string, label: string, validate: (x: unknown) => { ok: true; value: T } | { ok: false; issues: Issue[] }, errors: string[]): T | undefined {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    errors.push(`${path}: cannot read the ${label}: ${code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const parsed = parseJsonText(text, validate);
  if (!parsed.ok) {
    for (const i of parsed.issues) errors.push(`${path}: ${i.path}: ${i.message}`);
    return undefined;
  }
  return parsed.value;
}

/**
 * The sovereignty gate: parses arguments, scores the inventory, prints the report and
 * returns the exit code (0 ok, 1 below --fail-below, 2 invalid input). Never throws for bad input.
 *
 * @example
 * runCli(["examples/uk-bank.json", "--fail-below", "High"], io) //=> 1
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  const errors: string[] = [];
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: false; allowPositionals: true; tokens: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  } catch (e) {
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== "option") continue;
    if (!(t.name in OPTIONS)) errors.push(`unknown option ${t.rawName}`);
    else if (OPTIONS[t.name as keyof typeof OPTIONS].type === "string" && t.value === undefined) errors.push(`${t.rawName} expects a value`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  if (parsed.positionals.length === 0) errors.push("missing argument <inventory.json>");
  if (parsed.positionals.length > 1) errors.push(`unexpected argument(s): ${parsed.positionals.slice(1).join(" ")} (expected one inventory file)`);
  const asOf = str("as-of") ?? io.today();
  if (str("as-of") !== undefined && !validDate(asOf)) errors.push(`--as-of: expected a date as YYYY-MM-DD, received "${asOf}"`);
  const formatRaw = str("format") ?? "table";
  const format = (FORMATS as readonly string[]).includes(formatRaw) ? (formatRaw as Format) : undefined;
  if (!format) errors.push(`--format: expected one of table, json, markdown, received "${formatRaw}"`);
  let failBelow: Rating | undefined;
  if (str("fail-below") !== undefined) {
    failBelow = parseRating(str("fail-below")!);
    if (!failBelow) errors.push(`--fail-below: expected one of ${RATINGS.map((r) => `"${r}"`).join(", ")}, received "${str("fail-below")}"`);
  }
  const docPath = parsed.positionals[0];
  const doc: InventoryDocument | undefined = docPath ? readJson(io, docPath, "inventory", parseInventoryDocument, errors) : undefined;
  const scenarioPath = str("scenario");
  const scenario: Scenario | undefined = scenarioPath ? readJson(io, scenarioPath, "scenario", parseScenario, errors) : undefined;

  if (errors.length > 0 || !doc || !format) {
    io.stderr(`${errors.map((e) => `error: ${e}`).join("\n")}\n${errors.some((e) => e.startsWith("unknown option") || e.startsWith("missing argument")) ? `\n${USAGE}` : ""}`);
    return 2;
  }

  const result = scoreInventory(doc, { asOf });
  const scenarioResult = scenario ? simulateScenario(doc, scenario, { asOf, baseline: result }) : undefined;
  const remediations = suggestRemediations(doc, { asOf, baseline: result, limit: format === "json" ? 20 : 5 });
  const report = { result, scenario: scenarioResult, remediations };
  io.stdout(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, format === "markdown"));

  if (failBelow) {
    const rating = scenarioResult ? scenarioResult.score.ratingAfter : result.organisation.rating;
    const score = scenarioResult ? scenarioResult.score.after : result.organisation.score;
    if (isBelow(rating, failBelow)) {
      io.stderr(`sovereignty gate failed: the organisation is rated ${rating} (${score.toFixed(1)})${scenarioResult ? " after the scenario" : ""}, below ${failBelow}\n`);
      return 1;
    }
  }
  return 0;
}
