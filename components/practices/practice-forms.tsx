"use client";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import {
  addPracticeMemberAction,
  archiveClientAction,
  changePracticeMemberRoleAction,
  createClientAction,
  createPracticeAction,
  deleteClientAction,
  endPracticeEngagementAction,
  removePracticeMemberAction,
  restoreClientAction,
  setBenchmarkConsentAction,
  setClientRoleAction,
  updatePracticeAction,
  updatePracticeBrandingAction,
  planNextWorkshopAction,
} from "@/lib/practices/actions";
import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS } from "@/lib/practices/logo-limits";
import { PracticeBrand } from "@/components/reports/practice-brand";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { PRACTICE_ROLES, PRACTICE_ROLE_DESCRIPTIONS, PRACTICE_ROLE_LABELS, type PracticeRole } from "@/lib/auth/practice-permissions";
import { CLIENT_TEMPLATES, CLIENT_TEMPLATE_KEYS } from "@/lib/practices/templates";
import { SelectField, TextField } from "@/components/ui/field";
import { CountrySelect } from "@/components/ui/country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadAddPracticeMemberSchema = () => import("@/lib/practices/schemas").then((m) => m.addPracticeMemberSchema);
const loadCreateClientSchema = () => import("@/lib/practices/schemas").then((m) => m.createClientSchema);
const loadDeleteClientSchema = () => import("@/lib/practices/schemas").then((m) => m.deleteClientSchema);
const loadPlanWorkshopSchema = () => import("@/lib/practices/schemas").then((m) => m.planWorkshopSchema);
const loadPracticeSchema = () => import("@/lib/practices/schemas").then((m) => m.practiceSchema);
const loadUpdatePracticeSchema = () => import("@/lib/practices/schemas").then((m) => m.updatePracticeSchema);

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const PRACTICE_ROLE_OPTIONS = PRACTICE_ROLES.map((r) => ({ value: r, label: PRACTICE_ROLE_LABELS[r] }));

/** What each role may do, under a role select (the options hold only the roles' names). */
function RoleDefinitions({ roles }: { roles: readonly { name: string; description: string }[] }) {
  return (
    <dl className="mt-2 grid gap-x-3 gap-y-1 text-xs text-slate-600 sm:grid-cols-[auto_1fr]">
      {roles.map((r) => (
        <div key={r.name} className="contents">
          <dt className="font-medium text-slate-700">{r.name}</dt>
          <dd>{r.description}</dd>
        </div>
      ))}
    </dl>
  );
}
const CLIENT_ROLE_DEFINITIONS = ROLES.map((r) => ({ name: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }));
const PRACTICE_ROLE_DEFINITIONS = PRACTICE_ROLES.map((r) => ({ name: PRACTICE_ROLE_LABELS[r], description: PRACTICE_ROLE_DESCRIPTIONS[r] }));

function Answer({ state }: { state: ActionState }) {
  if (state.status === "error") return <Alert tone="error">{state.message}</Alert>;
  if (state.status === "success" && state.message) return <Alert tone="success">{state.message}</Alert>;
  return null;
}

/** Founds a practice; the founder becomes its partner. */
export function NewPracticeForm() {
  const [state, action] = useActionState(createPracticeAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadPracticeSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      <Answer state={state} />
      <TextField label="Name of the practice" name="name" required defaultValue={submitted(state, "name")} errors={fieldErrors?.name} placeholder="e.g. Northbridge Advisory" />
      <SubmitButton pendingText="Creating…">Create practice</SubmitButton>
    </form>
  );
}

