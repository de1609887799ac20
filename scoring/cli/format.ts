import type { Remediation } from "../remediation";
import type { ActiveRestriction, Finding, ScoringResult, Source, VendorResult } from "../results";
import type { ScenarioResult } from "../scenario";

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const fmt = (n: number) => n.toFixed(1);
const pct = (x: number) => `${Math.round(x * 100)}%`;

function textTable(headers: string[], rows: string[][], align: ("l" | "r")[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (align[i] === "r" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function mdTable(headers: string[], rows: string[][], align: ("l" | "r")[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${headers.join(" | ")} |`, `| ${align.map((a) => (a === "r" ? "---:" : "---")).join(" | ")} |`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

export interface Report {
  result: ScoringResult;
  scenario: ScenarioResult | undefined;
  remediations: Remediation[];
}

/** A date with the estimate mark the catalogue puts on dates no source gives. */
const dated = (date: string, estimated: boolean) => (estimated ? `${date} (estimated date)` : date);

/** What a restriction in force that reaches the organisation does, in sentences (without its title). */
export function restrictionBody(r: ActiveRestriction): string {
  const lifts = r.partialLifts.map((l) => ` Partly lifted on ${dated(l.effectiveDate, l.dateEstimated)}: ${l.title}.`).join("");
  const reach = `It reaches ${r.vendors.join(", ")} in ${r.systems} AI system(s)`;
  const off = r.switchedOffSystems > 0 ? `; it switches ${r.switchedOffSystems} off for some or all of their users (up to ${pct(r.largestShare)} of a system's users)${r.unrecoveredSystems > 0 ? `, ${r.unrecoveredSystems} without a tested fallback within tolerance` : ", each recovered by a tested fallback"}` : "";
  return `in force since ${dated(r.effectiveDate, r.dateEstimated)}.${lifts} ${reach}${off}.`;
}

/** The vendor table's mark for a restriction in force that reaches the vendor. */
export function restrictionMark(v: VendorResult): string {
  if (v.activeRestrictions.length === 0) return "";
  return v.activeRestrictions.some((r) => r.blocks) ? "ACTIVE: switched off" : "ACTIVE: restricted";
}

/** What a finding rests on, shortest first: a policy event's title, a law, a framework article. */
const sourceText = (s: Source) => s.title;

function findingLines(f: Finding, i: number, md: boolean): string[] {
  const head = `${i + 1}. ${f.sentence} (−${fmt(f.pointsLost)} pts)`;
  const sources = f.sources.map(sourceText);
  if (md) return [head, `   - *Sources:* ${sources.join("; ")}`];
  return [head, ...sources.map((s, k) => `   ${k === 0 ? "Sources:" : "        "} ${s}`)];
}

/**
 * Renders the report as a plain-text table (`md = false`) or Markdown fit to paste into a board
 * paper: the rating first, then the restrictions in force, vendors with their "Active
 * restriction" mark, the findings with the sources each rests on, what nobody recorded, the
 * remediations and the scenario.
 */
export function renderReport({ result, scenario, remediations }: Report, md: boolean): string {
  const o = result.organisation;
  const out: string[] = [];
  const h = (t: string) => out.push(md ? `\n## ${t}\n` : `\n${t}\n${"=".repeat(t.length)}`);
  out.push(md ? `# Sovereignty score: ${o.name}` : `Sovereignty score: ${o.name}`);
  out.push(`${md ? "\n" : ""}As of ${result.asOf} · methodology ${result.methodologyVersion}`);
  out.push(`${md ? "\n**Organisation**" : "Organisation"}: ${fmt(o.score)} (${o.rating}). ${o.profile}`);

  if (o.activeRestrictions.length > 0) {
    h("Active restrictions in force");
    for (const r of o.activeRestrictions) out.push(md ? `- **${r.title}**: ${restrictionBody(r)}` : `! ${r.title}: ${restrictionBody(r)}`);
    if (o.activeRestrictions.some((r) => r.dateEstimated || r.partialLifts.some((l) => l.dateEstimated))) {
      out.push(md ? "\n*Estimated dates: no source gives them; an organisation can correct them for itself.*" : "  (Estimated dates: no source gives them; an organisation can correct them for itself.)");
    }
  }

  h("Vendors");
  const vendorRows = result.vendors
    .slice()
    .sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : 1))
    .map((v) => [v.name, v.accessType, restrictionMark(v) || "—", md ? v.profile : truncate(v.profile, 72), v.rating, fmt(v.score)]);
  const headers = ["Vendor", "Access type", "Restriction in force", "Risk profile", "Rating", "Score"];
  const align: ("l" | "r")[] = ["l", "l", "l", "l", "l", "r"];
  out.push(md ? mdTable(headers, vendorRows, align) : textTable(headers, vendorRows, align));

  h("Top findings");
  if (result.findings.length === 0) out.push("No material gaps found.");
  result.findings.slice(0, 5).forEach((f, i) => out.push(...findingLines(f, i, md)));

  const unrecorded = [...new Set(result.vendors.flatMap((v) => v.notRecorded.map((n) => `${n} (${v.name})`)))];
  if (unrecorded.length > 0) {
    h("Not recorded: verify");
    out.push(md ? "Facts these scores rest on that nobody recorded; each is scored cautiously until it is:\n" : "Facts these scores rest on that nobody recorded; each is scored cautiously until it is:");
    for (const n of unrecorded) out.push(`- ${n}`);
  }

  if (remediations.length > 0) {
    h("Top remediations");
    remediations.slice(0, 5).forEach((r, i) => out.push(`${i + 1}. ${r.title} (+${fmt(r.expectedGain.organisation)} pts)`));
  }
  if (scenario) {
    h(`Scenario: ${scenario.scenario.name}`);
    out.push(scenario.summary);
    out.push(`Score after the shock: ${fmt(scenario.score.after)} (${scenario.score.ratingAfter}), ${scenario.score.delta >= 0 ? "+" : ""}${fmt(scenario.score.delta)} from ${fmt(scenario.score.before)}.`);
    if (scenario.systems.length > 0) {
      const rows = scenario.systems.map((s) => [s.name, s.criticality, s.status, String(s.affectedOffices.length), s.recoveryHours === undefined ? "—" : `${s.recoveryHours} h / ${s.toleratedDowntimeHours} h`]);
      const hs = ["System", "Criticality", "Recovery", "Offices hit", "Switch / tolerated"];
      const al: ("l" | "r")[] = ["l", "l", "l", "r", "r"];
      out.push("");
      out.push(md ? mdTable(hs, rows, al) : textTable(hs, rows, al));
      out.push(`\nTeams affected: ${scenario.teams.join(", ") || "none recorded"} · data flows affected: ${scenario.dataFlows.count}`);
    }
  }
  if (md) out.push(`\n---\n\n*Scores from 0 (no sovereignty) to 100; ratings Very Low < 35 ≤ Low < 50 ≤ Medium < 65 ≤ High < 80 ≤ Very High. Sovra methodology ${result.methodologyVersion}, as of ${result.asOf}.*`);
  return out.join("\n") + "\n";
}
