import { cn } from "@/components/ui/cn";
import { ANNEX_VIII_C, annexIIIAreaLabel, annexIIIAreaNote, missingFields, REGISTRATION_FIELD_LABELS, type AnswerField } from "@/lib/ai-act-registrations/annex-viii";
import type { RegistrationForm, RegistrationPack } from "@/lib/ai-act-registrations/pack";
import { cssString, PAGE_MARGIN, PAGE_SIZE } from "@/lib/reports/report-footer";
import type { Paper } from "@/lib/reports/print-token";
import { formatDayLong } from "@/lib/dates";
import { WrappingText } from "@/components/ui/wrapping-text";

// The EU AI Act registration pack as the print route lays it out for Chromium (decision 046): one
// filled Annex VIII C form per AI system, each starting on a new page, the five items under their
// legal wording, and every missing answer marked in words (not by colour alone). No hooks: it
// renders on the server only.

/** The pack's @page rules: the board report's paper and margins, footed with the organisation, the pack and the page. */
export function registrationPackCss(paper: Paper, organisationName: string, generatedOn: string): string {
  const box = "font-family: Helvetica, Arial, sans-serif; font-size: 7.5pt; color: #444; vertical-align: middle;";
  return `@page {
  size: ${PAGE_SIZE[paper]}; margin: ${PAGE_MARGIN};
  @bottom-left { content: ${cssString(`${organisationName} · EU AI Act registration pack · prepared ${generatedOn}`)}; ${box} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} white-space: nowrap; }
}
.registration-form + .registration-form { break-before: page; }
.registration-form section { break-inside: avoid; }`;
}

/** Which answers each item shows, under which sub-label (items 1 and 2 have three each). */
const SUB_LABELS: Partial<Record<AnswerField, string>> = {
  deployerName: "Name",
  deployerAddress: "Address",
  deployerContact: "Contact details",
  submitterName: "Name",
  submitterAddress: "Address",
  submitterContact: "Contact details",
};

function Missing() {
  return (
    <span data-missing="true" className="inline-block rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900 ring-1 ring-amber-400">
      Missing: to fill in before registering
    </span>
  );
}

function Answer({ form, field }: { form: RegistrationForm; field: AnswerField }) {
  const r = form.registration;
  if (field === "dpiaSummary" && r.dpiaNotApplicable && r.dpiaSummary.trim() === "") {
    return <p className="text-slate-800">Not applicable: the deployer recorded that no data protection impact assessment applies to this use.</p>;
  }
  if (form.missing.includes(field)) return <Missing />;
  const value = r[field];
  if (field === "providerEuDatabaseUrl") {
    return (
      <a className="text-brand-700 underline" href={value}>
        <WrappingText text={value} />
      </a>
    );
  }
  return <p className="whitespace-pre-line text-slate-900">{value}</p>;
}

/** One AI system's filled form. */
export function RegistrationFormDocument({ form, organisationName, generatedAt }: { form: RegistrationForm; organisationName: string; generatedAt: string }) {
  const r = form.registration;
  const missing = missingFields(r);
  const note = annexIIIAreaNote(r.annexIIIArea);
  return (
    <article className="registration-form space-y-5 text-sm text-slate-900" aria-label={`EU AI Act registration: ${form.aiSystemName}`}>
      <header className="border-b border-slate-300 pb-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">EU AI Act · Regulation (EU) 2024/1689 · Article 49(3) · Annex VIII, Section C</p>
        <h1 className="mt-1 text-2xl font-semibold">Registration of the use of a high-risk AI system: {form.aiSystemName}</h1>
        <p className="mt-1 text-slate-700">Information to be submitted by the deployer to the EU database (Article 71), prepared in Sovra by {organisationName}.</p>
      </header>

      <dl className="grid grid-cols-3 gap-x-4 gap-y-2">
        <div>
          <dt className="text-xs text-slate-600">AI system</dt>
          <dd className="font-medium">{form.aiSystemName}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Owner (inventory)</dt>
          <dd className="font-medium">{form.aiSystemOwner || "Not recorded"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{REGISTRATION_FIELD_LABELS.annexIIIArea}</dt>
          <dd className="font-medium">{annexIIIAreaLabel(r.annexIIIArea)}</dd>
        </div>
        <div className="col-span-3">
          <dt className="text-xs text-slate-600">Intended purpose (inventory)</dt>
          <dd className="whitespace-pre-line">{form.aiSystemPurpose || "Not recorded"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Last changed</dt>
          <dd>{formatDayLong(r.updatedAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Prepared</dt>
          <dd>{formatDayLong(generatedAt)}</dd>
        </div>
      </dl>

      {note && <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800">{note}</p>}

      <p
        data-testid="registration-status"
        className={cn("rounded px-3 py-2 ring-1", missing.length ? "bg-amber-50 text-amber-950 ring-amber-400" : "bg-emerald-50 text-emerald-900 ring-emerald-300")}
      >
        {missing.length ? (
          <>
            <strong>Still missing ({missing.length}):</strong> {missing.join("; ")}.
          </>
        ) : (
          <>
            <strong>Complete:</strong> every item of Annex VIII, Section C is filled in.
          </>
        )}
      </p>

      {ANNEX_VIII_C.map((item) => (
        <section key={item.point} aria-labelledby={`c${item.point}-${form.aiSystemId}`} className="space-y-2">
          <h2 id={`c${item.point}-${form.aiSystemId}`} className="text-base font-semibold">
            {item.point}. {item.wording}
          </h2>
          {item.fields.length > 1 ? (
            <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5">
              {item.fields.map((field) => (
                <div key={field} className="contents">
                  <dt className="text-slate-600">{SUB_LABELS[field]}</dt>
                  <dd>
                    <Answer form={form} field={field} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <Answer form={form} field={item.fields[0]} />
          )}
        </section>
      ))}

      <p className="border-t border-slate-200 pt-3 text-xs text-slate-600">
        Sovra records the deployer&apos;s answers and flags what is missing. It does not judge whether this use is high-risk, nor whether the deployer must register it: Article 49(3) applies
        to deployers that are public authorities, Union institutions, bodies, offices or agencies, or persons acting on their behalf. Enter these answers in the EU database yourself.
      </p>
    </article>
  );
}

/** The whole pack: one form per registration, in the order of the AI systems' names. */
export function RegistrationPackDocument({ pack }: { pack: RegistrationPack }) {
  return (
    <div className="bg-white">
      {pack.forms.map((form) => (
        <RegistrationFormDocument key={form.aiSystemId} form={form} organisationName={pack.organisationName} generatedAt={pack.generatedAt} />
      ))}
    </div>
  );
}
