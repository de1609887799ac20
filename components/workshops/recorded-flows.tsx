import Link from "next/link";
import { countryName } from "@/lib/countries";
import { DATA_CATEGORY_LABELS, labelFor } from "@/lib/labels";

/** A data flow as the workshop's data-flow step lists it (from `listRecentDataFlows`). */
export interface RecordedFlow {
  id: string;
  processingCountry: string;
  dataCategories: string[];
  createdAt: Date;
  originOffice: { name: string } | null;
  originAiSystem: { name: string } | null;
  dependency: { aiSystem: { name: string }; model: { name: string } } | null;
}

/**
 * The latest data flows, newest first, so the room sees what it just captured: where the data
 * leaves from and where it is processed, the AI system and model it feeds, its categories. Those
 * added since the workshop began say so; the rest of the list is one link away.
 */
export function RecordedFlows({ org, flows, total, since }: { org: string; flows: RecordedFlow[]; total: number; since: Date }) {
  return (
    <section aria-labelledby="flows-heading">
      <h3 id="flows-heading" className="text-lg font-semibold">
        Recorded so far ({total.toLocaleString("en")})
      </h3>
      {flows.length === 0 ? (
        <p className="mt-1 text-slate-600">No data flow yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {flows.map((f) => (
            <li key={f.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-4 py-2">
              <span className="font-semibold">
                {f.originOffice?.name ?? f.originAiSystem?.name ?? "No origin"} → {countryName(f.processingCountry)}
              </span>
              <span className="min-w-0 max-w-full text-slate-700">
                {/* A model's name ("Qwen2.5-72B-Instruct") is not broken at its hyphens on a narrow screen. */}
                {f.dependency ? (
                  <>
                    {f.dependency.aiSystem.name} /{" "}
                    <span className="inline-block max-w-full truncate align-bottom">{f.dependency.model.name}</span>
                  </>
                ) : (
                  "no model dependency"
                )}
              </span>
              <span className="text-sm text-slate-600">{f.dataCategories.map((c) => labelFor(DATA_CATEGORY_LABELS, c)).join(", ")}</span>
              {f.createdAt >= since && <span className="rounded bg-emerald-50 px-1.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">new<span className="sr-only"> in this workshop</span></span>}
            </li>
          ))}
        </ul>
      )}
      {total > flows.length && (
        <p className="mt-2 text-sm text-slate-600">
          The latest {flows.length} of {total.toLocaleString("en")}.{" "}
          <Link href={`/${org}/inventory/data-flows`} className="font-medium text-brand-700 underline" target="_blank">
            All data flows<span className="sr-only"> (opens a new tab)</span>
          </Link>
        </p>
      )}
    </section>
  );
}
