import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireOrgPage } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { captureOptions, getWorkshop, inventoryCounts, listCapturedSystems, listFlowDependencies, listRecentDataFlows, listVerifyItems, listWorkshopActions } from "@/lib/workshops/queries";
import { listOffices } from "@/lib/offices/queries";
import { listScenarios } from "@/lib/scenarios/queries";
import { listOwnerChoices } from "@/lib/remediation/queries";
import { scoreOrganisation } from "@/lib/scores/queries";
import { ACCESS_PATH_LABELS, CRITICALITY_LABELS, PRIORITY_LABELS } from "@/lib/labels";
import { formatDateTime, formatDay } from "@/lib/dates";
import { COUNTRY_NAMES } from "@/lib/country-names";
import { count } from "@/scoring/words";
import type { Rating } from "@/scoring/ratings";
import { DIMENSION_LABELS } from "@/lib/scores/dashboard";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { RatingBadge } from "@/components/scores/rating-badge";
import { WorkshopShell } from "@/components/workshops/workshop-shell";
import { CaptureForm } from "@/components/workshops/capture-form";
import { AgreedActionForm, FlagToVerifyForm, RunShockButton, WorkshopOfficeForm, WorkshopSummaryButton, type VerifySubject } from "@/components/workshops/workshop-forms";
import { listVendorsByName } from "@/lib/vendors/queries";
import { listModelsByName } from "@/lib/models/queries";
import { listAiSystemsByName } from "@/lib/ai-systems/queries";
import { listWorkshopSummaryRuns } from "@/lib/reports/run-queries";
import { ReportProgress } from "@/components/reports/report-progress";
import { formatBytes } from "@/components/reports/report-history";
import { VerifyList } from "@/components/workshops/verify-list";
import { WorkshopDataFlowForm } from "@/components/workshops/data-flow-capture";
import { RecordedFlows } from "@/components/workshops/recorded-flows";

export const metadata = { title: "Workshop" };

/** How many of the latest data flows the data-flow step lists under its form (the projector's height). */
const FLOWS_SHOWN = 6;

