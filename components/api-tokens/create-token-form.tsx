"use client";
import { useActionState } from "react";
import { createApiTokenAction } from "@/lib/api-tokens/actions";
import { idle, submitted } from "@/lib/action-state";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { formatDateTime } from "@/lib/dates";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadCreateApiTokenSchema = () => import("@/lib/api-tokens/schemas").then((m) => m.createApiTokenSchema);

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]}: ${ROLE_DESCRIPTIONS[r]}` }));

/**
 * Creates a token. `lifetimes` are the choices within the organisation's maximum, labelled by the
 * page (which knows today's date on the server, so the labels cannot differ after hydration).
 */
export function CreateTokenForm({ orgSlug, lifetimes, defaultDays }: { orgSlug: string; lifetimes: { value: string; label: string }[]; defaultDays: number }) {
  const [state, action] = useActionState(createApiTokenAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadCreateApiTokenSchema, state);
  const data = state.status === "success" ? (state.data as { token: string; name: string; role: string; expiresAt: string }) : undefined;
  return (
    <div className="space-y-4">
      <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
        <input type="hidden" name="org" value={orgSlug} />
        <TextField label="Name" name="name" placeholder="e.g. CMDB sync" defaultValue={submitted(state, "name")} errors={fieldErrors?.name} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue={submitted(state, "role") ?? "viewer"} errors={fieldErrors?.role} />
        <SelectField label="Expires after" name="expiresInDays" options={lifetimes} defaultValue={submitted(state, "expiresInDays") ?? String(defaultDays)} errors={fieldErrors?.expiresInDays} />
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </form>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {data && (
        <Alert tone="success" title="API token (shown once)">
          <p>
            Copy the token for “{data.name}” now: Sovra keeps only a hash of it and cannot show it again. Send it as <code>Authorization: Bearer …</code>; it acts
            with the role {data.role} (or less, if your own role is lowered) and stops working on {formatDateTime(data.expiresAt)}.
          </p>
          <CopyLink key={data.token} link={data.token} label="API token" />
        </Alert>
      )}
    </div>
  );
}
