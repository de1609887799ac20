"use client";
import { useId } from "react";
import type { CountrySet } from "@/scoring/schema/primitives";
import countrySetsFile from "@/scoring/catalogue/country-sets.json";
import { Button } from "@/components/ui/button";
import { formatDay } from "@/lib/dates";

/** The catalogue's named, dated country sets (scoring/catalogue/country-sets.json), in its order. */
export const NAMED_COUNTRY_SETS: readonly { key: string; name: string; countries: readonly string[]; asOf: string; source: string }[] = countrySetsFile.sets;

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500";

/** Comma or space separated country codes, upper-cased, without duplicates. */
export const parseCodes = (text: string) => [...new Set(text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];

/** A country set as the form edits it: typed codes and the named sets ticked. */
export type CountrySetDraft = { mode: "only" | "allExcept"; codes: string; sets: string[] };

export const EMPTY_COUNTRY_SET_DRAFT: CountrySetDraft = { mode: "only", codes: "", sets: [] };

/**
 * The draft as the engine's country set (named sets in the catalogue's order, `sets` left out when none).
 *
 * @example toCountrySet({ mode: "only", codes: "ca, MX", sets: ["us-key-allies"] }) //=> { only: ["CA", "MX"], sets: ["us-key-allies"] }
 */
export function toCountrySet(d: CountrySetDraft): CountrySet {
  const codes = parseCodes(d.codes);
  const sets = NAMED_COUNTRY_SETS.map((s) => s.key).filter((k) => d.sets.includes(k));
  const named = sets.length ? { sets } : {};
  return d.mode === "only" ? { only: codes, ...named } : { allExcept: codes, ...named };
}

/**
 * The inverse of {@link toCountrySet}: a stored set as the form's draft.
 *
 * @example toCountrySetDraft({ allExcept: ["US"], sets: ["us-key-allies"] }) //=> { mode: "allExcept", codes: "US", sets: ["us-key-allies"] }
 */
export function toCountrySetDraft(set: CountrySet): CountrySetDraft {
  return "only" in set ? { mode: "only", codes: set.only.join(", "), sets: set.sets ?? [] } : { mode: "allExcept", codes: set.allExcept.join(", "), sets: set.sets ?? [] };
}

/** True when the draft names no country and no set: "only nobody" or "every country except nobody". */
export const isEmptyCountrySetDraft = (d: CountrySetDraft) => parseCodes(d.codes).length === 0 && d.sets.length === 0;

/**
 * A set of countries as the engine wants it: the listed countries and named sets, or every
 * country except them. Codes are typed (comma-separated); the catalogue's named sets ("US key
 * allies and partners", "EU member states") are toggle buttons, each with its size, date and
 * source; the organisation's office countries are a shortcut that fills the codes.
 */
export function CountrySetField({ label, value, onChange, officeCountries, hint }: { label: string; value: CountrySetDraft; onChange: (v: CountrySetDraft) => void; officeCountries: string[]; hint?: string }) {
  const id = useId();
  const toggle = (key: string) => onChange({ ...value, sets: value.sets.includes(key) ? value.sets.filter((k) => k !== key) : [...value.sets, key] });
  const chosen = NAMED_COUNTRY_SETS.filter((s) => value.sets.includes(s.key));
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
        {officeCountries.length > 0 && (
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange({ ...value, codes: officeCountries.join(", ") })}>
            Our office countries
          </Button>
        )}
      </div>
      <div role="group" aria-label={`${label}: country sets from the catalogue`} className="flex flex-wrap gap-2">
        {NAMED_COUNTRY_SETS.map((s) => {
          const on = value.sets.includes(s.key);
          return (
            <Button
              key={s.key}
              variant={on ? "primary" : "secondary"}
              className="px-2 py-1 text-xs"
              aria-pressed={on}
              aria-describedby={`${id}-${s.key}-about`}
              title={`${s.countries.length} countries as of ${formatDay(s.asOf)}. Source: ${s.source}`}
              onClick={() => toggle(s.key)}
            >
              <span aria-hidden="true">{on ? "✓" : "+"}</span>
              {s.name}
            </Button>
          );
        })}
      </div>
      <div className="sr-only">
        {NAMED_COUNTRY_SETS.map((s) => (
          <span key={s.key} id={`${id}-${s.key}-about`}>
            {s.countries.length} countries as of {formatDay(s.asOf)}; source: {s.source}
          </span>
        ))}
      </div>
      {chosen.length > 0 && (
        <ul className="space-y-0.5 text-xs text-slate-600">
          {chosen.map((s) => (
            <li key={s.key}>
              Includes {s.name}: {s.countries.length} countries as of <time dateTime={s.asOf}>{formatDay(s.asOf)}</time> ({s.source}).
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-codes`} className="block text-xs text-slate-600">
        {label}: country codes
      </label>
      <input id={`${id}-codes`} value={value.codes} onChange={(e) => onChange({ ...value, codes: e.target.value })} placeholder="e.g. DE, FR, NL" aria-describedby={`${id}-hint`} className={inputClass} />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint ?? "ISO codes separated by commas, in addition to the named sets chosen."} {value.mode === "allExcept" && isEmptyCountrySetDraft(value) ? "Empty: every country." : ""}
      </p>
    </fieldset>
  );
}
