import type { ReportBranding } from "@/lib/practices/queries";

/**
 * "Prepared by" the practice, with its logo, on a report a practice member produced for a client
 * (decision 042). The logo is a `data:` address: the renderer fetches nothing.
 */
export function PracticeBrand({ branding, className = "" }: { branding: ReportBranding; className?: string }) {
  return (
    <div className={`flex items-center gap-3 ${className}`} data-testid="practice-brand">
      {branding.logo && (
        // eslint-disable-next-line @next/next/no-img-element -- a data: address printed by Chromium; next/image has nothing to optimise
        <img src={branding.logo} alt={`${branding.practiceName} logo`} className="max-h-12 w-auto max-w-[45mm] object-contain" />
      )}
      <p className="text-sm text-slate-700">
        Prepared by <span className="font-semibold text-slate-900">{branding.practiceName}</span>
      </p>
    </div>
  );
}
