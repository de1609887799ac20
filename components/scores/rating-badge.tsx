import type { Rating } from "@/scoring/ratings";
import { cn } from "@/components/ui/cn";

const TONES: Record<Rating, string> = {
  "Very Low": "bg-red-100 text-red-800",
  Low: "bg-orange-100 text-orange-800",
  Medium: "bg-amber-50 text-amber-800",
  High: "bg-emerald-50 text-emerald-800",
  "Very High": "bg-emerald-100 text-emerald-900",
};

/** A sovereignty rating in the words risk people use, with the score beside it. */
export function RatingBadge({ rating, score, size = "sm" }: { rating: Rating; score?: number; size?: "sm" | "lg" }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 whitespace-nowrap rounded-full font-medium", TONES[rating], size === "lg" ? "px-3 py-1 text-sm" : "px-2 py-0.5 text-xs")}>
      {rating}
      {score !== undefined && <span className="font-normal tabular-nums">· {score.toFixed(1)}</span>}
    </span>
  );
}
