"use client";
import { useState } from "react";
import dynamic from "next/dynamic";
import { DIMENSIONS, type Dimension } from "@/scoring/defaults";
import { DIMENSION_LABELS } from "@/lib/labels";
import type { RadarVendor } from "@/lib/scores/dashboard";
import { SelectField } from "@/components/ui/field";
import { ChartLoading } from "@/components/ui/chart-loading";

// Recharts loads after the page (not in its first load); the box keeps its height meanwhile.
const RadarPlot = dynamic(() => import("./dimension-radar-plot").then((m) => m.RadarPlot), { ssr: false, loading: ChartLoading });

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A vendor's four dimension scores against the organisation's, one vendor at a time (chosen in
 * the select; weakest first). The chart is for sighted readers on screen; the table holds every
 * vendor's figures for screen readers and print.
 */
export function DimensionRadar({ organisation, vendors }: { organisation: Record<Dimension, number>; vendors: RadarVendor[] }) {
  const [key, setKey] = useState(vendors[0]?.key ?? "");
  const vendor = vendors.find((v) => v.key === key) ?? vendors[0];
  const data = DIMENSIONS.map((d) => ({ dimension: DIMENSION_LABELS[d], vendor: vendor ? round1(vendor.dimensions[d]) : 0, organisation: round1(organisation[d]) }));
  return (
    <figure aria-labelledby="radar-caption" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 print:break-inside-avoid print:shadow-none">
      <figcaption id="radar-caption" className="text-sm font-semibold text-slate-900">
        Dimension scores per vendor
        <span className="block text-xs font-normal text-slate-500">Each dimension 0-100, higher is more sovereign; the organisation for comparison.</span>
      </figcaption>
      {vendor && (
        <>
          <div className="mt-3 max-w-xs print:hidden">
            <SelectField label="Vendor" name="radar-vendor" value={vendor.key} onChange={(e) => setKey(e.target.value)} options={vendors.map((v) => ({ value: v.key, label: `${v.name} (${v.score.toFixed(1)})` }))} />
          </div>
          <div aria-hidden className="mt-3 h-72 max-w-[640px]" data-testid="dimension-radar-chart">
            <RadarPlot data={data} vendorName={vendor.name} />
          </div>
        </>
      )}
      <table className="sr-only text-sm print:not-sr-only print:mt-3 print:w-full print:text-left">
        <caption>Dimension scores (0-100) per vendor, weakest vendor first</caption>
        <thead>
          <tr>
            <th scope="col">Vendor</th>
            {DIMENSIONS.map((d) => (
              <th key={d} scope="col">{DIMENSION_LABELS[d]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {vendors.map((v) => (
            <tr key={v.key}>
              <th scope="row">{v.name}</th>
              {DIMENSIONS.map((d) => (
                <td key={d}>{v.dimensions[d].toFixed(1)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Organisation</th>
            {DIMENSIONS.map((d) => (
              <td key={d}>{organisation[d].toFixed(1)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </figure>
  );
}
