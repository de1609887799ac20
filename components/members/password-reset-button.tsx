"use client";
import { useActionState } from "react";
import { createPasswordResetAction } from "@/lib/members/actions";
import { idle } from "@/lib/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyLink } from "@/components/ui/copy-link";
import { formatDateTime } from "@/lib/dates";

/** An owner creates a one-time link with which a member sets a new password; shown once, like an invitation link. */
export function PasswordResetButton({ orgSlug, membershipId, name }: { orgSlug: string; membershipId: string; name: string }) {
  const [state, action] = useActionState(createPasswordResetAction, idle);
  const data = state.status === "success" ? (state.data as { token: string; expiresAt: string; mailed: boolean }) : undefined;
  const link = data && typeof window !== "undefined" ? `${window.location.origin}/sign-in/reset/${data.token}` : undefined;
  return (
    // A fragment: the button sits in the row's actions; the answer below it takes a line of its own.
    <>
      <form action={action}>
        <input type="hidden" name="org" value={orgSlug} />
        <input type="hidden" name="membershipId" value={membershipId} />
        <SubmitButton variant="secondary" pendingText="Creating…">
          <span>
            Reset password<span className="sr-only"> of {name}</span>
          </span>
        </SubmitButton>
      </form>
      {state.status === "error" && (
        <p role="alert" className="basis-full text-right text-xs text-red-700">
          {state.message}
        </p>
      )}
      {link && (
        <div role="status" className="basis-full rounded-md bg-emerald-50 p-3 text-left text-xs text-emerald-900 ring-1 ring-inset ring-emerald-200">
          <p>
            {state.status === "success" ? state.message : ""} It works once, until {formatDateTime(data!.expiresAt)}, and
            signs {name} out everywhere.
          </p>
          <CopyLink link={link} label={`Password reset link for ${name}`} />
        </div>
      )}
    </>
  );
}
