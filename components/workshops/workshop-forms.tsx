"use client";
import { useActionState, useEffect, useRef } from "react";
import { idle, submitted } from "@/lib/action-state";
import { agreedActionAction, confirmVerifyAction, flagToVerifyAction, startWorkshopAction, workshopSummaryAction } from "@/lib/workshops/actions";
import { runWorkshopShockAction } from "@/lib/scenarios/actions";
import { captureOfficeAction } from "@/lib/offices/actions";
import { CountrySelect } from "@/components/ui/country-select";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { PRIORITY_LABELS } from "@/lib/labels";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadOfficeSchema = () => import("@/lib/offices/schemas").then((m) => m.officeSchema);

const priorityOptions = Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }));

export function StartWorkshopForm({ org, suggestedTitle }: { org: string; suggestedTitle: string }) {
  const [state, action] = useActionState(startWorkshopAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={action} noValidate className="max-w-2xl space-y-4" aria-label="Start a workshop">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="org" value={org} />
      <TextField label="Title" name="title" required maxLength={160} defaultValue={submitted(state, "title") ?? suggestedTitle} errors={errors?.title} />
      <TextAreaField label="Attendees (one per line)" name="attendees" rows={4} defaultValue={submitted(state, "attendees")} errors={errors?.attendees} hint="Names and roles, as the summary should list them" />
      <SubmitButton pendingText="Starting…">Start workshop</SubmitButton>
    </form>
  );
}

export function ConfirmVerifyButton({ org, id, version, label }: { org: string; id: string; version: number; label: string }) {
  const [state, action] = useActionState(confirmVerifyAction, idle);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton variant="secondary" pendingText="Confirming…" className="px-2 py-1 text-xs">
        <span>
          Confirm<span className="sr-only"> {label}</span>
        </span>
      </SubmitButton>
      {state.status === "error" && <p className="mt-1 text-xs text-red-700">{state.message}</p>}
    </form>
  );
}

export function AgreedActionForm({ org, workshopId, members }: { org: string; workshopId: string; members: { id: string; name: string | null; email: string; via: string | null }[] }) {
  const [state, action] = useActionState(agreedActionAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state.status === "success") {
      formRef.current?.reset();
      formRef.current?.querySelector<HTMLInputElement>("input[name=title]")?.focus();
    }
  }, [state]);
  // The organisation's members first; the people of a practice working with it under its name.
  const owners = [{ value: "", label: "Nobody yet" }, ...members.map((m) => ({ value: m.id, label: m.name ? `${m.name} (${m.email})` : m.email, group: m.via ?? undefined }))];
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" aria-label="Record an agreed action">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="workshopId" value={workshopId} />
      <TextField label="What will be done" name="title" required maxLength={300} defaultValue={state.status === "error" ? submitted(state, "title") : undefined} errors={errors?.title} />
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField label="Owner" name="ownerId" options={owners} defaultValue={state.status === "error" ? submitted(state, "ownerId") : ""} errors={errors?.ownerId} />
        <TextField label="Due date" name="dueDate" type="date" defaultValue={state.status === "error" ? submitted(state, "dueDate") : undefined} errors={errors?.dueDate} />
        <SelectField label="Priority" name="priority" options={priorityOptions} defaultValue={state.status === "error" ? submitted(state, "priority") : "high"} errors={errors?.priority} />
      </div>
      <SubmitButton pendingText="Adding…">Add to the plan</SubmitButton>
    </form>
  );
}

export function WorkshopSummaryButton({ org, id, label }: { org: string; id: string; label: string }) {
  const [state, action] = useActionState(workshopSummaryAction, idle);
  return (
    <form action={action} className="inline-flex flex-col gap-1">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary" pendingText="Starting…">
        {label}
      </SubmitButton>
      {state.status === "error" && <p className="text-sm text-red-700">{state.message}</p>}
    </form>
  );
}

