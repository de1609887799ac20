import type { PolicyEventImpact } from "@/lib/policy-events/mutations";
import { Alert } from "@/components/ui/alert";
import { RatingBadge } from "@/components/scores/rating-badge";
import { Delta } from "@/components/assessments/delta";
import { formatDay } from "@/lib/dates";

/** "What changed for this organisation" after a policy event was added, corrected, lifted or deleted. */
export function PolicyEventImpactPanel({ impact, orgName }: { impact: PolicyEventImpact; orgName: string }) {
  if (!impact.ok) {
    return (
      <Alert tone="warning" title={`What changed for ${orgName}`}>
        The inventory cannot be scored yet ({impact.issues.length} problem{impact.issues.length === 1 ? "" : "s"}), so the effect of this change is not known. Fix the inventory on the Scores page.
      </Alert>
    );
  }
  const { organisation: o, landscape, systems, vendors } = impact;
  const changed = [...systems.map((s) => ({ ...s, what: "AI system" })), ...vendors.map((v) => ({ ...v, what: "Vendor" }))];
  return (
    <section aria-labelledby="impact-title" className="rounded-lg bg-sky-50 p-5 ring-1 ring-sky-200">
      <h2 id="impact-title" className="text-base font-semibold text-slate-900">
        What changed for {orgName}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Scored on {formatDay(impact.asOf)}. {landscape.imposed.length ? `In force now: ${landscape.imposed.map((e) => e.title).join(", ")}. ` : ""}
        {landscape.lifted.length ? `No longer in force: ${landscape.lifted.map((e) => e.title).join(", ")}. ` : ""}
        {!landscape.imposed.length && !landscape.lifted.length ? "The landscape on that day is the same as before." : ""}
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span>Organisation score:</span>
        <RatingBadge rating={o.ratingBefore} score={o.before} /> <span aria-hidden>→</span>
        <span className="sr-only">now</span>
        <RatingBadge rating={o.ratingAfter} score={o.after} />
        <Delta value={o.delta} />
      </p>
      {changed.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">No AI system or vendor score moved.</p>
      ) : (
        <table className="mt-3 min-w-full text-sm">
          <caption className="sr-only">Affected AI systems and vendors</caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4">Affected</th>
              <th scope="col" className="py-1 pr-4">Kind</th>
              <th scope="col" className="py-1 pr-4">Before</th>
              <th scope="col" className="py-1 pr-4">After</th>
              <th scope="col" className="py-1">Change</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((c) => (
              <tr key={`${c.what}-${c.key}`}>
                <th scope="row" className="py-1 pr-4 text-left font-medium">
                  {c.name}
                </th>
                <td className="py-1 pr-4">{c.what}</td>
                <td className="py-1 pr-4 tabular-nums">{c.before.toFixed(1)}</td>
                <td className="py-1 pr-4 tabular-nums">{c.after.toFixed(1)}</td>
                <td className="py-1">
                  <Delta value={c.delta} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
