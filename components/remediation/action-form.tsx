"use client";
import { useActionState, useEffect, useRef } from "react";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { createRemediationActionAction, updateRemediationActionAction } from "@/lib/remediation/actions";
import { PRIORITY_LABELS, REMEDIATION_STATUS_LABELS } from "@/lib/labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import type { Member, PlanItem } from "./types";
import { formatDay } from "@/lib/dates";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadRemediationSchema = () => import("@/lib/remediation/schemas").then((m) => m.remediationSchema);
const loadUpdateRemediationSchema = () => import("@/lib/remediation/schemas").then((m) => m.updateRemediationSchema);

const ownerOptions = (members: Member[]) => [{ value: "", label: "Nobody yet" }, ...members.map((m) => ({ value: m.id, label: m.name ? `${m.name} (${m.email})` : m.email, group: m.via ?? undefined }))];
const priorityOptions = Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(REMEDIATION_STATUS_LABELS).map(([value, label]) => ({ value, label }));

/** What another person saved meanwhile, so a conflict says what changed. */
function ConflictDetails({ current, mine }: { current: Record<string, unknown>; mine: PlanItem }) {
  const show = (v: unknown) => (v instanceof Date || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) ? formatDay(v) : v === null || v === undefined || v === "" ? "none" : String(v));
  const fields: [string, unknown, unknown][] = [
    ["title", current.title, mine.title],
    ["description", current.description, mine.description],
    ["owner", (current.owner as Member | null)?.email ?? null, mine.owner?.email ?? null],
    ["due date", current.dueDate, mine.dueDate],
    ["status", current.status, mine.status],
    ["priority", current.priority, mine.priority],
  ];
  const changed = fields.filter(([, now, was]) => show(now) !== show(was));
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map(([f, now]) => (
        <li key={f}>
          {f}: now <strong>{show(now)}</strong>
        </li>
      ))}
    </ul>
  );
}

function Fields({ state, members, item, errors }: { state: ActionState; members: Member[]; item?: PlanItem; errors?: Record<string, string[]> }) {
  const value = (name: string, fallback?: string) => submitted(state, name) ?? fallback;
  return (
    <>
      <TextField label="Title" name="title" required maxLength={300} defaultValue={value("title", item?.title)} errors={errors?.title} />
      <TextField label="Description (optional)" name="description" maxLength={4000} defaultValue={value("description", item?.description)} errors={errors?.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Owner" name="ownerId" options={ownerOptions(members)} defaultValue={value("ownerId", item?.owner?.id ?? "")} errors={errors?.ownerId} />
        <TextField label="Due date" name="dueDate" type="date" defaultValue={value("dueDate", item?.dueDate ?? "")} errors={errors?.dueDate} />
        <SelectField label="Priority" name="priority" options={priorityOptions} defaultValue={value("priority", item?.priority ?? "medium")} errors={errors?.priority} />
        {item ? (
          <SelectField label="Status" name="status" options={statusOptions} defaultValue={value("status", item.status)} errors={errors?.status} />
        ) : (
          <TextField label="Expected gain (score points)" name="expectedGain" type="number" min={0} max={100} step={0.1} inputMode="decimal" defaultValue={value("expectedGain", "")} errors={errors?.expectedGain} hint="Your estimate of the organisation score it adds" />
        )}
      </div>
    </>
  );
}

/** Adds an action written by hand. */
export function NewActionForm({ orgSlug, members }: { orgSlug: string; members: Member[] }) {
  const [state, action] = useActionState(createRemediationActionAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadRemediationSchema, state);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state, formRef]);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" aria-label="Add an action by hand">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={orgSlug} />
      <Fields state={state} members={members} errors={fieldErrors} />
      <SubmitButton pendingText="Adding…">Add action</SubmitButton>
    </form>
  );
}

/** "Edit" for one plan row: a modal dialog with the action's fields, version-checked. */
export function EditActionButton({ orgSlug, item, members }: { orgSlug: string; item: PlanItem; members: Member[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action] = useActionState(updateRemediationActionAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadUpdateRemediationSchema, state);
  useEffect(() => {
    if (state.status === "success") dialog.current?.close();
  }, [state]);
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Record<string, unknown> | undefined) : undefined;
  const titleId = `edit-${item.id}`;
  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()} aria-label={`Edit “${item.title}”`}>
        Edit
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-2xl rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Edit action
        </h2>
        <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          {state.status === "error" && (
            <Alert tone="error" title={conflict ? "Not saved: this action changed meanwhile" : undefined}>
              {state.message}
              {conflict && <ConflictDetails current={conflict} mine={item} />}
              {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
            </Alert>
          )}
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="id" value={item.id} />
          <input type="hidden" name="version" value={item.version} />
          <Fields state={state} members={members} item={item} errors={fieldErrors} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton pendingText="Saving…">Save action</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
