"use client";
import { useActionState } from "react";
import { createPracticeInvitationAction, revokePracticeInvitationAction } from "@/lib/practices/invitation-actions";
import { idle, submitted } from "@/lib/action-state";
import { PRACTICE_ROLES, PRACTICE_ROLE_DESCRIPTIONS, PRACTICE_ROLE_LABELS, type PracticeRole } from "@/lib/auth/practice-permissions";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { formatDay } from "@/lib/dates";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadCreatePracticeInvitationSchema = () => import("@/lib/practices/invitation-schemas").then((m) => m.createPracticeInvitationSchema);

const ROLE_OPTIONS = PRACTICE_ROLES.map((r) => ({ value: r, label: PRACTICE_ROLE_LABELS[r] }));

export interface PendingPracticeInvitation {
  id: string;
  role: PracticeRole;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  createdBy: { name: string };
}

/** A partner makes an invitation link (shown once) and sees, and can revoke, the links still pending. */
export function PracticeInvitations({ practiceSlug, invitations }: { practiceSlug: string; invitations: PendingPracticeInvitation[] }) {
  return (
    <div className="space-y-6">
      <PracticeInviteForm practiceSlug={practiceSlug} />
      <PendingPracticeInvitations practiceSlug={practiceSlug} invitations={invitations} />
    </div>
  );
}

function PracticeInviteForm({ practiceSlug }: { practiceSlug: string }) {
  const [state, action] = useActionState(createPracticeInvitationAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadCreatePracticeInvitationSchema, state);
  const data = state.status === "success" ? (state.data as { token: string; role: string; email: string | null; expiresAt: string }) : undefined;
  const link = data && typeof window !== "undefined" ? `${window.location.origin}/practice-invite/${data.token}` : undefined;
  return (
    <div className="space-y-4">
      <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
        {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
        <input type="hidden" name="practice" value={practiceSlug} />
        <div>
          <SelectField label="Role in the practice" name="role" options={ROLE_OPTIONS} defaultValue={submitted(state, "role") ?? "consultant"} errors={fieldErrors?.role} />
          <dl className="mt-2 grid gap-x-3 gap-y-1 text-xs text-slate-600 sm:grid-cols-[auto_1fr]">
            {PRACTICE_ROLES.map((r) => (
              <div key={r} className="contents">
                <dt className="font-medium text-slate-700">{PRACTICE_ROLE_LABELS[r]}</dt>
                <dd>{PRACTICE_ROLE_DESCRIPTIONS[r]}</dd>
              </div>
            ))}
          </dl>
        </div>
        <TextField
          label="Email (optional)"
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={submitted(state, "email")}
          errors={fieldErrors?.email}
          hint="With an address, only the person with that address can accept the link."
        />
        <SubmitButton pendingText="Making the link…">Make invitation link</SubmitButton>
      </form>
      {link && data && (
        <Alert tone="success" title="Invitation link (shown once)">
          <p>
            Send this link to your colleague. It lets one person{data.email ? ` (${data.email})` : ""} join the practice as {data.role.toLowerCase()} and works until {formatDay(data.expiresAt)}.
          </p>
          <CopyLink link={link} label="Invitation link" />
        </Alert>
      )}
    </div>
  );
}

function PendingPracticeInvitations({ practiceSlug, invitations }: { practiceSlug: string; invitations: PendingPracticeInvitation[] }) {
  if (invitations.length === 0) return <p className="text-sm text-slate-600">No invitation link is waiting to be used.</p>;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Links waiting to be used ({invitations.length})</h3>
      <ul className="mt-2 divide-y divide-slate-100 border-y border-slate-100 text-sm">
        {invitations.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <span className="min-w-0">
              <span className="font-medium text-slate-900">{PRACTICE_ROLE_LABELS[i.role]}</span>
              {i.email ? <span className="break-words text-slate-700"> for {i.email}</span> : <span className="text-slate-700"> for anyone with the link</span>}
              <span className="block text-xs text-slate-500">
                Made by {i.createdBy.name} on <span className="whitespace-nowrap">{formatDay(i.createdAt)}</span> · <span className="whitespace-nowrap">expires {formatDay(i.expiresAt)}</span>
              </span>
            </span>
            <ConfirmDelete
              action={revokePracticeInvitationAction}
              fields={{ practice: practiceSlug, invitationId: i.id }}
              title="Revoke this invitation?"
              consequences={[`The link${i.email ? ` for ${i.email}` : ""} stops working at once: nobody can join the practice with it.`]}
              note="The practice's audit trail records who revoked it. Make a new link at any time."
              label="Revoke"
              pendingText="Revoking…"
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
