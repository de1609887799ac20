import { RATINGS, type Rating } from "@/scoring/ratings";

const COLOURS: Record<Rating, string> = {
  "Very Low": "bg-red-600",
  Low: "bg-orange-500",
  Medium: "bg-amber-400",
  High: "bg-emerald-500",
  "Very High": "bg-emerald-700",
};

/** How the practice's clients spread over the five ratings: one bar, a segment per rating, with a legend in words. */
export function RatingSpread({ ratings }: { ratings: Rating[] }) {
  if (ratings.length === 0) return <p className="mt-2 text-sm text-slate-600">No client has a score yet.</p>;
  const counts = RATINGS.map((r) => ({ rating: r, n: ratings.filter((x) => x === r).length })).filter((c) => c.n > 0);
  return (
    <figure className="mt-2">
      <div aria-hidden className="flex h-3 overflow-hidden rounded-full bg-slate-100">
        {counts.map((c) => (
          <span key={c.rating} className={COLOURS[c.rating]} style={{ width: `${(c.n / ratings.length) * 100}%` }} />
        ))}
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
        {counts.map((c) => (
          <span key={c.rating} className="inline-flex items-center gap-1">
            <span aria-hidden className={`inline-block size-2 rounded-full ${COLOURS[c.rating]}`} />
            {c.rating}: {c.n}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
