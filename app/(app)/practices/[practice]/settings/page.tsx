import { requirePracticePage } from "@/lib/auth/context";
import { canInPractice, PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";
import { getPractice, getPracticeLogo, listPracticeMembers } from "@/lib/practices/queries";
import { formatDay } from "@/lib/dates";
import { Card, PageHeader, Panel } from "@/components/ui/card";
import { AddPracticeMemberForm, PracticeBrandingForm, PracticeMemberControls, PracticeNameForm } from "@/components/practices/practice-forms";
import { listPendingPracticeInvitations } from "@/lib/practices/invitation-queries";
import { PRACTICE_INVITATION_TTL_DAYS } from "@/lib/practices/invitation-schemas";
import { PracticeInvitations } from "@/components/practices/practice-invitations";

export const metadata = { title: "Practice members and settings" };

export default async function PracticeSettingsPage({ params }: { params: Promise<{ practice: string }> }) {
  const { practice } = await params;
  const ctx = await requirePracticePage(practice);
  const partner = canInPractice(ctx.role, "practice:manage");
  const [details, members, logo, invitations] = await Promise.all([getPractice(ctx), listPracticeMembers(ctx), partner ? getPracticeLogo(ctx) : null, partner ? listPendingPracticeInvitations(ctx) : []]);
  return (
    <>
      <PageHeader title="Members and settings" description="Who belongs to the practice. Partners manage the practice and its clients; consultants work in the clients with the role chosen for each." />
      <div className="space-y-6">
        {partner && (
          <Card>
            <h2 className="mb-4 text-base font-semibold text-slate-900">Name</h2>
            <PracticeNameForm practiceSlug={ctx.practiceSlug} name={details.name} version={details.version} />
          </Card>
        )}
        {partner && (
          <Card>
            <h2 className="text-base font-semibold text-slate-900">Reports for clients</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">The practice&apos;s name and logo on what its members produce for clients.</p>
            <PracticeBrandingForm practiceSlug={ctx.practiceSlug} practiceName={details.name} version={details.version} brandReports={details.brandReports} logo={logo} />
          </Card>
        )}
        <Panel>
          <h2 className="px-5 pt-5 text-base font-semibold text-slate-900">Members</h2>
          <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
            {members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                <span className="min-w-0">
                  <span className="font-medium text-slate-900">{m.user.name}</span>
                  {m.user.id === ctx.userId && <span className="text-slate-500"> (you)</span>}
                  <span className="block truncate text-xs text-slate-500">{m.user.email}</span>
                  <span className="block text-xs text-slate-500">Member since {formatDay(m.createdAt)}</span>
                </span>
                {partner ? (
                  <PracticeMemberControls practiceSlug={ctx.practiceSlug} memberId={m.id} version={m.version} role={m.role} name={m.user.name} />
                ) : (
                  <span className="text-slate-700">{PRACTICE_ROLE_LABELS[m.role]}</span>
                )}
              </li>
            ))}
          </ul>
        </Panel>
        {partner && (
          <Card>
            <h2 className="text-base font-semibold text-slate-900">Add a member</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">For someone who already has a Sovra account. For anyone else, make an invitation link below.</p>
            <AddPracticeMemberForm practiceSlug={ctx.practiceSlug} />
          </Card>
        )}
        {partner && (
          <Card aria-labelledby="invite-by-link-heading">
            <h2 id="invite-by-link-heading" className="text-base font-semibold text-slate-900">
              Invite by link
            </h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">For someone without a Sovra account, or to let them join themselves: make a link and send it yourself (Sovra sends no email). It works once, for {PRACTICE_INVITATION_TTL_DAYS} days.</p>
            <PracticeInvitations practiceSlug={ctx.practiceSlug} invitations={invitations} />
          </Card>
        )}
      </div>
    </>
  );
}
