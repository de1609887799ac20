"use client";
import { useActionState, useEffect, useId, useRef } from "react";
import { addSsoDomainAction, createScimTokenAction, refreshSamlMetadataAction, setSsoRequiredAction, verifySsoDomainAction } from "@/lib/sso/actions";
import { setBreakGlassAction } from "@/lib/members/actions";
import { idle, submitted } from "@/lib/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyLink } from "@/components/ui/copy-link";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/components/ui/cn";

// The single sign-on page's small forms (decision 049): each posts to its own server action,
// which checks the session and the owner role again.

/** Reads the SAML metadata again from its URL. */
export function RefreshMetadataButton({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(refreshSamlMetadataAction, idle);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="org" value={orgSlug} />
      <SubmitButton variant="secondary" pendingText="Reading…">
        Refresh metadata
      </SubmitButton>
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </form>
  );
}

export function AddDomainForm({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(addSsoDomainAction, idle);
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={action} noValidate className="space-y-3">
      <input type="hidden" name="org" value={orgSlug} />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <TextField label="Email domain" name="domain" placeholder="example.com" autoComplete="off" defaultValue={submitted(state, "domain")} errors={fieldErrors?.domain} />
        <div className="sm:pt-6">
          <SubmitButton pendingText="Adding…">Add domain</SubmitButton>
        </div>
      </div>
      {state.status === "error" && !fieldErrors?.domain && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </form>
  );
}

/**
 * Looks the TXT record up now and says what was found. `children` (the record to create) and the
 * button show while the domain is unverified; the answer stays after it is verified.
 */
export function VerifyDomainButton({ orgSlug, domainId, domain, verified, children }: { orgSlug: string; domainId: string; domain: string; verified: boolean; children?: React.ReactNode }) {
  const [state, action] = useActionState(verifySsoDomainAction, idle);
  return (
    <div className="space-y-2">
      {!verified && (
        <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          {children}
          <form action={action} className="mt-3">
            <input type="hidden" name="org" value={orgSlug} />
            <input type="hidden" name="domainId" value={domainId} />
            <SubmitButton variant="secondary" pendingText="Looking up…">
              <span>
                Verify<span className="sr-only"> {domain}</span>
              </span>
            </SubmitButton>
          </form>
        </div>
      )}
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </div>
  );
}

/**
 * The "Require single sign-on" switch. Either way it asks first, in a dialog that lists what
 * changes; turning it on ends the password sessions of everyone who is not a break-glass owner.
 */
export function RequireSsoSwitch({ orgSlug, required, version, consequences }: { orgSlug: string; required: boolean; version: number; consequences: string[] }) {
  const [state, action] = useActionState(setSsoRequiredAction, idle);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const labelId = useId();
  const title = required ? "Stop requiring single sign-on?" : "Require single sign-on?";
  // Done: the dialog closes and the answer shows beside the switch; refused: it stays open with the reason.
  useEffect(() => {
    if (state.status === "success") dialog.current?.close();
  }, [state]);
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={required}
          aria-labelledby={labelId}
          onClick={() => dialog.current?.showModal()}
          className={cn("relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600", required ? "bg-brand-600" : "bg-slate-300")}
        >
          <span aria-hidden className={cn("inline-block size-5 rounded-full bg-white shadow transition-transform", required ? "translate-x-5" : "translate-x-0.5")} />
        </button>
        <span id={labelId} className="text-sm font-medium text-slate-900">
          Require single sign-on
        </span>
        <span className="text-sm text-slate-600">{required ? "On" : "Off"}</span>
      </div>
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {consequences.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        {state.status === "error" && (
          <Alert tone="error" className="mt-3">
            {state.message}
          </Alert>
        )}
        <form action={action} className="mt-5 flex flex-wrap justify-end gap-2">
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="required" value={required ? "" : "on"} />
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <SubmitButton variant={required ? "primary" : "danger"} pendingText="Saving…">
            {required ? "Stop requiring it" : "Require single sign-on"}
          </SubmitButton>
        </form>
      </dialog>
    </div>
  );
}

/** Marks an owner as a break-glass account or unmarks them (the members mutation, decision 049). */
export function BreakGlassToggle({ orgSlug, membershipId, breakGlass, version, name }: { orgSlug: string; membershipId: string; breakGlass: boolean; version: number; name: string }) {
  const [state, action] = useActionState(setBreakGlassAction, idle);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="breakGlass" value={breakGlass ? "false" : "true"} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        <span>
          {breakGlass ? "Unmark break-glass" : "Mark as break-glass"}
          <span className="sr-only"> for {name}</span>
        </span>
      </SubmitButton>
      {state.status === "error" && (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}

/** Creates a SCIM token and shows it once. */
export function CreateScimTokenForm({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(createScimTokenAction, idle);
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const data = state.status === "success" ? (state.data as { token: string; name: string }) : undefined;
  return (
    <div className="space-y-3">
      <form action={action} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <input type="hidden" name="org" value={orgSlug} />
        <TextField label="Token name" name="name" placeholder="e.g. Okta provisioning" defaultValue={submitted(state, "name")} errors={fieldErrors?.name} />
        <div className="sm:pt-6">
          <SubmitButton pendingText="Creating…">Create SCIM token</SubmitButton>
        </div>
      </form>
      {state.status === "error" && !fieldErrors?.name && <Alert tone="error">{state.message}</Alert>}
      {data && (
        <Alert tone="success" title="SCIM token (shown once)">
          <p>Copy the token for “{data.name}” now and paste it into the identity provider&apos;s provisioning settings as the bearer token: Sovra keeps only a hash of it.</p>
          <CopyLink key={data.token} link={data.token} label="SCIM token" />
        </Alert>
      )}
    </div>
  );
}
