import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireOrg, requirePractice, requireUser, type CurrentUser } from "@/lib/auth/context";
import type { PracticeContext } from "@/lib/auth/practice-context";
import type { PracticePermission } from "@/lib/auth/practice-permissions";
import type { OrgContext } from "@/lib/auth/org-context";
import type { Permission } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import { formValues, type ActionState } from "@/lib/action-state";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/database-unavailable";
import { findUnsafeText } from "@/lib/text";
import { log } from "@/lib/log";

export type { ActionState };

/** Never echo a password or a secret (an IdP's client secret) back to the browser in a failed form's values. */
function withoutSecrets(values: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password|secret/i.test(k)));
}

function failure(e: unknown, submitted: Record<string, string | string[]>): ActionState {
  unstable_rethrow(e); // redirect() and notFound() are not errors
  const values = withoutSecrets(submitted);
  if (e instanceof z.ZodError) {
    const { fieldErrors } = z.flattenError(e) as { fieldErrors: Record<string, string[]> };
    return { status: "error", code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors, values };
  }
  if (isAppError(e)) {
    const fieldErrors = e.details?.fieldErrors as Record<string, string[]> | undefined;
    return { status: "error", code: e.code, message: e.message, fieldErrors, values, details: e.details };
  }
  if (isDatabaseUnavailable(e)) {
    log.error("server action: the database is unavailable", { error: e instanceof Error ? e.message.trim().split("\n").at(-1) : String(e) });
    return { status: "error", code: "UNAVAILABLE", message: `${DATABASE_UNAVAILABLE_MESSAGE} Nothing was saved.`, values };
  }
  const requestId = randomUUID().slice(0, 8);
  // The reference people are given, in the log line that also carries the request's id.
  log.error("server action: unexpected error", { reference: requestId, error: e });
  return { status: "error", code: "INTERNAL", message: `Something went wrong on our side (reference ${requestId}). Nothing was saved.`, values };
}

/**
 * The net under every form's schema: a field with text that nothing may hold (NUL, control
 * characters, lone surrogates; lib/text.ts) is refused by name, whatever the schema says of it
 * (hidden JSON fields, ids). It runs first, so that none of it reaches the database, not even
 * in the organisation's slug that the permission check looks up; it says nothing about the data.
 */
function refuseUnsafeText(values: Record<string, string | string[]>): void {
  const issues = findUnsafeText(values);
  if (issues.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of issues) (fieldErrors[String(path[0] ?? "form")] ??= []).push(message);
  throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors });
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
      refuseUnsafeText(values);
      const ctx = await requireOrg(String(values.org ?? ""), permission);
      const input = schema.parse(values);
      return (await run(ctx, input)) ?? { status: "success" };
    } catch (e) {
      return failure(e, values);
    }
  };
}

/**
 * A form action inside a practice (decision 037), like `orgAction`: the session, the practice
 * membership and the practice permission are checked here, from the form's `practice` field.
 */
export function practiceAction<S extends z.ZodType, T>(
  permission: PracticePermission,
  schema: S,
  /** `formData` is there for a file field (a logo), which the schema does not see. */
  run: (ctx: PracticeContext, input: z.infer<S>, formData: FormData) => Promise<ActionState<T> | void>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      refuseUnsafeText(values);
      const ctx = await requirePractice(String(values.practice ?? ""), permission);
      const input = schema.parse(values);
      return (await run(ctx, input, formData)) ?? { status: "success" };
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
      refuseUnsafeText(values);
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
    try {
      refuseUnsafeText(values);
      return (await run(schema.parse(values))) ?? { status: "success" };
    } catch (e) {
      return failure(e, values);
    }
  };
}
