"use client";
import dynamic from "next/dynamic";
import { ChartLoading } from "@/components/ui/chart-loading";
import type { ConcentrationAxis, ConcentrationBar } from "@/lib/scores/dashboard";

const AXES: { axis: ConcentrationAxis; title: string; column: string; note: string }[] = [
  { axis: "vendor", title: "By vendor", column: "Vendor", note: "Whose models the dependencies run on." },
  { axis: "cloud", title: "By cloud operator", column: "Operator", note: "Who runs the model day to day: the cloud, or the vendor for a direct API." },
  { axis: "jurisdiction", title: "By jurisdiction", column: "Country", note: "The country whose law controls the off switch: the ultimate parent's, else the HQ's." },
];

// Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
const ConcentrationPlot = dynamic(() => import("./concentration-plot").then((m) => m.ConcentrationPlot), { ssr: false, loading: ChartLoading });

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

function AxisChart({ title, column, note, bars, id }: { title: string; column: string; note: string; bars: ConcentrationBar[]; id: string }) {
  const data = bars.map((b) => ({ ...b, weighted: Math.round(b.weightedShare * 1000) / 10 }));
  return (
    <figure aria-labelledby={`${id}-caption`} className="min-w-0 print:break-inside-avoid">
      <figcaption id={`${id}-caption`} className="text-sm font-semibold text-slate-900">
        {title}
        <span className="block text-xs font-normal text-slate-500">{note}</span>
      </figcaption>
      <div aria-hidden className="mt-2 max-w-[640px]" style={{ height: 40 + 28 * Math.max(1, data.length) }} data-testid={`concentration-${id}-chart`}>
        <ConcentrationPlot data={data} />
      </div>
      <table className="sr-only text-sm print:not-sr-only print:mt-2 print:w-full print:text-left">
        <caption>Concentration of AI dependencies {title.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col">Dependencies</th>
            <th scope="col">Share of dependencies</th>
            <th scope="col">Criticality-weighted share</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td>{b.dependencies}</td>
              <td>{pct(b.share)}</td>
              <td>{pct(b.weightedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * How much of the organisation's AI rests on one vendor, one cloud operator, one jurisdiction:
 * criticality-weighted shares of dependencies (the engine's concentration measure).
 */
export function ConcentrationCharts({ concentration, totalDependencies }: { concentration: Record<ConcentrationAxis, ConcentrationBar[]>; totalDependencies: number }) {
  return (
    <section aria-labelledby="concentration-heading" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 print:shadow-none">
      <h2 id="concentration-heading" className="text-sm font-semibold text-slate-900">
        Concentration
      </h2>
      <p className="mt-1 text-xs text-slate-500">
        Share of the {totalDependencies} AI dependencies, weighted by the criticality and data sensitivity of each. Open weights you host yourself depend on no third party.
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2 print:grid-cols-1">
        {AXES.map((a) => (
          <AxisChart key={a.axis} id={a.axis} title={a.title} column={a.column} note={a.note} bars={concentration[a.axis]} />
        ))}
      </div>
    </section>
  );
}
