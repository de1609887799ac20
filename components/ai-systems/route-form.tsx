"use client";
import { useActionState, useState } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import { createDependencyAction, updateDependencyAction } from "@/lib/dependencies/actions";
import { createFallbackAction, updateFallbackAction } from "@/lib/fallbacks/actions";
import { CLOUD_PATHS } from "@/lib/dependencies/cloud-paths";
import { idle, submitted } from "@/lib/action-state";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, optionsFrom } from "@/lib/labels";
import type { AccessPath } from "@/lib/generated/prisma/enums";
import { SelectField, TextField } from "@/components/ui/field";
import { OptionalCountrySelect } from "@/components/ui/optional-country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadDependencySchema = () => import("@/lib/dependencies/schemas").then((m) => m.dependencySchema);
const loadUpdateDependencySchema = () => import("@/lib/dependencies/schemas").then((m) => m.updateDependencySchema);
const loadFallbackSchema = () => import("@/lib/fallbacks/schemas").then((m) => m.fallbackSchema);
const loadUpdateFallbackSchema = () => import("@/lib/fallbacks/schemas").then((m) => m.updateFallbackSchema);
export type Choice = { value: string; label: string };

/** A stored dependency or fallback, as its edit form starts from. */
export type RouteValues = {
  id: string;
  version: number;
  modelId: string;
  accessPath: string;
  cloudVendorId: string | null;
  hostingCountry: string | null;
  hostingRegion: string | null;
  dataSent?: string[];
  exitPlanDocumented?: boolean;
  exitPlanLastReviewed?: Date | null;
  contractDataResidency?: boolean | null;
  contractExitTerms?: boolean | null;
  notes?: string | null;
  lastTestedAt?: Date | null;
  switchTimeMinutes?: number | null;
  qualityParityChecked?: boolean;
  exitPlan?: string | null;
  exitPlanUrl?: string | null;
};

