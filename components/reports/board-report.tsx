import { WorldMap } from "@/components/scores/world-map";
import type { BoardReport as Report, ReportInventory } from "@/lib/reports/board-report";
import type { Paper } from "@/lib/reports/print-token";
import { VendorTable } from "@/components/scores/vendor-table";
import { DimensionRadar } from "@/components/scores/dimension-radar";
import { ConcentrationCharts } from "@/components/scores/concentration-charts";
import { SystemHeatMap } from "@/components/scores/system-heat-map";
import { ScoreTrend } from "@/components/assessments/score-trend";
import { Delta } from "@/components/assessments/delta";
import { PlanTable } from "@/components/remediation/plan-table";
import { ReportCover } from "./report-cover";
import type { ReportBranding } from "@/lib/practices/queries";
import { ReportSection, ReportSubheading } from "./report-section";
import { ExecutiveSummary, KeyFigures, TopRisks } from "./report-summary";
import { ReportScenarios } from "./report-scenarios";
import { InventoryAppendix, MethodologyAppendix } from "./report-appendix";
import { ReportReady } from "./report-ready";
import { PAGE_CONTENT_MM, PAGE_MARGIN, PAGE_SIZE } from "@/lib/reports/report-footer";
import { formatDayLong } from "@/lib/dates";

/** Paper sizes and the content width between the side margins, so screen and paper lay out alike. */
export const PAPER = {
  a4: { label: "A4", contentWidth: `${PAGE_CONTENT_MM.a4.width}mm` },
  letter: { label: "US Letter", contentWidth: `${PAGE_CONTENT_MM.letter.width}mm` },
} as const satisfies Record<Paper, { label: string; contentWidth: string }>;

/** Column widths (percent) of a fixed-layout table inside the element with this test id. */
const widths = (testId: string, percents: number[]) =>
  percents.map((w, i) => `.board-report [data-testid="${testId}"] thead th:nth-child(${i + 1}) { width: ${w}%; }`).join("\n");

// Margins: 16 mm at the sides and top; 24 mm at the bottom, where the report job prints its
// footer (organisation, assessment, date, methodology, page x of y) in about 18 mm.
const printCss = (paper: Paper) => `
@page { size: ${PAGE_SIZE[paper]}; margin: ${PAGE_MARGIN}; }
@media print {
  .board-report { width: auto !important; max-width: none !important; padding: 0 !important; box-shadow: none !important; font-size: 10.5pt; }
  .board-report .report-cover { min-height: 225mm; break-after: page; }
  /* A card's 1px ring is a box-shadow drawn outside its box: at the printable area's right edge it was cut off. Inside the box on paper. */
  .board-report .ring-1 { --tw-ring-inset: inset; }
  .board-report .report-page-break { break-before: page; }
  .board-report .report-scenario-break { break-before: page; }
  .board-report .report-keep, .board-report tr, .board-report figure, .board-report li { break-inside: avoid; }
  .board-report .report-section > header { break-inside: avoid; }
  .board-report .report-keep-with-next, .board-report h2, .board-report h3, .board-report caption { break-after: avoid; }
  .board-report thead { display: table-header-group; }
  .board-report tfoot { display: table-footer-group; }
  .board-report a { color: inherit; text-decoration: none; }
  /* No blurred drop shadows on paper: Chromium rasterises each one into the PDF (a 37-page report
     printed in 3.2 s with the cards' shadows, 1.1 s without, at half the file size). Rings
     (outlines, drawn as unblurred shadows) stay. */
  .board-report, .board-report * { --tw-shadow: 0 0 #0000 !important; }
}
.board-report .report-table th, .board-report .report-table td { vertical-align: top; }
/* The screens' two-column chart grid would make charts measure half a page on a wide screen and
   then print at that size: the report lays them out one per row in every medium. */
.board-report .lg\\:grid-cols-2 { grid-template-columns: repeat(1, minmax(0, 1fr)); }
/* The plan's and the scenarios' screen tables, fitted to the paper's width. */
.board-report [data-testid="report-plan"] table, .board-report [data-testid="report-scenario"] table { table-layout: fixed; width: 100%; min-width: 0; }
/* Words never break inside (no "SOVEREIG/NTY", "dependenc/y", "2027-02-/04"): the widths below fit
   the longest word of each column on A4 and US Letter; e2e/board-report.spec.ts checks every cell. */
.board-report [data-testid="report-plan"] :is(th, td), .board-report [data-testid="report-scenario"] :is(th, td) { white-space: normal; overflow-wrap: normal; hyphens: manual; padding: 6px 5px; font-size: 0.75rem; }
.board-report time { white-space: nowrap; }
.board-report [data-testid="report-plan"] thead th, .board-report [data-testid="report-scenario"] thead th { font-size: 0.625rem; letter-spacing: 0; }
${widths("report-plan", [28, 12, 13, 12, 11, 12, 12])}
${widths("report-scenario", [16, 12, 13, 13, 14, 9, 23])}
/* The vendor table too: its screen cells have minimum widths (min-w-44, min-w-72) that made it
   1,781 px wide, and Chromium shrank every page of the report's main part to ~68% to fit it. */
.board-report table[data-testid="vendor-table"] { table-layout: fixed; width: 100%; min-width: 0; }
.board-report table[data-testid="vendor-table"] :is(th, td) { min-width: 0; max-width: none; white-space: normal; overflow-wrap: normal; hyphens: manual; padding: 6px 5px; font-size: 0.75rem; }
/* Headers in their own case on paper: "SOVEREIGNTY" in capitals did not fit its column. */
.board-report table[data-testid="vendor-table"] thead th { font-size: 0.6875rem; letter-spacing: 0; text-transform: none; }
/* The vendor column is the widest after the risk profile: it carries the Active restriction mark. */
${widths("vendor-table", [22, 14, 21, 12, 7, 10, 14])}
.board-report .overflow-x-auto { overflow: visible; }
`;

