"use client";
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";

/** The radar of one vendor against the organisation (dimension-radar.tsx loads this after the page). */
export function RadarPlot({ data, vendorName }: { data: { dimension: string; vendor: number; organisation: number }[]; vendorName: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <RadarChart accessibilityLayer={false} data={data} outerRadius="70%" margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
        <PolarGrid stroke="#e2e8f0" />
        <PolarAngleAxis dataKey="dimension" tick={{ fontSize: 11, fill: "#475569" }} />
        <PolarRadiusAxis domain={[0, 100]} tick={{ fontSize: 10, fill: "#94a3b8" }} angle={90} />
        <Radar name={vendorName} dataKey="vendor" stroke="#176464" fill="#1f7a7a" fillOpacity={0.35} isAnimationActive={false} />
        <Radar name="Organisation" dataKey="organisation" stroke="#b45309" fill="#b45309" fillOpacity={0.08} strokeDasharray="4 3" isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => Number(v).toFixed(1)} />
      </RadarChart>
    </ResponsiveContainer>
  );
}
