"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { RATINGS, type Rating } from "@/scoring/ratings";

// The client's own rating in the brand colour, the others in grey; the table beside the chart
// carries the same counts, and the legend says which bar is the client's in words.
const OWN = "#176464";
const OTHER = "#cbd5e1";

/** How many counted clients hold each rating, weakest first, with the benchmarked client's rating marked. Loaded after the page by benchmark-chart.tsx. */
export function RatingDistributionPlot({ ratings, own }: { ratings: Record<Rating, number>; own: Rating | null }) {
  const data = RATINGS.map((r) => ({ rating: r, clients: ratings[r] }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 4, left: -24 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="rating" tick={{ fontSize: 10, fill: "#475569" }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 10, fill: "#94a3b8" }} />
        <Tooltip formatter={(v) => [String(v), "Clients"]} />
        <Bar dataKey="clients" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.rating} fill={d.rating === own ? OWN : OTHER} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
