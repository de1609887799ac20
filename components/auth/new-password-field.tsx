"use client";
import { useEffect, useId, useRef, useState } from "react";
import { TextField } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import type { PasswordAssessment, PasswordContext } from "@/lib/auth/password-policy";

type Assess = (password: string, context: PasswordContext) => PasswordAssessment;

// The policy and its ~1 MB of dictionaries load when someone first types a new password, not with the page.
let loading: Promise<Assess> | undefined;
const loadAssess = () => (loading ??= import("@/lib/auth/password-policy").then((m) => m.assessPassword));

const BAR = ["bg-red-500", "bg-red-500", "bg-amber-500", "bg-emerald-500", "bg-emerald-600"] as const;

/**
 * A new-password input with a strength meter that judges as the user types, with the same rules
 * the server applies (lib/auth/password-policy.ts). The person's name and email come from
 * `context`, or from the form's `name` and `email` fields while they are being typed.
 */
export function NewPasswordField({
  label,
  name,
  errors,
  hint = `At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well`,
  context,
}: {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  context?: PasswordContext;
}) {
  const meterId = useId();
  const [value, setValue] = useState("");
  const [formContext, setFormContext] = useState<PasswordContext>({});
  const [assessment, setAssessment] = useState<PasswordAssessment | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // By value: a new `context` object on each render must not start another judgement.
  const fixedContext = JSON.stringify(context ?? {});

  useEffect(() => {
    clearTimeout(timer.current);
    if (value.length < MIN_PASSWORD_LENGTH) return;
    let current = true;
    // Judging takes up to a few hundred ms: wait for a pause in typing.
    timer.current = setTimeout(() => {
      void loadAssess().then((assess) => {
        if (current) setAssessment(assess(value, { ...formContext, ...(JSON.parse(fixedContext) as PasswordContext) }));
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer.current);
    };
  }, [value, formContext, fixedContext]);

  // React empties a form after its action ran: the meter must forget what was typed too.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = wrapper.current?.closest("form");
    const forget = () => {
      setValue("");
      setAssessment(null);
    };
    form?.addEventListener("reset", forget);
    return () => form?.removeEventListener("reset", forget);
  }, []);

  const onInput = (e: React.FormEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    setValue(input.value);
    if (input.value.length < MIN_PASSWORD_LENGTH) setAssessment(null);
    const field = (n: string) => {
      const el = input.form?.elements.namedItem(n);
      return el instanceof HTMLInputElement ? el.value : undefined;
    };
    setFormContext({ name: field("name"), email: field("email"), organisationName: field("organisationName") });
    if (!loading) void loadAssess(); // start fetching the dictionaries while the first characters are typed
  };

  const shown = value.length >= MIN_PASSWORD_LENGTH ? assessment : null;
  return (
    <div ref={wrapper}>
      <TextField label={label} name={name} type="password" autoComplete="new-password" required hint={hint} errors={errors} onInput={onInput} />
      <div id={meterId} role="status" aria-live="polite" className="mt-2 min-h-5 text-xs text-slate-600">
        {value.length > 0 && value.length < MIN_PASSWORD_LENGTH && (
          <p>
            Too short: {value.length} of at least {MIN_PASSWORD_LENGTH} characters
          </p>
        )}
        {shown && (
          <>
            <div aria-hidden className="mb-1 flex gap-1">
              {[0, 1, 2, 3].map((i) => (
                <span key={i} className={cn("h-1.5 flex-1 rounded-full", i < Math.max(1, shown.score) ? BAR[shown.score] : "bg-slate-200")} />
              ))}
            </div>
            <p>
              Strength: <strong className="font-medium text-slate-800">{shown.label}</strong>
              {shown.acceptable ? "" : " (not accepted)"}
            </p>
            {!errors?.length && shown.problems.length > 0 && (
              <ul className="mt-1 list-disc space-y-0.5 pl-4 text-red-700">
                {shown.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
