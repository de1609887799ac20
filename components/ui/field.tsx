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

/** The label above a control and its hint or error below; `control` gets the id and the ARIA links. */
function Labelled({ label, errors, hint, className, control }: Omit<FieldShell, "name"> & { className?: string; control: (a11y: { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined }) => React.ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {control({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy(id, errors, hint) })}
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** A labelled input with its field error, linked for screen readers. */
export function TextField({ label, name, errors, hint, className, ...input }: FieldShell & React.InputHTMLAttributes<HTMLInputElement>) {
  return <Labelled label={label} errors={errors} hint={hint} className={className} control={(a11y) => <input name={name} {...input} {...a11y} className={cn("mt-1", inputClass)} />} />;
}

/** A labelled multi-line text box (descriptions, notes), with its field error linked like TextField's. */
export function TextAreaField({ label, name, errors, hint, className, rows = 3, ...input }: FieldShell & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Labelled label={label} errors={errors} hint={hint} className={className} control={(a11y) => <textarea name={name} rows={rows} {...input} {...a11y} className={cn("mt-1", inputClass)} />} />;
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  className,
  ...select
}: FieldShell & { options: readonly { value: string; label: string; group?: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  // Options with a group go under an <optgroup> of that name, in the order the groups first appear.
  const loose = options.filter((o) => o.group === undefined);
  const groups = [...new Set(options.flatMap((o) => (o.group === undefined ? [] : [o.group])))];
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <Labelled
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      control={(a11y) => (
        <select name={name} {...select} {...a11y} className={cn("mt-1", inputClass)}>
          {loose.map(option)}
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {options.filter((o) => o.group === g).map(option)}
            </optgroup>
          ))}
        </select>
      )}
    />
  );
}
