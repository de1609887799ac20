"use client";
import { useActionState, useState } from "react";
import { idle, submitted } from "@/lib/action-state";
import { addItemAction, mergeItemAction, rejectItemAction } from "@/lib/questionnaires/actions";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS } from "@/lib/labels";
import type { CaptureOption } from "@/lib/workshops/queries";
import { ReferenceInput } from "@/components/workshops/capture-form";
import { OfficeCheckboxes } from "@/components/offices/office-checkboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { OptionalCountrySelect } from "@/components/ui/optional-country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/components/ui/cn";

const accessOptions = Object.entries(ACCESS_PATH_LABELS).map(([value, label]) => ({ value, label }));
const criticalityOptions = Object.entries(CRITICALITY_LABELS).map(([value, label]) => ({ value, label }));
const CLOUD_PATHS = new Set(["cloud_marketplace", "third_party_hosted"]);

export interface ReviewedAnswer {
  id: string;
  version: number;
  systemName: string;
  purpose: string;
  vendorName: string | null;
  modelName: string | null;
  dataNote: string | null;
  respondent: string;
}

type Mode = "add" | "merge" | "reject" | null;

const Hidden = ({ org, item }: { org: string; item: { id: string; version: number } }) => (
  <>
    <input type="hidden" name="org" value={org} />
    <input type="hidden" name="id" value={item.id} />
    <input type="hidden" name="version" value={item.version} />
  </>
);

/** Adds the answer to the inventory: the workshop's capture, prefilled from what the respondent wrote. */
function AddForm({ org, item, models, clouds, offices, suggestedModel }: { org: string; item: ReviewedAnswer; models: CaptureOption[]; clouds: CaptureOption[]; offices: { id: string; name: string }[]; suggestedModel: string | null }) {
  const [state, action] = useActionState(addItemAction, idle);
  const [path, setPath] = useState(() => submitted(state, "accessPath") ?? "direct_api");
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const value = (name: string) => submitted(state, name);
  return (
    <form action={action} noValidate className="space-y-4" aria-label={`Add ${item.systemName} to the inventory`}>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <Hidden org={org} item={item} />
      <div className="grid gap-4 md:grid-cols-3">
        <TextField label="AI system" name="name" required maxLength={120} defaultValue={value("name") ?? item.systemName} errors={errors?.name} autoFocus />
        <TextField label="Owner" name="owner" required maxLength={120} defaultValue={value("owner") ?? item.respondent} errors={errors?.owner} hint="Team or person" />
        <div className="grid grid-cols-2 gap-3">
          <SelectField label="Criticality" name="criticality" options={criticalityOptions} defaultValue={value("criticality") ?? "medium"} errors={errors?.criticality} />
          <TextField label="Tolerated downtime (h)" name="downtimeHours" type="number" min={0} inputMode="numeric" defaultValue={value("downtimeHours") ?? "24"} errors={errors?.downtimeHours} />
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <ReferenceInput name="model" label="Model" options={models} errors={errors?.model} state={state} initialRef={suggestedModel} hint="Type to search your models and the catalogue" />
        <SelectField label="Access path" name="accessPath" options={accessOptions} defaultValue={path} onChange={(e) => setPath(e.target.value)} errors={errors?.accessPath} />
        {CLOUD_PATHS.has(path) ? (
          <div className="grid grid-cols-2 gap-3">
            <ReferenceInput name="cloud" label="Cloud" options={clouds} errors={errors?.cloud} state={state} />
            <OptionalCountrySelect label="Runs in" name="hostingCountry" defaultValue={value("hostingCountry") ?? ""} errors={errors?.hostingCountry} />
          </div>
        ) : (
          <div />
        )}
      </div>
      <OfficeCheckboxes offices={offices} checked={state.status === "error" ? [state.values?.officeIds ?? []].flat() : []} />
      <SubmitButton pendingText="Adding…">Add to the inventory</SubmitButton>
    </form>
  );
}

