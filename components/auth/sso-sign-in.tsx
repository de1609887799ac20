"use client";
import Link from "next/link";
import { useActionState } from "react";
import { startInstanceSsoAction, startSsoAction } from "@/lib/sso/start";
import { idle, submitted } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

/**
 * The sign-in page's single sign-on: a work email sends the person to their organisation's
 * identity provider; with an instance-wide IdP that takes every email, a button goes straight there.
 *
 * The work email field appears once asked for (`open`, the page's `?sso=1`, reached by a plain
 * link, so it works without JavaScript): the password form's "Email" field stays the only field
 * named like an email until then, for password managers and for anyone finding it by its label.
 */
export function SsoSignIn({
  callbackUrl,
  open,
  openHref,
  instanceName,
}: {
  callbackUrl?: string;
  open: boolean;
  /** This page with the work email field open. */
  openHref: string;
  /** Set when the instance's IdP takes every email domain. */
  instanceName?: string | null;
}) {
  const [state, action] = useActionState(startSsoAction, idle);
  const [instanceState, instanceAction] = useActionState(startInstanceSsoAction, idle);
  const emailErrors = state.status === "error" ? state.fieldErrors?.email : undefined;
  return (
    <section aria-labelledby="sso-heading" className="mt-8 border-t border-slate-200 pt-6">
      <h2 id="sso-heading" className="text-base font-semibold text-slate-900">
        Single sign-on
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">If your organisation signs in through its identity provider (Entra ID, Okta, Google, Keycloak…), continue with your work email.</p>
      {open ? (
        <form action={action} noValidate className="space-y-4">
          {state.status === "error" && !emailErrors && <Alert tone="error">{state.message}</Alert>}
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <TextField
            label="Work email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            autoFocus
            defaultValue={submitted(state, "email")}
            errors={emailErrors}
          />
          <SubmitButton className="w-full" pendingText="Opening your identity provider…">
            Continue with single sign-on
          </SubmitButton>
        </form>
      ) : (
        <Link href={openHref} className={buttonClass("secondary", "w-full")}>
          Continue with single sign-on
        </Link>
      )}
      {instanceName && (
        <form action={instanceAction} className="mt-3">
          {instanceState.status === "error" && (
            <Alert tone="error" className="mb-3">
              {instanceState.message}
            </Alert>
          )}
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <SubmitButton variant="secondary" className="w-full" pendingText="Opening your identity provider…">
            Sign in with {instanceName}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
