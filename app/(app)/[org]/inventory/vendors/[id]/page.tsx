import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getVendor } from "@/lib/vendors/queries";
import { listModelsOfVendor } from "@/lib/models/queries";
import { buttonClass } from "@/components/ui/button";
import { vendorDeletionImpact } from "@/lib/vendors/mutations";
import { deleteVendorAction } from "@/lib/vendors/actions";
import { scoreOrganisation, type LiveScore } from "@/lib/scores/queries";
import { vendorResult } from "@/lib/scores/entity-scores";
import { vendorRestrictions } from "@/lib/scores/dashboard";
import { eventsInForce, fallbackLabel } from "@/lib/scores/active-restrictions";
import { countryName } from "@/lib/countries";
import { VENDOR_TYPE_LABELS, WEIGHTS_LABELS, labelFor } from "@/lib/labels";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { VendorForm } from "@/components/vendors/vendor-form";
import { CatalogueFacts } from "@/components/vendors/catalogue-facts";
import { catalogueVendor } from "@/lib/catalogue/facts";
import { EntityScore } from "@/components/scores/entity-score";
import { ActiveRestrictionMark } from "@/components/scores/restriction-mark";
import { NotRecorded, SwitchedOffDetails } from "@/components/scores/switched-off";
import { ScoreProblems } from "@/components/scores/score-problems";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Vendor" };

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function VendorPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const [vendor, models, live] = await Promise.all([getVendor(ctx, id), listModelsOfVendor(ctx, id), scoreOrganisation(ctx)]);
  if (!vendor) notFound();
  const canWrite = can(ctx.role, "inventory:write");
  const modelsPath = `/${ctx.organisationSlug}/inventory/models`;
  const modelList = (
    <Card aria-labelledby="vendor-models">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="vendor-models" className="text-base font-semibold text-slate-900">
          Models
        </h2>
        {canWrite && (
          <Link href={`${modelsPath}/new?vendor=${vendor.id}`} className={buttonClass("secondary")}>
            Add model
          </Link>
        )}
      </div>
      {models.length ? (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {models.map((m) => (
            <li key={m.id} className="flex flex-wrap justify-between gap-2 py-2">
              <Link href={`${modelsPath}/${m.id}`} className="font-medium text-brand-700 underline">
                {m.name}
              </Link>
              <span className="text-slate-500">
                {labelFor(WEIGHTS_LABELS, m.weights)} · {plural(m.dependencyCount, "dependency", "dependencies")}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">No models of this vendor yet.</p>
      )}
    </Card>
  );
  const catalogue = catalogueVendor(vendor.catalogueKey);
  const catalogueFacts = catalogue && <CatalogueFacts catalogue={catalogue} vendor={{ ...vendor, sourceAsOf: isoDate(vendor.sourceAsOf) }} />;
  const description = `${labelFor(VENDOR_TYPE_LABELS, vendor.vendorType)}, headquartered in ${countryName(vendor.hqCountry)}${vendor.parentName && vendor.parentCountry ? `; ultimate parent ${vendor.parentName} (${countryName(vendor.parentCountry)})` : ""}`;
  const score = live.ok ? <VendorScore live={live} vendor={vendor} /> : <ScoreProblems issues={live.issues} />;

  if (!canWrite) {
    return (
      <>
        <PageHeader title={vendor.name} description={description} />
        <div className="space-y-6">
          {score}
          {catalogueFacts}
          {modelList}
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2 [&>div]:min-w-0 [&_dd]:[overflow-wrap:anywhere]">
              <div><dt className="text-slate-500">EU-US Data Privacy Framework</dt><dd className="font-medium">{vendor.dpfCertified ? "Certified" : "Not certified"}</dd></div>
              <div><dt className="text-slate-500">Source</dt><dd className="font-medium">{vendor.source ?? "None recorded"}{vendor.sourceAsOf ? ` (checked ${formatDay(vendor.sourceAsOf)})` : ""}</dd></div>
              <div className="sm:col-span-2"><dt className="text-slate-500">Notes</dt><dd className="font-medium">{vendor.notes ?? "None"}</dd></div>
            </dl>
          </Card>
        </div>
      </>
    );
  }

  const impact = await vendorDeletionImpact(ctx, id);
  const consequences = [
    impact.models ? `${plural(impact.models, "model")} of this vendor will be deleted` : "",
    impact.dependencies ? `${plural(impact.dependencies, "AI system dependency", "AI system dependencies")} on its models or its cloud will be deleted` : "",
    impact.fallbacks ? `${plural(impact.fallbacks, "fallback")} will be deleted` : "",
    impact.dataFlows ? `${plural(impact.dataFlows, "data flow")} to this vendor will be deleted` : "",
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={vendor.name}
        description={description}
        actions={
          <ConfirmDelete
            action={deleteVendorAction}
            fields={{ org: ctx.organisationSlug, id: vendor.id, version: vendor.version }}
            title={`Delete ${vendor.name}?`}
            consequences={consequences.length ? consequences : ["Nothing else depends on this vendor."]}
          />
        }
      />
      <div className="space-y-6">
        {score}
        {catalogueFacts}
        {modelList}
        <Card>
          <VendorForm orgSlug={ctx.organisationSlug} vendor={{ ...vendor, sourceAsOf: isoDate(vendor.sourceAsOf) }} catalogue={catalogue} />
        </Card>
      </div>
    </>
  );
}

/**
 * The vendor's live score with what a restriction in force does to it today: the Active
 * restriction mark, each dependency on its models that is switched off (who, how it recovers,
 * the score before the rule), and the facts nobody recorded.
 */
function VendorScore({ live, vendor }: { live: Extract<LiveScore, { ok: true }>; vendor: { name: string } }) {
  const scored = vendorResult(live.result, vendor);
  const restrictions = vendorRestrictions(scored?.activeRestrictions);
  const events = eventsInForce(live.result);
  const systemNames = new Map(live.result.systems.map((s) => [s.key, s.name]));
  const modelNames = new Map(live.document.models.map((m) => [m.key, m.name]));
  const switchedOff = scored ? live.result.dependencies.filter((d) => d.vendor === scored.key && d.switchedOff) : [];
  return (
    <EntityScore what="Vendor score" scored={scored} result={live.result}>
      {restrictions.length > 0 && (
        <div className="mt-4 grid gap-3 md:grid-cols-2">
          {restrictions.map((r) => (
            <ActiveRestrictionMark key={r.key} restriction={r} />
          ))}
        </div>
      )}
      {switchedOff.length > 0 && (
        <section aria-labelledby="vendor-switched-off-heading" className="mt-4">
          <h3 id="vendor-switched-off-heading" className="text-sm font-semibold text-slate-900">
            Dependencies switched off today ({switchedOff.length})
          </h3>
          <ul className="mt-2 space-y-3">
            {switchedOff.map((d) => (
              <li key={d.key}>
                <p className="text-sm font-medium text-slate-900">
                  {systemNames.get(d.system) ?? d.system} → {modelNames.get(d.model) ?? d.model}
                </p>
                <SwitchedOffDetails off={d.switchedOff!} events={events} fallbackName={fallbackLabel(live.document, d.switchedOff!.fallback)} score={d.score} className="mt-1" />
              </li>
            ))}
          </ul>
        </section>
      )}
      <NotRecorded items={scored?.notRecorded} className="mt-4" />
    </EntityScore>
  );
}