const inventoryLead = (report: Pick<ReportInventory, "meta">) => `The inventory as frozen in assessment ${report.meta.assessmentId} (inputs sha256 ${report.meta.inputsHash.slice(0, 12)}…).`;

const SECTIONS = [
  ["summary", "Executive summary"],
  ["figures", "Key figures"],
  ["vendors", "Vendor sovereignty"],
  ["charts", "Where the exposure sits"],
  ["scenarios", "Scenario results"],
  ["risks", "Top risks"],
  ["plan", "Remediation plan"],
  ["trend", "Trend"],
  ["methodology", "Appendix A: Methodology and sources"],
  ["inventory", "Appendix B: Inventory"],
] as const;

/** Section titles in order, for the contents list and the tests. */
export const REPORT_SECTION_TITLES = SECTIONS.map(([, title]) => title);
const titleOf = (id: (typeof SECTIONS)[number][0]) => SECTIONS.find(([k]) => k === id)![1];
const numberOf = (id: (typeof SECTIONS)[number][0]) => {
  const i = SECTIONS.findIndex(([k]) => k === id);
  return i < 8 ? String(i + 1) : String.fromCharCode(65 + i - 8);
};

/**
 * The board report, the same on screen (the in-app preview) and on paper (the print route that
 * the report job opens in headless Chromium). Reuses the screens' components; the print CSS
 * gives it a cover, one section per page, rows that do not split and repeated table headers.
 * It must be rendered inside an element carrying `data-report-ready="false"`: ReportReady sets
 * it to "true" once the fonts have loaded and the charts have drawn.
 */
