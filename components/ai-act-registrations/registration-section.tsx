import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ANNEX_VIII_C, annexIIIAreaLabel, annexIIIAreaNote, missingFieldKeys, missingFields, REGISTRATION_FIELD_LABELS, type RegistrationFields } from "@/lib/ai-act-registrations/annex-viii";
import { formatDateTime } from "@/lib/dates";
import { RegistrationForm } from "./registration-form";
import { registrationPackHref } from "@/lib/ai-act-registrations/pack";
import { WrappingText } from "@/components/ui/wrapping-text";

/**
 * The AI system page's "EU AI Act registration (Annex VIII C)": what is recorded under each of the
 * five items, what is missing, the one-form PDF for those who export, and the form for editors.
 */
export function RegistrationSection({
  orgSlug,
  aiSystemId,
  organisationName,
  registration,
  canWrite,
  canExport,
  pdfProblem,
}: {
  orgSlug: string;
  aiSystemId: string;
  organisationName: string;
  registration: (RegistrationFields & { version: number; updatedAt: Date }) | null;
  canWrite: boolean;
  canExport: boolean;
  /** Why no PDF can be printed on this server (no Chromium), or null. */
  pdfProblem: string | null;
}) {
  const missing = missingFieldKeys(registration);
  const note = registration ? annexIIIAreaNote(registration.annexIIIArea) : null;
  return (
    <Card aria-labelledby="ai-act-registration-heading">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h2 id="ai-act-registration-heading" className="text-lg font-semibold text-slate-900">
            EU AI Act registration (Annex VIII C)
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Deployers that are public authorities, or act on their behalf, register their use of a high-risk AI system in the EU database before using it (Art. 49(3)). Record the answers here;
            Sovra flags what is missing and prints the filled form. It does not judge whether your use is high-risk or must be registered.
          </p>
        </div>
        {registration && canExport && !pdfProblem && (
          <a className="text-sm font-medium text-brand-700 underline" href={registrationPackHref(orgSlug, "pdf", aiSystemId)} download>
            Download this form (PDF)
          </a>
        )}
      </div>

      {!registration ? (
        <p className="mt-3 text-sm text-slate-600" role="status">
          No registration recorded for this AI system.{canWrite ? " Fill it in below if your organisation must register its use." : ""}
        </p>
      ) : (
        <>
          <p
            data-testid="registration-missing"
            className={cn("mt-3 rounded-md px-3 py-2 text-sm ring-1 ring-inset", missing.length ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200")}
          >
            {missing.length ? (
              <>
                <strong className="font-semibold">Still missing ({missing.length}):</strong> {missingFields(registration).join("; ")}.
              </>
            ) : (
              <>
                <strong className="font-semibold">Complete:</strong> every Annex VIII C item is filled in.
              </>
            )}
          </p>
          <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
            <div className="sm:col-span-3">
              <dt className="text-slate-500">{REGISTRATION_FIELD_LABELS.annexIIIArea}</dt>
              <dd className="font-medium text-slate-900">{annexIIIAreaLabel(registration.annexIIIArea)}</dd>
              {note && <dd className="mt-0.5 text-slate-600">{note}</dd>}
            </div>
            {ANNEX_VIII_C.flatMap((item) =>
              item.fields.map((field) => {
                const value = registration[field];
                const absent = missing.includes(field);
                const notApplicable = field === "dpiaSummary" && registration.dpiaNotApplicable;
                return (
                  <div key={field} className={item.fields.length === 1 ? "sm:col-span-3" : undefined}>
                    <dt className="text-slate-500">
                      {REGISTRATION_FIELD_LABELS[field]} <span className="text-xs">(C.{item.point})</span>
                    </dt>
                    <dd className={cn("mt-0.5 whitespace-pre-line", absent ? "font-medium text-amber-800" : "text-slate-900")}>
                      {notApplicable ? "Not applicable: no data protection impact assessment applies" : absent ? "Missing" : field === "providerEuDatabaseUrl" ? <a className="text-brand-700 underline" href={value}><WrappingText text={value} /></a> : value}
                    </dd>
                  </div>
                );
              }),
            )}
          </dl>
          <p className="mt-3 text-xs text-slate-500">Last changed {formatDateTime(registration.updatedAt)}.</p>
        </>
      )}

      {canWrite && (
        <details className="mt-4 border-t border-slate-100 pt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{registration ? "Edit registration" : "Fill in the registration"}</summary>
          <div className="mt-3">
            <RegistrationForm orgSlug={orgSlug} aiSystemId={aiSystemId} registration={registration} organisationName={organisationName} />
          </div>
        </details>
      )}
    </Card>
  );
}
