"use client";
import { useActionState } from "react";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadAccountSchema = () => import("@/lib/auth/schemas").then((m) => m.accountSchema);

// Accepting an invitation link, to an organisation or to a practice: the page passes the server
// action that accepts its kind of link.

type AcceptAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Joins with the signed-in account; `joinLabel` says what is joined ("Join organisation"). */
export function AcceptAsSignedIn({ token, action: accept, joinLabel }: { token: string; action: AcceptAction; joinLabel: string }) {
  const [state, action] = useActionState(accept, idle);
  return (
    <form action={action} className="space-y-4">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full" pendingText="Joining…">
        {joinLabel}
      </SubmitButton>
    </form>
  );
}

/** Creates an account and joins with it. */
export function AcceptWithNewAccount({ token, email, action: accept }: { token: string; email?: string | null; action: AcceptAction }) {
  const [state, action] = useActionState(accept, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadAccountSchema, state);
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
