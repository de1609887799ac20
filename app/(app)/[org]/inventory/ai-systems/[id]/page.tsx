import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getAiSystem } from "@/lib/ai-systems/queries";
import { aiSystemDeletionImpact } from "@/lib/ai-systems/mutations";
import { deleteAiSystemAction } from "@/lib/ai-systems/actions";
import { countDataFlowsByDependency, listCloudChoices, listModelChoices } from "@/lib/dependencies/queries";
import { listOffices } from "@/lib/offices/queries";
import { scoreOrganisation } from "@/lib/scores/queries";
import { dependencyResult, systemResult } from "@/lib/scores/entity-scores";
import { eventsInForce, fallbackLabel, sharePhrase } from "@/lib/scores/active-restrictions";
import { ACCESS_PATH_LABELS, VENDOR_TYPE_LABELS, WEIGHTS_LABELS, formatMinutes, labelFor, CRITICALITY_PHRASES } from "@/lib/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { EntityScore } from "@/components/scores/entity-score";
import { NotRecorded } from "@/components/scores/switched-off";
import { ScoreProblems } from "@/components/scores/score-problems";
import { AiSystemForm } from "@/components/ai-systems/ai-system-form";
import { DependencyCard } from "@/components/ai-systems/dependency-card";
import { RouteForm } from "@/components/ai-systems/route-form";
import { inSentence } from "@/scoring/words";
import { getAiActRegistration } from "@/lib/ai-act-registrations/queries";
import { chromiumProblem } from "@/lib/reports/renderer";
import { RegistrationSection } from "@/components/ai-act-registrations/registration-section";

