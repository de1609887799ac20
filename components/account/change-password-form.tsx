"use client";
import { useActionState } from "react";
import { changePasswordAction } from "@/lib/account/actions";
import { idle } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { NewPasswordField } from "@/components/auth/new-password-field";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadChangePasswordSchema = () => import("@/lib/auth/schemas").then((m) => m.changePasswordSchema);

/** Change one's own password: the current one is required; other browsers are signed out. */
export function ChangePasswordForm({ name, email }: { name: string; email: string }) {
  const [state, action] = useActionState(changePasswordAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadChangePasswordSchema, state);
  return (
    // A new key after each success empties the fields.
    <form key={state.status === "success" ? JSON.stringify(state) : "form"} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      {state.status === "error" && !fieldErrors && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={fieldErrors?.currentPassword} />
      <NewPasswordField label="New password" name="newPassword" errors={fieldErrors?.newPassword} context={{ name, email }} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
