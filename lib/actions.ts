import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireOrg, requireUser, type CurrentUser } from "@/lib/auth/context";
import type { OrgContext } from "@/lib/auth/org-context";
import type { Permission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { formValues, type ActionState } from "@/lib/action-state";

export type { ActionState };

function failure(e: unknown, values: Record<string, string | string[]>): ActionState {
  unstable_rethrow(e); // redirect() and notFound() are not errors
  if (e instanceof z.ZodError) {
    const { fieldErrors } = z.flattenError(e) as { fieldErrors: Record<string, string[]> };
    return { status: "error", code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors, values };
  }
  if (isAppError(e)) {
    const fieldErrors = e.details?.fieldErrors as Record<string, string[]> | undefined;
    return { status: "error", code: e.code, message: e.message, fieldErrors, values, details: e.details };
  }
  const requestId = randomUUID().slice(0, 8);
  console.error(`[action] unexpected error, reference ${requestId}:`, e);
  return { status: "error", code: "INTERNAL", message: `Something went wrong on our side (reference ${requestId}). Nothing was saved.`, values };
}

/**
 * A form action inside an organisation. It resolves the session and membership itself and
 * checks the permission before validating input: the page that rendered the form is no guard.
 * The organisation comes from the form's `org` field; the role never comes from the client.
 */
export function orgAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (ctx: OrgContext, input: z.infer<S>) => Promise<ActionState<T> | void>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const ctx = await requireOrg(String(values.org ?? ""), permission);
      const input = schema.parse(values);
      return (await run(ctx, input)) ?? { status: "success" };
    } catch (e) {
      return failure(e, values);
    }
  };
}

/** A form action for a signed-in user outside any organisation. */
export function userAction<S extends z.ZodType, T>(schema: S, run: (user: CurrentUser, input: z.infer<S>) => Promise<ActionState<T> | void>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const user = await requireUser();
      return (await run(user, schema.parse(values))) ?? { status: "success" };
    } catch (e) {
      return failure(e, values);
    }
  };
}

/** A form action open to anyone (sign-in, first run, accepting an invitation with a new account). */
export function publicAction<S extends z.ZodType, T>(schema: S, run: (input: z.infer<S>) => Promise<ActionState<T> | void>) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    // Never echo a password back to the browser.
    const safeValues = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
    try {
      return (await run(schema.parse(values))) ?? { status: "success" };
    } catch (e) {
      return failure(e, safeValues);
    }
  };
}
