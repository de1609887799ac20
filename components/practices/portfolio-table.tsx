"use client";
// The practice's portfolio: every client at a glance, sorted and filtered in the browser (a
// practice has tens of clients, not thousands), with clients picked for a side-by-side comparison.
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { createSortedRowModel, rowSortingFeature, sortFn_alphanumeric, sortFn_basic, tableFeatures, useTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { RatingBadge } from "@/components/scores/rating-badge";
import { SortIcon } from "@/components/data-table/data-table";
import { Panel } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RATINGS, type Rating } from "@/scoring/ratings";
import { formatDay } from "@/lib/dates";

export interface PortfolioRow {
  engagementId: string;
  slug: string;
  name: string;
  sector: string;
  country: string;
  roleLabel: string;
  score: number | null;
  rating: Rating | null;
  unscored: string | null;
  /** Points since the last assessment (null without one, or without a score). */
  trend: number | null;
  lastAssessment: string | null;
  restrictions: string[];
  overdueActions: number;
  openActions: number;
  /** The next workshop planned with the client (a YYYY-MM-DD day), and what it is about. */
  nextWorkshop: { on: string; title: string | null } | null;
}

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic } });

/** Unscored rows sort after every scored one, whichever the direction (undefined sorts last). */
const scoreOrNothing = (r: PortfolioRow) => r.score ?? undefined;

function Trend({ row }: { row: PortfolioRow }) {
  if (!row.lastAssessment) return <span className="text-slate-500">No assessment yet</span>;
  if (row.trend === null) return <span className="text-slate-500">Assessed {formatDay(row.lastAssessment)}</span>;
  const flat = Math.abs(row.trend) < 0.05;
  return (
    <span>
      <span className={cn("font-medium tabular-nums", flat ? "text-slate-700" : row.trend > 0 ? "text-emerald-800" : "text-red-700")}>
        {flat ? "No change" : `${row.trend > 0 ? "▲ up" : "▼ down"} ${Math.abs(row.trend).toFixed(1)}`}
      </span>
      <span className="block text-xs text-slate-500">since {formatDay(row.lastAssessment)}</span>
    </span>
  );
}

