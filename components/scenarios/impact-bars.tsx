"use client";
import dynamic from "next/dynamic";
import { ChartLoading } from "@/components/ui/chart-loading";

/**
 * The blast radius's picture: affected systems per criticality, stacked by recovery status.
 * Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
 */
export const ImpactBars = dynamic(() => import("./impact-bars-plot").then((m) => m.ImpactBarsPlot), { ssr: false, loading: ChartLoading });
