import Link from "next/link";
import { CRITICALITY_LABELS } from "@/lib/labels";
import type { ScoresDashboard } from "@/lib/scores/dashboard";
import { cn } from "@/components/ui/cn";

/** Cell tone: a critical system rated Very Low is the reddest cell; empty cells stay plain. */
function tone(row: number, col: number, count: number): string {
  if (count === 0) return "bg-white text-slate-500";
  const risk = 3 - row + (4 - col); // 0 (low criticality, Very High) .. 7 (critical, Very Low)
  return risk >= 6 ? "bg-red-200 text-red-950" : risk >= 4 ? "bg-orange-100 text-orange-950" : risk >= 2 ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-900";
}

const SHOWN = 6;

/**
 * AI systems by business criticality (rows) and sovereignty rating (columns). A table, so it
 * reads the same on screen, in print and to a screen reader; each cell links to its systems.
 */
export function SystemHeatMap({ heatMap, orgSlug }: { heatMap: ScoresDashboard["heatMap"]; orgSlug: string }) {
  return (
    <section className="overflow-x-auto rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 print:break-inside-avoid print:shadow-none">
      <table className="w-full table-fixed border-separate border-spacing-1 text-sm" data-testid="heat-map">
        <caption className="mb-2 text-left text-sm font-semibold text-slate-900">
          AI systems by criticality and sovereignty
          <span className="block text-xs font-normal text-slate-500">Number of AI systems in each cell; the top left is where a shock hurts most.</span>
        </caption>
        <thead>
          <tr>
            <td className="w-28" />
            {heatMap.ratings.map((r) => (
              <th key={r} scope="col" className="px-2 py-1 text-center text-xs font-semibold text-slate-600">
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatMap.cells.map((row, i) => (
            <tr key={heatMap.criticalities[i]}>
              <th scope="row" className="px-2 py-1 text-left text-xs font-semibold text-slate-600">
                {CRITICALITY_LABELS[heatMap.criticalities[i]!]}
              </th>
              {row.map((cell, j) => (
                <td key={cell.rating} className={cn("rounded-md px-2 py-2 align-top", tone(i, j, cell.systems.length))}>
                  <span className="block text-lg font-semibold tabular-nums" aria-label={`${cell.systems.length} AI system${cell.systems.length === 1 ? "" : "s"}`}>
                    {cell.systems.length}
                  </span>
                  {cell.systems.length > 0 && (
                    <ul className="mt-1 space-y-0.5 text-xs">
                      {cell.systems.slice(0, SHOWN).map((s) => (
                        <li key={s.key}>
                          {s.id ? (
                            <Link href={`/${orgSlug}/inventory/ai-systems/${s.id}`} className="underline decoration-current/30 underline-offset-2 hover:decoration-current">
                              {s.name}
                            </Link>
                          ) : (
                            s.name
                          )}
                        </li>
                      ))}
                      {cell.systems.length > SHOWN && (
                        <li>
                          <Link href={`/${orgSlug}/inventory/ai-systems?f.criticality=${cell.criticality}`} className="underline decoration-current/30 underline-offset-2 hover:decoration-current">
                            and {cell.systems.length - SHOWN} more
                          </Link>
                          <span className="sr-only"> (the list of all {CRITICALITY_LABELS[cell.criticality].toLowerCase()}-criticality systems)</span>
                        </li>
                      )}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
