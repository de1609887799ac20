import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { InventoryCounts } from "@/lib/organisations/queries";


/**
 * In place of a rating while nothing can be scored (no AI system depends on a model yet: the
 * engine's 100 of nothing is not a rating): what the rating needs, step by step, with
 * what is done ticked. Each step links to where it is done.
 */
export function GettingStarted({ counts, orgSlug, canEdit }: { counts: InventoryCounts; orgSlug: string; canEdit: boolean }) {
  const base = `/${orgSlug}/inventory`;
  const steps = [
    { done: counts.offices > 0, title: "Record your offices", detail: "Where your people are: a restriction reaches them by country.", href: `${base}/offices${canEdit ? "/new" : ""}` },
    {
      done: counts.vendors > 0 && counts.models > 0,
      title: "Add the vendors and models you use",
      detail: "From the catalogue in a few clicks: who makes them, where they are headquartered, how they are licensed.",
      href: `${base}/vendors${canEdit ? "/new" : ""}`,
    },
    {
      done: counts.dependencies > 0,
      title: "Add an AI system and the model it depends on",
      detail: "How critical it is and how it reaches the model (API, cloud, own copy of the weights). The rating starts here.",
      href: `${base}/ai-systems${canEdit ? "/new" : ""}`,
    },
    { done: counts.fallbacks > 0, title: "Record fallbacks", detail: "What each system would switch to, and when you last tested it.", href: `${base}/ai-systems` },
    { done: counts.dataFlows > 0, title: "Map data flows", detail: "Which office sends what to which vendor, and where it is processed.", href: `${base}/data-flows${canEdit ? "/new" : ""}` },
  ];
  const done = steps.filter((s) => s.done).length;
  return (
    <Card aria-labelledby="getting-started-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="getting-started-heading" className="text-sm font-semibold text-slate-900">
          Sovereignty rating: not rated yet
        </h2>
        <p className="text-xs text-slate-500">
          {done} of {steps.length} steps done
        </p>
      </div>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">
        A rating needs at least one AI system that depends on a model. Until then there is nothing a government could switch off, so there is no score to show.
        {canEdit ? " Start here, or import a whole inventory at once." : " An editor or owner of the organisation fills in the inventory."}
      </p>
      <ol className="mt-4 space-y-3">
        {steps.map((s, i) => (
          <li key={s.title} className="flex gap-3">
            <span
              aria-hidden
              className={cn(
                "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                s.done ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600",
              )}
            >
              {s.done ? "✓" : i + 1}
            </span>
            <div className="text-sm">
              <Link href={s.href} className="font-medium text-brand-700 hover:underline">
                {s.title}
              </Link>
              <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
              <p className="text-slate-600">{s.detail}</p>
            </div>
          </li>
        ))}
      </ol>
      {canEdit && (
        <p className="mt-4 text-sm">
          <Link href={`${base}/import`} className="font-medium text-brand-700 hover:underline">
            Import an inventory
          </Link>{" "}
          <span className="text-slate-600">from a spreadsheet or JSON document.</span>
        </p>
      )}
    </Card>
  );
}
