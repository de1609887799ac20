"use client";
import { useActionState, useRef } from "react";
import { idle, submitted } from "@/lib/action-state";
import { freezeAssessmentAction } from "@/lib/assessments/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Freeze assessment": asks first, in a modal dialog, what freezing means (an immutable, dated
 * record that cannot be changed or deleted), takes an optional note, and shows progress.
 */
export function FreezeAssessmentButton({ orgSlug, today }: { orgSlug: string; today: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction] = useActionState(freezeAssessmentAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <>
      <Button onClick={() => dialog.current?.showModal()}>Freeze assessment</Button>
      <dialog ref={dialog} aria-labelledby="freeze-title" className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id="freeze-title" className="text-lg font-semibold text-slate-900">
          Freeze an assessment?
        </h2>
        <p className="mt-3 text-sm text-slate-700">
          This scores the inventory as it stands and keeps the result, the inventory, the policy landscape and the methodology version as a dated record. It cannot be
          changed or deleted afterwards; later assessments are compared against it.
        </p>
        {state.status === "error" && (
          <Alert tone="error" className="mt-3">
            {state.message}
          </Alert>
        )}
        <form action={formAction} className="mt-4 space-y-4">
          <input type="hidden" name="org" value={orgSlug} />
          <TextField label="Score against the policy landscape of" name="asOf" type="date" max={today} defaultValue={submitted(state, "asOf") ?? today} errors={errors?.asOf} hint="Today unless you are recording a past review" />
          <TextField label="Note (optional)" name="note" maxLength={500} defaultValue={submitted(state, "note")} errors={errors?.note} hint="E.g. the board meeting it is for" />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton pendingText="Freezing…">Freeze</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
