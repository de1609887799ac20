"use client";
import { useActionState } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import Link from "next/link";
import { createAiSystemAction, updateAiSystemAction } from "@/lib/ai-systems/actions";
import { idle, submitted } from "@/lib/action-state";
import { CRITICALITY_LABELS, formatMinutes, optionsFrom } from "@/lib/labels";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";
import { OfficeCheckboxes } from "@/components/offices/office-checkboxes";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadAiSystemSchema = () => import("@/lib/ai-systems/schemas").then((m) => m.aiSystemSchema);

export type AiSystemFormValues = {
  id: string;
  version: number;
  name: string;
  description: string;
  owner: string;
  criticality: string;
  toleratedDowntimeMinutes: number;
  usersServed: number;
  teams: string[];
  officeIds: string[];
};

const FIELDS: [keyof AiSystemFormValues, string][] = [
  ["name", "Name"],
  ["description", "Description"],
  ["owner", "Owner"],
  ["criticality", "Criticality"],
  ["toleratedDowntimeMinutes", "Tolerated downtime"],
  ["usersServed", "Users served"],
  ["teams", "Teams"],
  ["officeIds", "Offices served"],
];

function ConflictDetails({ current, mine, officeName }: { current: Partial<AiSystemFormValues>; mine?: AiSystemFormValues; officeName: (id: string) => string }) {
  const changed = FIELDS.filter(([f]) => mine && JSON.stringify(current[f]) !== JSON.stringify(f === "officeIds" ? [...mine.officeIds].sort() : mine[f]));
  const shown = (f: keyof AiSystemFormValues) => {
    const v = current[f];
    if (f === "officeIds") return (v as string[]).map(officeName).join(", ") || "(none)";
    if (f === "toleratedDowntimeMinutes") return formatMinutes(Number(v));
    return Array.isArray(v) ? v.join(", ") || "(none)" : String(v ?? "");
  };
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map(([f, label]) => (
        <li key={f}>
          {label}: now <strong>{shown(f)}</strong>
        </li>
      ))}
    </ul>
  );
}

export function AiSystemForm({ orgSlug, system, offices }: { orgSlug: string; system?: AiSystemFormValues; offices: { id: string; name: string }[] }) {
  const [state, action] = useActionState(system ? updateAiSystemAction : createAiSystemAction, idle);
  const formKey = useAnswerKey(state);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadAiSystemSchema, state);
  const failed = state.status === "error" && state.values ? state.values : undefined;
  const value = (name: string, fromRecord?: string | number) => submitted(state, name) ?? (fromRecord === undefined ? undefined : String(fromRecord));
  const downtime = system?.toleratedDowntimeMinutes;
  const selectedOffices = new Set(failed ? [failed.officeIds ?? []].flat() : (system?.officeIds ?? []));
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Partial<AiSystemFormValues> | undefined) : undefined;
  const officeName = (id: string) => offices.find((o) => o.id === id)?.name ?? "an office";
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this AI system changed meanwhile" : undefined}>
          {state.message}
          {conflict && <ConflictDetails current={conflict} mine={system} officeName={officeName} />}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {system && <input type="hidden" name="id" value={system.id} />}
      {system && <input type="hidden" name="version" value={system.version} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" required defaultValue={value("name", system?.name)} errors={fieldErrors?.name} placeholder="e.g. Customer support assistant" />
        <TextField label="Owner" name="owner" required defaultValue={value("owner", system?.owner)} errors={fieldErrors?.owner} placeholder="e.g. Head of customer service" />
      </div>
      <TextAreaField label="Description" name="description" rows={3} maxLength={2000} hint="What it does and for whom; line breaks are kept." defaultValue={value("description", system?.description)} errors={fieldErrors?.description} />
      <div className="grid gap-4 sm:grid-cols-4">
        <SelectField label="Criticality" name="criticality" defaultValue={value("criticality", system?.criticality) ?? "medium"} errors={fieldErrors?.criticality} options={optionsFrom(CRITICALITY_LABELS)} />
        <TextField label="Tolerated downtime (hours)" name="downtimeHours" type="number" min={0} inputMode="numeric" defaultValue={value("downtimeHours", downtime === undefined ? 4 : Math.floor(downtime / 60))} errors={fieldErrors?.downtimeHours} />
        <TextField label="and minutes" name="downtimeMinutes" type="number" min={0} max={59} inputMode="numeric" defaultValue={value("downtimeMinutes", downtime === undefined ? 0 : downtime % 60)} errors={fieldErrors?.downtimeMinutes} />
        <TextField label="Users served" name="usersServed" type="number" min={0} inputMode="numeric" defaultValue={value("usersServed", system?.usersServed ?? 0)} errors={fieldErrors?.usersServed} />
      </div>
      <OfficeCheckboxes offices={offices} checked={selectedOffices} errors={fieldErrors?.officeIds} emptyNote="No offices recorded yet." />
      <TextField label="Teams" name="teams" hint="Separate teams with commas" defaultValue={value("teams", system?.teams.join(", "))} errors={fieldErrors?.teams} />
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{system ? "Save AI system" : "Add AI system"}</SubmitButton>
        <Link href={`/${orgSlug}/inventory/ai-systems`} className={buttonClass("secondary")}>
          {system ? "Back to AI systems" : "Cancel"}
        </Link>
      </div>
    </form>
  );
}
