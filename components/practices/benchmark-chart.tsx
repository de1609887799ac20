"use client";
import dynamic from "next/dynamic";
import { ChartLoading } from "@/components/ui/chart-loading";
import type { Rating } from "@/scoring/ratings";

// Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
const RatingDistributionPlot = dynamic(() => import("./benchmark-chart-plot").then((m) => m.RatingDistributionPlot), { ssr: false, loading: ChartLoading });

/** How many counted clients hold each rating, weakest first, with the benchmarked client's rating marked. */
export function RatingDistributionChart({ ratings, own, testId }: { ratings: Record<Rating, number>; own: Rating | null; testId: string }) {
  return (
    <div aria-hidden className="h-48" data-testid={testId}>
      <RatingDistributionPlot ratings={ratings} own={own} />
    </div>
  );
}
