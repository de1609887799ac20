import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listAssessmentNotes, listAssessments } from "@/lib/assessments/queries";
import { today } from "@/lib/scores/queries";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { RatingBadge } from "@/components/scores/rating-badge";
import { FreezeAssessmentButton } from "@/components/assessments/freeze-button";
import { Delta } from "@/components/assessments/delta";
import { formatDateTime, formatDay } from "@/lib/dates";

export const metadata = { title: "Assessments" };

export default async function AssessmentsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const [assessments, notes] = await Promise.all([listAssessments(ctx), listAssessmentNotes(ctx)]);
  const base = `/${ctx.organisationSlug}/scores/assessments`;
  return (
    <>
      <PageHeader
        title="Assessments"
        description="Dated, immutable records of the score: the inventory, the policy landscape and the methodology they were scored with. Compare any two to see what moved and why."
        actions={
          <>
            {assessments.length >= 2 && (
              <Link href={`${base}/compare?a=${assessments[1]!.id}&b=${assessments[0]!.id}`} className={buttonClass("secondary")}>
                Compare
              </Link>
            )}
            {can(ctx.role, "assessments:write") && <FreezeAssessmentButton orgSlug={ctx.organisationSlug} today={today()} />}
          </>
        }
      />
      {assessments.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">
            No assessment yet.{" "}
            {can(ctx.role, "assessments:write") ? "Freeze one to keep today's score as a dated record for the board." : "Owners and analysts can freeze one."}
          </p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Assessments, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Date</th>
                <th scope="col" className="px-4 py-3">Sovereignty</th>
                <th scope="col" className="px-4 py-3">Change</th>
                <th scope="col" className="px-4 py-3">Note</th>
                <th scope="col" className="px-4 py-3">Frozen by</th>
                <th scope="col" className="px-4 py-3">Methodology</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {assessments.map((a, i) => {
                const previous = assessments[i + 1];
                return (
                  <tr key={a.id}>
                    <th scope="row" className="px-4 py-3 text-left font-medium">
                      <Link href={`${base}/${a.id}`} className="text-brand-700 underline">
                        {formatDay(a.asOf)}
                      </Link>
                      <span className="block text-xs font-normal text-slate-500">frozen {formatDateTime(a.createdAt)}</span>
                    </th>
                    <td className="whitespace-nowrap px-4 py-3">
                      <RatingBadge rating={a.rating} score={a.score} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      {previous ? (
                        <Link href={`${base}/compare?a=${previous.id}&b=${a.id}`} className="underline decoration-slate-300 underline-offset-2 hover:decoration-current">
                          <Delta value={a.score - previous.score} />
                          <span className="sr-only">: compare with the assessment of {formatDay(previous.asOf)}</span>
                        </Link>
                      ) : (
                        <span className="text-slate-500">First</span>
                      )}
                    </td>
                    <td className="min-w-48 max-w-md px-4 py-3 text-slate-700">{notes.get(a.id) ?? <span className="text-slate-500">—</span>}</td>
                    <td className="px-4 py-3">{a.createdBy?.name ?? "A former member"}</td>
                    <td className="px-4 py-3 tabular-nums">{a.methodologyVersion}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
