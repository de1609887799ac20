"use client";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { captureSystemAction } from "@/lib/workshops/actions";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS } from "@/lib/labels";
import type { CaptureOption } from "@/lib/workshops/queries";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { OptionalCountrySelect } from "@/components/ui/optional-country-select";
import { cn } from "@/components/ui/cn";
import { OfficeCheckboxes } from "@/components/offices/office-checkboxes";

const accessOptions = Object.entries(ACCESS_PATH_LABELS).map(([value, label]) => ({ value, label }));
const criticalityOptions = Object.entries(CRITICALITY_LABELS).map(([value, label]) => ({ value, label }));
const CLOUD_PATHS = new Set(["cloud_marketplace", "third_party_hosted"]);

/**
 * A text box with the list's names as suggestions (the browser's own autocomplete, keyboard
 * first); what it sends is the chosen entry's reference, in a hidden field. Text that matches no
 * entry sends nothing, and the server says to choose from the list.
 */
export function ReferenceInput({ name, label, options, errors, state, hint, initialRef }: { name: string; label: string; options: CaptureOption[]; errors?: string[]; state: ActionState; hint?: string; initialRef?: string | null }) {
  const id = useId();
  const sentRef = submitted(state, name) ?? initialRef ?? undefined;
  const [text, setText] = useState(() => options.find((o) => o.ref === sentRef)?.label ?? "");
  const match = options.find((o) => o.label.toLowerCase() === text.trim().toLowerCase());
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-base ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
      />
      <datalist id={`${id}-list`}>
        {options.map((o) => (
          <option key={o.ref} value={o.label} />
        ))}
      </datalist>
      <input type="hidden" name={name} value={match?.ref ?? ""} />
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** One AI system with its model, access path and fallback, captured in one step. */
export function CaptureForm({ org, workshopId, models, clouds, offices }: { org: string; workshopId: string; models: CaptureOption[]; clouds: CaptureOption[]; offices: { id: string; name: string }[] }) {
  const [state, action] = useActionState(captureSystemAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const [round, setRound] = useState(0);
  const [path, setPath] = useState("direct_api");
  const [fallbackPath, setFallbackPath] = useState("");
  const [unsure, setUnsure] = useState(false);
  const [resync, setResync] = useState(0);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  // After a capture: a fresh, empty form for the next system, the cursor back in its first field.
  // After a refusal: the fields shown are those of what was sent (React resets a form after its action).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "success") {
      setRound((r) => r + 1);
      setPath("direct_api");
      setFallbackPath("");
      setUnsure(false);
    } else if (state.status === "error") {
      setResync((n) => n + 1);
      setPath(String(submitted(state, "accessPath") ?? "direct_api"));
      setFallbackPath(String(submitted(state, "fallbackAccessPath") ?? ""));
      setUnsure(submitted(state, "unsure") === "on");
    }
  }
  useEffect(() => {
    if (round > 0) formRef.current?.querySelector<HTMLInputElement>("input[name=name]")?.focus();
  }, [round]);
  const value = (name: string) => (state.status === "error" ? submitted(state, name) : undefined);
  return (
    <form key={round} ref={formRef} action={action} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" aria-label="Capture an AI system">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="workshopId" value={workshopId} />
      <div className="grid gap-4 md:grid-cols-3">
        <TextField label="AI system" name="name" required maxLength={120} defaultValue={value("name")} errors={errors?.name} autoFocus placeholder="e.g. Customer service assistant" />
        <TextField label="Owner" name="owner" required maxLength={120} defaultValue={value("owner")} errors={errors?.owner} placeholder="Team or person" />
        <div className="grid grid-cols-2 gap-3">
          <SelectField key={`criticality-${resync}`} label="Criticality" name="criticality" options={criticalityOptions} defaultValue={value("criticality") ?? "high"} errors={errors?.criticality} />
          <TextField label="Tolerated downtime (h)" name="downtimeHours" type="number" min={0} inputMode="numeric" defaultValue={value("downtimeHours") ?? "4"} errors={errors?.downtimeHours} />
        </div>
      </div>
      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Model and access path</legend>
        <ReferenceInput name="model" label="Model" options={models} errors={errors?.model} state={state} hint="Type to search your models and the catalogue" />
        <SelectField key={`path-${resync}`} label="Access path" name="accessPath" options={accessOptions} defaultValue={path} onChange={(e) => setPath(e.target.value)} errors={errors?.accessPath} />
        {CLOUD_PATHS.has(path) ? (
          <div className="grid grid-cols-2 gap-3">
            <ReferenceInput name="cloud" label="Cloud" options={clouds} errors={errors?.cloud} state={state} />
            <OptionalCountrySelect key={`country-${resync}`} label="Runs in" name="hostingCountry" defaultValue={value("hostingCountry") ?? ""} errors={errors?.hostingCountry} />
          </div>
        ) : (
          <div />
        )}
      </fieldset>
      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Fallback (if there is one)</legend>
        <ReferenceInput name="fallbackModel" label="Fallback model" options={models} errors={errors?.fallbackModel} state={state} />
        <SelectField label="Fallback access path" name="fallbackAccessPath" options={[{ value: "", label: "No fallback" }, ...accessOptions]} key={`fallback-path-${resync}`} defaultValue={fallbackPath} onChange={(e) => setFallbackPath(e.target.value)} errors={errors?.fallbackAccessPath} />
        {CLOUD_PATHS.has(fallbackPath) ? (
          <div className="grid grid-cols-2 gap-3">
            <ReferenceInput name="fallbackCloud" label="Cloud" options={clouds} errors={errors?.fallbackCloud} state={state} />
            <OptionalCountrySelect key={`fallback-country-${resync}`} label="Runs in" name="fallbackHostingCountry" defaultValue={value("fallbackHostingCountry") ?? ""} errors={errors?.fallbackHostingCountry} />
          </div>
        ) : (
          <div />
        )}
      </fieldset>
      <OfficeCheckboxes offices={offices} checked={state.status === "error" ? [state.values?.officeIds ?? []].flat() : []} />
      <div className={cn("rounded-md p-3", unsure ? "bg-amber-50 ring-1 ring-amber-200" : "bg-slate-50")}>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input key={`unsure-${resync}`} type="checkbox" name="unsure" defaultChecked={unsure} onChange={(e) => setUnsure(e.target.checked)} className="size-4" />
          The room is not sure of this: flag it to verify
        </label>
        {unsure && (
          <div className="mt-3 grid gap-3 md:grid-cols-2">
            <TextField label="What to verify" name="verifyQuestion" maxLength={500} defaultValue={value("verifyQuestion")} errors={errors?.verifyQuestion} placeholder="e.g. Is it really the EU region?" />
            <TextField label="Who verifies it" name="verifyOwner" maxLength={120} defaultValue={value("verifyOwner")} errors={errors?.verifyOwner} />
          </div>
        )}
      </div>
      <SubmitButton pendingText="Capturing…" className="text-base">
        Capture system
      </SubmitButton>
    </form>
  );
}
