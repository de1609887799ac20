import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getOffice, getOfficeUsage } from "@/lib/offices/queries";
import { officeDeletionImpact } from "@/lib/offices/mutations";
import { deleteOfficeAction } from "@/lib/offices/actions";
import { countryName } from "@/lib/countries";
import { labelFor, CRITICALITY_PHRASES } from "@/lib/labels";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { OfficeForm } from "@/components/offices/office-form";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { scoreOrganisation } from "@/lib/scores/queries";
import { systemResult } from "@/lib/scores/entity-scores";
import { EntityScore } from "@/components/scores/entity-score";
import { RatingBadge } from "@/components/scores/rating-badge";
import { ScoreProblems } from "@/components/scores/score-problems";
import { inSentence } from "@/scoring/words";

export const metadata = { title: "Office" };

export default async function OfficePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const [office, usage, live] = await Promise.all([getOffice(ctx, id), getOfficeUsage(ctx, id), scoreOrganisation(ctx)]);
  if (!office) notFound();
  // An office has no score of its own: it is as exposed as the weakest AI system it uses.
  const systemScores = new Map(usage.aiSystems.map((s) => [s.id, live.ok ? systemResult(live.result, s) : undefined]));
  const weakest = [...systemScores.values()].reduce<ReturnType<typeof systemResult>>((w, s) => (s && (!w || s.score < w.score) ? s : w), undefined);
  const scoreCard = live.ok ? (
    <EntityScore what={weakest ? `Weakest AI system used here: ${weakest.name}` : "AI systems used here"} scored={weakest} result={live.result} unscored="Not scored yet: no AI system used here depends on a model." />
  ) : (
    <ScoreProblems issues={live.issues} />
  );
  const canWrite = can(ctx.role, "inventory:write");
  const inventory = `/${ctx.organisationSlug}/inventory`;
  const usageCards = (
    <div className="grid gap-6 md:grid-cols-2">
      <Card aria-labelledby="office-systems">
        <h2 id="office-systems" className="text-base font-semibold text-slate-900">
          AI systems used here
        </h2>
        {usage.aiSystems.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {usage.aiSystems.map((s) => (
              <li key={s.id}>
                <Link href={`${inventory}/ai-systems/${s.id}`} className="font-medium text-brand-700 hover:underline">
                  {s.name}
                </Link>{" "}
                <span className="text-slate-500">· {inSentence(labelFor(CRITICALITY_PHRASES, s.criticality))}</span>
                {systemScores.get(s.id) && (
                  <span className="ml-2 inline-flex items-center gap-1.5 text-slate-600">
                    <span className="tabular-nums">{systemScores.get(s.id)!.score.toFixed(1)}</span>
                    <RatingBadge rating={systemScores.get(s.id)!.rating} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No AI system lists this office as served.</p>
        )}
      </Card>
      <Card aria-labelledby="office-flows">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="office-flows" className="text-base font-semibold text-slate-900">
            Data flows from this office
          </h2>
          {canWrite && (
            <Link href={`${inventory}/data-flows/new?office=${office.id}`} className={buttonClass("secondary")}>
              Add data flow
            </Link>
          )}
        </div>
        {usage.dataFlows.length ? (
          <ul className="mt-2 space-y-1 text-sm">
            {usage.dataFlows.map((f) => (
              <li key={f.id}>
                <Link href={`${inventory}/data-flows/${f.id}`} className="font-medium text-brand-700 hover:underline">
                  {f.name}
                </Link>{" "}
                <span className="text-slate-500">
                  · to {f.vendorName}, processed in {countryName(f.processingCountry)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No data flow from this office recorded.</p>
        )}
      </Card>
    </div>
  );
  if (!canWrite) {
    return (
      <>
        <PageHeader title={office.name} description={`${office.city}, ${countryName(office.country)}`} />
        <div className="space-y-6">
          {scoreCard}
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div><dt className="text-slate-500">Headcount</dt><dd className="font-medium">{office.headcount.toLocaleString("en")}</dd></div>
              <div><dt className="text-slate-500">Teams</dt><dd className="font-medium">{office.teams.join(", ") || "None recorded"}</dd></div>
            </dl>
          </Card>
          {usageCards}
        </div>
      </>
    );
  }
  const impact = await officeDeletionImpact(ctx, id);
  const consequences = [
    impact.aiSystemLinks ? `${impact.aiSystemLinks} AI system${impact.aiSystemLinks === 1 ? "" : "s"} will no longer list this office as served` : "",
    impact.dataFlows ? `${impact.dataFlows} data flow${impact.dataFlows === 1 ? "" : "s"} from this office will be deleted` : "",
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={office.name}
        description={`${office.city}, ${countryName(office.country)}`}
        actions={
          <ConfirmDelete
            action={deleteOfficeAction}
            fields={{ org: ctx.organisationSlug, id: office.id, version: office.version }}
            title={`Delete ${office.name}?`}
            consequences={consequences}
          />
        }
      />
      <div className="space-y-6">
        {scoreCard}
        {usageCards}
        <Card>
          <OfficeForm orgSlug={ctx.organisationSlug} office={office} />
        </Card>
      </div>
    </>
  );
}
