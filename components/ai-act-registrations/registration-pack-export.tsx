import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { resolveOrgContext } from "@/lib/auth/context";
import { getAiActRegistrationSummary } from "@/lib/ai-act-registrations/queries";
import { registrationPackHref } from "@/lib/ai-act-registrations/pack";
import { chromiumProblem } from "@/lib/reports/renderer";

/**
 * The Reports page's "EU AI Act registration pack" (decision 046): how many AI systems have a
 * registration and how many of those lack nothing, and the downloads. Like the AI-BOM it is not
 * built from an assessment: it is the registrations as they stand. Server component; the Exports
 * panel shows it only to those who may export, and the downloads check again.
 */
export async function RegistrationPackExport({ org }: { org: string }) {
  const ctx = await resolveOrgContext(org);
  if (!ctx) return null;
  const { aiSystems, registered, complete } = await getAiActRegistrationSummary(ctx);
  const pdfProblem = chromiumProblem();
  const none = registered === 0;
  return (
    <section aria-labelledby="ai-act-registration-pack-heading" className="mt-4 flex flex-wrap items-start justify-between gap-3 border-t border-slate-200 pt-4">
      <div className="max-w-3xl">
        <p id="ai-act-registration-pack-heading" className="text-sm font-medium text-slate-900">
          EU AI Act registration pack
        </p>
        <p className="text-sm text-slate-600">
          For deployers that are public authorities, or act on their behalf, and must register their use of a high-risk AI system in the EU database (Art. 49(3)): the Annex VIII C answers
          recorded on each AI system&apos;s page, as a filled form per system (PDF) and as a table (CSV), with what is missing marked.
        </p>
        <p className="mt-1 text-sm text-slate-700" role="status" data-testid="registration-pack-status">
          {none
            ? `None of your ${aiSystems} AI systems has a registration yet: fill one in on the AI system's page.`
            : `${registered} of ${aiSystems} AI systems have a registration; ${complete} of them ${complete === 1 ? "is" : "are"} complete, ${registered - complete} still ${registered - complete === 1 ? "lacks" : "lack"} answers.`}
        </p>
        {none && (
          <p className="mt-1 text-sm">
            <Link className="font-medium text-brand-700 underline" href={`/${org}/inventory/ai-systems`}>
              Go to the AI systems
            </Link>
          </p>
        )}
        {pdfProblem && <p className="mt-1 text-xs text-amber-800">The PDF cannot be printed on this server yet: {pdfProblem}</p>}
      </div>
      {!none && (
        <div className="flex flex-wrap gap-2">
          {!pdfProblem && (
            <a className={buttonClass("secondary")} href={registrationPackHref(org, "pdf")} download>
              Download registration pack (PDF)
            </a>
          )}
          <a className={buttonClass("secondary")} href={registrationPackHref(org, "csv")} download>
            Download registration pack (CSV)
          </a>
        </div>
      )}
    </section>
  );
}
