"use client";
import { useActionState, useId, useRef } from "react";
import { idle, type ActionState } from "@/lib/action-state";
import { Alert } from "./alert";
import { Button } from "./button";
import { SubmitButton } from "./submit-button";

/**
 * A delete button that asks first, in a modal dialog (focus-trapped, Escape closes), and says
 * what else goes with the item.
 */
export function ConfirmDelete({
  action,
  fields,
  title,
  consequences,
  label = "Delete",
  note = "This cannot be undone; the audit trail keeps a copy of what was deleted.",
  pendingText = "Deleting…",
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  title: string;
  consequences: string[];
  label?: string;
  /** What follows the consequences; the default suits a deletion. */
  note?: string;
  pendingText?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // One id per dialog: a page with several (a row each) must not name them all after the first.
  const titleId = useId();
  const [state, formAction] = useActionState(action, idle);
  return (
    <>
      <Button variant="danger-quiet" onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {consequences.length > 0 && (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {consequences.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm text-slate-600">{note}</p>
        {state.status === "error" && (
          <Alert tone="error" className="mt-3">
            {state.message}
          </Alert>
        )}
        <form action={formAction} className="mt-5 flex justify-end gap-2">
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <SubmitButton variant="danger" pendingText={pendingText}>
            {label}
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}
