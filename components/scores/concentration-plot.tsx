"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ConcentrationBar } from "@/lib/scores/dashboard";

/** The bars of one concentration axis (concentration-charts.tsx loads this after the page). */
export function ConcentrationPlot({ data }: { data: (ConcentrationBar & { weighted: number })[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: "#475569" }} />
        <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 11, fill: "#475569" }} interval={0} />
        <Tooltip formatter={(v, _n, item) => [`${Number(v).toFixed(1)}% (${(item.payload as ConcentrationBar).dependencies} dependencies)`, "Criticality-weighted share"]} />
        <Bar dataKey="weighted" fill="#1f7a7a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
