"use client";
import { useActionState } from "react";
import { changeRoleAction, removeMemberAction } from "@/lib/members/actions";
import { idle } from "@/lib/action-state";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmDelete } from "@/components/ui/confirm-delete";

export function MemberRoleForm({ orgSlug, membershipId, role, version, name }: { orgSlug: string; membershipId: string; role: Role; version: number; name: string }) {
  const [state, action] = useActionState(changeRoleAction, idle);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={action} className="flex items-center gap-2">
        <input type="hidden" name="org" value={orgSlug} />
        <input type="hidden" name="membershipId" value={membershipId} />
        <input type="hidden" name="version" value={version} />
        <label className="sr-only" htmlFor={`role-${membershipId}`}>
          Role of {name}
        </label>
        <select id={`role-${membershipId}`} name="role" defaultValue={role} className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingText="Saving…">
          Change role
        </SubmitButton>
      </form>
      <ConfirmDelete
        action={removeMemberAction}
        fields={{ org: orgSlug, membershipId }}
        title={`Remove ${name} from this organisation?`}
        consequences={[`${name} loses access to this organisation at once. Their account and other organisations are kept.`]}
        label="Remove"
      />
      {state.status === "error" && (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {state.message}
        </p>
      )}
      {state.status === "success" && (
        <p role="status" className="w-full text-right text-xs text-emerald-700">
          {state.message}
        </p>
      )}
    </div>
  );
}
