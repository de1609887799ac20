"use client";
import { useActionState } from "react";
import { signInAction } from "@/lib/auth/actions";
import { idle, submitted } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadSignInSchema = () => import("@/lib/auth/schemas").then((m) => m.signInSchema);

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(signInAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadSignInSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" && !fieldErrors && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={submitted(state, "email")} errors={fieldErrors?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={fieldErrors?.password} />
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