export function PortfolioTable({ rows, practiceSlug }: { rows: PortfolioRow[]; practiceSlug: string }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "score", desc: false }]);
  const [query, setQuery] = useState("");
  const [rating, setRating] = useState<"" | Rating>("");
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [onlyRestricted, setOnlyRestricted] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const searchId = useId();
  const ratingId = useId();

  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return rows.filter(
      (r) =>
        (!q || `${r.name} ${r.sector} ${r.country}`.toLocaleLowerCase().includes(q)) &&
        (!rating || r.rating === rating) &&
        (!onlyOverdue || r.overdueActions > 0) &&
        (!onlyRestricted || r.restrictions.length > 0),
    );
  }, [rows, query, rating, onlyOverdue, onlyRestricted]);

  const columns = useMemo<ColumnDef<typeof features, PortfolioRow>[]>(
    () => [
      { id: "name", accessorFn: (r) => r.name, header: "Client", sortFn: "alphanumeric" },
      { id: "score", accessorFn: scoreOrNothing, header: "Sovereignty today", sortFn: "basic", sortUndefined: "last" },
      { id: "trend", accessorFn: (r) => r.trend ?? undefined, header: "Since last assessment", sortFn: "basic", sortUndefined: "last" },
      { id: "restrictions", accessorFn: (r) => r.restrictions.length, header: "Restrictions reaching it", sortFn: "basic" },
      { id: "overdue", accessorFn: (r) => r.overdueActions, header: "Overdue actions", sortFn: "basic" },
      // Soonest first; clients with nothing planned last, whichever the direction.
      { id: "nextWorkshop", accessorFn: (r) => r.nextWorkshop?.on ?? undefined, header: "Next workshop", sortFn: "alphanumeric", sortUndefined: "last" },
    ],
    [],
  );

  const table = useTable({
    features,
    columns,
    data: visible,
    getRowId: (r) => r.engagementId,
    state: { sorting },
    onSortingChange: setSorting,
    enableMultiSort: false,
    enableSortingRemoval: false,
  });

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const compareHref = `/practices/${practiceSlug}/compare?${picked.map((id) => `c=${encodeURIComponent(id)}`).join("&")}`;
  const filtered = query !== "" || rating !== "" || onlyOverdue || onlyRestricted;

  return (
    <Panel>
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 px-4 py-3">
        <div>
          <label htmlFor={searchId} className="block text-xs font-medium text-slate-600">
            Search clients
          </label>
          <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name, sector or country" className="mt-1 w-56 rounded-md border-0 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
        </div>
        <div>
          <label htmlFor={ratingId} className="block text-xs font-medium text-slate-600">
            Rating
          </label>
          <select id={ratingId} value={rating} onChange={(e) => setRating(e.target.value as "" | Rating)} className="mt-1 rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
            <option value="">Any rating</option>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} className="size-4 rounded border-slate-300 text-brand-600" />
          With overdue actions
        </label>
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
          <input type="checkbox" checked={onlyRestricted} onChange={(e) => setOnlyRestricted(e.target.checked)} className="size-4 rounded border-slate-300 text-brand-600" />
          Reached by a restriction
        </label>
        <div className="ml-auto flex items-center gap-3 pb-0.5">
          <p className="text-sm text-slate-600" aria-live="polite">
            {picked.length === 0 ? "Tick two or more clients to compare them." : `${picked.length} picked.`}
          </p>
          {picked.length >= 2 ? (
            <Link href={compareHref} className={buttonClass("primary")}>
              Compare {picked.length} clients
            </Link>
          ) : (
            <span aria-disabled="true" className={buttonClass("secondary", "cursor-not-allowed opacity-60")}>
              Compare
            </span>
          )}
        </div>
      </div>
      <div tabIndex={0} role="region" aria-label="Clients of the practice, scrollable" className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Clients of the practice. Sorted by {sorting[0]?.id === "score" ? "rating" : (sorting[0]?.id ?? "name")}.</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th scope="col" className="w-10 px-4 py-2">
                  <span className="sr-only">Compare</span>
                </th>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className="px-4 py-2">
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className={cn("inline-flex items-center gap-1 rounded py-1 text-left uppercase tracking-wide hover:text-slate-900", sorted && "text-slate-900")}>
                        <table.FlexRender header={header} />
                        <SortIcon sorted={sorted} />
                      </button>
                    </th>
                  );
                })}
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Manage</span>
                </th>
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => {
              const r = row.original;
              return (
                <tr key={row.id} className="align-top">
                  <td className="px-4 py-3">
                    <input type="checkbox" checked={picked.includes(r.engagementId)} onChange={() => toggle(r.engagementId)} aria-label={`Compare ${r.name}`} className="size-4 rounded border-slate-300 text-brand-600" />
                  </td>
                  <th scope="row" className="min-w-52 px-4 py-3 text-left font-medium text-slate-900">
                    <Link href={`/${r.slug}`} className="text-brand-700 hover:underline">
                      {r.name}
                    </Link>
                    <span className="block text-xs font-normal text-slate-500">
                      {r.sector} · {r.country}
                    </span>
                    <span className="block text-xs font-normal text-slate-500">The practice works as {r.roleLabel.toLowerCase()}</span>
                  </th>
                  <td className="whitespace-nowrap px-4 py-3">{r.rating && r.score !== null ? <RatingBadge rating={r.rating} score={r.score} /> : <span className="text-slate-500">{r.unscored}</span>}</td>
                  <td className="min-w-36 px-4 py-3">
                    <Trend row={r} />
                  </td>
                  <td className="min-w-44 px-4 py-3">
                    {r.restrictions.length === 0 ? (
                      <span className="text-slate-500">None in force</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {r.restrictions.map((t) => (
                          <li key={t} className="font-medium text-red-800">
                            {t}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums">
                    <span className={cn(r.overdueActions > 0 ? "font-medium text-red-700" : "text-slate-700")}>{r.overdueActions}</span>
                    <span className="block text-xs text-slate-500">of {r.openActions} open</span>
                  </td>
                  <td className="min-w-36 px-4 py-3">
                    {r.nextWorkshop ? (
                      <>
                        <span className="whitespace-nowrap font-medium text-slate-900">{formatDay(r.nextWorkshop.on)}</span>
                        {r.nextWorkshop.title && <span className="block text-xs text-slate-500">{r.nextWorkshop.title}</span>}
                      </>
                    ) : (
                      <Link href={`/practices/${practiceSlug}/clients/${r.engagementId}#next-workshop`} className="text-slate-500 hover:text-brand-700 hover:underline">
                        None planned<span className="sr-only"> for {r.name}: plan one</span>
                      </Link>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <Link href={`/practices/${practiceSlug}/clients/${r.engagementId}/benchmark`} className="text-sm font-medium text-brand-700 hover:underline">
                      Benchmark<span className="sr-only"> of {r.name}</span>
                    </Link>
                    <Link href={`/practices/${practiceSlug}/clients/${r.engagementId}`} className="ml-4 text-sm font-medium text-brand-700 hover:underline">
                      Manage<span className="sr-only"> {r.name}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {visible.length === 0 && <p className="px-4 py-6 text-sm text-slate-600">{filtered ? "No client matches these filters." : "No clients yet."}</p>}
      </div>
    </Panel>
  );
}