export const metadata = { title: "AI system" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function AiSystemPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const [system, live, offices, registration] = await Promise.all([getAiSystem(ctx, id), scoreOrganisation(ctx), listOffices(ctx), getAiActRegistration(ctx, id)]);
  if (!system) notFound();
  const canWrite = can(ctx.role, "inventory:write");
  const [models, clouds, impact, flows] = canWrite
    ? await Promise.all([listModelChoices(ctx), listCloudChoices(ctx), aiSystemDeletionImpact(ctx, id), countDataFlowsByDependency(ctx, system.dependencies.map((d) => d.id))])
    : [[], [], null, new Map<string, number>()];
  const modelChoices = models.map((m) => ({ value: m.id, label: `${m.name} (${m.vendor.name}, ${inSentence(labelFor(WEIGHTS_LABELS, m.weights))})` }));
  const cloudChoices = clouds.map((c) => ({ value: c.id, label: `${c.name} (${labelFor(VENDOR_TYPE_LABELS, c.vendorType)})` }));

  const scoredSystem = live.ok ? systemResult(live.result, system) : undefined;
  const scoredDependency = (d: (typeof system.dependencies)[number]) =>
    live.ok && scoredSystem ? dependencyResult(live.result, scoredSystem, { modelName: d.model.name, accessPath: d.accessPath }) : undefined;
  const weakest = system.dependencies.find((d) => scoredDependency(d)?.key === scoredSystem?.weakestDependency);
  const events = live.ok ? eventsInForce(live.result) : new Map();
  const fallbackName = (d: (typeof system.dependencies)[number]) => (live.ok ? fallbackLabel(live.document, scoredDependency(d)?.switchedOff?.fallback) : undefined);
  // What is switched off today, and the facts nobody recorded, over all of the system's dependencies.
  const switchedOff = system.dependencies.flatMap((d) => {
    const off = scoredDependency(d)?.switchedOff;
    return off ? [{ model: d.model.name, off }] : [];
  });
  const notRecorded = [...new Set(system.dependencies.flatMap((d) => scoredDependency(d)?.notRecorded ?? []))];
  const servedOffices = offices.filter((o) => system.officeIds.includes(o.id)).map((o) => o.name);
  const description = `${labelFor(CRITICALITY_PHRASES, system.criticality)} · owner ${system.owner} · tolerates ${formatMinutes(system.toleratedDowntimeMinutes)} down · serves ${servedOffices.join(", ") || "no office recorded"}`;

  const consequences = impact
    ? [
        impact.dependencies ? `${plural(impact.dependencies, "dependency", "dependencies")} will be deleted` : "",
        impact.fallbacks ? `${plural(impact.fallbacks, "fallback")} will be deleted` : "",
        impact.dataFlows ? `${plural(impact.dataFlows, "data flow")} from or through it will be deleted` : "",
        servedOffices.length ? `${plural(servedOffices.length, "office")} will no longer list it as served` : "",
      ].filter(Boolean)
    : [];

  return (
    <>
      <PageHeader
        title={system.name}
        description={description}
        actions={
          canWrite && (
            <ConfirmDelete action={deleteAiSystemAction} fields={{ org: ctx.organisationSlug, id: system.id, version: system.version }} title={`Delete ${system.name}?`} consequences={consequences} />
          )
        }
      />
      <div className="space-y-6">
        {live.ok ? (
          <EntityScore what="System score" scored={scoredSystem} result={live.result} unscored="Not scored yet: it depends on no model yet.">
            {weakest && (
              <p className="mt-3 text-sm text-slate-700">
                Weakest dependency: <strong>{weakest.model.name}</strong>, {labelFor(ACCESS_PATH_LABELS, weakest.accessPath)}. A system is as sovereign as its weakest dependency.
              </p>
            )}
            {switchedOff.length > 0 && (
              <p className="mt-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="system-switched-off">
                <strong className="font-semibold">Switched off today</strong> for {switchedOff.map((s) => `${sharePhrase(s.off.share)} of its users on ${s.model}`).join(", ")} by a restriction in force. Each dependency below says who is cut off and how they recover.
              </p>
            )}
            <NotRecorded items={notRecorded} className="mt-3" />
          </EntityScore>
        ) : (
          <ScoreProblems issues={live.issues} />
        )}

        <section aria-labelledby="dependencies-heading" className="space-y-4">
          <h2 id="dependencies-heading" className="text-lg font-semibold text-slate-900">
            Dependencies
          </h2>
          {system.dependencies.length === 0 && <p className="text-sm text-slate-600">No model dependency recorded yet.</p>}
          {system.dependencies.map((d) => (
            <DependencyCard
              key={d.id}
              dependency={d}
              scored={scoredDependency(d)}
              weakest={d === weakest && system.dependencies.length > 1}
              editable={canWrite}
              orgSlug={ctx.organisationSlug}
              models={modelChoices}
              clouds={cloudChoices}
              impact={{ dataFlows: flows.get(d.id) ?? 0 }}
              events={events}
              fallbackName={fallbackName(d)}
            />
          ))}
          {canWrite && (
            <Card aria-labelledby="add-dependency-heading">
              <h3 id="add-dependency-heading" className="mb-3 text-base font-semibold text-slate-900">
                Add a dependency
              </h3>
              <RouteForm kind="dependency" orgSlug={ctx.organisationSlug} parentId={system.id} models={modelChoices} clouds={cloudChoices} />
            </Card>
          )}
        </section>

        <Card aria-labelledby="details-heading">
          <h2 id="details-heading" className="text-lg font-semibold text-slate-900">
            Details
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
            <div className="sm:col-span-3">
              <dt className="text-slate-500">Description</dt>
              <dd className="mt-0.5 whitespace-pre-line text-slate-900">{system.description || "None recorded"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Users served</dt>
              <dd className="font-medium text-slate-900">{system.usersServed.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Teams</dt>
              <dd className="font-medium text-slate-900">{system.teams.join(", ") || "None recorded"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Offices served</dt>
              <dd className="font-medium text-slate-900">{servedOffices.join(", ") || "None recorded"}</dd>
            </div>
          </dl>
          {canWrite && (
            <details className="mt-4 border-t border-slate-100 pt-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit details</summary>
              <div className="mt-3">
                <AiSystemForm orgSlug={ctx.organisationSlug} system={system} offices={offices.map((o) => ({ id: o.id, name: o.name }))} />
              </div>
            </details>
          )}
        </Card>

        <RegistrationSection
          orgSlug={ctx.organisationSlug}
          aiSystemId={system.id}
          organisationName={ctx.organisationName}
          registration={registration}
          canWrite={canWrite}
          canExport={can(ctx.role, "reports:export")}
          pdfProblem={chromiumProblem()}
        />
      </div>
    </>
  );
}
