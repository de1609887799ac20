import type { DependencyResult } from "@/scoring/results";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, formatMinutes, labelFor } from "@/lib/labels";
import { countryName } from "@/lib/countries";
import { deleteDependencyAction } from "@/lib/dependencies/actions";
import { deleteFallbackAction } from "@/lib/fallbacks/actions";
import { Card } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { RatingBadge } from "@/components/scores/rating-badge";
import { FactorList } from "@/components/scores/entity-score";
import { NotRecorded, SwitchedOffDetails } from "@/components/scores/switched-off";
import type { EventsInForce } from "@/lib/scores/active-restrictions";
import { RouteForm, type Choice, type RouteValues } from "./route-form";
import { formatDay, readableDays } from "@/lib/dates";

type Route = {
  id: string;
  version: number;
  accessPath: string;
  hostingCountry: string | null;
  hostingRegion: string | null;
  model: { id: string; name: string; vendor: { name: string } };
  cloudVendor: { id: string; name: string } | null;
};

export type DependencyView = Route & {
  dataSent: string[];
  exitPlanDocumented: boolean;
  exitPlanLastReviewed: Date | null;
  contractDataResidency: boolean | null;
  contractExitTerms: boolean | null;
  notes: string | null;
  fallbacks: (Route & {
    lastTestedAt: Date | null;
    switchTimeMinutes: number | null;
    qualityParityChecked: boolean;
    exitPlan: string | null;
    exitPlanUrl: string | null;
  })[];
};

/** The stored row as its edit form starts from. */
const formValues = ({ model, cloudVendor, fallbacks: _fallbacks, ...own }: Route & Omit<RouteValues, "modelId" | "cloudVendorId"> & { fallbacks?: unknown }): RouteValues => ({
  ...own,
  modelId: model.id,
  cloudVendorId: cloudVendor?.id ?? null,
});

const contractFacts = (d: DependencyView) =>
  [
    d.contractDataResidency === null ? null : `contract ${d.contractDataResidency ? "fixes" : "does not fix"} data residency`,
    d.contractExitTerms === null ? null : `contract ${d.contractExitTerms ? "has" : "has no"} exit terms`,
  ].filter(Boolean);

