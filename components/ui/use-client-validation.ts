"use client";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { formValues, type ActionState } from "@/lib/action-state";

/**
 * Checks a form with the same zod schema the server action uses before it is sent, so field
 * errors appear at once; the server still validates. Errors from the latest server answer show
 * until the next submit.
 */
export function useClientValidation(schema: z.ZodType, state: ActionState) {
  const [local, setLocal] = useState<Record<string, string[]> | undefined>();
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setLocal(undefined);
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const result = schema.safeParse(formValues(new FormData(e.currentTarget)));
    if (result.success) {
      setLocal(undefined);
      return;
    }
    e.preventDefault();
    setLocal(z.flattenError(result.error).fieldErrors as Record<string, string[]>);
  };
  const fieldErrors = local ?? (state.status === "error" ? state.fieldErrors : undefined);
  return { fieldErrors, onSubmit };
}
