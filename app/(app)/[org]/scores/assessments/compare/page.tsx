import { notFound } from "next/navigation";
import { requireOrgPage } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";
import { compareAssessmentsSchema } from "@/lib/assessments/schemas";
import { changeDigest, compareAssessments, listAssessments, type AssessmentComparison, type AssessmentSummary, type EntityDelta } from "@/lib/assessments/queries";
import { describeChange } from "@/lib/assessments/input-diff";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { RatingBadge } from "@/components/scores/rating-badge";
import { Delta } from "@/components/assessments/delta";
import { WhatChanged } from "@/components/assessments/what-changed";
import { FACTORS } from "@/scoring";
import { formatDateTime, formatDay, readableDays } from "@/lib/dates";

/** A factor's name as the methodology gives it ("Fallback readiness"), for a sentence that moved the score. */
const factorLabel = (id: string) => FACTORS.find((f) => f.id === id)?.label ?? "Other";

export const metadata = { title: "Compare assessments" };

const DIMENSION_LABELS = { access: "Access", jurisdiction: "Jurisdiction", fallback: "Fallback readiness", concentration: "Concentration" } as const;
const STATUS_LABELS = { added: "Added", removed: "Removed", changed: "Changed", unchanged: "Unchanged" } as const;

const optionLabel = (a: AssessmentSummary) => `${formatDay(a.asOf)} · ${a.score.toFixed(1)} ${a.rating} (frozen ${formatDateTime(a.createdAt)})`;

