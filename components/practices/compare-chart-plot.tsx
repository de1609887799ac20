"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DIMENSIONS, type Dimension } from "@/scoring/defaults";

/** One word per dimension, so that four fit under the bars on a phone (the table below names them in full). */
const SHORT: Record<Dimension, string> = { access: "Access", jurisdiction: "Jurisdiction", fallback: "Fallback", concentration: "Concentration" };

// Distinguishable in colour and in print; the table under the chart carries the figures.
const SERIES = ["#176464", "#b45309", "#4f46e5", "#be123c", "#0f766e", "#7c3aed"];

/** The clients' four dimension scores as grouped bars, one colour per client. Loaded after the page by compare-chart.tsx. */
export function CompareChartPlot({ clients }: { clients: { name: string; dimensions: Record<Dimension, number> }[] }) {
  const data = DIMENSIONS.map((d) => ({ dimension: SHORT[d], ...Object.fromEntries(clients.map((c, i) => [`c${i}`, Math.round(c.dimensions[d] * 10) / 10])) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="dimension" tick={{ fontSize: 10, fill: "#475569" }} interval={0} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 10, fill: "#94a3b8" }} />
        {clients.map((c, i) => (
          <Bar key={c.name} dataKey={`c${i}`} name={c.name} fill={SERIES[i % SERIES.length]} isAnimationActive={false} />
        ))}
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => Number(v).toFixed(1)} />
      </BarChart>
    </ResponsiveContainer>
  );
}
