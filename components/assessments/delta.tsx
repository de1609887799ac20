import { cn } from "@/components/ui/cn";

/** A score change with an up/down marker and words for screen readers: "▲ +1.2". */
export function Delta({ value, className }: { value: number | null; className?: string }) {
  if (value === null) return <span className={cn("text-slate-500", className)}>—</span>;
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) {
    return (
      <span className={cn("tabular-nums text-slate-500", className)}>
        <span aria-hidden>● </span>±0.0<span className="sr-only"> (unchanged)</span>
      </span>
    );
  }
  const up = rounded > 0;
  return (
    <span className={cn("font-medium tabular-nums", up ? "text-emerald-700" : "text-red-700", className)}>
      <span aria-hidden>{up ? "▲" : "▼"} </span>
      {up ? "+" : "−"}
      {Math.abs(rounded).toFixed(1)}
      <span className="sr-only"> ({up ? "up" : "down"})</span>
    </span>
  );
}