export default async function WorkshopPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<{ ended?: string; summary?: string; frozen?: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org, "inventory:read");
  if (!z.uuid().safeParse(id).success) notFound();
  const workshop = await getWorkshop(ctx, id).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const slug = ctx.organisationSlug;
  const [captured, verify, actions, live, counts] = await Promise.all([
    listCapturedSystems(ctx, workshop.startedAt),
    listVerifyItems(ctx, { workshopId: workshop.id }),
    listWorkshopActions(ctx, workshop),
    scoreOrganisation(ctx),
    inventoryCounts(ctx),
  ]);
  const canRun = can(ctx.role, "workshops:run");
  const canCapture = can(ctx.role, "inventory:write");
  const openVerify = verify.filter((v) => !v.confirmedAt);

  const capturedList = (
    <section aria-labelledby="captured-heading" className="mt-6">
      <h3 id="captured-heading" className="text-lg font-semibold">
        Captured in this workshop ({captured.length})
      </h3>
      {captured.length === 0 ? (
        <p className="mt-2 text-slate-600">Nothing yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {captured.map((s) => (
            <li key={s.id} className="px-4 py-3">
              <Link href={`/${slug}/inventory/ai-systems/${s.id}`} className="font-semibold text-brand-700 hover:underline">
                {s.name}
              </Link>{" "}
              <span className="text-sm text-slate-600">{CRITICALITY_LABELS[s.criticality]}</span>
              {s.dependencies.map((d) => (
                <p key={d.id} className="text-base">
                  {d.model.name} ({d.model.vendor.name}) · {ACCESS_PATH_LABELS[d.accessPath]} ·{" "}
                  {d.fallbacks.length ? (
                    `fallback: ${d.fallbacks.map((f) => `${f.model.name}, ${ACCESS_PATH_LABELS[f.accessPath]}`).join("; ")}`
                  ) : (
                    <strong className="text-red-700">no fallback</strong>
                  )}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  if (workshop.status === "ended") {
    const [runs, search] = await Promise.all([listWorkshopSummaryRuns(ctx, workshop.id), searchParams]);
    const latest = runs[0];
    const summaryProblem = search.summary
      ? search.summary === "RATE_LIMITED"
        ? "The summary could not start: several reports are being made for this organisation. Make it again in a moment."
        : "The summary could not start. Make it again below."
      : null;
    return (
      <>
        <PageHeader title={workshop.title} description={`Workshop from ${formatDateTime(workshop.startedAt)} to ${workshop.endedAt ? formatDateTime(workshop.endedAt) : "–"}.`} actions={<Link href={`/${slug}/workshops`} className={buttonClass("secondary")}>All workshops</Link>} />
        {search.ended === "1" && (
          <Alert tone="success" className="mb-6">
            The workshop has ended.{" "}
            {workshop.assessmentId
              ? "Its assessment is frozen and listed under Scores, Assessments."
              : search.frozen === "too-large"
                ? "The inventory is too large to freeze as an assessment, so none was frozen: the live scores still reflect it."
                : "The inventory could not be scored, so no assessment was frozen: the Scores page lists what to fix."}
          </Alert>
        )}
        <Card aria-labelledby="summary-pdf-heading" className="mb-6">
            <h2 id="summary-pdf-heading" className="text-lg font-semibold">Summary PDF</h2>
            <p className="mt-1 text-sm text-slate-600">Attendees, what was captured, the rating, top risks, shocks run, agreed actions and open questions, in a few pages.</p>
            <div className="mt-3 space-y-3">
              {summaryProblem && <Alert tone="warning">{summaryProblem}</Alert>}
              {!workshop.assessmentId ? (
                <p className="text-sm">No assessment was frozen, so there is no summary to print.</p>
              ) : latest && (latest.status === "queued" || latest.status === "running") ? (
                <ReportProgress orgSlug={slug} initial={latest} label="Making the workshop summary" />
              ) : latest?.status === "succeeded" ? (
                <p className="text-sm">
                  <a href={`/api/v1/orgs/${slug}/reports/${latest.id}/pdf`} download className="font-semibold text-brand-700 underline">
                    Download the workshop summary
                  </a>{" "}
                  ({latest.pageCount ?? "?"} {latest.pageCount === 1 ? "page" : "pages"}, {latest.pdfBytes ? formatBytes(latest.pdfBytes) : "–"}, made {formatDateTime(latest.finishedAt ?? latest.createdAt)})
                </p>
              ) : latest?.status === "failed" ? (
                <Alert tone="error">The summary could not be made: {latest.error}</Alert>
              ) : null}
              {workshop.assessmentId && canRun && !(latest && (latest.status === "queued" || latest.status === "running")) && <WorkshopSummaryButton org={slug} id={workshop.id} label={latest ? "Make the summary again" : "Make the summary"} />}
            </div>
          </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="summary-heading">
            <h2 id="summary-heading" className="text-lg font-semibold">Summary</h2>
            <dl className="mt-3 space-y-2 text-sm">
              <div><dt className="inline font-medium">Attendees: </dt><dd className="inline">{workshop.attendees.length ? workshop.attendees.join(", ") : "not recorded"}</dd></div>
              <div><dt className="inline font-medium">Rating at the start: </dt><dd className="inline">{workshop.startRating ? `${workshop.startRating} (${workshop.startScore?.toFixed(1)})` : "not scoreable"}</dd></div>
              <div>
                <dt className="inline font-medium">Assessment frozen at the end: </dt>
                <dd className="inline">{workshop.assessmentId ? <Link className="text-brand-700 underline" href={`/${slug}/scores/assessments/${workshop.assessmentId}`}>open it</Link> : "none"}</dd>
              </div>
              <div><dt className="inline font-medium">Agreed actions: </dt><dd className="inline">{actions.length}</dd></div>
            </dl>
          </Card>
          <Card aria-labelledby="verify-ended-heading">
            <h2 id="verify-ended-heading" className="mb-3 text-lg font-semibold">Facts to verify</h2>
            <VerifyList org={slug} items={verify} canConfirm={canRun} empty="Nothing was flagged." />
          </Card>
        </div>
        {capturedList}
      </>
    );
  }

  // What a fact to verify can be about (the form's select, grouped by kind): read only for someone who may flag one.
  const none = { items: [] as { id: string; name: string }[] };
  const page = { page: 1, size: 500 };
  // One read of the latest data flows: the data-flow step lists a few; for those who flag or capture,
  // up to 500 are facts to verify (sorted by name below) and names a suggested flow name avoids.
  const [options, offices, scenarios, members, systems, vendors, models, flows, flowDependencies] = await Promise.all([
    captureOptions(ctx),
    listOffices(ctx),
    listScenarios(ctx),
    listOwnerChoices(ctx),
    canRun ? listAiSystemsByName(ctx, page) : none,
    canRun ? listVendorsByName(ctx, page) : none,
    canRun ? listModelsByName(ctx, page) : none,
    listRecentDataFlows(ctx, canRun || canCapture ? page.size : FLOWS_SHOWN),
    canCapture ? listFlowDependencies(ctx) : [],
  ]);
  const subjects: VerifySubject[] = [
    ...systems.items.map((x) => ({ type: "ai_system" as const, id: x.id, name: x.name })),
    ...offices.map((x) => ({ type: "office" as const, id: x.id, name: x.name })),
    ...vendors.items.map((x) => ({ type: "vendor" as const, id: x.id, name: x.name })),
    ...models.items.map((x) => ({ type: "model" as const, id: x.id, name: x.name })),
    ...(canRun ? flows : []).map((x) => ({ type: "data_flow" as const, id: x.id, name: x.name })).sort((a, b) => a.name.localeCompare(b.name, "en")),
  ];
  const now = live.ok ? live.result.organisation : null;

  const panels = [
    // 1. Context and offices
    <div key="context" className="space-y-4">
      <p className="text-lg">
        {ctx.organisationName}: {count(counts.offices, "office")}, {count(counts.systems, "AI system")}, {count(counts.dependencies, "dependency", "dependencies")}, {count(counts.dataFlows, "data flow")} recorded.
      </p>
      {offices.length === 0 ? (
        <Alert tone="info">No office yet{canCapture ? ": add the first one below" : ""}. Scores count people by office.</Alert>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
          {offices.map((o) => (
            <li key={o.id} className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
              <p className="font-semibold">{o.name}</p>
              <p className="text-slate-700">
                {COUNTRY_NAMES[o.country] ?? o.country} · {o.headcount === null ? "headcount not recorded" : `${o.headcount.toLocaleString("en")} people`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCapture && <WorkshopOfficeForm org={slug} />}
    </div>,
    // 2. AI systems with model, access path and fallback
    <div key="systems">
      {canCapture ? (
        <CaptureForm org={slug} workshopId={workshop.id} models={options.models} clouds={options.clouds} offices={offices.map((o) => ({ id: o.id, name: o.name }))} />
      ) : (
        <Alert tone="info">Your role reads the inventory; an owner or editor captures systems.</Alert>
      )}
      {capturedList}
    </div>,
    // 3. Fallbacks
    <div key="fallbacks">
      <p className="text-lg">
        {count(counts.dependencies, "dependency", "dependencies")}, {count(counts.fallbacks, "fallback")}. Drill dates and switch times are recorded with each dependency, on its AI system:{" "}
        <Link href={`/${slug}/inventory/ai-systems`} className="text-brand-700 underline">open the AI systems</Link>.
      </p>
      {canRun && subjects.length > 0 && (
        <div className="mt-5">
          <FlagToVerifyForm org={slug} workshopId={workshop.id} subjects={subjects} />
        </div>
      )}
      {capturedList}
    </div>,
    // 4. Data flows
    <div key="data-flows" className="space-y-5">
      {!canCapture ? (
        <Alert tone="info">Your role reads the inventory; an owner or editor captures data flows.</Alert>
      ) : offices.length === 0 || flowDependencies.length === 0 ? (
        <Alert tone="info">
          {offices.length === 0 && flowDependencies.length === 0
            ? "Capture an office (step 1) and an AI system with its model (step 2) first: a data flow leaves an office for one of those models."
            : offices.length === 0
              ? "Capture an office first (step 1): a data flow leaves from one."
              : "Capture an AI system with its model first (step 2): a data flow feeds one of its models."}
        </Alert>
      ) : (
        <WorkshopDataFlowForm org={slug} offices={offices.map((o) => ({ id: o.id, name: o.name }))} dependencies={flowDependencies} takenNames={flows.map((f) => f.name)} />
      )}
      <RecordedFlows org={slug} flows={flows.slice(0, FLOWS_SHOWN)} total={counts.dataFlows} since={workshop.startedAt} />
    </div>,
    // 5. Reveal
    <div key="reveal" className="space-y-6">
      {now ? (
        <>
          <div className="flex flex-wrap items-end gap-10">
            <div>
              <p className="text-sm font-medium text-slate-600">When we began</p>
              {workshop.startRating ? <RatingBadge rating={workshop.startRating as Rating} score={workshop.startScore ?? undefined} size="lg" /> : <p className="text-lg">not scoreable</p>}
            </div>
            <div>
              <p className="text-sm font-medium text-slate-600">Now</p>
              <RatingBadge rating={now.rating} score={now.score} size="lg" />
            </div>
            {workshop.startScore !== null && (
              <p className="text-2xl font-semibold tabular-nums">
                {now.score - workshop.startScore >= 0 ? "+" : "−"}
                {Math.abs(now.score - workshop.startScore).toFixed(1)} points
              </p>
            )}
          </div>
          <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {Object.entries(now.dimensions).map(([k, v]) => (
              <div key={k} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
                <dt className="text-sm text-slate-600">{DIMENSION_LABELS[k as keyof typeof DIMENSION_LABELS]}</dt>
                <dd className="text-3xl font-semibold tabular-nums">{v.toFixed(0)}</dd>
              </div>
            ))}
          </dl>
          {live.ok && live.result.findings.length > 0 && (
            <section aria-labelledby="risks-heading">
              <h3 id="risks-heading" className="text-lg font-semibold">Top risks</h3>
              <ol className="mt-2 list-decimal space-y-1 pl-6 text-base">
                {live.result.findings.slice(0, 5).map((f) => (
                  <li key={`${f.dependency}:${f.factor}`}>{f.sentence}</li>
                ))}
              </ol>
            </section>
          )}
        </>
      ) : (
        <Alert tone="warning">The inventory cannot be scored yet: {live.ok ? "" : `${count(live.issues.length, "problem")}, listed on the Scores page`}.</Alert>
      )}
    </div>,
    // 6. Shocks, run here in the room; a run since the workshop began shows its result on the card.
    <div key="shocks" className="space-y-3">
      {scenarios.length === 0 ? (
        <p className="text-lg">No scenario saved yet.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {scenarios.map((s) => {
            const ranHere = s.lastRunAt !== null && s.lastRunAt >= workshop.startedAt && s.lastResult !== null ? s.lastResult : null;
            return (
              <li key={s.id} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label={s.name}>
                <div>
                  <p className="text-lg font-semibold">{s.name}</p>
                  {s.description && <p className="text-slate-700">{s.description}</p>}
                </div>
                {ranHere ? (
                  <div className="space-y-2" data-testid="shock-result">
                    <p className="flex flex-wrap items-center gap-2 text-base">
                      <RatingBadge rating={ranHere.score.ratingBefore} score={ranHere.score.before} />
                      <span aria-hidden>→</span>
                      <span className="sr-only">becomes</span>
                      <RatingBadge rating={ranHere.score.ratingAfter} score={ranHere.score.after} />
                      <span className="text-xl font-semibold tabular-nums">
                        {ranHere.score.delta >= 0 ? "+" : "−"}
                        {Math.abs(ranHere.score.delta).toFixed(1)} points
                      </span>
                    </p>
                    <p className="text-base text-slate-800">{ranHere.summary}</p>
                    <p className="text-xs text-slate-500">Run at {formatDateTime(s.lastRunAt!)} on the inventory as it stood then.</p>
                  </div>
                ) : (
                  <p className="text-slate-600">Not run in this workshop yet.</p>
                )}
                <div className="flex flex-wrap items-center gap-3">
                  {canRun && <RunShockButton org={slug} workshopId={workshop.id} scenarioId={s.id} name={s.name} again={ranHere !== null} />}
                  <Link href={`/${slug}/scenarios/${s.id}`} className="text-sm font-medium text-brand-700 underline" target="_blank">
                    Every system it reaches<span className="sr-only"> ({s.name}, opens a new tab)</span>
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Link href={`/${slug}/scenarios/new`} className={buttonClass("ghost")} target="_blank">Build a new shock (opens a new tab)</Link>
    </div>,
    // 7. Agreed actions
    <div key="actions" className="space-y-5">
      {canRun && <AgreedActionForm org={slug} workshopId={workshop.id} members={members} />}
      <section aria-labelledby="agreed-heading">
        <h3 id="agreed-heading" className="text-lg font-semibold">Agreed so far ({actions.length})</h3>
        <ul className="mt-2 space-y-1">
          {actions.map((a) => (
            <li key={a.id} className="text-base">
              <strong>{a.title}</strong> · {PRIORITY_LABELS[a.priority]} · {a.owner ? (a.owner.name ?? a.owner.email) : "no owner yet"} · {a.dueDate ? `due ${formatDay(a.dueDate)}` : "no date"}
            </li>
          ))}
        </ul>
      </section>
    </div>,
  ];

  return (
    <WorkshopShell
      org={slug}
      canRun={canRun}
      workshop={{ id: workshop.id, version: workshop.version, title: workshop.title, step: workshop.step, startedAt: workshop.startedAt.toISOString() }}
      panels={panels}
      aside={
        <>
          <h2 className="mb-3 text-lg font-semibold">To verify ({openVerify.length})</h2>
          <VerifyList org={slug} items={openVerify} canConfirm={canRun} empty="Nothing flagged. Tick “not sure” when capturing to flag a fact." large />
        </>
      }
    />
  );
}
