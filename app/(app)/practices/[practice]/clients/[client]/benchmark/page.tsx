import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePracticePage } from "@/lib/auth/context";
import { practiceBenchmark, type BenchmarkedClient } from "@/lib/practices/queries";
import { SIZE_BAND_LABELS, type Cohort, type Quartiles, type ShownCohort } from "@/lib/practices/benchmark";
import { isAppError } from "@/lib/errors";
import { formatDay } from "@/lib/dates";
import { DIMENSIONS, type Dimension } from "@/scoring/options";
import { RATINGS } from "@/scoring/ratings";
import { DIMENSION_LABELS } from "@/lib/scores/dashboard";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RatingBadge } from "@/components/scores/rating-badge";
import { RatingDistributionChart } from "@/components/practices/benchmark-chart";

export const metadata = { title: "Benchmark" };

const one = (x: number) => x.toFixed(1);
const signed = (x: number) => (Math.abs(x) < 0.05 ? "level with" : `${one(Math.abs(x))} ${x > 0 ? "above" : "below"}`);

export default async function BenchmarkPage({ params }: { params: Promise<{ practice: string; client: string }> }) {
  const { practice, client: clientId } = await params;
  const ctx = await requirePracticePage(practice);
  if (!z.uuid().safeParse(clientId).success) notFound();
  const { client, benchmark } = await practiceBenchmark(ctx, clientId).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const clientHref = `/practices/${ctx.practiceSlug}/clients/${client.engagementId}`;
  return (
    <>
      <PageHeader
        title={`Benchmark: ${client.name}`}
        description={`Where ${client.name} stands against the clients of ${ctx.practiceName} that agreed to be counted, anonymised. A figure is shown only when it comes from at least ${benchmark.k} clients scored with the same methodology (version ${benchmark.methodologyVersion}); no other client is named.`}
        actions={
          <>
            <Link href={`/practices/${ctx.practiceSlug}`} className={buttonClass("secondary")}>
              Back to the portfolio
            </Link>
            <Link href={clientHref} className={buttonClass("secondary")}>
              The client
            </Link>
          </>
        }
      />
      <div className="space-y-6">
        <ClientCard client={client} practiceName={ctx.practiceName} />
        {benchmark.cohorts.map((cohort) => (
          <CohortCard key={cohort.kind} cohort={cohort} client={client} k={benchmark.k} />
        ))}
      </div>
    </>
  );
}

function ClientCard({ client, practiceName }: { client: BenchmarkedClient; practiceName: string }) {
  const counted = client.consentedAt !== null && client.score !== null;
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">{client.name}</h2>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
        {client.rating && client.score !== null ? <RatingBadge rating={client.rating} score={client.score} size="lg" /> : <span className="text-slate-600">{client.unscored}</span>}
        <span>Sector: {client.sector}</span>
        <span>Size: {client.sizeBand ? `${SIZE_BAND_LABELS[client.sizeBand]} (${client.headcount.toLocaleString("en-GB")} in its offices)` : "no headcount recorded in its offices"}</span>
      </div>
      <p className="mt-3 text-sm text-slate-600">
        {counted
          ? `Counted in ${practiceName}'s benchmark: its owner agreed on ${formatDay(client.consentedAt!)}. Where it stands is measured against the other clients only.`
          : client.consentedAt
            ? `Its owner agreed to be counted on ${formatDay(client.consentedAt)}, but it has no score yet, so it is not counted.`
            : `Not counted in ${practiceName}'s benchmark: its owner has not agreed (in the client's Settings → Members). It still sees where it stands against the clients that are counted.`}
      </p>
    </Card>
  );
}

function cohortTitle(cohort: Cohort): string {
  if (cohort.kind === "all") return "All counted clients";
  if (cohort.kind === "sector") return `Sector: ${cohort.label}`;
  return `Size: ${cohort.label}`;
}

/** The plain sentence that replaces a withheld cohort's figures. */
function withheldSentence(cohort: Cohort & { status: "withheld" }, client: BenchmarkedClient, k: number): string {
  if (cohort.reason === "no-size-band") return `${client.name}'s offices record no headcount, so it has no size band: no figure is shown.`;
  if (cohort.reason === "rest-fewer-than-k") {
    return `Fewer than ${k} counted clients are outside this ${cohort.kind === "sector" ? "sector" : "size band"}, so its figures would reveal theirs by comparison with all clients: no figure is shown.`;
  }
  if (cohort.kind === "all") return `Fewer than ${k} clients of the practice are counted with this methodology version: no figure is shown.`;
  return `Fewer than ${k} counted clients ${cohort.kind === "sector" ? "in this sector" : "of this size"}: no figure is shown.`;
}