/** Renames the practice (partners). */
export function PracticeNameForm({ practiceSlug, name, version }: { practiceSlug: string; name: string; version: number }) {
  const [state, action] = useActionState(updatePracticeAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadUpdatePracticeSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <input type="hidden" name="version" value={version} />
      <TextField label="Name of the practice" name="name" required defaultValue={submitted(state, "name") ?? name} errors={fieldErrors?.name} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}

/** Creates a client organisation, empty or from a sector template. */
export function NewClientForm({ practiceSlug, practiceName }: { practiceSlug: string; practiceName: string }) {
  const [state, action] = useActionState(createClientAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadCreateClientSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <TextField label="Client's name" name="name" required defaultValue={submitted(state, "name")} errors={fieldErrors?.name} placeholder="e.g. Thames Mutual Bank plc" />
      <CountrySelect label="Headquarters country" name="hqCountry" defaultValue={submitted(state, "hqCountry")} errors={fieldErrors?.hqCountry} />
      <TextField label="Sector" name="sector" required defaultValue={submitted(state, "sector")} errors={fieldErrors?.sector} placeholder="e.g. Retail banking" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">How the client starts</legend>
        <p className="text-xs text-slate-500">A template is a plausible starter inventory for the sector, which the workshop then corrects. Everything in it can be changed or deleted.</p>
        <div className="mt-2 space-y-2">
          {CLIENT_TEMPLATE_KEYS.map((key) => (
            <label key={key} className="flex items-start gap-2 text-sm text-slate-800">
              <input type="radio" name="template" value={key} defaultChecked={(submitted(state, "template") ?? "empty") === key} className="mt-0.5 size-4 border-slate-300 text-brand-600" />
              {CLIENT_TEMPLATES[key].label}
            </label>
          ))}
        </div>
        {fieldErrors?.template && <p className="mt-1 text-xs text-red-700">{fieldErrors.template.join(" ")}</p>}
      </fieldset>
      <SelectField
        label={`Role of ${practiceName}'s people in this client`}
        name="role"
        options={ROLE_OPTIONS}
        defaultValue={submitted(state, "role") ?? "owner"}
        errors={fieldErrors?.role}
        hint="Every member of the practice works in the client with this role. The client's own owner can end the practice's access at any time."
      />
      <RoleDefinitions roles={CLIENT_ROLE_DEFINITIONS} />
      <SubmitButton pendingText="Creating the client…">Create client</SubmitButton>
    </form>
  );
}

/** The practice's role in one client. */
export function ClientRoleForm({ practiceSlug, clientId, version, role }: { practiceSlug: string; clientId: string; version: number; role: Role }) {
  const [state, action] = useActionState(setClientRoleAction, idle);
  return (
    <form action={action} className="max-w-xl space-y-4">
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="version" value={version} />
      <div>
        <SelectField label="The practice's people work in this client as" name="role" options={ROLE_OPTIONS} defaultValue={role} />
        <RoleDefinitions roles={CLIENT_ROLE_DEFINITIONS} />
      </div>
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save role
      </SubmitButton>
    </form>
  );
}

/**
 * The practice's next workshop with the client: a day and what it is about (partners and
 * consultants). The portfolio lists it; the client's own people see it on their Workshops page.
 */
export function PlanWorkshopForm({ practiceSlug, clientId, version, on, title }: { practiceSlug: string; clientId: string; version: number; on: string | null; title: string | null }) {
  const [state, action] = useActionState(planNextWorkshopAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadPlanWorkshopSchema, state);
  const minDay = new Date().toISOString().slice(0, 10);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <TextField label="Day" name="on" type="date" min={minDay} defaultValue={submitted(state, "on") ?? on ?? ""} errors={fieldErrors?.on} hint="Leave blank: none planned" />
        <TextField label="What it is about (optional)" name="title" defaultValue={submitted(state, "title") ?? title ?? ""} errors={fieldErrors?.title} placeholder="e.g. Fallback drill with the platform team" />
      </div>
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save the plan
      </SubmitButton>
    </form>
  );
}

/** Archive or restore, one button. */
export function ArchiveClientForm({ practiceSlug, clientId, version, archived }: { practiceSlug: string; clientId: string; version: number; archived: boolean }) {
  const [state, action] = useActionState(archived ? restoreClientAction : archiveClientAction, idle);
  return (
    <form action={action} className="space-y-3">
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton variant="secondary" pendingText={archived ? "Restoring…" : "Archiving…"}>
        {archived ? "Restore client" : "Archive client"}
      </SubmitButton>
    </form>
  );
}

/**
 * Deleting a client for good: a dialog that offers the export first and asks for the client's
 * name typed out (the server checks it too).
 */
