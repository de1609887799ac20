/**
 * The offices an AI system serves, as checkboxes named `officeIds`: the AI system form, the
 * workshop's one-step capture and the questionnaire's review. `checked` are the ticked ones (after
 * a refusal, those that were ticked); `emptyNote` says what to do when there is no office yet, or
 * the fieldset is left out when it is absent.
 */
export function OfficeCheckboxes({ offices, checked, errors, emptyNote }: { offices: { id: string; name: string }[]; checked: Iterable<string>; errors?: string[]; emptyNote?: string }) {
  if (offices.length === 0 && !emptyNote) return null;
  const ticked = new Set(checked);
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Offices served</legend>
      {offices.length === 0 && <p className="mt-1 text-xs text-slate-500">{emptyNote}</p>}
      <div className="mt-1 grid gap-1 sm:grid-cols-3">
        {offices.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="officeIds" value={o.id} defaultChecked={ticked.has(o.id)} className="size-4 rounded border-slate-300" />
            {o.name}
          </label>
        ))}
      </div>
      {errors?.length ? <p className="mt-1 text-xs text-red-700">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}
