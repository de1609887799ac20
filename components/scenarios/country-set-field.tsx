"use client";
import { useId } from "react";
import type { CountrySet } from "@/scoring/schema/primitives";
import { Button } from "@/components/ui/button";

/** The 27 EU member states (ISO 3166-1 alpha-2), the most common "region" in a shock. */
export const EU_MEMBER_STATES = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"];

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500";

/** Comma or space separated country codes, upper-cased, without duplicates. */
export const parseCodes = (text: string) => [...new Set(text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];

export type CountrySetDraft = { mode: "only" | "allExcept"; codes: string };

export const toCountrySet = (d: CountrySetDraft): CountrySet => (d.mode === "only" ? { only: parseCodes(d.codes) } : { allExcept: parseCodes(d.codes) });

/**
 * A set of countries as the engine wants it: the listed countries, or every country except
 * them. Codes are typed (comma-separated), with shortcuts for the EU and the organisation's
 * office countries.
 */
export function CountrySetField({ label, value, onChange, officeCountries, hint }: { label: string; value: CountrySetDraft; onChange: (v: CountrySetDraft) => void; officeCountries: string[]; hint?: string }) {
  const id = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-mode`} className="sr-only">
          {label}: which countries
        </label>
        <select id={`${id}-mode`} value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value as CountrySetDraft["mode"] })} className={`${inputClass} w-auto`}>
          <option value="only">Only these countries</option>
          <option value="allExcept">Every country except</option>
        </select>
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange({ ...value, codes: EU_MEMBER_STATES.join(", ") })}>
          EU member states
        </Button>
        {officeCountries.length > 0 && (
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange({ ...value, codes: officeCountries.join(", ") })}>
            Our office countries
          </Button>
        )}
      </div>
      <label htmlFor={`${id}-codes`} className="block text-xs text-slate-600">
        {label}: country codes
      </label>
      <input id={`${id}-codes`} value={value.codes} onChange={(e) => onChange({ ...value, codes: e.target.value })} placeholder="e.g. DE, FR, NL" aria-describedby={`${id}-hint`} className={inputClass} />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint ?? "ISO codes separated by commas."} {value.mode === "allExcept" && value.codes.trim() === "" ? "Empty: every country." : ""}
      </p>
    </fieldset>
  );
}
