"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ZodType, flattenError } from "zod";
import { formValues, type ActionState } from "@/lib/action-state";

/**
 * Where the keyboard goes after an answer, so focus is never lost to the page's top: the first
 * field in error, else the form's message (an error alert, or the "saved" status).
 */
export function focusAnswer(form: HTMLFormElement | null): void {
  if (!form?.isConnected) return;
  const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  const message = form.querySelector<HTMLElement>('[role="alert"], [role="status"]');
  const target = field ?? message;
  if (!target) return;
  if (target === message && !target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.focus();
}

/**
 * Loads a form's zod schema: `() => import("@/lib/…/schemas").then((m) => m.fooSchema)`. A static
 * import would put zod (about 31 kB gzipped) into the first load of every page with a form; loaded
 * this way it arrives just after the page is up (docs/decisions/051). Keep the function stable
 * (module level, or useCallback when it depends on props): a new one loads the schema again.
 */
export type SchemaLoader = () => Promise<ZodType>;

interface Validator {
  schema: ZodType;
  flattenError: typeof flattenError;
}

/**
 * Checks a form with the same zod schema the server action uses before it is sent, so field
 * errors appear at once; the server still validates. The schema loads once the form is on the
 * page; a form sent before it has arrived (or when it cannot load) goes to the server unchecked,
 * which answers with the same field errors. Errors from the latest server answer show
 * until the next submit. After either kind of answer focus moves to the first field in error or
 * to the form's message (`formRef` goes on the <form>; a form keyed by its answer is a new
 * element, which the ref follows).
 */
export function useClientValidation(loadSchema: SchemaLoader, state: ActionState) {
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useRef(state);
  const validator = useRef<Validator | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([loadSchema(), import("zod")]).then(
      ([schema, zod]) => {
        if (live) validator.current = { schema, flattenError: zod.flattenError };
      },
      () => {}, // offline or a stale build: the server validates the form instead
    );
    return () => {
      live = false;
    };
  }, [loadSchema]);
  useEffect(() => {
    if (state === initial.current || state.status === "idle") return;
    focusAnswer(formRef.current);
  }, [state]);
  const [local, setLocal] = useState<Record<string, string[]> | undefined>();
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setLocal(undefined);
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const v = validator.current;
    if (!v) return;
    const result = v.schema.safeParse(formValues(new FormData(e.currentTarget)));
    if (result.success) {
      setLocal(undefined);
      return;
    }
    e.preventDefault();
    setLocal(v.flattenError(result.error).fieldErrors as Record<string, string[]>);
    const form = e.currentTarget;
    requestAnimationFrame(() => focusAnswer(form)); // once the errors are rendered
  };
  const fieldErrors = local ?? (state.status === "error" ? state.fieldErrors : undefined);
  return { fieldErrors, onSubmit, formRef };
}