/** A row of the inventory a fact can be about, for the "to verify" form. */
export interface VerifySubject {
  type: "ai_system" | "office" | "vendor" | "model" | "data_flow";
  id: string;
  name: string;
}

const SUBJECT_GROUPS: Record<VerifySubject["type"], string> = { ai_system: "AI systems", office: "Offices", vendor: "Vendors", model: "Models", data_flow: "Data flows" };

/** Flags a fact about an AI system, office, vendor, model or data flow "to verify", with who verifies it. */
export function FlagToVerifyForm({ org, workshopId, subjects }: { org: string; workshopId: string; subjects: VerifySubject[] }) {
  const [state, action] = useActionState(flagToVerifyAction, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5" aria-label="Flag a fact to verify">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="workshopId" value={workshopId} />
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="What it is about"
          name="subject"
          options={[{ value: "", label: "Choose…" }, ...subjects.map((s) => ({ value: `${s.type}:${s.id}`, label: s.name, group: SUBJECT_GROUPS[s.type] }))]}
          defaultValue={state.status === "error" ? submitted(state, "subject") : ""}
          errors={errors?.subjectId ?? errors?.subjectType}
        />
        <TextField label="What to verify" name="question" maxLength={500} defaultValue={state.status === "error" ? submitted(state, "question") : undefined} errors={errors?.question} placeholder="e.g. When was the fallback last drilled?" />
        <TextField label="Who verifies it" name="owner" maxLength={120} defaultValue={state.status === "error" ? submitted(state, "owner") : undefined} errors={errors?.owner} />
      </div>
      <SubmitButton variant="secondary" pendingText="Flagging…">
        Flag to verify
      </SubmitButton>
    </form>
  );
}

/** Runs a saved scenario in the room, on the inventory as it stands now; the result appears on its card. */
export function RunShockButton({ org, workshopId, scenarioId, name, again }: { org: string; workshopId: string; scenarioId: string; name: string; again: boolean }) {
  const [state, action] = useActionState(runWorkshopShockAction, idle);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="workshopId" value={workshopId} />
      <input type="hidden" name="scenarioId" value={scenarioId} />
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <SubmitButton pendingText="Running…">
        {again ? "Run it again" : "Run it now"}
        <span className="sr-only"> ({name})</span>
      </SubmitButton>
    </form>
  );
}

/**
 * An office, added from the workshop's first step without leaving the screen: name, country, city
 * and headcount in one row; Enter adds it and the cursor returns to the name for the next one.
 */
export function WorkshopOfficeForm({ org }: { org: string }) {
  const [state, action] = useActionState(captureOfficeAction, idle);
  const formKey = useAnswerKey(state);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadOfficeSchema, state);
  useEffect(() => {
    if (state.status === "success") formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, [state, formRef]);
  const failed = state.status === "error";
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate aria-label="Add an office" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      {failed && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && (
        <p role="status" className="text-sm font-medium text-emerald-700">
          {state.message}
        </p>
      )}
      <input type="hidden" name="org" value={org} />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[2fr_1.4fr_1.4fr_1fr_auto] xl:items-start">
        <TextField label="Office" name="name" required defaultValue={failed ? submitted(state, "name") : undefined} errors={fieldErrors?.name} placeholder="e.g. Lyon plant" />
        <CountrySelect label="Country" name="country" defaultValue={failed ? submitted(state, "country") : undefined} errors={fieldErrors?.country} />
        <TextField label="City" name="city" required defaultValue={failed ? submitted(state, "city") : undefined} errors={fieldErrors?.city} />
        <TextField label="People" name="headcount" type="number" min={0} inputMode="numeric" defaultValue={failed ? submitted(state, "headcount") : "0"} errors={fieldErrors?.headcount} />
        <div className="xl:pt-6">
          <SubmitButton pendingText="Adding…">Add office</SubmitButton>
        </div>
      </div>
    </form>
  );
}
