"use client";
import dynamic from "next/dynamic";
import { ChartLoading } from "@/components/ui/chart-loading";
import type { Dimension } from "@/scoring/defaults";

// Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
const CompareChartPlot = dynamic(() => import("./compare-chart-plot").then((m) => m.CompareChartPlot), { ssr: false, loading: ChartLoading });

/** The clients' four dimension scores as grouped bars, one colour per client. */
export function CompareChart({ clients }: { clients: { name: string; dimensions: Record<Dimension, number> }[] }) {
  return (
    <div aria-hidden className="h-72" data-testid="compare-chart">
      <CompareChartPlot clients={clients} />
    </div>
  );
}