export function BoardReport({ report, paper, orgSlug, part, branding }: { report: Report; paper: Paper; orgSlug: string; part?: { part: "main" }; branding?: ReportBranding | null }) {
  const d = report.dashboard;
  const section = (id: (typeof SECTIONS)[number][0]) => ({ id: `report-${id}`, number: numberOf(id), title: titleOf(id) });
  const label = `Board report: ${report.meta.organisationName}`;
  return (
    <article className="board-report mx-auto space-y-14 bg-white text-slate-900" style={{ maxWidth: PAPER[paper].contentWidth }} aria-label={label} data-paper={paper}>
      <style>{printCss(paper)}</style>
      <ReportReady />
      <ReportCover report={report} branding={branding} />

      <nav aria-label="Contents" className="report-keep text-sm print:hidden">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Contents</h2>
        <ol className="mt-2 grid gap-1 sm:grid-cols-2">
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#report-${id}-heading`} className="text-brand-700 underline decoration-brand-700/30 underline-offset-2 hover:decoration-brand-700">
                {numberOf(id)} {title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <ReportSection {...section("summary")}>
        <ExecutiveSummary report={report} />
      </ReportSection>

      <ReportSection {...section("figures")} continues lead="The figures a board asks for first. Each carries a reference and, in small print, where it comes from.">
        <KeyFigures figures={report.keyFigures} />
      </ReportSection>

      <ReportSection {...section("vendors")} lead="Every vendor whose models the organisation depends on, weakest first: how its models are reached, whose law controls it, and whether a tested fallback exists.">
        {d.vendors.length > 0 ? <VendorTable rows={d.vendors} /> : <p className="text-sm text-slate-700">No AI system depends on a vendor&apos;s model.</p>}
      </ReportSection>

      <ReportSection {...section("charts")} lead="Each chart is followed by the table of its figures, so it reads the same in black and white.">
        {d.vendors.length > 0 && (
          <>
            <DimensionRadar organisation={d.radar.organisation} vendors={d.radar.vendors} />
            <SystemHeatMap heatMap={d.heatMap} orgSlug={orgSlug} />
          </>
        )}
        {d.totalDependencies > 0 && <ConcentrationCharts concentration={d.concentration} totalDependencies={d.totalDependencies} />}
        {report.worldMap.countries.length > 0 && (
          <div className="report-keep" data-testid="report-world-map">
            <WorldMap data={report.worldMap} id="report-map" />
          </div>
        )}
      </ReportSection>

      <ReportSection {...section("scenarios")} lead="Each saved scenario, simulated on this assessment's frozen inventory: which AI systems lose service, which recover through a tested fallback and how fast, and what the shock does to the score.">
        <ReportScenarios scenarios={report.scenarios} headline={{ score: report.headline.score, asOf: report.meta.asOf }} />
      </ReportSection>

      <ReportSection {...section("risks")} lead="The largest losses of score points, as the scoring engine explains them. Each names the AI system, the model dependency behind it, the factor and its sources; Appendix B lists the dependency.">
        <TopRisks risks={report.topRisks} />
      </ReportSection>

      <ReportSection
        {...section("plan")}
        lead={
          report.plan.actions.length === 0
            ? "No remediation action has been planned yet."
            : `${report.plan.open} open action${report.plan.open === 1 ? "" : "s"} expected to add ${report.plan.expectedGain.toFixed(1)} points; ${report.plan.overdue} overdue; ${report.plan.done} done. Most valuable first. Unlike the scores, which are frozen, the plan moves on: this is the plan as it stood when the report was generated, on ${formatDayLong(report.meta.generatedAt)}.`
        }
      >
        {report.plan.actions.length > 0 && (
          <div data-testid="report-plan">
            <PlanTable orgSlug={orgSlug} items={report.plan.actions} members={[]} canManage={false} longDates />
          </div>
        )}
      </ReportSection>

      <ReportSection {...section("trend")} continues>
        {report.move ? (
          <div className="report-keep text-sm text-slate-800">
            <p>
              Since the assessment of {formatDayLong(report.move.previous.asOf)} ({report.move.previous.score.toFixed(1)}, {report.move.previous.rating}) the score moved <Delta value={report.move.delta} />.
            </p>
            {report.move.reasons.length > 0 && (
              <>
                <ReportSubheading>Why it moved</ReportSubheading>
                <ul className="mt-1 list-disc space-y-1 pl-5">
                  {report.move.reasons.map((r) => (
                    <li key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}.</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-700">This is the first frozen assessment; the trend starts here.</p>
        )}
        <ScoreTrend points={report.trend} markers={report.trendMarkers} printChart />
      </ReportSection>

      <ReportSection {...section("methodology")}>
        <MethodologyAppendix methodology={report.methodology} />
      </ReportSection>

      {part?.part !== "main" && (
        <ReportSection {...section("inventory")} lead={inventoryLead(report)}>
          <InventoryAppendix systems={report.inventory} />
        </ReportSection>
      )}
    </article>
  );
}

/**
 * A slice of Appendix B, printed on its own when a large report is printed in parts (decision
 * 024): the table alone, continuing the previous part's pages; only the first slice opens the
 * section. It needs no script (the report job prints it with JavaScript off); ReportReady marks it
 * ready for a browser that runs scripts.
 */
export function BoardReportInventoryPart({ report, paper, from, to }: { report: ReportInventory; paper: Paper; from: number; to: number }) {
  const systems = report.inventory.slice(from, to);
  return (
    <article className="board-report mx-auto space-y-14 bg-white text-slate-900" style={{ maxWidth: PAPER[paper].contentWidth }} aria-label={`Board report: ${report.meta.organisationName}`} data-paper={paper}>
      <style>{printCss(paper)}</style>
      <ReportReady />
      {from === 0 ? (
        <ReportSection id="report-inventory" number={numberOf("inventory")} title={titleOf("inventory")} lead={inventoryLead(report)}>
          <InventoryAppendix systems={systems} />
        </ReportSection>
      ) : (
        <InventoryAppendix systems={systems} />
      )}
    </article>
  );
}
