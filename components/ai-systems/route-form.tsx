"use client";
import { useActionState, useState } from "react";
import { createDependencyAction } from "@/lib/dependencies/actions";
import { createFallbackAction } from "@/lib/fallbacks/actions";
import { dependencySchema, CLOUD_PATHS } from "@/lib/dependencies/schemas";
import { fallbackSchema } from "@/lib/fallbacks/schemas";
import { idle, submitted } from "@/lib/action-state";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, optionsFrom } from "@/lib/labels";
import type { AccessPath } from "@/lib/generated/prisma/enums";
import { SelectField, TextField } from "@/components/ui/field";
import { OptionalCountrySelect } from "@/components/ui/optional-country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";

export type Choice = { value: string; label: string };

/**
 * Adds a dependency to an AI system (`kind: "dependency"`) or a fallback to a dependency
 * (`kind: "fallback"`): the model, how it is reached and where it runs, plus what each needs.
 */
export function RouteForm({ kind, orgSlug, parentId, models, clouds }: { kind: "dependency" | "fallback"; orgSlug: string; parentId: string; models: Choice[]; clouds: Choice[] }) {
  const isDependency = kind === "dependency";
  const [state, action] = useActionState(isDependency ? createDependencyAction : createFallbackAction, idle);
  const { fieldErrors, onSubmit } = useClientValidation(isDependency ? dependencySchema : fallbackSchema, state);
  const failed = state.status === "error" && state.values ? state.values : undefined;
  const [accessPath, setAccessPath] = useState<string>(submitted(state, "accessPath") ?? "direct_api");
  const needsCloud = CLOUD_PATHS.includes(accessPath as AccessPath);
  const checked = (name: string) => failed?.[name] === "on";
  const sent = new Set([failed?.dataSent ?? []].flat());
  return (
    <form action={action} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={isDependency ? "Add a dependency" : "Add a fallback"}>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name={isDependency ? "aiSystemId" : "dependencyId"} value={parentId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label={isDependency ? "Model" : "Fallback model"} name="modelId" defaultValue={submitted(state, "modelId") ?? ""} errors={fieldErrors?.modelId} options={[{ value: "", label: "Choose a model…" }, ...models]} />
        <SelectField label="Access path" name="accessPath" value={accessPath} onChange={(e) => setAccessPath(e.target.value)} errors={fieldErrors?.accessPath} options={optionsFrom(ACCESS_PATH_LABELS)} />
        <SelectField
          label="Cloud"
          name="cloudVendorId"
          defaultValue={submitted(state, "cloudVendorId") ?? ""}
          errors={fieldErrors?.cloudVendorId}
          hint={needsCloud ? "Required for this access path" : "Only for marketplace or third-party hosting"}
          options={[{ value: "", label: "None" }, ...clouds]}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <OptionalCountrySelect label="Hosting country" name="hostingCountry" emptyLabel="Default (vendor's or own HQ)" defaultValue={submitted(state, "hostingCountry") ?? ""} errors={fieldErrors?.hostingCountry} />
        <TextField label="Hosting region" name="hostingRegion" defaultValue={submitted(state, "hostingRegion")} errors={fieldErrors?.hostingRegion} placeholder="e.g. eu-central-1" />
        {isDependency ? (
          <TextField label="Exit plan last reviewed" name="exitPlanLastReviewed" type="date" defaultValue={submitted(state, "exitPlanLastReviewed")} errors={fieldErrors?.exitPlanLastReviewed} />
        ) : (
          <TextField label="Last drill" name="lastTestedAt" type="date" defaultValue={submitted(state, "lastTestedAt")} errors={fieldErrors?.lastTestedAt} hint="When a switch to it was last tested" />
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
        </>
      ) : (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label="Switch time (minutes)" name="switchTimeMinutes" type="number" min={0} inputMode="numeric" defaultValue={submitted(state, "switchTimeMinutes")} errors={fieldErrors?.switchTimeMinutes} />
            <TextField label="Exit plan" name="exitPlan" className="sm:col-span-2" defaultValue={submitted(state, "exitPlan")} errors={fieldErrors?.exitPlan} placeholder="How and by whom the switch is made" />
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="qualityParityChecked" defaultChecked={checked("qualityParityChecked")} className="size-4 rounded border-slate-300" />
            Quality parity checked
          </label>
        </>
      )}
      <SubmitButton pendingText="Adding…">{isDependency ? "Add dependency" : "Add fallback"}</SubmitButton>
    </form>
  );
}
