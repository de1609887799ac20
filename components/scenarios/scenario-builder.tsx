"use client";
import { useActionState, useId, useState } from "react";
import Link from "next/link";
import { createScenarioAction, updateScenarioAction } from "@/lib/scenarios/actions";
import { idle, submitted } from "@/lib/action-state";
import type { ScenarioBuilderOptions } from "@/lib/scenarios/queries";
import type { Shock } from "@/scoring/schema/scenario";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { CountrySetField, EMPTY_COUNTRY_SET_DRAFT, parseCodes, toCountrySet, toCountrySetDraft as setDraft, type CountrySetDraft } from "./country-set-field";

export const SHOCK_TYPES = [
  { value: "vendor-blocked", label: "Vendor blocked for some countries" },
  { value: "closed-models-unavailable", label: "A jurisdiction's closed models unavailable in a region" },
  { value: "cloud-region-lost", label: "Cloud region lost" },
  { value: "weights-under-licence", label: "Model weights placed under export licence" },
] as const satisfies readonly { value: Shock["type"]; label: string }[];

type Draft =
  | { type: "vendor-blocked"; vendor: string; countries: CountrySetDraft }
  | { type: "closed-models-unavailable"; vendorCountries: string; region: CountrySetDraft }
  | { type: "cloud-region-lost"; cloud: string; region: string; country: string }
  | { type: "weights-under-licence"; models: string[]; countries: CountrySetDraft };

const emptySet = EMPTY_COUNTRY_SET_DRAFT;

function fromShock(s: Shock): Draft {
  switch (s.type) {
    case "vendor-blocked":
      return { type: s.type, vendor: s.vendor, countries: setDraft(s.countries) };
    case "closed-models-unavailable":
      return { type: s.type, vendorCountries: s.vendorCountries.join(", "), region: setDraft(s.region) };
    case "cloud-region-lost":
      return { type: s.type, cloud: s.cloud, region: s.region ?? "", country: s.country ?? "" };
    case "weights-under-licence":
      return { type: s.type, models: s.models, countries: setDraft(s.countries) };
  }
}

function newDraft(type: Shock["type"], o: ScenarioBuilderOptions): Draft {
  switch (type) {
    case "vendor-blocked":
      return { type, vendor: o.vendors[0]?.key ?? "", countries: emptySet };
    case "closed-models-unavailable":
      return { type, vendorCountries: o.vendorCountries.includes("US") ? "US" : (o.vendorCountries[0] ?? ""), region: emptySet };
    case "cloud-region-lost":
      return { type, cloud: o.clouds[0]?.key ?? "", region: "", country: "" };
    case "weights-under-licence":
      return { type, models: [], countries: emptySet };
  }
}

/** The shock as the engine's schema wants it; the server validates it again with that schema. */
function toShock(d: Draft): unknown {
  switch (d.type) {
    case "vendor-blocked":
      return { type: d.type, vendor: d.vendor, countries: toCountrySet(d.countries) };
    case "closed-models-unavailable":
      return { type: d.type, vendorCountries: parseCodes(d.vendorCountries), region: toCountrySet(d.region) };
    case "cloud-region-lost":
      return { type: d.type, cloud: d.cloud, ...(d.region ? { region: d.region } : {}), ...(d.country ? { country: d.country.toUpperCase() } : {}) };
    case "weights-under-licence":
      return { type: d.type, models: d.models, countries: toCountrySet(d.countries) };
  }
}

