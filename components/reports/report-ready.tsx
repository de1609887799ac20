"use client";
import { useEffect, useRef } from "react";

/** What a chart has drawn once Recharts has measured its container and rendered real data. */
export const CHART_MARKS = ".recharts-bar-rectangle, .recharts-radar-polygon, .recharts-line-curve, .recharts-dot";
const WAIT_MS = 20_000;

/**
 * The report's charts that are laid out (not hidden for this medium) and have not drawn a mark yet:
 * Recharts loads after the page (next/dynamic), so a chart whose code has not arrived is still its
 * placeholder (.chart-loading, components/ui/chart-loading.tsx), which counts as not drawn.
 */
function pendingCharts(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(".recharts-responsive-container, .chart-loading")].filter((c) => c.getClientRects().length > 0 && c.querySelector(CHART_MARKS) === null);
}

const chartName = (c: HTMLElement) => c.closest("[data-testid]")?.getAttribute("data-testid") ?? "a chart";

/**
 * Sets `data-report-ready="true"` on the enclosing `[data-report-ready]` element once the fonts
 * and the page's images have loaded and every visible chart has drawn real marks (Recharts loads
 * after the page and renders only in the browser, after measuring). The report job waits for that attribute before printing. A chart
 * that has not drawn after 20 s is named in `data-report-problem`, and the report never claims
 * to be ready: a PDF with an empty chart would be worse than a failed job.
 */
export function ReportReady() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = ref.current?.closest<HTMLElement>("[data-report-ready]");
    if (!root) return;
    let fontsLoaded = false;
    // The world map's base map is an SVG <image> (and <use> references) of /world-map.svg:
    // images delay the window's load event, so "complete" means the map has arrived.
    let loaded = document.readyState === "complete";
    let done = false;
    let frame = 0;
    const check = () => {
      if (done || !fontsLoaded || !loaded || pendingCharts(root).length > 0) return;
      done = true;
      observer.disconnect();
      window.clearTimeout(timer);
      // Two frames: the last chart's paint has happened before the job is told to print.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => root.setAttribute("data-report-ready", "true"));
      });
    };
    // Charts mutate the page many times while they draw: look at most once per frame, since each
    // look lays the whole report out (getClientRects).
    let scheduled = 0;
    const observer = new MutationObserver(() => {
      scheduled ||= requestAnimationFrame(() => {
        scheduled = 0;
        check();
      });
    });
    observer.observe(root, { childList: true, subtree: true });
    const timer = window.setTimeout(() => {
      if (!done) root.setAttribute("data-report-problem", `Charts that did not draw: ${pendingCharts(root).map(chartName).join(", ") || "none (fonts or images did not load)"}`);
    }, WAIT_MS);
    void document.fonts.ready.then(() => {
      fontsLoaded = true;
      check();
    });
    const onLoad = () => {
      loaded = true;
      check();
    };
    if (!loaded) window.addEventListener("load", onLoad, { once: true });
    return () => {
      window.removeEventListener("load", onLoad);
      observer.disconnect();
      window.clearTimeout(timer);
      cancelAnimationFrame(frame);
      cancelAnimationFrame(scheduled);
    };
  }, []);
  return <span ref={ref} hidden />;
}
