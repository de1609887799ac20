"use client";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/account/actions";
import { idle } from "@/lib/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { NewPasswordField } from "@/components/auth/new-password-field";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadResetPasswordSchema = () => import("@/lib/auth/schemas").then((m) => m.resetPasswordSchema);

export function ResetPasswordForm({ token, name, email }: { token: string; name: string; email: string }) {
  const [state, action] = useActionState(resetPasswordAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadResetPasswordSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" && !fieldErrors && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label="New password" name="newPassword" errors={fieldErrors?.newPassword} context={{ name, email }} />
      <SubmitButton className="w-full" pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
