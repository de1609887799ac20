"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { STATUS_COLOURS, STATUS_LABELS, STATUSES, type ImpactRow } from "./recovery-status";

/** The blast radius's picture: affected systems per criticality, stacked by recovery status (impact-bars.tsx loads this after the page). */
export function ImpactBarsPlot({ data }: { data: ImpactRow[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis dataKey="criticality" tick={{ fontSize: 11, fill: "#475569" }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={30} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {STATUSES.map((st) => (
          <Bar key={st} dataKey={st} name={STATUS_LABELS[st]} stackId="s" fill={STATUS_COLOURS[st]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
