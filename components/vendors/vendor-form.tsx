"use client";
import { useActionState, useCallback } from "react";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import Link from "next/link";
import { createVendorAction, updateVendorAction } from "@/lib/vendors/actions";
import { idle, submitted } from "@/lib/action-state";
import type { CatalogueVendorFacts } from "@/lib/catalogue/facts";
import { VENDOR_TYPE_LABELS, optionsFrom } from "@/lib/labels";
import { SelectField, TextField } from "@/components/ui/field";
import { CountrySelect } from "@/components/ui/country-select";
import { OptionalCountrySelect as OptionalCountry } from "@/components/ui/optional-country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";
import { formatDay } from "@/lib/dates";

export type VendorFormValues = {
  id: string;
  version: number;
  name: string;
  vendorType: string;
  hqCountry: string;
  parentName: string | null;
  parentCountry: string | null;
  dpfCertified: boolean;
  source: string | null;
  sourceAsOf: string | null;
  notes: string | null;
};

const FIELDS: [keyof VendorFormValues, string][] = [
  ["name", "Name"],
  ["vendorType", "Type"],
  ["hqCountry", "HQ country"],
  ["parentName", "Ultimate parent"],
  ["parentCountry", "Parent's country"],
  ["dpfCertified", "EU-US Data Privacy Framework"],
  ["source", "Source"],
  ["sourceAsOf", "Source checked on"],
  ["notes", "Notes"],
];

const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
const dateOnly = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v);

/** What another person saved, so a conflict says what changed. */
function ConflictDetails({ current, mine }: { current: Partial<Record<keyof VendorFormValues, unknown>>; mine?: VendorFormValues }) {
  const changed = FIELDS.filter(([f]) => mine && JSON.stringify(dateOnly(current[f]) ?? null) !== JSON.stringify(mine[f] ?? null));
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map(([f, label]) => (
        <li key={f}>
          {label}: now <strong>{f === "sourceAsOf" && current[f] ? formatDay(dateOnly(current[f]) as string) : shown(dateOnly(current[f]))}</strong>
        </li>
      ))}
    </ul>
  );
}

/** `catalogue`: the catalogue's entry of a vendor added from it; changing its facts then needs the organisation's own source. */
export function VendorForm({ orgSlug, vendor, catalogue }: { orgSlug: string; vendor?: VendorFormValues; catalogue?: CatalogueVendorFacts | null }) {
  const [state, action] = useActionState(vendor ? updateVendorAction : createVendorAction, idle);
  const formKey = useAnswerKey(state);
  // The schema loads after the page is up, not in its first load (use-client-validation.ts).
  const loadSchema = useCallback(
    () => import("@/lib/vendors/schemas").then((m) => (vendor && catalogue ? m.updateVendorSchemaFor({ catalogue, stored: vendor }) : m.vendorSchema)),
    [vendor, catalogue],
  );
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadSchema, state);
  const value = (name: keyof VendorFormValues) => {
    const fromState = submitted(state, name);
    if (fromState !== undefined) return fromState;
    const v = vendor?.[name];
    return v === undefined || v === null ? undefined : String(v);
  };
  const dpfChecked = state.status === "error" && state.values ? state.values.dpfCertified === "on" : (vendor?.dpfCertified ?? false);
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Partial<Record<keyof VendorFormValues, unknown>> | undefined) : undefined;
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this vendor changed meanwhile" : undefined}>
          {state.message}
          {conflict && <ConflictDetails current={conflict} mine={vendor} />}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {vendor && <input type="hidden" name="id" value={vendor.id} />}
      {vendor && <input type="hidden" name="version" value={vendor.version} />}
      <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} placeholder="e.g. Mistral AI" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Type" name="vendorType" defaultValue={value("vendorType") ?? "frontier_lab"} errors={fieldErrors?.vendorType} options={optionsFrom(VENDOR_TYPE_LABELS)} />
        <CountrySelect label="HQ country" name="hqCountry" defaultValue={value("hqCountry")} errors={fieldErrors?.hqCountry} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Ultimate parent" name="parentName" defaultValue={value("parentName")} errors={fieldErrors?.parentName} hint="If another company controls it" />
        <OptionalCountry label="Parent's country" name="parentCountry" defaultValue={value("parentCountry")} errors={fieldErrors?.parentCountry} />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="dpfCertified" defaultChecked={dpfChecked} className="size-4 rounded border-slate-300" />
        Certified under the EU-US Data Privacy Framework
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Source" name="source" defaultValue={value("source")} errors={fieldErrors?.source} hint={catalogue ? "Where these facts come from; your own source when you change a catalogue fact" : "Where these facts come from"} />
        <TextField label="Source checked on" name="sourceAsOf" type="date" defaultValue={value("sourceAsOf")} errors={fieldErrors?.sourceAsOf} />
      </div>
      <TextField label="Notes" name="notes" defaultValue={value("notes")} errors={fieldErrors?.notes} />
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{vendor ? "Save vendor" : "Add vendor"}</SubmitButton>
        <Link href={`/${orgSlug}/inventory/vendors`} className={buttonClass("secondary")}>
          {vendor ? "Back to vendors" : "Cancel"}
        </Link>
      </div>
    </form>
  );
}
