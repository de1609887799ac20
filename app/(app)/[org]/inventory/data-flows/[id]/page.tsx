import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getDataFlow, listDataFlowChoices } from "@/lib/data-flows/queries";
import { toDataFlowInput } from "@/lib/data-flows/schemas";
import { deleteDataFlowAction } from "@/lib/data-flows/actions";
import { scoreOrganisation } from "@/lib/scores/queries";
import { dependencyResult, systemResult, vendorResult } from "@/lib/scores/entity-scores";
import { countryName } from "@/lib/countries";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, DATA_VOLUME_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS, labelFor } from "@/lib/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { EntityScore } from "@/components/scores/entity-score";
import { RatingBadge } from "@/components/scores/rating-badge";
import { ScoreProblems } from "@/components/scores/score-problems";
import { DataFlowForm } from "@/components/data-flows/data-flow-form";
import type { Scored } from "@/scoring/results";
import { inSentence } from "@/scoring/words";

export const metadata = { title: "Data flow" };

function ScoreLine({ label, href, scored }: { label: string; href: string; scored: Scored | undefined }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <Link href={href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {label}
      </Link>
      {scored ? <RatingBadge rating={scored.rating} score={scored.score} /> : <span className="text-slate-500">not scored</span>}
    </li>
  );
}

export default async function DataFlowPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const [flow, live] = await Promise.all([getDataFlow(ctx, id), scoreOrganisation(ctx)]);
  if (!flow) notFound();
  const canWrite = can(ctx.role, "inventory:write");
  const choices = canWrite ? await listDataFlowChoices(ctx) : null;
  const base = `/${ctx.organisationSlug}/inventory`;

  // Legacy rows may name both an office and a system: the office is the origin (docs/decisions/015).
  const input = toDataFlowInput(flow);
  const origin = input.originOfficeId ? flow.originOffice : flow.originAiSystem;
  const dependency = flow.dependency;
  const processing = flow.processingRegion ? `${countryName(flow.processingCountry)} · ${flow.processingRegion}` : countryName(flow.processingCountry);
  const description = `From ${origin?.name ?? "no origin recorded"} to ${flow.vendor.name}, processed in ${processing}`;

  // The engine scores a flow as part of the dependency that carries it (data sensitivity and
  // transfers), and only flows from an office through a dependency (lib/inventory/document.ts).
  const counted = Boolean(flow.originOfficeId && dependency && flow.dataCategories.length);
  const scoredSystem = live.ok && dependency ? systemResult(live.result, dependency.aiSystem) : undefined;
  const scoredDependency = live.ok && scoredSystem && dependency ? dependencyResult(live.result, scoredSystem, { modelName: dependency.model.name, accessPath: dependency.accessPath }) : undefined;
  const scoredVendor = live.ok ? vendorResult(live.result, flow.vendor) : undefined;
  const score = live.ok ? (
    <EntityScore what={dependency ? `Score of the dependency that carries it: ${dependency.aiSystem.name} → ${dependency.model.name}` : "Score"} scored={dependency ? scoredDependency : undefined} result={live.result}>
      <p className="mt-3 text-sm text-slate-700">
        {counted
          ? "This flow counts in the dependency's score (how sensitive the data is, and where personal data goes under which transfer mechanism), and so in the scores below."
          : dependency
            ? "Not counted in the scores yet: the engine places data flows by the office they leave from. Choose an office as the origin to count it."
            : "Not counted in the scores yet: name the model dependency that carries the data (and an office as its origin) to count it."}
      </p>
      <ul className="mt-2 space-y-1 text-sm">
        {dependency && <ScoreLine label={`AI system: ${dependency.aiSystem.name}`} href={`${base}/ai-systems/${dependency.aiSystem.id}`} scored={scoredSystem} />}
        <ScoreLine label={`Vendor: ${flow.vendor.name}`} href={`${base}/vendors/${flow.vendor.id}`} scored={scoredVendor} />
      </ul>
    </EntityScore>
  ) : (
    <ScoreProblems issues={live.issues} />
  );

  const facts = (
    <dl className="grid gap-3 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-slate-500">Leaves from</dt>
        <dd className="font-medium">
          {input.originOfficeId && flow.originOffice ? (
            <Link href={`${base}/offices/${flow.originOffice.id}`} className="text-brand-700 hover:underline">{`Office: ${flow.originOffice.name}`}</Link>
          ) : flow.originAiSystem ? (
            <Link href={`${base}/ai-systems/${flow.originAiSystem.id}`} className="text-brand-700 hover:underline">{`AI system: ${flow.originAiSystem.name}`}</Link>
          ) : (
            "No origin recorded"
          )}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Carried by</dt>
        <dd className="font-medium">
          {dependency ? `${dependency.aiSystem.name} → ${dependency.model.name} (${inSentence(labelFor(ACCESS_PATH_LABELS, dependency.accessPath))}${dependency.cloudVendor ? ` on ${dependency.cloudVendor.name}` : ""})` : "No dependency recorded"}
        </dd>
      </div>
      <div><dt className="text-slate-500">Data categories</dt><dd className="font-medium">{flow.dataCategories.map((c) => labelFor(DATA_CATEGORY_LABELS, c)).join(", ") || "None recorded"}</dd></div>
      <div><dt className="text-slate-500">Volume</dt><dd className="font-medium">{labelFor(DATA_VOLUME_LABELS, flow.volume)}</dd></div>
      <div><dt className="text-slate-500">Transfer mechanism</dt><dd className="font-medium">{labelFor(TRANSFER_MECHANISM_LABELS, flow.transferMechanism)}</dd></div>
      <div><dt className="text-slate-500">Encryption</dt><dd className="font-medium">{labelFor(ENCRYPTION_LABELS, flow.encryption)}</dd></div>
    </dl>
  );

  return (
    <>
      <PageHeader
        title={flow.name}
        description={description}
        actions={
          canWrite && (
            <ConfirmDelete
              action={deleteDataFlowAction}
              fields={{ org: ctx.organisationSlug, id: flow.id, version: flow.version }}
              title={`Delete ${flow.name}?`}
              consequences={[
                `Only this data flow is deleted: ${origin?.name ?? "its origin"}${dependency ? `, ${flow.vendor.name} and the dependency that carries it` : ` and ${flow.vendor.name}`} stay.`,
                counted ? "The scores it counts in are recomputed without it." : "It does not count in any score, so no score changes.",
              ]}
            />
          )
        }
      />
      <div className="space-y-6">
        {score}
        <Card>{facts}</Card>
        {choices && (
          <Card aria-labelledby="edit-heading">
            <h2 id="edit-heading" className="mb-3 text-lg font-semibold text-slate-900">
              Edit
            </h2>
            <DataFlowForm orgSlug={ctx.organisationSlug} choices={choices} flow={{ ...input, id: flow.id, version: flow.version }} />
          </Card>
        )}
      </div>
    </>
  );
}
