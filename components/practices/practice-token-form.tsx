"use client";
import { useActionState } from "react";
import { createPracticeApiTokenAction } from "@/lib/practices/api-token-actions";
import { idle, submitted } from "@/lib/action-state";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { CopyLink } from "@/components/ui/copy-link";
import { formatDateTime } from "@/lib/dates";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadCreatePracticeApiTokenSchema = () => import("@/lib/practices/api-token-schemas").then((m) => m.createPracticeApiTokenSchema);

/** Makes a read-only practice API token; `lifetimes` are labelled by the page (today's date on the server). */
export function PracticeTokenForm({ practiceSlug, lifetimes, defaultDays }: { practiceSlug: string; lifetimes: { value: string; label: string }[]; defaultDays: number }) {
  const [state, action] = useActionState(createPracticeApiTokenAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadCreatePracticeApiTokenSchema, state);
  const data = state.status === "success" ? (state.data as { token: string; name: string; expiresAt: string }) : undefined;
  return (
    <div className="space-y-4">
      <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="practice" value={practiceSlug} />
        <TextField label="Name" name="name" placeholder="e.g. Portfolio dashboard" defaultValue={submitted(state, "name")} errors={fieldErrors?.name} />
        <SelectField label="Expires after" name="expiresInDays" options={lifetimes} defaultValue={submitted(state, "expiresInDays") ?? String(defaultDays)} errors={fieldErrors?.expiresInDays} />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {data && (
        <Alert tone="success" title="Practice API token (shown once)">
          <p>
            Copy the token for “{data.name}” now: Sovra keeps only a hash of it and cannot show it again. Send it as <code>Authorization: Bearer …</code> to the
            practice&apos;s endpoints; it reads only, and stops working on {formatDateTime(data.expiresAt)}.
          </p>
          <CopyLink key={data.token} link={data.token} label="Practice API token" />
        </Alert>
      )}
    </div>
  );
}
