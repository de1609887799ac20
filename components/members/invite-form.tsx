"use client";
import { useActionState } from "react";
import { createInvitationAction } from "@/lib/members/actions";
import { idle, submitted } from "@/lib/action-state";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { formatDay } from "@/lib/dates";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadCreateInvitationSchema = () => import("@/lib/members/schemas").then((m) => m.createInvitationSchema);

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]}: ${ROLE_DESCRIPTIONS[r]}` }));

export function InviteForm({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(createInvitationAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadCreateInvitationSchema, state);
  const data = state.status === "success" ? (state.data as { token: string; role: string; expiresAt: string }) : undefined;
  const link = data && typeof window !== "undefined" ? `${window.location.origin}/invite/${data.token}` : undefined;
  return (
    <div className="space-y-4">
      <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="org" value={orgSlug} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue={submitted(state, "role") ?? "viewer"} errors={fieldErrors?.role} />
        <TextField label="Email (optional: only this address can accept)" name="email" type="email" defaultValue={submitted(state, "email")} errors={fieldErrors?.email} />
        <SubmitButton pendingText="Creating…">Create invite link</SubmitButton>
      </form>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {link && (
        <Alert tone="success" title="Invitation link (shown once)">
          <p>Send this link to your colleague. It lets one person join as {data!.role} and expires on {formatDay(data!.expiresAt)}.</p>
          <CopyLink link={link} label="Invitation link" />
        </Alert>
      )}
    </div>
  );
}
