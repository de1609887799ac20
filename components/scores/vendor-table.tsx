import type { ScoringResult } from "@/scoring/results";
import { countryName } from "@/lib/countries";
import { Card } from "@/components/ui/card";
import { RatingBadge } from "./rating-badge";

/** The vendor sovereignty table boards expect, weakest vendor first. */
export function VendorTable({ result }: { result: ScoringResult }) {
  const vendors = [...result.vendors].filter((v) => v.dependencyCount > 0).sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return (
    <Card className="overflow-x-auto p-0">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Vendor sovereignty</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Vendor</th>
            <th scope="col" className="px-4 py-3">Model access</th>
            <th scope="col" className="px-4 py-3">Geopolitical risk profile</th>
            <th scope="col" className="px-4 py-3">Sovereignty</th>
            <th scope="col" className="px-4 py-3 text-right">Systems</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {vendors.map((v) => (
            <tr key={v.key}>
              <th scope="row" className="px-4 py-3 text-left align-top font-medium text-slate-900">
                {v.name}
                <span className="block text-xs font-normal text-slate-500">{countryName(v.hqCountry)}</span>
              </th>
              <td className="px-4 py-3 align-top">{v.accessType}</td>
              <td className="max-w-md px-4 py-3 align-top text-slate-600">{v.profile}</td>
              <td className="whitespace-nowrap px-4 py-3 align-top">
                <RatingBadge rating={v.rating} score={v.score} />
              </td>
              <td className="px-4 py-3 text-right align-top tabular-nums">{v.systemCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
