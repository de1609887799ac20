"use client";
import { useActionState } from "react";
import { updateApiTokenPolicyAction } from "@/lib/api-tokens/actions";
import { idle, submitted } from "@/lib/action-state";
import type { ApiTokenPolicy } from "@/lib/api-tokens/schemas";
import { TOKEN_LIFETIME_CEILING_DAYS } from "@/lib/api-tokens/lifetime";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadApiTokenPolicySchema = () => import("@/lib/api-tokens/schemas").then((m) => m.apiTokenPolicySchema);

/** The organisation's token lifetimes: the default offered when creating a token and the longest allowed. */
export function TokenPolicyForm({ orgSlug, policy }: { orgSlug: string; policy: ApiTokenPolicy }) {
  const [state, action] = useActionState(updateApiTokenPolicyAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadApiTokenPolicySchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && state.message && <Alert tone="success">{state.message}</Alert>}
      <input type="hidden" name="org" value={orgSlug} />
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <TextField
          label="Default lifetime (days)"
          name="defaultDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={TOKEN_LIFETIME_CEILING_DAYS}
          defaultValue={submitted(state, "defaultDays") ?? policy.defaultDays}
          errors={fieldErrors?.defaultDays}
          hint="Offered first when a token is created"
        />
        <TextField
          label="Maximum lifetime (days)"
          name="maxDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={TOKEN_LIFETIME_CEILING_DAYS}
          defaultValue={submitted(state, "maxDays") ?? policy.maxDays}
          errors={fieldErrors?.maxDays}
          hint={`No token lives longer; at most ${TOKEN_LIFETIME_CEILING_DAYS}`}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingText="Saving…">Save lifetimes</SubmitButton>
        </div>
      </div>
    </form>
  );
}