export function DeleteClientDialog({ practiceSlug, clientId, version, name, exportHref }: { practiceSlug: string; clientId: string; version: number; name: string; exportHref: string | null }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, action] = useActionState(deleteClientAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadDeleteClientSchema, state);
  return (
    <>
      <Button variant="danger-quiet" onClick={() => dialog.current?.showModal()}>
        Delete client…
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Delete {name} for good?
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>The organisation and everything in it go: inventory, scores, assessments, scenarios, reports, remediation plan and its audit trail.</li>
          <li>Nobody can undo this, and no copy is kept. Download the export first if anything in it may be needed again.</li>
        </ul>
        {exportHref ? (
          <a href={exportHref} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
            Download the inventory first (JSON, re-importable)
          </a>
        ) : (
          <p className="mt-3 text-sm text-slate-700">The client is archived, so its export cannot be downloaded: restore it first if you need one.</p>
        )}
        <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
          <input type="hidden" name="practice" value={practiceSlug} />
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="version" value={version} />
          <TextField label={`Type the client's name to confirm: ${name}`} name="confirmName" autoComplete="off" errors={fieldErrors?.confirmName} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingText="Deleting…">
              Delete client
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** Adds someone with a Sovra account to the practice. */
export function AddPracticeMemberForm({ practiceSlug }: { practiceSlug: string }) {
  const [state, action] = useActionState(addPracticeMemberAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadAddPracticeMemberSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4" key={state.status === "success" ? state.message : "form"}>
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <TextField label="Email of their Sovra account" name="email" type="email" autoComplete="off" required defaultValue={submitted(state, "email")} errors={fieldErrors?.email} />
      <div>
        <SelectField label="Role in the practice" name="role" options={PRACTICE_ROLE_OPTIONS} defaultValue={submitted(state, "role") ?? "consultant"} errors={fieldErrors?.role} />
        <RoleDefinitions roles={PRACTICE_ROLE_DEFINITIONS} />
      </div>
      <SubmitButton pendingText="Adding…">Add to the practice</SubmitButton>
    </form>
  );
}

/** One member's practice role, and removing them. */
export function PracticeMemberControls({ practiceSlug, memberId, version, role, name }: { practiceSlug: string; memberId: string; version: number; role: PracticeRole; name: string }) {
  const [state, action] = useActionState(changePracticeMemberRoleAction, idle);
  const [removeState, remove] = useActionState(removePracticeMemberAction, idle);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const answer = removeState.status === "error" ? removeState : state;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={action} className="flex items-center gap-2">
        <input type="hidden" name="practice" value={practiceSlug} />
        <input type="hidden" name="memberId" value={memberId} />
        <input type="hidden" name="version" value={version} />
        <label className="sr-only" htmlFor={`practice-role-${memberId}`}>
          Practice role of {name}
        </label>
        <select id={`practice-role-${memberId}`} name="role" defaultValue={role} className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
          {PRACTICE_ROLES.map((r) => (
            <option key={r} value={r}>
              {PRACTICE_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingText="Saving…">
          Change role
        </SubmitButton>
      </form>
      <Button variant="danger-quiet" onClick={() => dialog.current?.showModal()}>
        Remove
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          Remove {name} from the practice?
        </h2>
        <p className="mt-3 text-sm text-slate-700">They no longer reach the practice&apos;s clients. Their account, and any organisation they belong to themselves, are kept.</p>
        <form action={remove} className="mt-5 flex justify-end gap-2">
          <input type="hidden" name="practice" value={practiceSlug} />
          <input type="hidden" name="memberId" value={memberId} />
          <input type="hidden" name="version" value={version} />
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <SubmitButton variant="danger" pendingText="Removing…">
            Remove
          </SubmitButton>
        </form>
      </dialog>
      {answer.status === "error" && (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {answer.message}
        </p>
      )}
      {answer.status === "success" && answer.message && (
        <p role="status" className="w-full text-right text-xs text-emerald-700">
          {answer.message}
        </p>
      )}
    </div>
  );
}

/** In a client's Settings: its owner ends a practice's access. */
export function EndEngagementButton({ orgSlug, engagementId, version, practiceName }: { orgSlug: string; engagementId: string; version: number; practiceName: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [state, action] = useActionState(endPracticeEngagementAction, idle);
  return (
    <>
      <Button variant="danger-quiet" onClick={() => dialog.current?.showModal()}>
        End access
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          End {practiceName}&apos;s access?
        </h2>
        <p className="mt-3 text-sm text-slate-700">Its people no longer reach this organisation, from their next click. Everything in the organisation stays here, with you. To work with its people again, invite them as members.</p>
        {state.status === "error" && (
          <Alert tone="error" className="mt-3">
            {state.message}
          </Alert>
        )}
        <form action={action} className="mt-5 flex justify-end gap-2">
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="engagementId" value={engagementId} />
          <input type="hidden" name="version" value={version} />
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <SubmitButton variant="danger" pendingText="Ending…">
            End access
          </SubmitButton>
        </form>
      </dialog>
    </>
  );
}

/**
 * In a client's Settings: its owner counts the organisation, anonymised, in a practice's benchmark,
 * or stops (decision 040). One button that says what it will do; the answer says what now holds.
 */
export function BenchmarkConsentForm({ orgSlug, engagementId, version, practiceName, consentedOn }: { orgSlug: string; engagementId: string; version: number; practiceName: string; consentedOn: string | null }) {
  const [state, action] = useActionState(setBenchmarkConsentAction, idle);
  const counted = consentedOn !== null;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="engagementId" value={engagementId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="consent" value={counted ? "off" : "on"} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        {counted ? `Stop counting us in ${practiceName}'s benchmark` : `Count us, anonymised, in ${practiceName}'s benchmark`}
      </SubmitButton>
      <Answer state={state} />
    </form>
  );
}

/**
 * Whether the practice's name and logo go on the reports its members produce for clients, and
 * the logo (partners; decision 042). The chosen file is previewed and its size checked here; its
 * kind and picture size are checked on the server, which has the last word.
 */
export function PracticeBrandingForm({ practiceSlug, practiceName, version, brandReports, logo }: { practiceSlug: string; practiceName: string; version: number; brandReports: boolean; logo: string | null }) {
  const [state, action] = useActionState(updatePracticeBrandingAction, idle);
  const [preview, setPreview] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [remove, setRemove] = useState(false);
  const fileId = useId();
  const errors = state.status === "error" ? state.fieldErrors?.logo : undefined;
  const logoError = tooLarge ?? errors?.join(" ");
  // The object URL of a chosen file lives until another is chosen or the form goes.
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);
  const shown = remove ? null : (preview ?? logo);
  return (
    <form action={action} className="space-y-4" onSubmit={(e) => tooLarge && e.preventDefault()}>
      <Answer state={state} />
      <input type="hidden" name="practice" value={practiceSlug} />
      <input type="hidden" name="version" value={version} />
      <label className="flex items-start gap-3 text-sm text-slate-800">
        <input type="checkbox" name="brandReports" defaultChecked={brandReports} className="mt-0.5 size-4 rounded border-slate-300" />
        <span>
          <span className="font-medium">Put the practice&apos;s name and logo on reports for clients</span>
          <span className="block text-xs text-slate-600">Board reports and workshop summaries that members of the practice produce in a client say &ldquo;Prepared by {practiceName}&rdquo;. Reports the client&apos;s own people produce never do.</span>
        </span>
      </label>
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
          {logo ? "Replace the logo" : "Logo"}
        </label>
        <input
          id={fileId}
          type="file"
          name="logo"
          accept="image/png,image/jpeg"
          aria-invalid={logoError ? true : undefined}
          aria-describedby={`${fileId}-${logoError ? "error" : "hint"}`}
          className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setRemove(false);
            setTooLarge(file && file.size > LOGO_MAX_BYTES ? `This file is ${Math.ceil(file.size / 1024)} KB; a logo may be at most ${LOGO_MAX_BYTES / 1024} KB.` : null);
            setPreview(file ? URL.createObjectURL(file) : null);
          }}
        />
        {logoError ? (
          <p id={`${fileId}-error`} className="mt-1 text-xs text-red-700">
            {logoError}
          </p>
        ) : (
          <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-600">
            PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB and {LOGO_MAX_PIXELS.toLocaleString("en-GB")} pixels on either side. It is printed at most 12 mm high.
          </p>
        )}
      </div>
      {logo && !preview && (
        <label className="flex items-center gap-3 text-sm text-slate-800">
          <input type="checkbox" name="removeLogo" checked={remove} onChange={(e) => setRemove(e.currentTarget.checked)} className="size-4 rounded border-slate-300" />
          Remove the logo
        </label>
      )}
      <div className="rounded-md border border-dashed border-slate-300 p-4">
        <p className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">On a report&apos;s cover</p>
        <PracticeBrand branding={{ practiceName, logo: shown }} />
      </div>
      <SubmitButton variant="secondary" pendingText="Saving…">
        Save report branding
      </SubmitButton>
    </form>
  );
}
