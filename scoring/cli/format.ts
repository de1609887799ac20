import type { Remediation } from "../remediation";
import type { ScoringResult } from "../results";
import type { ScenarioResult } from "../scenario";

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const fmt = (n: number) => n.toFixed(1);

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

/** Renders the report as a plain-text table (`md = false`) or Markdown. */
export function renderReport({ result, scenario, remediations }: Report, md: boolean): string {
  const o = result.organisation;
  const out: string[] = [];
  const h = (t: string) => out.push(md ? `\n## ${t}\n` : `\n${t}\n${"=".repeat(t.length)}`);
  out.push(md ? `# Sovereignty score: ${o.name}` : `Sovereignty score: ${o.name}`);
  out.push(`${md ? "\n" : ""}As of ${result.asOf} · methodology ${result.methodologyVersion}`);
  out.push(`${md ? "\n**Organisation**" : "Organisation"}: ${fmt(o.score)} (${o.rating}). ${o.profile}`);
  h("Vendors");
  const vendorRows = result.vendors
    .slice()
    .sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : 1))
    .map((v) => [v.name, v.accessType, md ? v.profile : truncate(v.profile, 72), v.rating, fmt(v.score)]);
  const headers = ["Vendor", "Access type", "Risk profile", "Rating", "Score"];
  const align: ("l" | "r")[] = ["l", "l", "l", "l", "r"];
  out.push(md ? mdTable(headers, vendorRows, align) : textTable(headers, vendorRows, align));
  h("Top findings");
  if (result.findings.length === 0) out.push("No material gaps found.");
  result.findings.slice(0, 5).forEach((f, i) => out.push(`${i + 1}. ${f.sentence} (−${fmt(f.pointsLost)} pts)`));
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
  return out.join("\n") + "\n";
}
