import Link from "next/link";
import { Card } from "@/components/ui/card";
import { resolveOrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getExportsOverview } from "@/lib/exports/queries";
import { getOrganisation } from "@/lib/organisations/queries";
import { ExportLinks, type ExportChoice } from "./export-links";
import { formatDateTime, formatDay } from "@/lib/dates";

// The Reports page's exports: the assessment to export (latest by default) and one download per
// file, each with what it is for and what Sovra could not fill. Server component: it resolves the
// caller itself; the downloads are route handlers that check the session and role again.

export async function ExportsPanel({ org }: { org: string }) {
  const ctx = await resolveOrgContext(org);
  if (!ctx) return null;
  const heading = (
    <h2 id="exports-heading" className="text-lg font-semibold text-slate-900">
      Exports
    </h2>
  );
  if (!can(ctx.role, "reports:export")) {
    return (
      <Card aria-labelledby="exports-heading" className="mt-6">
        {heading}
        <p className="mt-2 text-sm text-slate-600">Spreadsheet and regulatory exports are made by owners and analysts; ask one of them for the files.</p>
      </Card>
    );
  }
  const [overview, organisation] = await Promise.all([getExportsOverview(ctx), getOrganisation(ctx)]);
  if (overview.assessments.length === 0) {
    return (
      <Card aria-labelledby="exports-heading" className="mt-6">
        {heading}
        <p className="mt-2 text-sm text-slate-600" role="status">
          Every export is built from a frozen, dated assessment, so each figure can be traced. There is none yet:{" "}
          <Link className="font-medium text-brand-700 underline" href={`/${org}/scores/assessments`}>
            freeze an assessment first
          </Link>
          .
        </p>
      </Card>
    );
  }
  const choices: ExportChoice[] = overview.assessments.map((a, i) => ({
    id: a.id,
    label: `${formatDay(a.asOf)} · ${a.score.toFixed(1)} ${a.rating}${i === 0 ? " (latest)" : ""} · frozen ${formatDateTime(a.createdAt)}`,
  }));
  return (
    <Card aria-labelledby="exports-heading" className="mt-6">
      {heading}
      <p className="mt-1 text-sm text-slate-600">Files built from one frozen assessment. The same files can be scheduled through the API (/api/v1/orgs/{org}/exports/…).</p>
      <ExportLinks org={org} choices={choices} gaps={overview.latestGaps ?? []} regimes={organisation.regimes} />
    </Card>
  );
}
