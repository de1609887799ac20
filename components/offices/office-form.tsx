"use client";
import { useActionState } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import Link from "next/link";
import { createOfficeAction, updateOfficeAction } from "@/lib/offices/actions";
import { idle, submitted } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { CountrySelect } from "@/components/ui/country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadOfficeSchema = () => import("@/lib/offices/schemas").then((m) => m.officeSchema);

export type OfficeFormValues = { id: string; version: number; name: string; country: string; city: string; headcount: number; teams: string[] };

/** What another person saved, so a conflict says what changed. */
function ConflictDetails({ current, mine }: { current: Partial<OfficeFormValues>; mine?: OfficeFormValues }) {
  const fields = ["name", "country", "city", "headcount", "teams"] as const;
  const changed = fields.filter((f) => mine && JSON.stringify(current[f]) !== JSON.stringify(mine[f]));
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map((f) => (
        <li key={f}>
          {f}: now <strong>{Array.isArray(current[f]) ? (current[f] as string[]).join(", ") : String(current[f])}</strong>
        </li>
      ))}
    </ul>
  );
}

export function OfficeForm({ orgSlug, office }: { orgSlug: string; office?: OfficeFormValues }) {
  const [state, action] = useActionState(office ? updateOfficeAction : createOfficeAction, idle);
  const formKey = useAnswerKey(state);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadOfficeSchema, state);
  const value = (name: keyof OfficeFormValues) => {
    const fromState = submitted(state, name);
    if (fromState !== undefined) return fromState;
    const v = office?.[name];
    return Array.isArray(v) ? v.join(", ") : v === undefined ? undefined : String(v);
  };
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Partial<OfficeFormValues> | undefined) : undefined;
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this office changed meanwhile" : undefined}>
          {state.message}
          {conflict && <ConflictDetails current={conflict} mine={office} />}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {office && <input type="hidden" name="id" value={office.id} />}
      {office && <input type="hidden" name="version" value={office.version} />}
      <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} placeholder="e.g. Frankfurt HQ" />
      <div className="grid gap-4 sm:grid-cols-2">
        <CountrySelect label="Country" name="country" defaultValue={value("country")} errors={fieldErrors?.country} />
        <TextField label="City" name="city" required defaultValue={value("city")} errors={fieldErrors?.city} />
      </div>
      <TextField label="Headcount" name="headcount" type="number" min={0} inputMode="numeric" defaultValue={value("headcount") ?? "0"} errors={fieldErrors?.headcount} />
      <TextField label="Teams" name="teams" hint="Separate teams with commas" defaultValue={value("teams")} errors={fieldErrors?.teams} placeholder="Platform, Data science" />
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{office ? "Save office" : "Add office"}</SubmitButton>
        <Link href={`/${orgSlug}/inventory/offices`} className={buttonClass("secondary")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
