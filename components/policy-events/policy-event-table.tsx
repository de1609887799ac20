import Link from "next/link";
import type { PolicyEventListItem } from "@/lib/policy-events/queries";
import { deletePolicyEventAction } from "@/lib/policy-events/actions";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { EventDate } from "./event-date";
import { EventEvidence } from "./event-evidence";
import { EventOrigin, EventStatus } from "./event-status";
import { issuerWords, liftWords, restrictsWords, type EventNames } from "./words";
import { formatDay } from "@/lib/dates";

/**
 * The policy landscape as a table: each event's dates (marked when estimated, with how they were
 * read and what they rest on), its status on the day, who issued it and whom it restricts, in
 * words. Roles that manage policy events get the actions: correct a catalogue event for the
 * organisation, lift an event in force, edit or remove the organisation's own.
 */
export function PolicyEventTable({ items, names, orgSlug, mayManage }: { items: PolicyEventListItem[]; names: EventNames; orgSlug: string; mayManage: boolean }) {
  const base = `/${orgSlug}/scenarios/policy-events`;
  // The event a lift ends, by title: the organisation's version where it has one.
  const titles = new Map<string, string>();
  for (const i of items) if (i.origin === "catalogue") titles.set(i.event.key, i.event.title);
  for (const i of items) if (i.origin === "own") titles.set(i.event.key, i.event.title);
  const ownByKey = new Map(items.filter((i) => i.origin === "own").map((i) => [i.event.key, i]));
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Policy landscape, newest first</caption>
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th scope="col" className="px-4 py-3">Event</th>
          <th scope="col" className="px-4 py-3">From</th>
          <th scope="col" className="px-4 py-3">Effective</th>
          <th scope="col" className="px-4 py-3">Status today</th>
          <th scope="col" className="px-4 py-3">Issued by</th>
          <th scope="col" className="px-4 py-3">Restricts</th>
          {mayManage && (
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((i) => {
          const e = i.event;
          const own = i.origin === "catalogue" && i.correctedByOwn ? ownByKey.get(e.key) : undefined;
          return (
            <tr key={`${i.origin}-${i.id ?? e.key}`} className={i.correctedByOwn ? "bg-slate-50 text-slate-600" : undefined}>
              <th scope="row" className="px-4 py-3 text-left align-top font-medium">
                {e.title}
                <EventEvidence dateNote={e.dateNote} references={e.references} />
              </th>
              <td className="px-4 py-3 align-top">
                <EventOrigin item={i} />
              </td>
              <td className="px-4 py-3 align-top">
                <EventDate date={e.effectiveDate} estimated={e.dateEstimated} />
                {e.kind === "impose" && e.expires ? <span className="block text-xs text-slate-500">until {formatDay(e.expires)}</span> : null}
              </td>
              <td className="px-4 py-3 align-top">
                <EventStatus item={i} />
              </td>
              <td className="px-4 py-3 align-top">{e.kind === "impose" ? issuerWords(e.issuer) : "—"}</td>
              <td className="px-4 py-3 align-top text-slate-700">
                {e.kind === "lift" ? (
                  <>
                    Ends &ldquo;{titles.get(e.lifts) ?? e.lifts}&rdquo;. {liftWords(e.countries)}.
                  </>
                ) : (
                  restrictsWords(e, names)
                )}
              </td>
              {mayManage && (
                <td className="px-4 py-3 align-top">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    {i.origin === "catalogue" && !i.correctedByOwn && (
                      <Link href={`${base}?correct=${encodeURIComponent(e.key)}`} className="text-brand-700 underline">
                        Correct for your organisation<span className="sr-only">: “{e.title}”</span>
                      </Link>
                    )}
                    {own && (
                      <Link href={`${base}?edit=${own.id}`} className="text-brand-700 underline">
                        Edit your correction<span className="sr-only"> of “{e.title}”</span>
                      </Link>
                    )}
                    {i.status === "in-force" && !i.correctedByOwn && (
                      <Link href={`${base}?lift=${encodeURIComponent(e.key)}`} className="text-brand-700 underline">
                        Lift<span className="sr-only"> {e.title}</span>
                      </Link>
                    )}
                    {i.origin === "own" && (
                      <>
                        <Link href={`${base}?edit=${i.id}`} className="text-brand-700 underline">
                          Edit<span className="sr-only"> {e.title}</span>
                        </Link>
                        <ConfirmDelete
                          action={deletePolicyEventAction}
                          fields={{ org: orgSlug, id: i.id!, version: i.version! }}
                          label={i.correctsCatalogue ? "Remove correction" : "Delete"}
                          title={i.correctsCatalogue ? `Remove your correction of "${e.title}"?` : `Delete "${e.title}"?`}
                          consequences={[i.correctsCatalogue ? "The catalogue's version of this event applies again, with its own dates." : "Scores are computed without it from now on."]}
                        />
                      </>
                    )}
                  </div>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
