import type { PolicyEventListItem } from "@/lib/policy-events/queries";
import { Badge } from "@/components/ui/card";
import { EventDate } from "./event-date";
import { countrySetWords } from "./words";

const STATUS: Record<PolicyEventListItem["status"], { label: string; tone: "red" | "emerald" | "slate" | "amber" | "brand" }> = {
  "in-force": { label: "In force", tone: "red" },
  lifted: { label: "Lifted", tone: "emerald" },
  expired: { label: "Expired", tone: "slate" },
  "not-yet": { label: "Not yet in force", tone: "amber" },
  lift: { label: "Lift", tone: "brand" },
};

/** Where an event comes from: the catalogue, the organisation, or the organisation correcting the catalogue. */
export function EventOrigin({ item }: { item: PolicyEventListItem }) {
  if (item.origin === "own") return <Badge tone="brand">{item.correctsCatalogue ? "Own correction, applies" : "Own"}</Badge>;
  return <Badge>{item.correctedByOwn ? "Catalogue, corrected by your organisation" : "Catalogue"}</Badge>;
}

/**
 * An event's status on the list's date, in words as well as colour: "In force, partly lifted" with
 * each partial lift's date and the countries it freed; a corrected catalogue event is not applied.
 */
export function EventStatus({ item }: { item: PolicyEventListItem }) {
  if (item.correctedByOwn) return <span className="text-xs text-slate-600">Not applied: your organisation&apos;s correction applies instead</span>;
  const lifts = item.partialLifts ?? [];
  return (
    <>
      <Badge tone={STATUS[item.status].tone}>{lifts.length > 0 ? "In force, partly lifted" : STATUS[item.status].label}</Badge>
      {lifts.map((l) => (
        <span key={l.key} className="mt-1 block text-xs text-slate-600">
          Partly lifted on <EventDate date={l.effectiveDate} estimated={l.dateEstimated} /> for {countrySetWords(l.countries)}; everyone else stays restricted.
        </span>
      ))}
      {item.liftedBy && <span className="mt-1 block text-xs text-slate-600">by {item.liftedBy}</span>}
    </>
  );
}

