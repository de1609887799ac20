"use client";
import { useActionState } from "react";
import { createOrganisationAction, updateOrganisationAction } from "@/lib/organisations/actions";
import { idle, submitted } from "@/lib/action-state";
import { REGIMES } from "@/lib/organisations/regimes";
import { TextField } from "@/components/ui/field";
import { CountrySelect } from "@/components/ui/country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadOrganisationSchema = () => import("@/lib/organisations/schemas").then((m) => m.organisationSchema);
const loadUpdateOrganisationSchema = () => import("@/lib/organisations/schemas").then((m) => m.updateOrganisationSchema);

type Existing = { slug: string; name: string; hqCountry: string; sector: string; regimes: string[]; lei: string | null; version: number };

/** Creates an organisation, or (with `organisation`) edits its profile. */
export function OrganisationForm({ organisation, readOnly = false }: { organisation?: Existing; readOnly?: boolean }) {
  const [state, action] = useActionState(organisation ? updateOrganisationAction : createOrganisationAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(organisation ? loadUpdateOrganisationSchema : loadOrganisationSchema, state);
  const value = (k: "name" | "hqCountry" | "sector" | "lei") => submitted(state, k) ?? organisation?.[k] ?? undefined;
  const chosenRegimes = state.status === "error" && state.values ? [state.values.regimes ?? []].flat() : (organisation?.regimes ?? []);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && state.message && <Alert tone="success">{state.message}</Alert>}
      <fieldset disabled={readOnly} className="space-y-4">
        {organisation && <input type="hidden" name="org" value={organisation.slug} />}
        {organisation && <input type="hidden" name="version" value={organisation.version} />}
        <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} />
        <CountrySelect label="Headquarters country" name="hqCountry" defaultValue={value("hqCountry")} errors={fieldErrors?.hqCountry} />
        <TextField label="Sector" name="sector" required defaultValue={value("sector")} errors={fieldErrors?.sector} placeholder="e.g. Banking" />
        {organisation && (
          <TextField
            label="Legal Entity Identifier (LEI)"
            name="lei"
            defaultValue={value("lei")}
            errors={fieldErrors?.lei}
            hint="Optional. The 20-character code from the GLEIF register (ISO 17442); the DORA Register of Information package identifies your entity by it."
            placeholder="e.g. 529900T8BM49AURSDO55"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
          />
        )}
        {organisation && (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Regimes that apply</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {Object.entries(REGIMES).map(([key, label]) => (
                <label key={key} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="regimes" value={key} defaultChecked={chosenRegimes.includes(key)} className="size-4 rounded border-slate-300 text-brand-600" />
                  {label}
                </label>
              ))}
            </div>
            {fieldErrors?.regimes && <p className="mt-1 text-xs text-red-700">{fieldErrors.regimes.join(" ")}</p>}
          </fieldset>
        )}
        {!readOnly && <SubmitButton pendingText="Saving…">{organisation ? "Save organisation" : "Create organisation"}</SubmitButton>}
      </fieldset>
    </form>
  );
}
