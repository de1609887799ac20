"use client";
import { useActionState, useId, useState } from "react";
import Link from "next/link";
import { createPolicyEventAction, updatePolicyEventAction } from "@/lib/policy-events/actions";
import { idle, submitted } from "@/lib/action-state";
import type { PolicyEventImpact } from "@/lib/policy-events/mutations";
import { POLICY_EVENT_TYPE_LABELS, RESTRICTION_LOCUS_LABELS, RESTRICTION_SEVERITY_LABELS, optionsFrom } from "@/lib/labels";
import type { PolicyEvent, PolicyScope } from "@/scoring/schema/policy-event";
import { ACCESS_PATHS } from "@/scoring/schema/access-paths";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { CountrySetField, EMPTY_COUNTRY_SET_DRAFT, isEmptyCountrySetDraft, toCountrySet, toCountrySetDraft, type CountrySetDraft } from "@/components/scenarios/country-set-field";
import { PolicyEventImpactPanel } from "./policy-event-impact";
import { ReferenceFields, toReferenceDrafts, toReferences, type ReferenceDraft } from "./reference-fields";

const TYPES = optionsFrom(POLICY_EVENT_TYPE_LABELS);
const LOCI = optionsFrom(RESTRICTION_LOCUS_LABELS);
const SEVERITIES = optionsFrom(RESTRICTION_SEVERITY_LABELS);

type Initial = { id: string; version: number; event: PolicyEvent };
type RestrictionDraft = { countries: CountrySetDraft; locus: string; severity: string };

const NEW_RESTRICTION: RestrictionDraft = { countries: EMPTY_COUNTRY_SET_DRAFT, locus: "users", severity: "block" };

/** The scope selectors this form does not edit, in words: they are kept as they are. */
function keptSelectors(scope: PolicyScope): string[] {
  const kept: string[] = [];
  if (scope.models?.length) kept.push(`models ${scope.models.join(", ")}`);
  if (scope.modelFamilies?.length) kept.push(`model families ${scope.modelFamilies.join(", ")}`);
  if (scope.clouds?.length) kept.push(`clouds ${scope.clouds.join(", ")}`);
  if (scope.hostingRegions?.length) kept.push(`hosting regions ${scope.hostingRegions.join(", ")}`);
  return kept;
}

/**
 * Adds (or edits) one of the organisation's own policy events: imposing restrictions with whom
 * and what they reach, or lifting an event (for everyone, or partly: only for some countries).
 * Every restriction of an event is edited here (a tiered rule has several); scope selectors the
 * form has no field for (models, families, clouds, hosting regions) are kept as they are and
 * named. With `correcting`, it starts from a catalogue event's fields and keeps its key, so the
 * saved event is the organisation's correction of it. After saving it shows what changed.
 */