function ShockEditor({ draft, index, options, onChange, onRemove }: { draft: Draft; index: number; options: ScenarioBuilderOptions; onChange: (d: Draft) => void; onRemove?: () => void }) {
  const id = useId();
  const label = SHOCK_TYPES.find((t) => t.value === draft.type)!.label;
  return (
    <fieldset className="space-y-4 rounded-md p-4 ring-1 ring-slate-200" aria-label={`Shock ${index + 1}`}>
      <legend className="px-1 text-sm font-semibold text-slate-900">
        Shock {index + 1}: {label}
      </legend>
      <SelectField label="Kind of shock" name={`shock-${index}-type`} value={draft.type} onChange={(e) => onChange(newDraft(e.target.value as Shock["type"], options))} options={SHOCK_TYPES} />
      {draft.type === "vendor-blocked" && (
        <>
          <SelectField
            label="Vendor"
            name={`shock-${index}-vendor`}
            value={draft.vendor}
            onChange={(e) => onChange({ ...draft, vendor: e.target.value })}
            options={[{ value: "", label: "Choose a vendor…" }, ...options.vendors.map((v) => ({ value: v.key, label: `${v.name} (${v.country})` }))]}
          />
          <CountrySetField label="Blocked for users in" value={draft.countries} onChange={(countries) => onChange({ ...draft, countries })} officeCountries={options.officeCountries} />
        </>
      )}
      {draft.type === "closed-models-unavailable" && (
        <>
          <TextField
            label="Vendors headquartered in"
            name={`shock-${index}-vendor-countries`}
            value={draft.vendorCountries}
            onChange={(e) => onChange({ ...draft, vendorCountries: e.target.value })}
            hint={`Country codes, comma-separated. Your vendors are in: ${options.vendorCountries.join(", ") || "none yet"}.`}
          />
          <CountrySetField label="Unavailable in" value={draft.region} onChange={(region) => onChange({ ...draft, region })} officeCountries={options.officeCountries} hint="Where users or hosting lose access." />
        </>
      )}
      {draft.type === "cloud-region-lost" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Cloud"
            name={`shock-${index}-cloud`}
            value={draft.cloud}
            onChange={(e) => onChange({ ...draft, cloud: e.target.value, region: "" })}
            options={[{ value: "", label: "Choose a cloud…" }, ...options.clouds.map((c) => ({ value: c.key, label: c.name }))]}
          />
          <SelectField
            label="Region"
            name={`shock-${index}-region`}
            value={draft.region}
            onChange={(e) => onChange({ ...draft, region: e.target.value })}
            options={[{ value: "", label: "Every region (in the country)" }, ...options.regions.filter((r) => r.cloud === draft.cloud).map((r) => ({ value: r.region, label: `${r.region} (${r.country})` }))]}
          />
          <TextField label="Country" name={`shock-${index}-country`} value={draft.country} onChange={(e) => onChange({ ...draft, country: e.target.value })} placeholder="e.g. DE" hint="Needed when no region is chosen." maxLength={2} />
        </div>
      )}
      {draft.type === "weights-under-licence" && (
        <>
          <div>
            <label htmlFor={`${id}-models`} className="block text-sm font-medium text-slate-800">
              Models
            </label>
            <select
              id={`${id}-models`}
              multiple
              value={draft.models}
              onChange={(e) => onChange({ ...draft, models: [...e.target.selectedOptions].map((o) => o.value) })}
              className="mt-1 block h-32 w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
              aria-describedby={`${id}-models-hint`}
            >
              {options.models.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.name} ({m.vendor}, {m.weights} weights)
                </option>
              ))}
            </select>
            <p id={`${id}-models-hint`} className="mt-1 text-xs text-slate-600">
              Hold Ctrl or Cmd to choose several.
            </p>
          </div>
          <CountrySetField label="Licence required in" value={draft.countries} onChange={(countries) => onChange({ ...draft, countries })} officeCountries={options.officeCountries} />
        </>
      )}
      {onRemove && (
        <Button variant="ghost" onClick={onRemove}>
          Remove shock {index + 1}
        </Button>
      )}
    </fieldset>
  );
}

export type ScenarioFormValues = { id: string; version: number; name: string; description: string; asOf: string | null; shocks: Shock[] };

/**
 * Build a scenario from one or more simultaneous shocks, with choices taken from the
 * organisation's own vendors, clouds, models and office countries; saving runs it.
 */
export function ScenarioBuilder({ orgSlug, options, scenario }: { orgSlug: string; options: ScenarioBuilderOptions; scenario?: ScenarioFormValues }) {
  const [state, action] = useActionState(scenario ? updateScenarioAction : createScenarioAction, idle);
  const [drafts, setDrafts] = useState<Draft[]>(() => {
    const sent = submitted(state, "shocks");
    if (sent) {
      try {
        return (JSON.parse(sent) as Shock[]).map(fromShock);
      } catch {
        /* fall through */
      }
    }
    return scenario ? scenario.shocks.map(fromShock) : [newDraft("vendor-blocked", options)];
  });
  const value = (name: "name" | "description" | "asOf") => submitted(state, name) ?? scenario?.[name] ?? undefined;
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as { name?: string; version?: number } | undefined) : undefined;
  return (
    <form action={action} noValidate className="max-w-3xl space-y-5">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this scenario changed meanwhile" : undefined}>
          {state.message}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <input type="hidden" name="org" value={orgSlug} />
      {scenario && <input type="hidden" name="id" value={scenario.id} />}
      {scenario && <input type="hidden" name="version" value={scenario.version} />}
      <input type="hidden" name="shocks" value={JSON.stringify(drafts.map(toShock))} />
      <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} placeholder="e.g. OpenAI blocked for EU countries" />
      <TextField label="Description" name="description" defaultValue={value("description")} errors={fieldErrors?.description} hint="Optional: why this shock is plausible." />
      <TextField label="Landscape date" name="asOf" type="date" defaultValue={value("asOf")} errors={fieldErrors?.asOf} hint="Policy events in force on this day apply too; blank: the day it runs." />
      <div className="space-y-4">
        <h2 className="text-base font-semibold text-slate-900">Shocks (all happen at once)</h2>
        {drafts.map((d, i) => (
          <ShockEditor
            key={i}
            draft={d}
            index={i}
            options={options}
            onChange={(next) => setDrafts(drafts.map((x, j) => (j === i ? next : x)))}
            onRemove={drafts.length > 1 ? () => setDrafts(drafts.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        {fieldErrors?.shocks && (
          <p className="text-sm text-red-700" role="alert">
            {fieldErrors.shocks.join(" ")}
          </p>
        )}
        <Button variant="secondary" onClick={() => setDrafts([...drafts, newDraft("vendor-blocked", options)])}>
          Add another shock
        </Button>
      </div>
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving and running…">{scenario ? "Save and run again" : "Save and run"}</SubmitButton>
        <Link href={`/${orgSlug}/scenarios`} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
