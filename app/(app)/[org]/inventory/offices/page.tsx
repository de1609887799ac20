import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listOffices } from "@/lib/offices/queries";
import { countryName } from "@/lib/countries";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Offices" };

export default async function OfficesPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const offices = await listOffices(ctx);
  const canWrite = can(ctx.role, "inventory:write");
  return (
    <>
      <PageHeader
        title="Offices and teams"
        description="Access from a country matters: a team in a restricted country can lose a model, or itself create an export."
        actions={
          canWrite && (
            <Link href={`/${ctx.organisationSlug}/inventory/offices/new`} className={buttonClass("primary")}>
              Add office
            </Link>
          )
        }
      />
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Offices of {ctx.organisationName}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Office</th>
              <th scope="col" className="px-4 py-3">Country</th>
              <th scope="col" className="px-4 py-3">City</th>
              <th scope="col" className="px-4 py-3 text-right">Headcount</th>
              <th scope="col" className="px-4 py-3">Teams</th>
              <th scope="col" className="px-4 py-3 text-right">AI systems</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {offices.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-8 text-center text-slate-500">
                  No offices yet.{canWrite && " Add the first one to see which AI each location depends on."}
                </td>
              </tr>
            )}
            {offices.map((o) => (
              <tr key={o.id} className="hover:bg-slate-50">
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                  <Link href={`/${ctx.organisationSlug}/inventory/offices/${o.id}`} className="hover:text-brand-700 hover:underline">
                    {o.name}
                  </Link>
                </th>
                <td className="px-4 py-3">{countryName(o.country)}</td>
                <td className="px-4 py-3">{o.city}</td>
                <td className="px-4 py-3 text-right tabular-nums">{o.headcount.toLocaleString("en")}</td>
                <td className="px-4 py-3 text-slate-600">{o.teams.join(", ")}</td>
                <td className="px-4 py-3 text-right tabular-nums">{o.aiSystemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
