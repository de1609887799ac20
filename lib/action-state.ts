// What a form's server action answers, shared by server actions and client forms.

export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: T }
  | {
      status: "error";
      message: string;
      code: string;
      fieldErrors?: Record<string, string[]>;
      /** What was submitted (never passwords), so the form keeps what was typed. */
      values?: Record<string, string | string[]>;
      details?: Record<string, unknown>;
    };

export const idle: ActionState = { status: "idle" };

/** FormData to a plain object; repeated keys become arrays. Next's internal `$ACTION_` keys are dropped. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

/** A submitted value as a string, for defaultValue. */
export function submitted(state: ActionState, name: string): string | undefined {
  if (state.status !== "error" || !state.values) return undefined;
  const v = state.values[name];
  return Array.isArray(v) ? v.join(", ") : v;
}
