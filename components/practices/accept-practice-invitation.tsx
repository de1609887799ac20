"use client";
import { useActionState } from "react";
import { acceptPracticeInvitationAction, acceptPracticeInvitationWithAccountAction } from "@/lib/practices/invitation-actions";
import { idle, submitted } from "@/lib/action-state";
import { accountSchema } from "@/lib/auth/schemas";
import { TextField } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

/** Joins the practice with the signed-in account. */
export function AcceptPracticeInvitationAsSignedIn({ token }: { token: string }) {
  const [state, action] = useActionState(acceptPracticeInvitationAction, idle);
  return (
    <form action={action} className="space-y-4">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full" pendingText="Joining…">
        Join the practice
      </SubmitButton>
    </form>
  );
}

/** Creates an account and joins the practice with it. */
export function AcceptPracticeInvitationWithNewAccount({ token, email }: { token: string; email?: string | null }) {
  const [state, action] = useActionState(acceptPracticeInvitationWithAccountAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(accountSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" && !fieldErrors && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <TextField label="Your name" name="name" autoComplete="name" required defaultValue={submitted(state, "name")} errors={fieldErrors?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={submitted(state, "email") ?? email ?? undefined} errors={fieldErrors?.email} />
      <NewPasswordField label="Password" name="password" errors={fieldErrors?.password} />
      <SubmitButton className="w-full" pendingText="Creating account…">
        Create account and join
      </SubmitButton>
    </form>
  );
}
