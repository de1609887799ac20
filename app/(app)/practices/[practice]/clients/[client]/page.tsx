import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePracticePage } from "@/lib/auth/context";
import { canInPractice } from "@/lib/auth/practice-permissions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPracticeClient } from "@/lib/practices/queries";
import { isAppError } from "@/lib/errors";
import { formatDay, formatDayLong } from "@/lib/dates";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ArchiveClientForm, ClientRoleForm, DeleteClientDialog, PlanWorkshopForm } from "@/components/practices/practice-forms";

export const metadata = { title: "Client" };

export default async function ClientPage({ params }: { params: Promise<{ practice: string; client: string }> }) {
  const { practice, client: clientId } = await params;
  const ctx = await requirePracticePage(practice);
  if (!z.uuid().safeParse(clientId).success) notFound();
  const client = await getPracticeClient(ctx, clientId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const partner = canInPractice(ctx.role, "clients:manage");
  const archived = client.archivedAt !== null;
  const ownMembers = client.organisation._count.memberships;
  return (
    <>
      <PageHeader
        title={client.organisation.name}
        description={`A client of ${ctx.practiceName} since ${formatDay(client.createdAt)}. ${ownMembers === 0 ? "No people of its own yet." : `${ownMembers} ${ownMembers === 1 ? "person" : "people"} of its own.`}`}
        actions={
          !archived && (
            <>
              <Link href={`/practices/${ctx.practiceSlug}/clients/${client.id}/benchmark`} className={buttonClass("secondary")}>
                Benchmark
              </Link>
              <Link href={`/${client.organisation.slug}`} className={buttonClass("primary")}>
                Open the client
              </Link>
            </>
          )
        }
      />
      {archived && (
        <Alert tone="info" className="mb-4">
          Archived on {formatDay(client.archivedAt!)}. Nobody in the practice reaches it until it is restored.
        </Alert>
      )}
      {!archived && canInPractice(ctx.role, "clients:plan") && (
        <Card id="next-workshop" className="mb-6 scroll-mt-24">
          <h2 className="text-base font-semibold text-slate-900">Next workshop</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {client.nextWorkshopOn
              ? `Planned for ${formatDayLong(client.nextWorkshopOn)}${client.nextWorkshopTitle ? `: ${client.nextWorkshopTitle}` : ""}. The portfolio lists it, and the client's own people see it on their Workshops page.`
              : "None planned. The portfolio lists the day you choose, and the client's own people see it on their Workshops page."}
          </p>
          <PlanWorkshopForm practiceSlug={ctx.practiceSlug} clientId={client.id} version={client.version} on={client.nextWorkshopOn ? client.nextWorkshopOn.toISOString().slice(0, 10) : null} title={client.nextWorkshopTitle} />
        </Card>
      )}
      {!partner ? (
        <Card>
          <p className="text-sm text-slate-700">
            The practice works in this client as <strong>{ROLE_LABELS[client.role]}</strong>. A partner of the practice changes that, archives or deletes the client.
          </p>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card>
            <h2 className="text-base font-semibold text-slate-900">The practice&apos;s role</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">What every member of the practice may do in this client. Someone who is also a member of the client keeps their own role there.</p>
            <ClientRoleForm practiceSlug={ctx.practiceSlug} clientId={client.id} version={client.version} role={client.role} />
          </Card>
          <Card>
            <h2 className="text-base font-semibold text-slate-900">{archived ? "Restore" : "Archive"}</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              {archived ? "Back into the portfolio, and within reach of the practice's people again." : "Out of the portfolio and out of reach of the practice's people, for a client the practice no longer works with. Nothing in it is deleted; restore it at any time."}
            </p>
            <ArchiveClientForm practiceSlug={ctx.practiceSlug} clientId={client.id} version={client.version} archived={archived} />
          </Card>
          <Card className="ring-red-200">
            <h2 className="text-base font-semibold text-slate-900">Delete</h2>
            {ownMembers > 0 ? (
              <p className="mt-1 text-sm text-slate-600">This client has people of its own, so its data is theirs: archive it instead, or ask its owner to end the practice&apos;s access.</p>
            ) : (
              <>
                <p className="mb-4 mt-1 text-sm text-slate-600">For a client created by mistake or never started: the organisation and everything in it, for good.</p>
                <DeleteClientDialog practiceSlug={ctx.practiceSlug} clientId={client.id} version={client.version} name={client.organisation.name} exportHref={archived ? null : `/${client.organisation.slug}/inventory/export/json`} />
              </>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