/** An "Edit" disclosure: a native <details>, so it opens with Enter or Space and needs no script. */
function EditDisclosure({ summary, name, children }: { summary: string; name: string; children: React.ReactNode }) {
  return (
    <details className="mt-3 w-full">
      {/* The accessible name says which row: a card can hold several "Edit fallback" summaries. */}
      <summary aria-label={`${summary} ${name}`} className="cursor-pointer text-sm font-medium text-brand-700">
        {summary}
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}

const routeLabel = (r: Route) => `${r.model.name} (${r.model.vendor.name}) · ${labelFor(ACCESS_PATH_LABELS, r.accessPath)}`;
const where = (r: Route) =>
  [r.cloudVendor?.name, r.hostingCountry ? countryName(r.hostingCountry) : null, r.hostingRegion].filter(Boolean).join(", ") || "Default hosting";

/**
 * One dependency of an AI system: its live score and factor sentences, whether a restriction in
 * force switches it off today (and how it recovers), the facts its score rests on that nobody
 * recorded, its fallbacks, and (for editors) the forms to change them. `events`: the policy events
 * in force, for the switched-off details; `fallbackName`: the recovering fallback, named.
 */
export function DependencyCard({
  dependency,
  scored,
  weakest,
  editable,
  orgSlug,
  models,
  clouds,
  impact,
  events = new Map(),
  fallbackName,
}: {
  dependency: DependencyView;
  scored: DependencyResult | undefined;
  weakest: boolean;
  editable: boolean;
  orgSlug: string;
  models: Choice[];
  clouds: Choice[];
  impact?: { dataFlows: number };
  events?: EventsInForce;
  fallbackName?: string;
}) {
  const d = dependency;
  const label = routeLabel(d);
  const consequences = [
    d.fallbacks.length ? `${d.fallbacks.length} fallback${d.fallbacks.length === 1 ? "" : "s"} of this dependency will be deleted` : "",
    impact?.dataFlows ? `${impact.dataFlows} data flow${impact.dataFlows === 1 ? "" : "s"} carried by it will be deleted` : "",
  ].filter(Boolean);
  return (
    <Card aria-label={`Dependency ${label}`}>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="text-base font-semibold text-slate-900">
            {label}
            {weakest && <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700">Weakest dependency</span>}
            {scored?.switchedOff && <span className="ml-2 rounded border border-red-300 bg-red-50 px-1.5 py-0.5 text-xs font-semibold text-red-800">Switched off today</span>}
          </h3>
          <p className="text-sm text-slate-600">
            {where(d)} · data sent: {d.dataSent.map((c) => labelFor(DATA_CATEGORY_LABELS, c)).join(", ") || "none recorded"} · exit plan{" "}
            {d.exitPlanDocumented ? `documented${d.exitPlanLastReviewed ? `, reviewed ${formatDay(d.exitPlanLastReviewed)}` : ""}` : "not documented"}
            {contractFacts(d).map((fact) => ` · ${fact}`)}
          </p>
          {d.notes && <p className="mt-1 text-sm text-slate-600">Notes: {d.notes}</p>}
        </div>
        {scored && (
          <div className="shrink-0">
            <RatingBadge rating={scored.rating} score={scored.score} size="lg" />
          </div>
        )}
      </div>
      {editable && (
        <EditDisclosure summary="Edit dependency" name={label}>
          <RouteForm kind="dependency" orgSlug={orgSlug} models={models} clouds={clouds} existing={formValues(d)} label={`Edit dependency ${label}`} />
          {/* Removing is part of editing, away from the score: quiet until its dialog confirms. */}
          <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
            <p className="text-xs text-slate-600">No longer used? Removing it also removes its fallbacks.</p>
            <ConfirmDelete
              action={deleteDependencyAction}
              fields={{ org: orgSlug, id: d.id, version: d.version }}
              title={`Remove ${d.model.name} from this system?`}
              consequences={consequences}
              label="Remove dependency"
            />
          </div>
        </EditDisclosure>
      )}
      {scored && (
        <>
          <p className="mt-2 text-sm text-slate-600">{readableDays(scored.profile)}</p>
          {scored.switchedOff && <SwitchedOffDetails off={scored.switchedOff} events={events} fallbackName={fallbackName} score={scored.score} className="mt-3" />}
          <NotRecorded items={scored.notRecorded} heading="h4" className="mt-3" />
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">Factors</summary>
            <FactorList factors={scored.factors} />
          </details>
        </>
      )}
      <div className="mt-4 border-t border-slate-100 pt-3">
        <h4 className="text-sm font-semibold text-slate-900">Fallbacks</h4>
        {d.fallbacks.length === 0 && <p className="mt-1 text-sm text-slate-600">No fallback: if this model or path is switched off, the system stops.</p>}
        <ul className="mt-1 space-y-2">
          {d.fallbacks.map((f) => (
            <li key={f.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <span className="font-medium text-slate-900">{routeLabel(f)}</span> · {where(f)} · {f.lastTestedAt ? `drilled ${formatDay(f.lastTestedAt)}` : "never tested"}
                  {f.switchTimeMinutes !== null && ` · switch in ${formatMinutes(f.switchTimeMinutes)}`}
                  {f.qualityParityChecked && " · quality parity checked"}
                  {f.exitPlan && <span className="block text-xs text-slate-600">Exit plan: {f.exitPlan}</span>}
                  {f.exitPlanUrl && (
                    <a href={f.exitPlanUrl} rel="noopener noreferrer" target="_blank" className="block text-xs text-brand-700 underline">
                      Full exit plan<span className="sr-only"> for the fallback to {f.model.name} (opens in a new tab)</span>
                    </a>
                  )}
                </span>
              </div>
              {editable && (
                <EditDisclosure summary="Edit fallback" name={routeLabel(f)}>
                  <RouteForm kind="fallback" orgSlug={orgSlug} models={models} clouds={clouds} existing={formValues(f)} label={`Edit fallback ${routeLabel(f)}`} />
                  <div className="mt-4 flex justify-end border-t border-slate-200 pt-3">
                    <ConfirmDelete
                      action={deleteFallbackAction}
                      fields={{ org: orgSlug, id: f.id, version: f.version }}
                      title={`Remove the fallback to ${f.model.name}?`}
                      consequences={[`${d.model.name} will no longer have this fallback.`]}
                      label="Remove fallback"
                    />
                  </div>
                </EditDisclosure>
              )}
            </li>
          ))}
        </ul>
        {editable && (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Add a fallback</summary>
            <div className="mt-3">
              <RouteForm kind="fallback" orgSlug={orgSlug} parentId={d.id} models={models} clouds={clouds} />
            </div>
          </details>
        )}
      </div>
    </Card>
  );
}