export function PolicyEventForm({
  orgSlug,
  orgName,
  vendors,
  liftable,
  officeCountries,
  initial,
  correcting,
  liftKey,
}: {
  orgSlug: string;
  orgName: string;
  vendors: { key: string; name: string }[];
  liftable: { key: string; title: string }[];
  officeCountries: string[];
  initial?: Initial;
  /**
   * The catalogue event this form corrects for the organisation: without `initial` the form starts
   * from its fields; either way the saved event keeps its key.
   */
  correcting?: PolicyEvent;
  liftKey?: string;
}) {
  const id = useId();
  const [state, action] = useActionState(initial ? updatePolicyEventAction : createPolicyEventAction, idle);
  const ev = initial?.event ?? correcting;
  const impose = ev?.kind === "impose" ? ev : undefined;
  const lift = ev?.kind === "lift" ? ev : undefined;
  const [kind, setKind] = useState<"impose" | "lift">(liftKey ? "lift" : (ev?.kind ?? "impose"));
  const [vendorKeys, setVendorKeys] = useState<string[]>(impose?.scope.vendors ?? []);
  const [vendorCountries, setVendorCountries] = useState<CountrySetDraft>(impose?.scope.vendorCountries ? toCountrySetDraft(impose.scope.vendorCountries) : EMPTY_COUNTRY_SET_DRAFT);
  const [weights, setWeights] = useState<string>(impose?.scope.weights ?? "");
  const [compute, setCompute] = useState<string>(impose?.scope.minTrainingCompute ?? "");
  const [paths, setPaths] = useState<string[]>(impose?.scope.accessPaths ?? []);
  const [drafts, setDrafts] = useState<RestrictionDraft[]>(impose ? impose.restrictions.map((r) => ({ countries: toCountrySetDraft(r.countries), locus: r.locus, severity: r.severity })) : [NEW_RESTRICTION]);
  const [liftCountries, setLiftCountries] = useState<CountrySetDraft>(lift?.countries ? toCountrySetDraft(lift.countries) : EMPTY_COUNTRY_SET_DRAFT);
  const [references, setReferences] = useState<ReferenceDraft[]>(toReferenceDrafts(ev?.references));
  const setDraft = (i: number, change: Partial<RestrictionDraft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...change } : d)));

  // Start from the stored scope so that selectors without a field here survive an edit.
  const { vendors: _v, vendorCountries: _vc, weights: _w, minTrainingCompute: _c, accessPaths: _p, ...kept } = impose?.scope ?? {};
  const scope = {
    ...kept,
    ...(vendorKeys.length ? { vendors: vendorKeys } : {}),
    // "Every country except (none)" would reach every vendor: the same as no selector.
    ...(isEmptyCountrySetDraft(vendorCountries) ? {} : { vendorCountries: toCountrySet(vendorCountries) }),
    ...(weights ? { weights } : {}),
    ...(compute ? { minTrainingCompute: compute } : {}),
    ...(paths.length ? { accessPaths: paths } : {}),
  };
  const keptWords = keptSelectors(kept);
  const restrictions = drafts.map((d) => ({ countries: toCountrySet(d.countries), locus: d.locus, severity: d.severity }));
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const value = (name: string, fallback?: string) => submitted(state, name) ?? fallback;
  const estimated = state.status === "error" && state.values ? state.values.dateEstimated === "on" : (ev?.dateEstimated ?? false);
  const impact = state.status === "success" ? (state.data as { impact?: PolicyEventImpact } | undefined)?.impact : undefined;
  const liftsKey = value("lifts", liftKey ?? lift?.lifts);
  // The event a lift ends is always among the choices, also when it is not in force today.
  const liftOptions = liftsKey && !liftable.some((e) => e.key === liftsKey) ? [...liftable, { key: liftsKey, title: liftsKey }] : liftable;

  return (
    <div className="space-y-4">
      {impact && state.status === "success" && (
        <>
          <Alert tone="success">{state.message}</Alert>
          <PolicyEventImpactPanel impact={impact} orgName={orgName} />
        </>
      )}
      <form action={action} noValidate className="max-w-3xl space-y-4" key={state.status === "success" ? "done" : "editing"}>
        {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="org" value={orgSlug} />
        {initial && <input type="hidden" name="id" value={initial.id} />}
        {initial && <input type="hidden" name="version" value={initial.version} />}
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">What happens</legend>
          <div className="mt-2 flex gap-4 text-sm">
            {(["impose", "lift"] as const).map((k) => (
              <label key={k} className="flex items-center gap-2">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === "impose" ? "A restriction is imposed" : "A restriction is lifted"}
              </label>
            ))}
          </div>
        </fieldset>
        {correcting && (
          <>
            <input type="hidden" name="key" value={correcting.key} />
            <Alert tone="info" title={`${initial ? "Your correction of" : "Correcting"} the catalogue's "${correcting.title}"`}>
              Your version keeps the catalogue event&apos;s key, so {orgName} is scored against it instead of the catalogue&apos;s. Change the dates, and anything else you know better. Remove your
              version (&ldquo;Remove correction&rdquo; in the list) to return to the catalogue&apos;s.
            </Alert>
          </>
        )}
        <TextField label="Title" name="title" required defaultValue={value("title", ev?.title)} errors={fieldErrors?.title} placeholder="e.g. US export control on frontier model APIs" />
        <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold text-slate-900">When</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Effective date" name="effectiveDate" type="date" required defaultValue={value("effectiveDate", ev?.effectiveDate)} errors={fieldErrors?.effectiveDate} />
            <div className="flex items-start gap-2 pt-7 text-sm">
              <input id={`${id}-estimated`} type="checkbox" name="dateEstimated" defaultChecked={estimated} aria-describedby={`${id}-estimated-hint`} className="mt-0.5" />
              <div>
                <label htmlFor={`${id}-estimated`} className="font-medium text-slate-800">
                  This date is an estimate
                </label>
                <p id={`${id}-estimated-hint`} className="text-xs text-slate-500">
                  No source gives it; it is your dated reading. Lists and reports mark it &ldquo;estimated&rdquo;.
                </p>
              </div>
            </div>
          </div>
          <div>
            <label htmlFor={`${id}-date-note`} className="block text-sm font-medium text-slate-800">
              How this date was read
            </label>
            <textarea
              id={`${id}-date-note`}
              name="dateNote"
              rows={3}
              maxLength={2000}
              defaultValue={value("dateNote", ev?.dateNote)}
              aria-invalid={fieldErrors?.dateNote?.length ? true : undefined}
              aria-describedby={fieldErrors?.dateNote?.length ? `${id}-date-note-error` : `${id}-date-note-hint`}
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
            />
            {fieldErrors?.dateNote?.length ? (
              <p id={`${id}-date-note-error`} className="mt-1 text-xs text-red-700">
                {fieldErrors.dateNote.join(" ")}
              </p>
            ) : (
              <p id={`${id}-date-note-hint`} className="mt-1 text-xs text-slate-500">
                Optional: where the date comes from, or why it is an estimate.
              </p>
            )}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Source" name="source" required defaultValue={value("source", ev?.source)} errors={fieldErrors?.source} hint="A URL or a reference to the text." />
          <TextField label="Summary" name="summary" defaultValue={value("summary", ev?.summary)} errors={fieldErrors?.summary} />
        </div>
        <input type="hidden" name="references" value={JSON.stringify(toReferences(references))} />
        <ReferenceFields value={references} onChange={setReferences} errors={fieldErrors?.references} />
        {!correcting && (
          <TextField
            label="Key"
            name="key"
            defaultValue={value("key", ev?.key)}
            errors={fieldErrors?.key}
            hint="Optional: derived from the title. To correct a catalogue event, use its “Correct for your organisation” action."
          />
        )}
        {kind === "lift" ? (
          <>
            <SelectField
              label="Lifts"
              name="lifts"
              defaultValue={liftsKey}
              errors={fieldErrors?.lifts}
              options={[{ value: "", label: "Choose the event it ends…" }, ...liftOptions.map((e) => ({ value: e.key, label: e.title }))]}
            />
            {!isEmptyCountrySetDraft(liftCountries) && <input type="hidden" name="countries" value={JSON.stringify(toCountrySet(liftCountries))} />}
            <CountrySetField
              label="Only for these countries"
              value={liftCountries}
              onChange={setLiftCountries}
              officeCountries={officeCountries}
              hint="Empty: a full lift, the event ends for everyone. Otherwise a partial lift: it frees only these countries, everyone else stays restricted."
            />
            {fieldErrors?.countries && (
              <p className="text-xs text-red-700" role="alert">
                {fieldErrors.countries.join(" ")}
              </p>
            )}
          </>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <SelectField label="Kind of measure" name="type" defaultValue={value("type", impose?.type ?? "export-control")} errors={fieldErrors?.type} options={TYPES} />
              <TextField label="Issued by" name="issuer" defaultValue={value("issuer", impose?.issuer)} errors={fieldErrors?.issuer} hint="A country code, EU, or vendor." placeholder="US" />
              <TextField label="Expires" name="expires" type="date" defaultValue={value("expires", impose?.expires)} errors={fieldErrors?.expires} hint="Optional." />
            </div>
            <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
              <legend className="px-1 text-sm font-semibold text-slate-900">What it reaches (every choice must match; none: everything)</legend>
              <input type="hidden" name="scope" value={JSON.stringify(scope)} />
              <div>
                <label htmlFor="pe-vendors" className="block text-sm font-medium text-slate-800">
                  Vendors
                </label>
                <select
                  id="pe-vendors"
                  multiple
                  value={vendorKeys}
                  onChange={(e) => setVendorKeys([...e.target.selectedOptions].map((o) => o.value))}
                  className="mt-1 block h-28 w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                >
                  {vendors.map((v) => (
                    <option key={v.key} value={v.key}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </div>
              <CountrySetField label="Vendors headquartered in" value={vendorCountries} onChange={setVendorCountries} officeCountries={[]} hint="Country codes, comma-separated; empty: vendors from anywhere." />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label="Weights"
                  name="_weights"
                  value={weights}
                  onChange={(e) => setWeights(e.target.value)}
                  options={[
                    { value: "", label: "Open and closed" },
                    { value: "closed", label: "Closed models only" },
                    { value: "open", label: "Open-weight models only" },
                  ]}
                />
                <SelectField
                  label="Training compute"
                  name="_compute"
                  value={compute}
                  onChange={(e) => setCompute(e.target.value)}
                  options={[
                    { value: "", label: "Any model" },
                    { value: "1e25-1e26", label: "Trained with 10^25 operations or more" },
                    { value: "above-1e26", label: "Trained with more than 10^26 operations" },
                  ]}
                />
              </div>
              <fieldset>
                <legend className="text-sm font-medium text-slate-800">Access paths (none: all)</legend>
                <div className="mt-1 flex flex-wrap gap-4 text-sm">
                  {ACCESS_PATHS.map((p) => (
                    <label key={p} className="flex items-center gap-2">
                      <input type="checkbox" checked={paths.includes(p)} onChange={(e) => setPaths(e.target.checked ? [...paths, p] : paths.filter((x) => x !== p))} />
                      {p}
                    </label>
                  ))}
                </div>
              </fieldset>
              {keptWords.length > 0 && <p className="text-xs text-slate-600">Also limited to {keptWords.join("; ")}: kept as they are (the public API edits them).</p>}
              {fieldErrors?.scope && <p className="text-xs text-red-700">{fieldErrors.scope.join(" ")}</p>}
            </fieldset>
            <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
              <legend className="px-1 text-sm font-semibold text-slate-900">Whom it restricts</legend>
              <input type="hidden" name="restrictions" value={JSON.stringify(restrictions)} />
              {drafts.map((d, i) => {
                const label = drafts.length > 1 ? `Restriction ${i + 1}: countries` : "Countries";
                return (
                  <div key={i} className={drafts.length > 1 ? "space-y-3 rounded-md bg-slate-50 p-3" : "space-y-3"}>
                    <CountrySetField label={label} value={d.countries} onChange={(countries) => setDraft(i, { countries })} officeCountries={officeCountries} />
                    <div className="grid gap-4 sm:grid-cols-2">
                      <SelectField label={drafts.length > 1 ? `Restriction ${i + 1}: restricted` : "Restricted"} name={`_locus${i}`} value={d.locus} onChange={(e) => setDraft(i, { locus: e.target.value })} options={LOCI} />
                      <SelectField label={drafts.length > 1 ? `Restriction ${i + 1}: severity` : "Severity"} name={`_severity${i}`} value={d.severity} onChange={(e) => setDraft(i, { severity: e.target.value })} options={SEVERITIES} />
                    </div>
                    {drafts.length > 1 && (
                      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                        Remove restriction {i + 1}
                      </Button>
                    )}
                  </div>
                );
              })}
              <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setDrafts([...drafts, NEW_RESTRICTION])}>
                Add another restriction
              </Button>
              <p className="text-xs text-slate-500">Several restrictions make a tiered rule, e.g. blocked in some countries and licence-required in others.</p>
              {fieldErrors?.restrictions && <p className="text-xs text-red-700">{fieldErrors.restrictions.join(" ")}</p>}
            </fieldset>
          </>
        )}
        <div className="flex gap-2">
          <SubmitButton pendingText="Saving and re-scoring…">{correcting ? "Save your correction" : initial ? "Save event" : kind === "lift" ? "Add lift" : "Add policy event"}</SubmitButton>
          {(initial || correcting) && (
            <Link href={`/${orgSlug}/scenarios/policy-events`} className={buttonClass("secondary")}>
              Cancel
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}