export default async function CompareAssessmentsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const query = await searchParams;
  const assessments = await listAssessments(ctx);
  const parsed = compareAssessmentsSchema.safeParse({ a: query.a, b: query.b });
  let comparison: AssessmentComparison | null = null;
  if (parsed.success) {
    try {
      comparison = await compareAssessments(ctx, parsed.data.a, parsed.data.b);
    } catch (e) {
      if (isAppError(e) && e.code === "NOT_FOUND") notFound();
      throw e;
    }
  }
  const selected = { a: parsed.success ? parsed.data.a : (assessments[1]?.id ?? ""), b: parsed.success ? parsed.data.b : (assessments[0]?.id ?? "") };
  return (
    <>
      <PageHeader title="Compare assessments" description="Two assessments side by side: how the score moved, and which changes to the inventory, the policy landscape or the methodology moved it." />
      {assessments.length < 2 ? (
        <Alert>Comparing needs two assessments; there {assessments.length === 1 ? "is one" : "are none"} so far.</Alert>
      ) : (
        <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          {(["a", "b"] as const).map((name) => (
            <div key={name} className="min-w-0 max-w-full">
              <label htmlFor={`compare-${name}`} className="block text-sm font-medium text-slate-800">
                {name === "a" ? "Before" : "After"}
              </label>
              <select id={`compare-${name}`} name={name} defaultValue={selected[name]} className="mt-1 block w-full max-w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
                {assessments.map((a) => (
                  <option key={a.id} value={a.id}>
                    {optionLabel(a)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Compare
          </button>
        </form>
      )}
      {comparison && <Comparison c={comparison} />}
    </>
  );
}

function Side({ title, a }: { title: string; a: AssessmentSummary }) {
  return (
    <Card>
      <h2 className="text-sm font-semibold text-slate-500">{title}</h2>
      <p className="mt-1 text-base font-semibold text-slate-900">Assessment of {formatDay(a.asOf)}</p>
      <p className="mt-2 flex items-baseline gap-3">
        <span className="text-3xl font-semibold tabular-nums">{a.score.toFixed(1)}</span>
        <RatingBadge rating={a.rating} />
      </p>
      <p className="mt-2 text-xs text-slate-500">
        Frozen {formatDateTime(a.createdAt)} by {a.createdBy?.name ?? "a former member"} · methodology {a.methodologyVersion}
      </p>
    </Card>
  );
}

function Comparison({ c }: { c: AssessmentComparison }) {
  const o = c.organisation;
  const reasons = c.inputs.map(describeChange);
  return (
    <div className="space-y-6">
      <WhatChanged c={changeDigest(c)} />
      <div className="grid gap-4 md:grid-cols-3">
        <Side title="Before" a={c.before} />
        <Card>
          <h2 className="text-sm font-semibold text-slate-500">Change</h2>
          <p className="mt-3 text-3xl" data-testid="organisation-delta">
            <Delta value={o.delta} />
          </p>
          <p className="mt-2 text-sm text-slate-700">{o.ratingBefore === o.ratingAfter ? `Rating unchanged (${o.ratingAfter})` : `Rating ${o.ratingBefore} → ${o.ratingAfter}`}</p>
        </Card>
        <Side title="After" a={c.after} />
      </div>

      <Card aria-labelledby="why-heading">
        <h2 id="why-heading" className="text-base font-semibold text-slate-900">
          Why the score moved
        </h2>
        {c.methodology.changed && (
          <Alert tone="warning" className="mt-3">
            The methodology changed from {c.methodology.before} to {c.methodology.after}: part of the move may come from the method, not from the inventory.
          </Alert>
        )}
        <h3 className="mt-4 text-sm font-semibold text-slate-900">Inventory</h3>
        {reasons.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">The inventory was the same in both assessments.</p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="input-changes">
            {reasons.map((r, i) => (
              <li key={`${c.inputs[i]!.section}:${c.inputs[i]!.key}`}>{r}</li>
            ))}
          </ul>
        )}
        <h3 className="mt-4 text-sm font-semibold text-slate-900">Policy landscape</h3>
        {c.landscape.imposed.length + c.landscape.lifted.length + c.landscape.partlyLifted.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">The same policy events were in force{c.asOfChanged ? ` on ${formatDay(c.before.asOf)} and ${formatDay(c.after.asOf)}` : ""}.</p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            Of the policy events,{" "}
            {[
              c.landscape.imposed.length > 0 && `${c.landscape.imposed.length} came into force`,
              c.landscape.lifted.length > 0 && `${c.landscape.lifted.length} ended`,
              c.landscape.partlyLifted.length > 0 && `${c.landscape.partlyLifted.length} ${c.landscape.partlyLifted.length === 1 ? "was" : "were"} partly lifted`,
            ]
              .filter(Boolean)
              .join(", ")}{" "}
            (each is listed under What changed, above); their effect on the score is in the factors below.
          </p>
        )}
        {o.factors.length > 0 && (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Factors that moved the organisation score</h3>
            <ul className="mt-1 space-y-2 text-sm text-slate-700">
              {o.factors.slice(0, 6).map((f) => (
                <li key={f.id} className="flex gap-3">
                  <span className="w-20 shrink-0 text-right"><Delta value={f.delta} /></span>
                  <span>
                    <span className="font-medium text-slate-900">{factorLabel(f.id)}.</span> {readableDays(f.sentenceAfter || f.sentenceBefore)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Dimensions</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr><th scope="col" className="px-4 py-2">Dimension</th><th scope="col" className="px-4 py-2 text-right">Before</th><th scope="col" className="px-4 py-2 text-right">After</th><th scope="col" className="px-4 py-2 text-right">Change</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {c.dimensions.map((d) => (
              <tr key={d.dimension}>
                <th scope="row" className="px-4 py-2 text-left font-medium">{DIMENSION_LABELS[d.dimension]}</th>
                <td className="px-4 py-2 text-right tabular-nums">{d.before.toFixed(1)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{d.after.toFixed(1)}</td>
                <td className="px-4 py-2 text-right"><Delta value={d.delta} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <EntityTable caption="Vendors" rows={c.vendors} />
      <EntityTable caption="AI systems" rows={c.systems} />
    </div>
  );
}

function EntityTable({ caption, rows }: { caption: string; rows: EntityDelta[] }) {
  return (
    <Card className="overflow-x-auto p-0">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Before</th>
            <th scope="col" className="px-4 py-2">After</th>
            <th scope="col" className="px-4 py-2 text-right">Change</th>
            <th scope="col" className="px-4 py-2">Main reason</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="px-4 py-2 text-left font-medium">{r.name}</th>
              <td className="whitespace-nowrap px-4 py-2">{r.ratingBefore ? <RatingBadge rating={r.ratingBefore} score={r.before!} /> : <span className="text-slate-500">—</span>}</td>
              <td className="whitespace-nowrap px-4 py-2">{r.ratingAfter ? <RatingBadge rating={r.ratingAfter} score={r.after!} /> : <span className="text-slate-500">—</span>}</td>
              <td className="whitespace-nowrap px-4 py-2 text-right">{r.status === "added" || r.status === "removed" ? STATUS_LABELS[r.status] : <Delta value={r.delta} />}</td>
              <td className="max-w-md px-4 py-2 text-slate-600">
                {r.factors[0] ? (
                  <>
                    <span className="font-medium text-slate-800">{factorLabel(r.factors[0].id)}:</span> {readableDays(r.factors[0].sentenceAfter || r.factors[0].sentenceBefore)}
                  </>
                ) : (
                  ""
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
