"use client";
import { useActionState } from "react";
import { idle, submitted } from "@/lib/action-state";
import { createQuestionnaireAction, reopenItemAction, revokeQuestionnaireAction } from "@/lib/questionnaires/actions";
import { QUESTIONNAIRE_DEFAULT_DAYS, QUESTIONNAIRE_MAX_DAYS } from "@/lib/questionnaires/link-days";
import { formatDay } from "@/lib/dates";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

/** Makes a questionnaire link and shows it once, to copy into an email or a chat to the staff. */
export function CreateLinkForm({ org, suggestedTitle }: { org: string; suggestedTitle: string }) {
  const [state, action] = useActionState(createQuestionnaireAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const data = state.status === "success" ? (state.data as { token: string; expiresAt: string }) : undefined;
  const link = data && typeof window !== "undefined" ? `${window.location.origin}/q/${data.token}` : undefined;
  return (
    <div className="space-y-4">
      <form action={action} noValidate className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end" aria-label="Make a questionnaire link">
        <input type="hidden" name="org" value={org} />
        <TextField label="Title (the staff see it)" name="title" required maxLength={160} defaultValue={submitted(state, "title") ?? suggestedTitle} errors={errors?.title} />
        <TextField label="Works for (days)" name="days" type="number" min={1} max={QUESTIONNAIRE_MAX_DAYS} inputMode="numeric" defaultValue={submitted(state, "days") ?? String(QUESTIONNAIRE_DEFAULT_DAYS)} errors={errors?.days} />
        <SubmitButton pendingText="Making…">Make link</SubmitButton>
      </form>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {link && (
        <Alert tone="success" title="Questionnaire link (shown once)">
          <p>Send it to the staff who use AI at work: no account is needed. It takes answers until {formatDay(data!.expiresAt)} or until you revoke it.</p>
          <CopyLink link={link} label="Questionnaire link" />
        </Alert>
      )}
    </div>
  );
}

export function RevokeLinkButton({ org, id, version, title }: { org: string; id: string; version: number; title: string }) {
  return (
    <ConfirmDelete
      action={revokeQuestionnaireAction}
      fields={{ org, id, version }}
      title={`Revoke "${title}"?`}
      consequences={["Nobody can answer through this link any more; whoever opens it is told to ask for a new one.", "Answers already given stay here for review."]}
      label="Revoke"
      note="A revoked link cannot be opened again: make a new one if you need it."
      pendingText="Revoking…"
    />
  );
}

/** Undoes a rejection or a merge: the item waits for review again. */
export function ReopenButton({ org, id, version, label }: { org: string; id: string; version: number; label: string }) {
  const [state, action] = useActionState(reopenItemAction, idle);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton variant="secondary" pendingText="Reopening…" className="px-2 py-1 text-xs">
        <span>
          Reopen<span className="sr-only"> {label}</span>
        </span>
      </SubmitButton>
      {state.status === "error" && <span className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
