import Link from "next/link";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { cycloneDxHref } from "@/lib/exports/kinds";
import { resolveOrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getExportsOverview } from "@/lib/exports/queries";
import { getOrganisation } from "@/lib/organisations/queries";
import { ExportLinks, type ExportChoice } from "./export-links";
import { RegistrationPackExport } from "@/components/ai-act-registrations/registration-pack-export";
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
        <AiBomExport org={org} />
        <RegistrationPackExport org={org} />
      </Card>
    );
  }
  const choices: ExportChoice[] = overview.assessments.map((a, i) => ({
    id: a.id,
    label: `${formatDay(a.asOf)} · ${a.score.toFixed(1)} ${a.rating}${i === 0 ? " (latest)" : ""} · frozen ${formatDateTime(a.createdAt)}`,
    asOf: a.asOf,
  }));
  return (
    <Card aria-labelledby="exports-heading" className="mt-6">
      {heading}
      <p className="mt-1 text-sm text-slate-600">Files built from one frozen assessment. The same files can be scheduled through the API (/api/v1/orgs/{org}/exports/…).</p>
      <ExportLinks org={org} choices={choices} gaps={overview.latestGaps ?? []} regimes={organisation.regimes} />
      <AiBomExport org={org} />
      <RegistrationPackExport org={org} />
    </Card>
  );
}

/** The AI-BOM: the live inventory rather than an assessment, so it sits apart from the assessment's files (decision 044). */
function AiBomExport({ org }: { org: string }) {
  return (
    <section aria-labelledby="ai-bom-heading" className="mt-4 flex flex-wrap items-start justify-between gap-3 border-t border-slate-200 pt-4">
      <div className="max-w-3xl">
        <p id="ai-bom-heading" className="text-sm font-medium text-slate-900">
          AI-BOM (CycloneDX ML-BOM)
        </p>
        <p className="text-sm text-slate-600">
          The inventory as it stands today, for security teams&apos; SBOM/AI-BOM tools: models, the endpoints they are reached through, the AI systems that depend on them and their data,
          with the sovereignty facts and today&apos;s scores as <code>sovra:</code> properties.
        </p>
        <p className="mt-1 text-xs text-slate-600">
          CycloneDX 1.6;{" "}
          <a className="font-medium text-brand-700 underline" href={cycloneDxHref(org, "1.7")} download>
            download CycloneDX 1.7
          </a>{" "}
          for tools that read it.
        </p>
      </div>
      <a className={buttonClass("secondary")} href={cycloneDxHref(org)} download>
        Download AI-BOM (CycloneDX JSON)
      </a>
    </section>
  );
}
