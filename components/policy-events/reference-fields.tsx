"use client";
import type { Reference } from "@/scoring/schema/policy-event";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

/** A reference as the form edits it: every field as typed, blank for "not given". */
export type ReferenceDraft = { publisher: string; title: string; url: string; note: string };

const EMPTY: ReferenceDraft = { publisher: "", title: "", url: "", note: "" };

/** Stored references as drafts. */
export const toReferenceDrafts = (refs: readonly Reference[] | undefined): ReferenceDraft[] =>
  (refs ?? []).map((r) => ({ publisher: r.publisher ?? "", title: r.title, url: r.url ?? "", note: r.note ?? "" }));

/**
 * The drafts as the engine's references: trimmed, blank fields left out, rows left entirely blank
 * dropped. A row without a title is kept (without one), so the server says which row needs it.
 */
export function toReferences(drafts: readonly ReferenceDraft[]): Partial<Reference>[] {
  return drafts
    .map((d) => ({ publisher: d.publisher.trim(), title: d.title.trim(), url: d.url.trim(), note: d.note.trim() }))
    .filter((d) => d.publisher || d.title || d.url || d.note)
    .map((d) => ({ ...(d.publisher ? { publisher: d.publisher } : {}), ...(d.title ? { title: d.title } : {}), ...(d.url ? { url: d.url } : {}), ...(d.note ? { note: d.note } : {}) }));
}

/** The published texts an event rests on: publisher (optional), title, web address, note. */
export function ReferenceFields({ value, onChange, errors }: { value: ReferenceDraft[]; onChange: (v: ReferenceDraft[]) => void; errors?: string[] }) {
  const set = (i: number, change: Partial<ReferenceDraft>) => onChange(value.map((d, j) => (j === i ? { ...d, ...change } : d)));
  return (
    <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold text-slate-900">References (the published texts it rests on)</legend>
      {value.length === 0 && <p className="text-xs text-slate-500">None yet. Add the notice, rule or press report the event rests on.</p>}
      {value.map((d, i) => (
        <fieldset key={i} className="space-y-3 rounded-md bg-slate-50 p-3">
          <legend className="text-sm font-medium text-slate-800">Reference {i + 1}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={`Reference ${i + 1}: title`} name={`_reference${i}_title`} value={d.title} onChange={(e) => set(i, { title: e.target.value })} maxLength={500} />
            <TextField label={`Reference ${i + 1}: publisher`} name={`_reference${i}_publisher`} value={d.publisher} onChange={(e) => set(i, { publisher: e.target.value })} maxLength={200} hint="Leave blank when the copy you hold does not say." />
          </div>
          <TextField label={`Reference ${i + 1}: web address`} name={`_reference${i}_url`} type="url" value={d.url} onChange={(e) => set(i, { url: e.target.value })} maxLength={2000} hint="Optional: https://…" />
          <TextField label={`Reference ${i + 1}: note`} name={`_reference${i}_note`} value={d.note} onChange={(e) => set(i, { note: e.target.value })} maxLength={1000} hint="Optional: what the text says that the event rests on." />
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove reference {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onChange([...value, EMPTY])}>
        Add a reference
      </Button>
      {errors?.length ? (
        <p className="text-xs text-red-700" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