function CohortCard({ cohort, client, k }: { cohort: Cohort; client: BenchmarkedClient; k: number }) {
  const headingId = `cohort-${cohort.kind}`;
  return (
    <Card aria-labelledby={headingId}>
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {cohortTitle(cohort)}
      </h2>
      {cohort.status === "withheld" ? <p className="mt-1 text-sm text-slate-700">{withheldSentence(cohort, client, k)}</p> : <ShownFigures cohort={cohort} client={client} />}
    </Card>
  );
}

function ShownFigures({ cohort, client }: { cohort: ShownCohort; client: BenchmarkedClient }) {
  const s = cohort.standing;
  const own = client.score !== null && client.dimensions !== null ? { score: client.score, dimensions: client.dimensions } : null;
  const rows: { key: string; label: string; q: Quartiles; own: number | null; percentile: number | null }[] = [
    { key: "score", label: "Sovereignty score", q: cohort.score, own: own?.score ?? null, percentile: s?.percentile ?? null },
    ...DIMENSIONS.map((d: Dimension) => ({ key: d, label: DIMENSION_LABELS[d], q: cohort.dimensions[d], own: own?.dimensions[d] ?? null, percentile: s?.dimensions[d].percentile ?? null })),
  ];
  return (
    <>
      <p className="mt-1 text-sm text-slate-700">
        {cohort.n} counted clients.{" "}
        {s && own
          ? `${client.name} scores ${one(own.score)}, ${signed(s.scoreVsMedian)} the median of ${one(cohort.score.median)}: higher than ${Math.round(s.percentile)}% of the other clients here (a tie counts half).`
          : "No score of this client to place among them yet."}
      </p>

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <figure className="min-w-0">
          <figcaption className="text-sm font-medium text-slate-900">
            Score, 0–100
            <span className="block text-xs font-normal text-slate-500">The middle half of the clients lies in the shaded box; the line is the median{own ? `; the dark mark is ${client.name}` : ""}.</span>
          </figcaption>
          <ScoreStrip q={cohort.score} own={own?.score ?? null} />
        </figure>
        <figure className="min-w-0">
          <figcaption className="text-sm font-medium text-slate-900">
            Ratings
            <span className="block text-xs font-normal text-slate-500">Clients per rating{client.rating ? `; the dark bar is ${client.name}'s rating (${client.rating})` : ""}.</span>
          </figcaption>
          <RatingDistributionChart ratings={cohort.ratings} own={client.rating} testId={`benchmark-ratings-${cohort.kind}`} />
        </figure>
      </div>

      <div tabIndex={0} role="region" aria-label={`${cohortTitle(cohort)}: figures, scrollable`} className="mt-4 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">
            {cohortTitle(cohort)}: quartiles of the {cohort.n} counted clients and where {client.name} stands
          </caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Figure</th>
              <th scope="col" className="px-3 py-2 text-right">Lower quartile</th>
              <th scope="col" className="px-3 py-2 text-right">Median</th>
              <th scope="col" className="px-3 py-2 text-right">Upper quartile</th>
              <th scope="col" className="px-3 py-2 text-right">{client.name}</th>
              <th scope="col" className="px-3 py-2 text-right">Higher than</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-900">{r.label}</th>
                <td className="px-3 py-2 text-right tabular-nums">{one(r.q.q1)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{one(r.q.median)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{one(r.q.q3)}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums">{r.own === null ? "—" : one(r.own)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{r.percentile === null ? "—" : `${Math.round(r.percentile)}% of the others`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div tabIndex={0} role="region" aria-label={`${cohortTitle(cohort)}: clients per rating, scrollable`} className="mt-4 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{cohortTitle(cohort)}: counted clients per rating</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Rating</th>
              {RATINGS.map((r) => (
                <th key={r} scope="col" className={cn("whitespace-nowrap px-3 py-2 text-right", r === client.rating && "text-brand-700")}>
                  {r}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">Clients</th>
              {RATINGS.map((r) => (
                <td key={r} className={cn("px-3 py-2 text-right tabular-nums", r === client.rating && "font-semibold text-brand-700")}>
                  {cohort.ratings[r]}
                  {r === client.rating && <span className="block text-xs font-normal">this client</span>}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A 0-100 strip: the quartile box, the median line and the client's mark. The table carries the figures. */
function ScoreStrip({ q, own }: { q: Quartiles; own: number | null }) {
  const at = (x: number) => `${Math.min(100, Math.max(0, x))}%`;
  return (
    <div aria-hidden className="mt-3">
      <div className="relative h-8 rounded bg-slate-100">
        <div className="absolute inset-y-1 rounded-sm bg-brand-100 ring-1 ring-brand-500/40" style={{ left: at(q.q1), width: at(q.q3 - q.q1) }} />
        <div className="absolute inset-y-0 w-0.5 bg-brand-700" style={{ left: at(q.median) }} />
        {own !== null && <div className="absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rotate-45 bg-slate-900 ring-2 ring-white" style={{ left: at(own) }} />}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        <span>0</span>
        <span>50</span>
        <span>100</span>
      </div>
    </div>
  );
}
