import { requireOrgPage } from "@/lib/auth/context";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listMembers, listPendingInvitations } from "@/lib/members/queries";
import { revokeInvitationAction } from "@/lib/members/actions";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRoleForm } from "@/components/members/member-role-form";
import { PasswordResetButton } from "@/components/members/password-reset-button";
import { BreakGlassToggle } from "@/components/sso/sso-forms";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SettingsTabs } from "@/components/organisations/settings-tabs";
import { formatDay } from "@/lib/dates";
import { Alert } from "@/components/ui/alert";
import { listPracticeAccess } from "@/lib/practices/queries";
import { BenchmarkConsentForm, EndEngagementButton } from "@/components/practices/practice-forms";

export const metadata = { title: "Members" };

export default async function MembersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "members:read");
  const ended = (await searchParams).ended === "1";
  const manage = can(ctx.role, "members:manage");
  const breakGlass = can(ctx.role, "sso:manage");
  const [members, invitations, practices] = await Promise.all([listMembers(ctx), manage ? listPendingInvitations(ctx) : Promise.resolve([]), listPracticeAccess(ctx)]);
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="members" />
      {ended && (
        <Alert tone="success" className="mb-6">
          The practice&apos;s access has ended. Its people no longer reach this organisation; everything in it stays here.
        </Alert>
      )}
      {manage && (
        <Card className="mb-6">
          <h2 className="text-base font-semibold text-slate-900">Invite a member</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">Create a link and send it yourself: Sovra sends no email.</p>
          <InviteForm orgSlug={ctx.organisationSlug} />
        </Card>
      )}
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Members ({members.length})</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Email</th>
              <th scope="col" className="px-4 py-3">Role</th>
              {manage && <th scope="col" className="px-4 py-3 text-right">Manage</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                  {m.user.name} {m.user.id === ctx.userId && <Badge tone="brand">you</Badge>}
                </th>
                <td className="px-4 py-3 text-slate-600">{m.user.email}</td>
                <td className="px-4 py-3">
                  {ROLE_LABELS[m.role]}
                  {m.breakGlass && (
                    <span className="ml-2">
                      <Badge tone="amber">Break-glass</Badge>
                    </span>
                  )}
                </td>
                {manage && (
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap items-start justify-end gap-2">
                      <MemberRoleForm orgSlug={ctx.organisationSlug} membershipId={m.id} role={m.role} version={m.version} name={m.user.name} />
                      {m.user.id !== ctx.userId && <PasswordResetButton orgSlug={ctx.organisationSlug} membershipId={m.id} name={m.user.name} />}
                      {/* A break-glass owner keeps a password when single sign-on is required (decision 049). */}
                      {breakGlass && m.role === "owner" && <BreakGlassToggle orgSlug={ctx.organisationSlug} membershipId={m.id} breakGlass={m.breakGlass} version={m.version} name={m.user.name} />}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {manage && invitations.length > 0 && (
        <Card className="mt-6">
          <h2 className="text-base font-semibold text-slate-900">Pending invitations</h2>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-4 py-2">
                <span>
                  {ROLE_LABELS[i.role]}
                  {i.email ? ` for ${i.email}` : ""}, created by {i.createdBy.name}, expires {formatDay(i.expiresAt)}
                </span>
                <ConfirmDelete action={revokeInvitationAction} fields={{ org: ctx.organisationSlug, invitationId: i.id }} title="Revoke this invitation?" consequences={["The link stops working at once."]} label="Revoke" />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {practices.length > 0 && (
        <Card className="mt-6" aria-labelledby="practice-access-heading">
          <h2 id="practice-access-heading" className="text-base font-semibold text-slate-900">
            Consultancies with access
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Every member of these practices reaches this organisation with the role shown, without being a member of it.{manage ? " End a practice's access at any time: the data stays here." : " An owner can end a practice's access."}
          </p>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {practices.map((p) => (
              <li key={p.id} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <span>
                    <span className="font-medium text-slate-900">{p.practice.name}</span>
                    <span className="block text-xs text-slate-500">
                      {p.practice._count.members} {p.practice._count.members === 1 ? "person" : "people"} as {ROLE_LABELS[p.role]} · since {formatDay(p.createdAt)}
                      {p.archivedAt && ` · archived by the practice on ${formatDay(p.archivedAt)} (no access while archived)`}
                    </span>
                  </span>
                  {manage && <EndEngagementButton orgSlug={ctx.organisationSlug} engagementId={p.id} version={p.version} practiceName={p.practice.name} />}
                </div>
                <div className="mt-3 rounded-md bg-slate-50 px-3 py-2">
                  <p className="text-sm text-slate-700">
                    <span className="font-medium text-slate-900">Benchmark: </span>
                    {p.benchmarkConsentAt ? `counted, anonymised, in ${p.practice.name}'s benchmark since ${formatDay(p.benchmarkConsentAt)}.` : `not counted in ${p.practice.name}'s benchmark.`}
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    The practice compares the clients that agree to be counted: a figure only when it comes from at least 5 of them, and never a client&apos;s name. Stopping takes effect at once.
                    {!manage && " An owner of the organisation decides."}
                    {manage && ctx.via && ` Only the organisation's own owner decides: you work here through ${ctx.via}.`}
                  </p>
                  {manage && !ctx.via && (
                    <div className="mt-2">
                      <BenchmarkConsentForm orgSlug={ctx.organisationSlug} engagementId={p.id} version={p.version} practiceName={p.practice.name} consentedOn={p.benchmarkConsentAt ? formatDay(p.benchmarkConsentAt) : null} />
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