const YES_NO_UNKNOWN = [
  { value: "", label: "Not known" },
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** A stored value as a form field shows it (dates as YYYY-MM-DD, yes/no choices as "yes"/"no"). */
function shown(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/**
 * Adds a dependency to an AI system (`kind: "dependency"`) or a fallback to a dependency
 * (`kind: "fallback"`), or with `existing` edits one in place: the model, how it is reached and
 * where it runs, plus what each needs. The answer shows how the organisation's score moved.
 */
export function RouteForm({
  kind,
  orgSlug,
  parentId,
  models,
  clouds,
  existing,
  label,
}: {
  kind: "dependency" | "fallback";
  orgSlug: string;
  /** The AI system (dependency) or dependency (fallback) a new row belongs to; unused when editing. */
  parentId?: string;
  models: Choice[];
  clouds: Choice[];
  existing?: RouteValues;
  /** The form's accessible name. */
  label?: string;
}) {
  const isDependency = kind === "dependency";
  const editing = Boolean(existing);
  const [state, action] = useActionState(
    isDependency ? (editing ? updateDependencyAction : createDependencyAction) : editing ? updateFallbackAction : createFallbackAction,
    idle,
  );
  const formKey = useAnswerKey(state);
  const loadSchema = isDependency ? (editing ? loadUpdateDependencySchema : loadDependencySchema) : editing ? loadUpdateFallbackSchema : loadFallbackSchema;
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadSchema, state);
  const failed = state.status === "error" && state.values ? state.values : undefined;
  const value = (name: keyof RouteValues) => (failed ? submitted(state, name) : shown(existing?.[name]));
  const [accessPath, setAccessPath] = useState<string>(submitted(state, "accessPath") ?? existing?.accessPath ?? "direct_api");
  const needsCloud = CLOUD_PATHS.includes(accessPath as AccessPath);
  const checked = (name: "exitPlanDocumented" | "qualityParityChecked") => (failed ? failed[name] === "on" : Boolean(existing?.[name]));
  const sent = new Set(failed ? [failed.dataSent ?? []].flat() : (existing?.dataSent ?? []));
  const conflict = state.status === "error" && state.code === "CONFLICT";
  const what = isDependency ? "dependency" : "fallback";
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={label ?? (isDependency ? "Add a dependency" : "Add a fallback")}>
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? `Not saved: this ${what} changed meanwhile` : undefined}>
          {state.message}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {existing ? (
        <>
          <input type="hidden" name="id" value={existing.id} />
          <input type="hidden" name="version" value={existing.version} />
        </>
      ) : (
        <input type="hidden" name={isDependency ? "aiSystemId" : "dependencyId"} value={parentId} />
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label={isDependency ? "Model" : "Fallback model"} name="modelId" defaultValue={value("modelId") ?? ""} errors={fieldErrors?.modelId} options={[{ value: "", label: "Choose a model…" }, ...models]} />
        <SelectField label="Access path" name="accessPath" value={accessPath} onChange={(e) => setAccessPath(e.target.value)} errors={fieldErrors?.accessPath} options={optionsFrom(ACCESS_PATH_LABELS)} />
        <SelectField
          label="Cloud"
          name="cloudVendorId"
          defaultValue={value("cloudVendorId") ?? ""}
          errors={fieldErrors?.cloudVendorId}
          hint={needsCloud ? "Required for this access path" : "Only for marketplace or third-party hosting"}
          options={[{ value: "", label: "None" }, ...clouds]}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <OptionalCountrySelect label="Hosting country" name="hostingCountry" emptyLabel="Default (vendor's or own HQ)" defaultValue={value("hostingCountry") ?? ""} errors={fieldErrors?.hostingCountry} />
        <TextField label="Hosting region" name="hostingRegion" defaultValue={value("hostingRegion")} errors={fieldErrors?.hostingRegion} placeholder="e.g. eu-central-1" />
        {isDependency ? (
          <TextField label="Exit plan last reviewed" name="exitPlanLastReviewed" type="date" defaultValue={value("exitPlanLastReviewed")} errors={fieldErrors?.exitPlanLastReviewed} />
        ) : (
          <TextField label="Last drill" name="lastTestedAt" type="date" defaultValue={value("lastTestedAt")} errors={fieldErrors?.lastTestedAt} hint="When a switch to it was last tested" />
        )}
      </div>
      {isDependency ? (
        <>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Data sent</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {optionsFrom(DATA_CATEGORY_LABELS).map((c) => (
                <label key={c.value} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="dataSent" value={c.value} defaultChecked={sent.has(c.value)} className="size-4 rounded border-slate-300" />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="exitPlanDocumented" defaultChecked={checked("exitPlanDocumented")} className="size-4 rounded border-slate-300" />
            Exit plan documented
          </label>
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              label="Contract fixes data residency"
              name="contractDataResidency"
              defaultValue={value("contractDataResidency") ?? ""}
              errors={fieldErrors?.contractDataResidency}
              options={YES_NO_UNKNOWN}
            />
            <SelectField label="Contract has exit terms" name="contractExitTerms" defaultValue={value("contractExitTerms") ?? ""} errors={fieldErrors?.contractExitTerms} options={YES_NO_UNKNOWN} />
            <TextField label="Notes" name="notes" defaultValue={value("notes")} errors={fieldErrors?.notes} />
          </div>
        </>
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label="Switch time (minutes)" name="switchTimeMinutes" type="number" min={0} inputMode="numeric" defaultValue={value("switchTimeMinutes")} errors={fieldErrors?.switchTimeMinutes} />
            <TextField label="Exit plan" name="exitPlan" className="sm:col-span-2" defaultValue={value("exitPlan")} errors={fieldErrors?.exitPlan} placeholder="How and by whom the switch is made" />
          </div>
          <TextField label="Exit plan link" name="exitPlanUrl" type="url" defaultValue={value("exitPlanUrl")} errors={fieldErrors?.exitPlanUrl} placeholder="https://wiki.example.com/exit-plan" />
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="qualityParityChecked" defaultChecked={checked("qualityParityChecked")} className="size-4 rounded border-slate-300" />
            Quality parity checked
          </label>
        </>
      )}
      <SubmitButton pendingText={editing ? "Saving…" : "Adding…"}>{editing ? `Save ${what}` : isDependency ? "Add dependency" : "Add fallback"}</SubmitButton>
    </form>
  );
}
