import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getModel, modelUsage } from "@/lib/models/queries";
import { modelDeletionImpact } from "@/lib/models/mutations";
import { deleteModelAction } from "@/lib/models/actions";
import { scoreOrganisation } from "@/lib/scores/queries";
import { modelDependencyResults } from "@/lib/scores/entity-scores";
import { catalogueModel } from "@/lib/catalogue/facts";
import { ACCESS_PATH_LABELS, TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS, labelFor, CRITICALITY_PHRASES } from "@/lib/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { ModelForm } from "@/components/models/model-form";
import { ModelCatalogueFacts } from "@/components/models/model-catalogue-facts";
import { EntityScore } from "@/components/scores/entity-score";
import { ScoreProblems } from "@/components/scores/score-problems";
import { inSentence } from "@/scoring/words";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Model" };

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function ModelPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const [model, usage, live] = await Promise.all([getModel(ctx, id), modelUsage(ctx, id), scoreOrganisation(ctx)]);
  if (!model) notFound();
  const canWrite = can(ctx.role, "inventory:write");
  const catalogue = catalogueModel(model.catalogueKey);
  const values = { ...model, sourceAsOf: isoDate(model.sourceAsOf) };
  const inventory = `/${ctx.organisationSlug}/inventory`;
  const description = (
    <>
      A model of <Link href={`${inventory}/vendors/${model.vendorId}`} className="font-medium text-brand-700 underline">{model.vendor.name}</Link>: {inSentence(labelFor(WEIGHTS_LABELS, model.weights))}, licence {model.licence}, training compute{" "}
      {inSentence(labelFor(TRAINING_COMPUTE_LABELS, model.trainingCompute))}.
    </>
  );

  const scoredDependencies = live.ok ? modelDependencyResults(live.result, model) : [];
  const score = live.ok ? (
    <EntityScore what="Model score" scored={scoredDependencies[0]} result={live.result}>
      {scoredDependencies.length > 0 && (
        <p className="mt-3 text-sm text-slate-600">
          The weakest of the {plural(scoredDependencies.length, "dependency", "dependencies")} on this model: a model is as sovereign as the way your systems reach it.
        </p>
      )}
    </EntityScore>
  ) : (
    <ScoreProblems issues={live.issues} />
  );

  const used = (
    <Card aria-labelledby="model-usage">
      <h2 id="model-usage" className="text-base font-semibold text-slate-900">
        Where it is used
      </h2>
      {usage.dependencies.length === 0 && usage.fallbacks.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No AI system depends on this model or falls back to it.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm text-slate-700">
          {usage.dependencies.map((d) => (
            <li key={d.id}>
              <Link href={`${inventory}/ai-systems/${d.aiSystem.id}`} className="font-medium text-brand-700 underline">{d.aiSystem.name}</Link> depends on it through {inSentence(labelFor(ACCESS_PATH_LABELS, d.accessPath))} (
              {inSentence(labelFor(CRITICALITY_PHRASES, d.aiSystem.criticality))})
            </li>
          ))}
          {usage.fallbacks.map((f) => (
            <li key={f.id}>
              <Link href={`${inventory}/ai-systems/${f.dependency.aiSystem.id}`} className="font-medium text-brand-700 underline">{f.dependency.aiSystem.name}</Link> falls back to it ({inSentence(labelFor(ACCESS_PATH_LABELS, f.accessPath))}) when{" "}
              {f.dependency.model.name} through {inSentence(labelFor(ACCESS_PATH_LABELS, f.dependency.accessPath))} fails
            </li>
          ))}
        </ul>
      )}
    </Card>
  );

  if (!canWrite) {
    return (
      <>
        <PageHeader title={model.name} description={description} />
        <div className="space-y-6">
          {score}
          {catalogue && <ModelCatalogueFacts catalogue={catalogue} model={values} />}
          {used}
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2 [&>div]:min-w-0 [&_dd]:[overflow-wrap:anywhere]">
              <div><dt className="text-slate-500">Family</dt><dd className="font-medium">{model.family}</dd></div>
              <div><dt className="text-slate-500">Licence restrictions</dt><dd className="font-medium">{model.licenceRestrictions ?? "None recorded"}</dd></div>
              <div><dt className="text-slate-500">Offered access paths</dt><dd className="font-medium">{model.offeredAccessPaths.map((o) => labelFor(ACCESS_PATH_LABELS, o.path)).join(", ") || "None recorded"}</dd></div>
              <div><dt className="text-slate-500">Source</dt><dd className="font-medium">{model.source ?? "None recorded"}{model.sourceAsOf ? ` (checked ${formatDay(model.sourceAsOf)})` : ""}</dd></div>
            </dl>
          </Card>
        </div>
      </>
    );
  }

  const impact = await modelDeletionImpact(ctx, id);
  const consequences = [
    impact.dependencies ? `${plural(impact.dependencies, "AI system dependency", "AI system dependencies")} on this model will be deleted` : "",
    impact.fallbacks ? `${plural(impact.fallbacks, "fallback")} that use this model or belong to those dependencies will be deleted` : "",
    impact.dataFlows ? `${plural(impact.dataFlows, "data flow")} through those dependencies will be deleted` : "",
    impact.systems.length ? `AI systems affected: ${impact.systems.join(", ")}` : "",
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={model.name}
        description={description}
        actions={
          <ConfirmDelete
            action={deleteModelAction}
            fields={{ org: ctx.organisationSlug, id: model.id, version: model.version }}
            title={`Delete ${model.name}?`}
            consequences={consequences.length ? consequences : ["Nothing else depends on this model."]}
          />
        }
      />
      <div className="space-y-6">
        {score}
        {catalogue && <ModelCatalogueFacts catalogue={catalogue} model={values} />}
        {used}
        <Card>
          <ModelForm orgSlug={ctx.organisationSlug} model={values} catalogue={catalogue} />
        </Card>
      </div>
    </>
  );
}
