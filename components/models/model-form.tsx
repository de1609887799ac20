"use client";
import { useActionState, useCallback } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import Link from "next/link";
import { createModelAction, updateModelAction } from "@/lib/models/actions";
import { idle, submitted } from "@/lib/action-state";
import type { CatalogueModelFacts, OfferedAccessPath } from "@/lib/catalogue/facts";
import { ACCESS_PATH_LABELS, TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS, labelFor, optionsFrom } from "@/lib/labels";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";
import { formatDay } from "@/lib/dates";

export type ModelFormValues = {
  id: string;
  version: number;
  name: string;
  family: string;
  weights: string;
  licence: string;
  licenceRestrictions: string | null;
  trainingCompute: string;
  offeredAccessPaths: OfferedAccessPath[];
  source: string | null;
  sourceAsOf: string | null;
};

const FIELDS: [keyof ModelFormValues, string][] = [
  ["name", "Name"],
  ["family", "Family"],
  ["weights", "Weights"],
  ["licence", "Licence"],
  ["licenceRestrictions", "Licence restrictions"],
  ["trainingCompute", "Training compute"],
  ["offeredAccessPaths", "Offered access paths"],
  ["source", "Source"],
  ["sourceAsOf", "Source checked on"],
];

const paths = (v: unknown) =>
  Array.isArray(v)
    ? v
        .map((o: OfferedAccessPath) => o.path)
        .sort()
        .join(",")
    : "";
const comparable = (field: keyof ModelFormValues, v: unknown) =>
  field === "offeredAccessPaths" ? paths(v) : typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : (v ?? null);
const shown = (field: keyof ModelFormValues, v: unknown) => {
  const c = comparable(field, v);
  if (c === null || c === "") return "(empty)";
  if (field === "offeredAccessPaths") return String(c).split(",").map((p) => labelFor(ACCESS_PATH_LABELS, p)).join(", ");
  if (field === "weights") return labelFor(WEIGHTS_LABELS, String(c));
  if (field === "trainingCompute") return labelFor(TRAINING_COMPUTE_LABELS, String(c));
  if (field === "sourceAsOf") return formatDay(String(c));
  return String(c);
};

/** What another person saved, so a conflict says what changed. */
function ConflictDetails({ current, mine }: { current: Partial<Record<keyof ModelFormValues, unknown>>; mine: ModelFormValues }) {
  const changed = FIELDS.filter(([f]) => JSON.stringify(comparable(f, current[f])) !== JSON.stringify(comparable(f, mine[f])));
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map(([f, label]) => (
        <li key={f}>
          {label}: now <strong>{shown(f, current[f])}</strong>
        </li>
      ))}
    </ul>
  );
}

/**
 * Creates a model under a vendor (`vendors` to choose from, `vendorId` preselected) or edits one
 * (`model`). `catalogue`: the catalogue's entry of a model added from it; changing its facts then
 * needs the organisation's own source.
 */
export function ModelForm({
  orgSlug,
  model,
  catalogue,
  vendors,
  vendorId,
}: {
  orgSlug: string;
  model?: ModelFormValues;
  catalogue?: CatalogueModelFacts | null;
  vendors?: { id: string; name: string }[];
  vendorId?: string;
}) {
  const [state, action] = useActionState(model ? updateModelAction : createModelAction, idle);
  const formKey = useAnswerKey(state);
  // The schema loads after the page is up, not in its first load (use-client-validation.ts).
  const loadSchema = useCallback(
    () => import("@/lib/models/schemas").then((m) => (model ? m.updateModelSchemaFor(catalogue ? { catalogue, stored: m.storedModelValues(model) } : null) : m.createModelSchema)),
    [model, catalogue],
  );
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadSchema, state);
  const value = (name: keyof ModelFormValues | "vendorId") => {
    const fromState = submitted(state, name);
    if (fromState !== undefined) return fromState;
    const v = name === "vendorId" ? vendorId : model?.[name];
    return v === undefined || v === null ? undefined : String(v);
  };
  const sentPaths = state.status === "error" && state.values ? [state.values.offeredAccessPaths ?? []].flat() : undefined;
  const offered = sentPaths ?? model?.offeredAccessPaths.map((o) => o.path) ?? [];
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Partial<Record<keyof ModelFormValues, unknown>> | undefined) : undefined;
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this model changed meanwhile" : undefined}>
          {state.message}
          {conflict && model && <ConflictDetails current={conflict} mine={model} />}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {model && <input type="hidden" name="id" value={model.id} />}
      {model && <input type="hidden" name="version" value={model.version} />}
      {!model && (
        <SelectField
          label="Vendor"
          name="vendorId"
          defaultValue={value("vendorId") ?? ""}
          errors={fieldErrors?.vendorId}
          options={[{ value: "", label: "Choose a vendor" }, ...(vendors ?? []).map((v) => ({ value: v.id, label: v.name }))]}
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} placeholder="e.g. Mistral Large" />
        <TextField label="Family" name="family" required defaultValue={value("family")} errors={fieldErrors?.family} placeholder="e.g. mistral-large" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Weights" name="weights" defaultValue={value("weights") ?? "closed"} errors={fieldErrors?.weights} options={optionsFrom(WEIGHTS_LABELS)} />
        <SelectField label="Training compute" name="trainingCompute" defaultValue={value("trainingCompute") ?? "unknown"} errors={fieldErrors?.trainingCompute} options={optionsFrom(TRAINING_COMPUTE_LABELS)} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Licence" name="licence" required defaultValue={value("licence")} errors={fieldErrors?.licence} placeholder="e.g. proprietary, Apache-2.0" />
        <TextField label="Licence restrictions" name="licenceRestrictions" defaultValue={value("licenceRestrictions")} errors={fieldErrors?.licenceRestrictions} hint="Use or scale limits, if any" />
      </div>
      <fieldset aria-describedby={fieldErrors?.offeredAccessPaths?.length ? "offered-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Offered access paths</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {optionsFrom(ACCESS_PATH_LABELS).map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="offeredAccessPaths" value={o.value} defaultChecked={offered.includes(o.value)} className="size-4 rounded border-slate-300" />
              {o.label}
            </label>
          ))}
        </div>
        {fieldErrors?.offeredAccessPaths?.length ? (
          <p id="offered-error" className="mt-1 text-xs text-red-700">
            {fieldErrors.offeredAccessPaths.join(" ")}
          </p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">How the vendor offers the model; the clouds and regions recorded for a path are kept.</p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Source" name="source" defaultValue={value("source")} errors={fieldErrors?.source} hint={catalogue ? "Where these facts come from; your own source when you change a catalogue fact" : "Where these facts come from"} />
        <TextField label="Source checked on" name="sourceAsOf" type="date" defaultValue={value("sourceAsOf")} errors={fieldErrors?.sourceAsOf} />
      </div>
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{model ? "Save model" : "Add model"}</SubmitButton>
        <Link href={`/${orgSlug}/inventory/models`} className={buttonClass("secondary")}>
          {model ? "Back to models" : "Cancel"}
        </Link>
      </div>
    </form>
  );
}
