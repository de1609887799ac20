import { z } from "zod";

// The bodies the SCIM endpoint accepts (RFC 7643 User and Group, RFC 7644 PatchOp). Attributes
// Sovra does not keep (title, phone numbers, the enterprise extension, Okta's password, …) are
// accepted and ignored: identity providers send their whole attribute mapping, and refusing an
// unknown attribute would stop provisioning for a field nobody needs here.

/** SCIM booleans as identity providers send them: true, or "True" (Entra ID). */
export const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false"], { error: 'must be true or false' }))
    .transform((v) => v === "true"),
]);

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const USER_NAME_MAX = 320;

const nameSchema = z.looseObject({ givenName: optionalText(200), familyName: optionalText(200) });
const emailSchema = z.looseObject({ value: z.string().max(USER_NAME_MAX).optional(), type: z.string().max(50).nullish(), primary: scimBoolean.nullish() });

/** A User as POST and PUT send it. `active` absent: created active, and left as it is by PUT. */
export const userBodySchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: text(USER_NAME_MAX).min(1, "is required"),
  externalId: optionalText(500),
  displayName: optionalText(300),
  name: nameSchema.nullish(),
  emails: z.array(emailSchema).max(50).nullish(),
  active: scimBoolean.optional(),
});
export type UserBody = z.output<typeof userBodySchema>;

const memberSchema = z.looseObject({ value: z.string().trim().min(1, "is required").max(100), type: z.string().max(50).nullish() });

/** A Group as POST and PUT send it. `members` absent on PUT: the members stay as they are. */
export const groupBodySchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  displayName: text(256).min(1, "is required"),
  externalId: optionalText(500),
  members: z.array(memberSchema).max(50_000).nullish(),
});
export type GroupBody = z.output<typeof groupBodySchema>;

export const patchOperationSchema = z.looseObject({
  op: z.string().max(20),
  path: z.string().max(1000).optional(),
  value: z.unknown().optional(),
});
export type PatchOperation = z.output<typeof patchOperationSchema>;

export const patchBodySchema = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z.array(patchOperationSchema).min(1, "needs at least one operation").max(1000, "at most 1000 operations per request"),
});
