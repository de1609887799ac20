import { useId } from "react";
import { cn } from "./cn";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600 disabled:ring-slate-200";

type FieldShell = { label: string; name: string; errors?: string[]; hint?: string };

function Messages({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  return (
    <>
      {hint && !errors?.length && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, errors?: string[], hint?: string) {
  return errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** A labelled input with its field error, linked for screen readers. */
export function TextField({ label, name, errors, hint, className, ...input }: FieldShell & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={name} {...input} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} className={cn("mt-1", inputClass)} />
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** A labelled multi-line text box (descriptions, notes), with its field error linked like TextField's. */
export function TextAreaField({ label, name, errors, hint, className, rows = 3, ...input }: FieldShell & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea id={id} name={name} rows={rows} {...input} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} className={cn("mt-1", inputClass)} />
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  className,
  ...select
}: FieldShell & { options: readonly { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={name} {...select} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, errors, hint)} className={cn("mt-1", inputClass)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}
