import { countryName } from "@/lib/countries";
import { fallbackStatus, type VendorRow } from "@/lib/scores/dashboard";
import { Card } from "@/components/ui/card";
import { RatingBadge } from "./rating-badge";
import { ActiveRestrictionMark } from "./restriction-mark";

function FallbackCell({ row }: { row: VendorRow }) {
  const status = fallbackStatus(row);
  const needing = row.dependencyCount - row.heldOpenWeights;
  if (status === "not-needed") return <span className="text-slate-600">Not needed: open weights you host</span>;
  const word = { yes: "Yes", partly: "Partly", no: "No" }[status];
  const tone = { yes: "text-emerald-800", partly: "text-amber-800", no: "text-red-700" }[status];
  return (
    <>
      <span className={`font-medium ${tone}`}>{word}</span>
      <span className="block text-xs text-slate-500">
        {row.testedFallbacks} of {needing} dependenc{needing === 1 ? "y" : "ies"}
        {row.heldOpenWeights > 0 && ` (+${row.heldOpenWeights} on open weights you host)`}
      </span>
    </>
  );
}

/**
 * The vendor sovereignty table boards expect, weakest vendor first (rows from lib/scores/dashboard.ts).
 * A vendor that a restriction in force reaches carries the "Active restriction" mark under its
 * name, in the row header, so the mark is read with the vendor's name and the other columns keep
 * their content. The table scrolls inside its card on a narrow screen; on paper its columns give
 * up their screen minimum widths so it fits the page.
 */
export function VendorTable({ rows }: { rows: VendorRow[] }) {
  const marked = rows.filter((v) => v.activeRestrictions.length > 0).length;
  return (
    // Focusable, so that a keyboard can scroll the table sideways where it is wider than the screen.
    <Card tabIndex={0} aria-labelledby="vendor-table-caption" className="overflow-x-auto p-0 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 print:overflow-visible print:break-inside-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="vendor-table">
        <caption id="vendor-table-caption" className="px-4 py-3 text-left text-base font-semibold text-slate-900">
          Vendor sovereignty
          <span className="block text-xs font-normal text-slate-500">
            Weakest first. A tested fallback is one drilled within the last 365 days.
            {marked > 0 && ` ${marked === 1 ? "One vendor carries" : `${marked} vendors carry`} the Active restriction mark: a restriction in force reaches its models today.`}
          </span>
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Vendor</th>
            <th scope="col" className="px-4 py-3">Model access</th>
            <th scope="col" className="px-4 py-3">Geopolitical risk profile</th>
            <th scope="col" className="px-4 py-3">Sovereignty rating</th>
            <th scope="col" className="px-4 py-3 text-right">Score</th>
            <th scope="col" className="px-4 py-3 text-right">Systems depending</th>
            <th scope="col" className="px-4 py-3">Tested fallback</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((v) => (
            <tr key={v.key} className="print:break-inside-avoid">
              <th scope="row" className={`px-4 py-3 text-left align-top font-medium text-slate-900${v.activeRestrictions.length > 0 ? " min-w-60 print:min-w-0" : ""}`}>
                {v.name}
                <span className="block text-xs font-normal text-slate-500">{countryName(v.hqCountry)}</span>
                {v.activeRestrictions.map((r) => (
                  <ActiveRestrictionMark key={r.key} restriction={r} className="mt-2" />
                ))}
              </th>
              <td className="min-w-44 px-4 py-3 align-top print:min-w-0">
                {v.modelAccess.map((a) => (
                  <span key={a} className="block">{a}</span>
                ))}
              </td>
              <td className="min-w-72 max-w-md px-4 py-3 align-top text-slate-600 print:min-w-0">{v.riskProfile}</td>
              <td className="whitespace-nowrap px-4 py-3 align-top">
                <RatingBadge rating={v.rating} />
              </td>
              <td className="px-4 py-3 text-right align-top tabular-nums">{v.score.toFixed(1)}</td>
              <td className="px-4 py-3 text-right align-top tabular-nums">{v.systemCount}</td>
              <td className="px-4 py-3 align-top">
                <FallbackCell row={v} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
