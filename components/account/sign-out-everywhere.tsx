"use client";
import { useActionState } from "react";
import { signOutEverywhereAction } from "@/lib/account/actions";
import { idle } from "@/lib/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";

/** Ends every session of the signed-in person, this one too. */
export function SignOutEverywhere() {
  const [state, action] = useActionState(signOutEverywhereAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <SubmitButton variant="danger" pendingText="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
