"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  id: string;
  asOf: string;
  /** When it was frozen, to tell two assessments of one day apart. */
  createdAt: string;
  score: number;
  rating: string;
}

/**
 * The organisation's score across assessments, oldest first. The chart is for sighted readers
 * on screen; the same data is in the table, which screen readers get and print shows.
 * `printChart`: the board report prints the chart too (the Scores page's print-out does not).
 */
export function ScoreTrend({ points, printChart = false }: { points: TrendPoint[]; printChart?: boolean }) {
  const data = points.map((p) => ({ ...p, label: `${p.asOf} ${p.createdAt.slice(11, 16)}`, score: Math.round(p.score * 10) / 10 }));
  return (
    <figure aria-labelledby="trend-caption" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <figcaption id="trend-caption" className="text-sm font-semibold text-slate-900">
        Score trend across {points.length} assessment{points.length === 1 ? "" : "s"}
      </figcaption>
      <div aria-hidden className={printChart ? "mt-3 h-56 max-w-[640px]" : "mt-3 h-56 print:hidden"} data-testid="score-trend-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} tickFormatter={(v: string) => v.slice(0, 10)} />
            <YAxis domain={[0, 100]} tick={{ fontSize: 11, fill: "#475569" }} width={36} />
            <Tooltip formatter={(v) => [Number(v).toFixed(1), "Score"]} />
            <Line type="monotone" dataKey="score" stroke="#176464" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only text-sm print:not-sr-only print:mt-3 print:w-full">
        <caption>Organisation score by assessment, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Assessment date</th>
            <th scope="col">Frozen at (UTC)</th>
            <th scope="col">Score</th>
            <th scope="col">Rating</th>
          </tr>
        </thead>
        <tbody>
          {data.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.asOf}</th>
              <td>{p.createdAt.slice(0, 16).replace("T", " ")}</td>
              <td>{p.score.toFixed(1)}</td>
              <td>{p.rating}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
