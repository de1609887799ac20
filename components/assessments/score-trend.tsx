"use client";
import dynamic from "next/dynamic";
import { ChartLoading } from "@/components/ui/chart-loading";
import { formatDateTime, formatDateTimeLong, formatDay, formatDayLong } from "@/lib/dates";

export interface TrendPoint {
  id: string;
  asOf: string;
  /** When it was frozen, to tell two assessments of one day apart. */
  createdAt: string;
  score: number;
  rating: string;
}

/** A dated policy change drawn across the trend: a restriction coming into force, a (partial) lift. */
export interface TrendMarker {
  date: string;
  /** A word or two on the chart ("Restriction", "Partly lifted"). */
  label: string;
  /** The event's title, under the chart. */
  title: string;
  estimated: boolean;
}

// Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
const TrendPlot = dynamic(() => import("./score-trend-plot").then((m) => m.TrendPlot), { ssr: false, loading: ChartLoading });

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * The score axis: zoomed to the scores (in steps of 10, never outside 0-100) so that a move of a
 * few points can be seen, with room below for the markers' labels.
 */
export function trendDomain(scores: readonly number[]): [number, number] {
  if (scores.length === 0) return [0, 100];
  const lo = Math.max(0, Math.floor((Math.min(...scores) - 10) / 10) * 10);
  const hi = Math.min(100, Math.ceil((Math.max(...scores) + 5) / 10) * 10);
  return [lo, Math.max(hi, lo + 20)];
}

/**
 * The organisation's score across assessments, oldest first, on a time axis, with the policy
 * changes that reach it (`markers`) drawn where they happened. The chart is for sighted readers
 * on screen; the same data is in the table, which screen readers get and print shows.
 * `printChart`: the board report prints the chart too (the Scores page's print-out does not).
 */
export function ScoreTrend({ points, markers = [], printChart = false }: { points: TrendPoint[]; markers?: TrendMarker[]; printChart?: boolean }) {
  // The board report (the one that prints the chart) writes its dates out; the axis stays short.
  const day = printChart ? formatDayLong : formatDay;
  // Two assessments of one day sit a few minutes apart on the axis, in the order they were frozen.
  const data = points.map((p) => ({ ...p, label: `${p.asOf} ${p.createdAt.slice(11, 16)}`, t: dayOf(p.asOf) + (Date.parse(p.createdAt) % DAY_MS) / 48, score: Math.round(p.score * 10) / 10 }));
  const first = data[0]?.t ?? 0;
  const last = data[data.length - 1]?.t ?? 0;
  const span = Math.max(last - first, 7 * DAY_MS);
  const domain: [number, number] = [first - span * 0.03, last + span * 0.03];
  const shown = markers.filter((m) => dayOf(m.date) >= domain[0] && dayOf(m.date) <= domain[1]);
  const yDomain = trendDomain(data.map((d) => d.score));
  const yTicks = Array.from({ length: (yDomain[1] - yDomain[0]) / 10 + 1 }, (_, i) => yDomain[0] + 10 * i);
  return (
    <figure aria-labelledby="trend-caption" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <figcaption id="trend-caption" className="text-sm font-semibold text-slate-900">
        Score trend across {points.length} assessment{points.length === 1 ? "" : "s"}
      </figcaption>
      <div aria-hidden className={printChart ? "mt-3 h-56 max-w-[640px]" : "mt-3 h-56 print:hidden"} data-testid="score-trend-chart">
        <TrendPlot data={data} domain={domain} yDomain={yDomain} yTicks={yTicks} markers={shown.map((m) => ({ x: dayOf(m.date), label: `${m.label}${m.estimated ? " (est.)" : ""}` }))} />
      </div>
      {shown.length > 0 && (
        <p className="mt-2 text-xs text-slate-600">
          Dashed lines: {shown.map((m) => `${m.label}, ${day(m.date)}${m.estimated ? " (estimated date)" : ""}: ${m.title}`).join("; ")}.
        </p>
      )}
      <table className="sr-only text-sm print:not-sr-only print:mt-3 print:w-full">
        <caption>Organisation score by assessment, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Assessment date</th>
            <th scope="col">Frozen at</th>
            <th scope="col">Score</th>
            <th scope="col">Rating</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.id}>
              <th scope="row">{day(p.asOf)}</th>
              <td>{printChart ? formatDateTimeLong(p.createdAt) : formatDateTime(p.createdAt)}</td>
              <td>{p.score.toFixed(1)}</td>
              <td>{p.rating}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
