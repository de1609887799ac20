"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay } from "@/lib/dates";

/**
 * The trend's line on a time axis, with the policy changes as dashed lines at `markers` (x: the
 * day, in ms). score-trend.tsx works out the axes and loads this after the page.
 */
export function TrendPlot({
  data,
  domain,
  yDomain,
  yTicks,
  markers,
}: {
  data: { id: string; t: number; score: number }[];
  domain: [number, number];
  yDomain: [number, number];
  yTicks: number[];
  markers: { x: number; label: string }[];
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain}
          ticks={data.map((d) => d.t)}
          tick={{ fontSize: 11, fill: "#475569" }}
          tickFormatter={(v: number) => formatDay(new Date(v))}
        />
        <YAxis domain={yDomain} ticks={yTicks} tick={{ fontSize: 11, fill: "#475569" }} width={36} allowDataOverflow />
        <Tooltip labelFormatter={(v) => formatDay(new Date(Number(v)))} formatter={(v) => [Number(v).toFixed(1), "Score"]} />
        {markers.map((m) => (
          <ReferenceLine key={`${m.x}-${m.label}`} x={m.x} stroke="#b91c1c" strokeDasharray="4 3" label={{ value: m.label, position: "insideBottomLeft", fontSize: 11, fill: "#991b1b" }} />
        ))}
        <Line type="linear" dataKey="score" stroke="#176464" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
