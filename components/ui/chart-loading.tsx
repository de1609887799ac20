/**
 * What a chart's box holds while its drawing code (Recharts, about 100 kB gzipped) loads after the
 * page: it fills the box the chart will fill, so nothing moves when the chart arrives, and the
 * report's ready signal (components/reports/report-ready.tsx) waits until it has been replaced
 * (docs/decisions/051).
 */
export function ChartLoading() {
  return <div className="chart-loading h-full w-full rounded-md bg-slate-50" />;
}
