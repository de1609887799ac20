import { auth } from "@/lib/auth/auth";
import { requireOrgPage, requireUserPage } from "@/lib/auth/context";
import { listMySessions } from "@/lib/account/queries";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { formatDateTime } from "@/lib/dates";

export const metadata = { title: "Your account" };


/** The signed-in person's own account: their password and where they are signed in. Shown inside an organisation's shell; it belongs to no organisation. */
export default async function AccountPage({ params }: { params: Promise<{ org: string }> }) {
  await requireOrgPage((await params).org);
  const user = await requireUserPage();
  const [session, sessions] = await Promise.all([auth(), listMySessions(user.id)]);
  return (
    <>
      <PageHeader title="Your account" description={`${user.name}, ${user.email}`} />
      <Card className="mb-6">
        <h2 className="text-base font-semibold text-slate-900">Change password</h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">Your other browsers are signed out when you change it.</p>
        <ChangePasswordForm name={user.name} email={user.email} />
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Where you are signed in ({sessions.length})</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Browser</th>
              <th scope="col" className="px-4 py-3">Address</th>
              <th scope="col" className="px-4 py-3">Signed in</th>
              <th scope="col" className="px-4 py-3">Last active</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                  {s.userAgent || "Unknown browser"} {s.id === session?.sessionId && <Badge tone="brand">this browser</Badge>}
                </th>
                <td className="px-4 py-3 text-slate-600">{s.address || "unknown"}</td>
                <td className="px-4 py-3 text-slate-600">{formatDateTime(s.createdAt)}</td>
                <td className="px-4 py-3 text-slate-600">{formatDateTime(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="border-t border-slate-100 px-4 py-4">
          <p className="mb-3 text-sm text-slate-600">Lost a device, or signed in somewhere you should not have? End every session, this one too.</p>
          <SignOutEverywhere />
        </div>
      </Card>
    </>
  );
}
