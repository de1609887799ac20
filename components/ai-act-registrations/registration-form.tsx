"use client";
import { useActionState } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import { saveAiActRegistrationAction } from "@/lib/ai-act-registrations/actions";
import { ANNEX_III_AREAS, REGISTRATION_FIELD_LABELS, type RegistrationFields } from "@/lib/ai-act-registrations/annex-viii";
import { idle, submitted } from "@/lib/action-state";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadAiActRegistrationSchema = () => import("@/lib/ai-act-registrations/schemas").then((m) => m.aiActRegistrationSchema);

const AREA_OPTIONS = [{ value: "", label: "Not recorded yet" }, ...Object.entries(ANNEX_III_AREAS).map(([point, label]) => ({ value: point, label: `${point}. ${label}` }))];

type TextName = Exclude<keyof RegistrationFields, "dpiaNotApplicable">;

/**
 * Fills in or changes an AI system's EU AI Act registration (Annex VIII C). Any answer may stay
 * empty: what is missing is flagged, not refused. With no registration yet, the deployer's name
 * starts as the organisation's. The version read goes with the form, so a save never overwrites
 * someone else's meanwhile.
 */
export function RegistrationForm({
  orgSlug,
  aiSystemId,
  registration,
  organisationName,
}: {
  orgSlug: string;
  aiSystemId: string;
  registration: (RegistrationFields & { version: number }) | null;
  organisationName: string;
}) {
  const [state, action] = useActionState(saveAiActRegistrationAction, idle);
  const formKey = useAnswerKey(state);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadAiActRegistrationSchema, state);
  const failed = state.status === "error" && state.values ? state.values : undefined;
  const stored = (name: TextName) => (name === "deployerName" && !registration?.deployerName ? organisationName : (registration?.[name] ?? ""));
  const value = (name: TextName) => (failed ? (submitted(state, name) ?? "") : stored(name));
  const dpiaNotApplicable = failed ? failed.dpiaNotApplicable === "on" : Boolean(registration?.dpiaNotApplicable);
  const conflict = state.status === "error" && state.code === "CONFLICT";
  const text = (name: TextName, extra: { hint?: string; rows?: number; placeholder?: string } = {}) =>
    extra.rows ? (
      <TextAreaField label={REGISTRATION_FIELD_LABELS[name]} name={name} rows={extra.rows} hint={extra.hint} placeholder={extra.placeholder} defaultValue={value(name)} errors={fieldErrors?.[name]} />
    ) : (
      <TextField label={REGISTRATION_FIELD_LABELS[name]} name={name} hint={extra.hint} placeholder={extra.placeholder} defaultValue={value(name)} errors={fieldErrors?.[name]} />
    );
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-label="EU AI Act registration">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this registration changed meanwhile" : undefined}>
          {state.message}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      {state.status === "success" && state.message && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="aiSystemId" value={aiSystemId} />
      <input type="hidden" name="version" value={registration?.version ?? ""} />

      <SelectField
        label={REGISTRATION_FIELD_LABELS.annexIIIArea}
        name="annexIIIArea"
        options={AREA_OPTIONS}
        defaultValue={failed ? (submitted(state, "annexIIIArea") ?? "") : (registration?.annexIIIArea ?? "")}
        errors={fieldErrors?.annexIIIArea}
        hint="The high-risk area your own assessment found. Sovra does not decide whether a use is high-risk."
        className="max-w-xl"
      />

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">1. The deployer</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {text("deployerName", { hint: registration?.deployerName ? undefined : "Filled in with the organisation's name: change it if the deployer is another body." })}
          {text("deployerAddress", { rows: 3 })}
          {text("deployerContact", { rows: 3, placeholder: "e.g. ai-register@example.org, +49 …" })}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">2. The person submitting on the deployer&apos;s behalf</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {text("submitterName")}
          {text("submitterAddress", { rows: 3 })}
          {text("submitterContact", { rows: 3 })}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">3. The provider&apos;s entry in the EU database</legend>
        {text("providerEuDatabaseUrl", { placeholder: "https://…", hint: "The address of the AI system's entry that its provider registered. Ask the provider if you do not have it." })}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">4. Fundamental rights impact assessment (Art. 27)</legend>
        {text("friaSummary", { rows: 5, hint: "A summary of its findings." })}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">5. Data protection impact assessment, where applicable</legend>
        {text("dpiaSummary", { rows: 5, hint: "A summary of the DPIA (GDPR Art. 35, or Art. 27 of Directive (EU) 2016/680)." })}
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="dpiaNotApplicable" defaultChecked={dpiaNotApplicable} className="mt-0.5 size-4 rounded border-slate-300" />
          <span>{REGISTRATION_FIELD_LABELS.dpiaNotApplicable} to this use</span>
        </label>
      </fieldset>

      <SubmitButton pendingText="Saving…">Save registration</SubmitButton>
    </form>
  );
}