function MergeForm({ org, item, systems, suggestedSystem }: { org: string; item: ReviewedAnswer; systems: { id: string; name: string }[]; suggestedSystem: string | null }) {
  const [state, action] = useActionState(mergeItemAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  if (systems.length === 0) return <p className="text-sm text-slate-600">The inventory has no AI system yet: add this one instead.</p>;
  return (
    <form action={action} noValidate className="grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-end" aria-label={`Record ${item.systemName} as an AI system already in the inventory`}>
      {state.status === "error" && <Alert tone="error" className="md:col-span-3">{state.message}</Alert>}
      <Hidden org={org} item={item} />
      <SelectField label="It is this AI system" name="aiSystemId" options={[{ value: "", label: "Choose…" }, ...systems.map((s) => ({ value: s.id, label: s.name }))]} defaultValue={submitted(state, "aiSystemId") ?? suggestedSystem ?? ""} errors={errors?.aiSystemId} autoFocus />
      <TextField label="Note (optional)" name="note" maxLength={500} defaultValue={submitted(state, "note")} errors={errors?.note} />
      <SubmitButton pendingText="Saving…">Record as this system</SubmitButton>
    </form>
  );
}

function RejectForm({ org, item }: { org: string; item: ReviewedAnswer }) {
  const [state, action] = useActionState(rejectItemAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={action} noValidate className="grid gap-4 md:grid-cols-[1fr_auto] md:items-end" aria-label={`Reject ${item.systemName}`}>
      {state.status === "error" && <Alert tone="error" className="md:col-span-2">{state.message}</Alert>}
      <Hidden org={org} item={item} />
      <TextField label="Why (optional)" name="note" maxLength={500} defaultValue={submitted(state, "note")} errors={errors?.note} placeholder="e.g. personal use, not a company system" autoFocus />
      <SubmitButton variant="danger" pendingText="Rejecting…">
        Reject
      </SubmitButton>
    </form>
  );
}

/**
 * One answered AI system waiting for review, and the three decisions: add it to the inventory
 * (prefilled from the answer and the best guesses), record it as a system already there, or
 * reject it. The guess of an existing system is shown first, so that duplicates are caught.
 */
export function ReviewItem(props: {
  org: string;
  item: ReviewedAnswer;
  models: CaptureOption[];
  clouds: CaptureOption[];
  offices: { id: string; name: string }[];
  systems: { id: string; name: string }[];
  suggestedModel: string | null;
  suggestedSystem: { id: string; name: string } | null;
}) {
  const { org, item, suggestedSystem } = props;
  const [mode, setMode] = useState<Mode>(null);
  const choice = (m: Exclude<Mode, null>, label: string) => (
    <Button type="button" variant={mode === m ? "primary" : "secondary"} aria-pressed={mode === m} onClick={() => setMode(mode === m ? null : m)}>
      {label}
    </Button>
  );
  return (
    <div className={cn("rounded-lg p-4 ring-1", mode ? "bg-white ring-brand-300" : "bg-slate-50 ring-slate-200")}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">{item.systemName}</h3>
          <p className="text-sm text-slate-700">{item.purpose}</p>
          <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            {item.vendorName && (
              <div>
                <dt className="inline">Vendor: </dt>
                <dd className="inline">{item.vendorName}</dd>
              </div>
            )}
            {item.modelName && (
              <div>
                <dt className="inline">Model: </dt>
                <dd className="inline">{item.modelName}</dd>
              </div>
            )}
            {item.dataNote && (
              <div>
                <dt className="inline">Data: </dt>
                <dd className="inline">{item.dataNote}</dd>
              </div>
            )}
          </dl>
          {suggestedSystem && <p className="mt-2 text-sm font-medium text-amber-800">Looks like {suggestedSystem.name}, already in the inventory.</p>}
        </div>
        <div className="flex flex-wrap gap-2" role="group" aria-label={`Decide on ${item.systemName}`}>
          {choice("add", "Add to inventory")}
          {choice("merge", "Already listed")}
          {choice("reject", "Reject")}
        </div>
      </div>
      {mode && (
        <div className="mt-4 border-t border-slate-200 pt-4">
          {mode === "add" && <AddForm org={org} item={item} models={props.models} clouds={props.clouds} offices={props.offices} suggestedModel={props.suggestedModel} />}
          {mode === "merge" && <MergeForm org={org} item={item} systems={props.systems} suggestedSystem={suggestedSystem?.id ?? null} />}
          {mode === "reject" && <RejectForm org={org} item={item} />}
        </div>
      )}
    </div>
  );
}
